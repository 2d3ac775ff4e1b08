import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { QueueEvents } from 'bullmq';
import type { Command } from 'commander';
import { parseReport } from '@jxaudit/model';
import { expandInputs, hashFound, requireDirectory } from '../files.ts';
import { EXIT } from '../exit.ts';
import { EmbeddedEngine } from '../engine/embedded.ts';
import { RedisEngine, redisConnection } from '../engine/bullmq.ts';
import { readFailed, readProcessed } from '../engine/records.ts';
import { isConnectionError, redisUnavailable, type RedisLink } from '../engine/redis-link.ts';
import { INGEST_QUEUE, SCORE_QUEUE, type Engine, type IngestJobData } from '../engine/types.ts';
import type { EmbeddedScoreScheduler } from '../engine/score-scheduler.ts';
import { arrivalOverdue, findArrival } from '../submissions/arrivals.ts';
import { rebuildBatchIndex } from '../report/write.ts';
import type { Logger } from '../log.ts';
import { loadProfile } from '../profile.ts';
import { loadTemplates } from '../templates.ts';
import { createProgress, type Counts } from './progress.ts';
import type { CliIo } from '../cli.ts';
import { addServiceOptions, createRuntime, loggerFor, positiveInt, redisWaitMs, settleMs, type ServiceOptions } from './runtime.ts';

export interface EnqueueSummary {
  found: number;
  queued: number;
  processed: number;
  failed: number;
  skipped: number;
  /** Files whose bytes equal another file's of this run: one report serves them. */
  duplicates: number;
  /** Processed, but no form was recognised. */
  noForm: number;
  findings: { errors: number; warnings: number; infos: number };
  failures: { file: string; code: string; message: string }[];
}

export function registerEnqueue(program: Command, io: CliIo): void {
  const cmd = program
    .command('enqueue')
    .description('批量检查 DIR 下尚未处理的全部文件 / bulk: every file below DIR not processed yet')
    .argument('<dir>')
    .requiredOption('--out <dir>', 'report folder')
    .option('--profile <name|file>', 'scoring profile')
    .option('--templates <file>', 'templates file: words added to the recogniser\'s (YAML)')
    .option('--no-wait', 'with --redis: queue the jobs and return without waiting')
    .option('--json', 'print the summary as JSON')
    .option('--settle <seconds>', 'a submission is checked once none of its files has been read for this long', '5')
    .option('--idle-warn-ms <ms>', 'with --redis: say so when no worker has taken a job for this long', '30000');
  addServiceOptions(cmd).action(async (dir: string, opts: ServiceOptions & { out: string; profile?: string; templates?: string; wait: boolean; json?: boolean; idleWarnMs: string; settle: string }) => {
    const log = loggerFor(opts);
    const settle = settleMs(opts.settle);
    const out = resolve(opts.out);
    await requireDirectory(dir);
    await loadProfile(opts.profile);
    await loadTemplates(opts.templates);
    const waitMs = redisWaitMs(opts);
    const idleWarnMs = positiveInt(opts.idleWarnMs, 30_000, 'idle-warn-ms');
    const files = await expandInputs([dir], { exclude: [out] });
    const summary: EnqueueSummary = { found: files.length, queued: 0, processed: 0, failed: 0, skipped: 0, duplicates: 0, noForm: 0, findings: { errors: 0, warnings: 0, infos: 0 }, failures: [] };
    const jobs = new Map<string, IngestJobData>();
    for (const f of files) {
      const hashed = await hashFound(f);
      if ('refused' in hashed) {
        // Not read, not queued, and said so: a link, a pipe, a format not read, a file gone.
        summary.failed++;
        summary.failures.push({ file: f.path, code: hashed.refused.code, message: hashed.refused.message });
        log.warn({ file: f.path, code: hashed.refused.code }, 'not queued: the file cannot be read');
        continue;
      }
      const { sha256 } = hashed;
      if (await readProcessed(out, sha256)) summary.skipped++;
      else if (jobs.has(sha256)) summary.duplicates++;
      else jobs.set(sha256, { path: resolve(f.path), sha256, out, relative: f.relative, settleMs: settle, ...(opts.profile ? { profile: opts.profile } : {}), ...(opts.templates ? { templates: resolve(opts.templates) } : {}) });
    }
    log.info({ dir, found: files.length, toQueue: jobs.size, skipped: summary.skipped, refused: summary.failed }, 'walked');

    const rt = opts.redis ? null : createRuntime(opts, log);
    const engine: Engine = opts.redis
      ? await RedisEngine.open(opts.redis, { waitMs, log })
      : new EmbeddedEngine((data) => rt!.process(data), { concurrency: rt!.concurrency, log });
    // Subscribed before the first job is added, so that no outcome is missed.
    const events = engine instanceof RedisEngine && opts.wait ? await subscribeRedis(engine, opts.redis!, log) : subscribeEmbedded(engine, rt?.scheduler ?? null);
    try {
      for (const job of jobs.values()) {
        await addWhileReachable(engine, job, waitMs, opts.redis);
        summary.queued++;
      }
      log.info({ queued: summary.queued, engine: engine.kind }, 'queued');
      if (opts.redis && !opts.wait) {
        writeSummary(summary, !!opts.json, false, out);
        io.setExit(summary.failed > 0 ? EXIT.unread : EXIT.ok);
        return;
      }
      if (!opts.redis && !opts.wait) log.info('--no-wait needs --redis; the embedded engine runs here, waiting');
      await waitAll(engine, events, jobs, summary, log, { quiet: !!opts.quiet, idleWarnMs });
      await rt?.index.flush();
      await rebuildBatchIndex(out, opts.lang);
      writeSummary(summary, !!opts.json, true, out);
    } finally {
      await events.close();
      if (engine instanceof EmbeddedEngine) await engine.close(positiveInt(opts.shutdownMs, 30_000, 'shutdown-ms'));
      else await engine.close();
      await rt?.close();
    }
    io.setExit(summary.failed > 0 ? EXIT.unread : EXIT.ok);
  });
}

/** What the waiting loop hears from the engine: a job taken by a worker, a job settled. */
interface JobEvents {
  /** `scored`: a submission was scored (its documents' records are written): look at every open file. */
  listen(listener: (e: { sha256: string | null; kind: 'active' | 'settled' | 'scored'; shas?: string[] }) => void): void;
  /** Workers connected to the queue (null: unknown, or not a queue with workers). */
  workers(): Promise<number | null>;
  close(): Promise<void>;
}

/** The documents a jx-score job processed, from its return value (ProcessOutcome[]); undefined when unknown. */
function shasOf(returnvalue: unknown): string[] | undefined {
  try {
    const value = typeof returnvalue === 'string' ? JSON.parse(returnvalue) : returnvalue;
    return Array.isArray(value) ? value.map((o: { sha256?: unknown }) => String(o?.sha256 ?? '')).filter(Boolean) : undefined;
  } catch {
    return undefined;
  }
}

const shaOfJob = (jobId: string | undefined) => (jobId?.startsWith('doc-') ? jobId.slice(4) : null);

/** BullMQ queue events of jx-ingest, on a connection of their own (a blocking read). */
async function subscribeRedis(engine: RedisEngine, url: string, log: Logger): Promise<JobEvents> {
  const connection = redisConnection(url, 'worker');
  engine.link?.watch(connection);
  const scoreConnection = redisConnection(url, 'worker');
  engine.link?.watch(connection);
  engine.link?.watch(scoreConnection);
  const qe = new QueueEvents(INGEST_QUEUE, { connection });
  const se = new QueueEvents(SCORE_QUEUE, { connection: scoreConnection });
  qe.on('error', () => {});
  se.on('error', () => {});
  await Promise.all([qe.waitUntilReady(), se.waitUntilReady()]);
  return {
    listen(listener) {
      qe.on('active', ({ jobId }) => listener({ sha256: shaOfJob(jobId), kind: 'active' }));
      qe.on('completed', ({ jobId }) => listener({ sha256: shaOfJob(jobId), kind: 'settled' }));
      qe.on('failed', ({ jobId }) => listener({ sha256: shaOfJob(jobId), kind: 'settled' }));
      se.on('active', () => listener({ sha256: null, kind: 'active' }));
      se.on('completed', ({ returnvalue }) => listener({ sha256: null, kind: 'scored', shas: shasOf(returnvalue) }));
      se.on('failed', () => listener({ sha256: null, kind: 'scored' }));
    },
    workers: () => engine.queue.getWorkersCount().catch(() => null),
    async close() {
      await Promise.race([Promise.all([qe.close(), se.close()]), new Promise((r) => setTimeout(r, 1000).unref())]).catch((err: Error) => log.debug({ err: err.message }, 'closing queue events'));
      connection.disconnect();
      scoreConnection.disconnect();
    },
  };
}

function subscribeEmbedded(engine: Engine, scheduler: EmbeddedScoreScheduler | null): JobEvents {
  const offs: (() => void)[] = [];
  return {
    listen(listener) {
      if (engine instanceof EmbeddedEngine) offs.push(engine.onSettled((s) => listener({ sha256: s.data.sha256, kind: 'settled' })));
      if (scheduler) offs.push(scheduler.onScored((e) => listener({ sha256: null, kind: 'scored', shas: e.error ? undefined : e.outcomes.map((o) => o.sha256) })));
    },
    workers: async () => null,
    async close() {
      for (const off of offs) off();
    },
  };
}

const linkOf = (engine: Engine): RedisLink | null => (engine instanceof RedisEngine ? engine.link : null);

/** Adds a job; while Redis is away, tries again for up to `waitMs`, then CliError 69. */
async function addWhileReachable(engine: Engine, job: IngestJobData, waitMs: number, url: string | undefined): Promise<void> {
  const deadline = Date.now() + waitMs;
  for (;;) {
    try {
      await engine.add(job);
      linkOf(engine)?.succeeded();
      return;
    } catch (err) {
      if (!url || !isConnectionError(err)) throw err;
      linkOf(engine)?.report(err);
      if (Date.now() > deadline) throw redisUnavailable(url, waitMs, (err as Error).message);
      await new Promise((r) => setTimeout(r, 500));
    }
  }
}

/** Every this often all open jobs are checked, events or not (an event lost in an outage). */
const FULL_PASS_MS = 10_000;

/**
 * Waits until every queued hash has an outcome. The records on disk are the truth, the job
 * state the fallback; queue events say which job to look at, so nothing is polled in a loop.
 * Redis away: one log line when it goes, one when it is back. No worker taking jobs for
 * `idleWarnMs`: said once, and again after a worker took one and they stalled anew.
 */
async function waitAll(
  engine: Engine,
  events: JobEvents,
  jobs: Map<string, IngestJobData>,
  summary: EnqueueSummary,
  log: Logger,
  options: { quiet: boolean; idleWarnMs: number },
): Promise<void> {
  const open = new Map(jobs);
  // The reports of the processed files, counted at the end: a later version of a submission
  // (a file of it read after an earlier check) rewrites the reports of its earlier files.
  const reports = new Set<string>();
  const counts = (): Counts => ({ total: summary.found, processed: summary.processed, failed: summary.failed, skipped: summary.skipped + summary.duplicates });
  const progress = createProgress(summary.found, { quiet: options.quiet });
  const link = linkOf(engine);
  const dirty = new Set<string>(open.keys());
  let wake: (() => void) | null = null;
  let lastTaken = Date.now();
  let idleWarned = false;
  let lastError = '';
  // Jobs of this run a worker is on: while one runs, the workers are not idle, however long it takes.
  const running = new Set<string>();
  events.listen(({ sha256, kind, shas }) => {
    lastTaken = Date.now();
    if (idleWarned) {
      idleWarned = false;
      log.info('a worker took a job');
    }
    // A scoring names the documents it processed; one that failed (or an unknown return) could be any.
    if (kind === 'scored') for (const sha of shas ?? open.keys()) open.has(sha) && dirty.add(sha);
    else if (sha256 && open.has(sha256)) {
      if (kind === 'active') running.add(sha256);
      else {
        running.delete(sha256);
        dirty.add(sha256);
      }
    }
    wake?.();
  });

  const settle = (sha256: string) => {
    open.delete(sha256);
    running.delete(sha256);
  };
  const check = async (sha256: string, job: IngestJobData): Promise<void> => {
    const rec = await readProcessed(job.out, sha256);
    if (rec) {
      settle(sha256);
      summary.processed++;
      reports.add(rec.report);
      return;
    }
    const failed = await readFailed(job.out, sha256);
    if (failed) {
      settle(sha256);
      summary.failed++;
      if (failed.code === 'no-form') summary.noForm++;
      summary.failures.push({ file: failed.file, code: failed.code, message: failed.message });
      return;
    }
    // Read and waiting for its submission's scoring (the settle window), unless far too long.
    const arrival = await findArrival(job.out, sha256);
    if (arrival && !arrivalOverdue(arrival)) {
      running.add(sha256);
      return;
    }
    const st = await engine.state(sha256);
    if (st.state === 'active') running.add(sha256);
    else running.delete(sha256);
    if (st.state === 'failed') {
      settle(sha256);
      summary.failed++;
      summary.failures.push({ file: job.display ?? job.path, code: /^([a-z-]+):/.exec(st.reason ?? '')?.[1] ?? 'failed', message: st.reason ?? 'failed' });
    } else if (st.state === 'missing' || st.state === 'completed') {
      // Gone from Redis (or completed for another --out) and no record here: add() (re)places it.
      log.warn({ sha256, path: job.path, state: st.state }, 'job without a record, queued again');
      await engine.add(job);
    }
  };

  progress.update(counts());
  let nextFullPass = Date.now() + FULL_PASS_MS;
  while (open.size > 0) {
    if (Date.now() >= nextFullPass) {
      for (const sha256 of open.keys()) dirty.add(sha256);
      nextFullPass = Date.now() + FULL_PASS_MS;
    }
    let stuck = false;
    for (const sha256 of [...dirty]) {
      dirty.delete(sha256);
      const job = open.get(sha256);
      if (!job) continue;
      try {
        await check(sha256, job);
        link?.succeeded();
        lastError = '';
      } catch (err) {
        dirty.add(sha256);
        if (!link?.report(err)) {
          const message = err instanceof Error ? err.message : String(err);
          if (message !== lastError) log.warn({ sha256, err: message }, 'could not check a job, will retry');
          lastError = message;
        }
        // Try again in a moment, not in a tight loop.
        nextFullPass = Math.min(nextFullPass, Date.now() + 1000);
        stuck = true;
        break;
      }
    }
    progress.update(counts());
    if (open.size === 0) break;
    const idle = engine.kind === 'redis' && running.size === 0;
    if (!idle) lastTaken = Math.max(lastTaken, Date.now() - 1);
    if (idle && !idleWarned && Date.now() - lastTaken >= options.idleWarnMs) {
      idleWarned = true;
      const workers = await events.workers();
      const s = Math.round(options.idleWarnMs / 1000);
      log.warn({ idleMs: Date.now() - lastTaken, open: open.size, workers }, 'no worker has taken a job');
      if (!options.quiet) {
        process.stderr.write(
          `jxaudit: 已有 ${s} 秒没有 worker 取走任务（尚有 ${open.size} 个未完成${workers !== null ? `，当前连着队列的 worker：${workers} 个` : ''}）。请确认至少有一个 jxaudit worker 在运行、连着同一个 Redis / no worker has taken a job for ${s} s (${open.size} open${workers !== null ? `, ${workers} workers connected` : ''})\n`,
        );
      }
    }
    const untilIdleWarn = idleWarned || !idle ? Infinity : lastTaken + options.idleWarnMs - Date.now();
    const pause = Math.max(50, Math.min(nextFullPass - Date.now(), untilIdleWarn));
    if (dirty.size === 0 || stuck) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(() => {
          wake = null;
          resolve();
        }, pause);
        wake = () => {
          clearTimeout(timer);
          wake = null;
          resolve();
        };
      });
    }
  }
  progress.stop(counts());
  for (const report of reports) await addFindings(report, summary);
}

async function addFindings(reportPath: string, summary: EnqueueSummary): Promise<void> {
  try {
    const parsed = parseReport(await readFile(reportPath, 'utf8'));
    if (!parsed.ok) return;
    const report = parsed.report;
    summary.findings.errors += report.summary.errors;
    summary.findings.warnings += report.summary.warnings;
    summary.findings.infos += report.summary.infos;
  } catch {
    // The report was superseded or removed since: the count of findings is then incomplete.
  }
}

function writeSummary(s: EnqueueSummary, json: boolean, waited: boolean, out: string): void {
  if (json) {
    process.stdout.write(JSON.stringify(s) + '\n');
    return;
  }
  const lines = [
    `找到 found ${s.found}，排队 queued ${s.queued}，跳过（已处理） skipped ${s.skipped}，重复 duplicates ${s.duplicates}`,
  ];
  if (waited) {
    lines.push(`完成 processed ${s.processed}，失败 failed ${s.failed}（其中未识别出自评表 no-form ${s.noForm}）`);
    lines.push(`问题 findings: 错误 errors ${s.findings.errors}，警告 warnings ${s.findings.warnings}，提示 infos ${s.findings.infos}`);
    for (const f of s.failures) lines.push(`  失败 failed: ${f.file} [${f.code}] ${f.message}`);
    lines.push(`报告 reports: ${join(out, 'index.html')}`);
  } else {
    lines.push(`已排队，由 worker 处理；报告将写入 queued for the workers; reports go to ${out}`);
  }
  process.stdout.write(lines.join('\n') + '\n');
}
