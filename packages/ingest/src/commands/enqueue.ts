import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { Command } from 'commander';
import { parseReport } from '@jxaudit/model';
import { expandInputs } from '../files.ts';
import { EmbeddedEngine } from '../engine/embedded.ts';
import { RedisEngine } from '../engine/bullmq.ts';
import { hashFile, readFailed, readProcessed } from '../engine/records.ts';
import type { Engine, IngestJobData } from '../engine/types.ts';
import { rebuildBatchIndex } from '../report/write.ts';
import type { Logger } from '../log.ts';
import { createProgress, type Counts } from './progress.ts';
import type { CliIo } from '../cli.ts';
import { addServiceOptions, createRuntime, loggerFor, positiveInt, type ServiceOptions } from './runtime.ts';

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
    .option('--no-wait', 'with --redis: queue the jobs and return without waiting')
    .option('--json', 'print the summary as JSON');
  addServiceOptions(cmd).action(async (dir: string, opts: ServiceOptions & { out: string; profile?: string; wait: boolean; json?: boolean }) => {
    const log = loggerFor(opts);
    const out = resolve(opts.out);
    const files = await expandInputs([dir]);
    const summary: EnqueueSummary = { found: files.length, queued: 0, processed: 0, failed: 0, skipped: 0, duplicates: 0, noForm: 0, findings: { errors: 0, warnings: 0, infos: 0 }, failures: [] };
    const jobs = new Map<string, IngestJobData>();
    for (const f of files) {
      const sha256 = await hashFile(f.path);
      if (await readProcessed(out, sha256)) summary.skipped++;
      else if (jobs.has(sha256)) summary.duplicates++;
      else jobs.set(sha256, { path: resolve(f.path), sha256, out, relative: f.relative, ...(opts.profile ? { profile: opts.profile } : {}) });
    }
    log.info({ dir, found: files.length, toQueue: jobs.size, skipped: summary.skipped }, 'walked');

    const rt = opts.redis ? null : createRuntime(opts, log);
    const engine: Engine = opts.redis
      ? await RedisEngine.open(opts.redis)
      : new EmbeddedEngine((data) => rt!.process(data), { concurrency: rt!.concurrency, log });
    try {
      for (const job of jobs.values()) {
        await engine.add(job);
        summary.queued++;
      }
      log.info({ queued: summary.queued, engine: engine.kind }, 'queued');
      if (opts.redis && !opts.wait) {
        writeSummary(summary, !!opts.json, false, out);
        return;
      }
      if (!opts.redis && !opts.wait) log.info('--no-wait needs --redis; the embedded engine runs here, waiting');
      await waitAll(engine, jobs, summary, log, !!opts.quiet);
      await rt?.index.flush();
      await rebuildBatchIndex(out, opts.lang);
      writeSummary(summary, !!opts.json, true, out);
    } finally {
      if (engine instanceof EmbeddedEngine) await engine.close(positiveInt(opts.shutdownMs, 30_000, 'shutdown-ms'));
      else await engine.close();
      await rt?.close();
    }
    io.setExit(summary.failed > 0 ? 2 : 0);
  });
}

/** Waits until every queued hash has an outcome: the records first, the job state as fallback. */
async function waitAll(engine: Engine, jobs: Map<string, IngestJobData>, summary: EnqueueSummary, log: Logger, quiet: boolean): Promise<void> {
  const open = new Map(jobs);
  const counts = (): Counts => ({ total: summary.found, processed: summary.processed, failed: summary.failed, skipped: summary.skipped + summary.duplicates });
  const progress = createProgress(summary.found, { quiet });
  progress.update(counts());
  while (open.size > 0) {
    for (const [sha256, job] of [...open]) {
      try {
        const rec = await readProcessed(job.out, sha256);
        if (rec) {
          open.delete(sha256);
          summary.processed++;
          await addFindings(rec.report, summary);
          continue;
        }
        const failed = await readFailed(job.out, sha256);
        if (failed) {
          open.delete(sha256);
          summary.failed++;
          summary.failures.push({ file: failed.file, code: failed.code, message: failed.message });
          continue;
        }
        const st = await engine.state(sha256);
        if (st.state === 'failed') {
          open.delete(sha256);
          summary.failed++;
          summary.failures.push({ file: job.display ?? job.path, code: /^([a-z-]+):/.exec(st.reason ?? '')?.[1] ?? 'failed', message: st.reason ?? 'failed' });
        } else if (st.state === 'missing' || st.state === 'completed') {
          // Gone from Redis (or completed for another --out) and no record here: add() (re)places it.
          log.warn({ sha256, path: job.path, state: st.state }, 'job without a record, queued again');
          await engine.add(job);
        }
      } catch (err) {
        log.warn({ sha256, err: err instanceof Error ? err.message : String(err) }, 'could not check a job, will retry');
      }
    }
    progress.update(counts());
    if (open.size > 0) await new Promise((r) => setTimeout(r, 300));
  }
  progress.stop(counts());
}

async function addFindings(reportPath: string, summary: EnqueueSummary): Promise<void> {
  try {
    const parsed = parseReport(await readFile(reportPath, 'utf8'));
    if (!parsed.ok) return;
    const report = parsed.report;
    summary.findings.errors += report.summary.errors;
    summary.findings.warnings += report.summary.warnings;
    summary.findings.infos += report.summary.infos;
    if (report.error?.code === 'no-form') summary.noForm++;
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
    lines.push(`完成 processed ${s.processed}（未识别表格 no-form ${s.noForm}），失败 failed ${s.failed}`);
    lines.push(`问题 findings: 错误 errors ${s.findings.errors}，警告 warnings ${s.findings.warnings}，提示 infos ${s.findings.infos}`);
    for (const f of s.failures) lines.push(`  失败 failed: ${f.file} [${f.code}] ${f.message}`);
    lines.push(`报告 reports: ${join(out, 'index.html')}`);
  } else {
    lines.push(`已排队，由 worker 处理；报告将写入 queued for the workers; reports go to ${out}`);
  }
  process.stdout.write(lines.join('\n') + '\n');
}
