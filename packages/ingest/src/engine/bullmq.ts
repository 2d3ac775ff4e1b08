import { createHash, randomUUID } from 'node:crypto';
import { resolve as resolvePath } from 'node:path';
import { DelayedError, Queue, QueueEvents, UnrecoverableError, Worker, type Job, type JobsOptions } from 'bullmq';
import { Redis } from 'ioredis';
import type { Logger } from '../log.ts';
import { expandInputs, hashFound } from '../files.ts';
import { clearFailed, readProcessed } from './records.ts';
import { REDIS_WAIT_MS, RedisLink, redisUnavailable } from './redis-link.ts';
import {
  ATTEMPTS,
  BACKOFF_MS,
  FinalError,
  INGEST_QUEUE,
  REMOVE_ON_COMPLETE,
  REMOVE_ON_FAIL,
  REPORTS_QUEUE,
  SCORE_QUEUE,
  SWEEP_QUEUE,
  scoreJobDedupId,
  ingestJobId,
  reportJobId,
  type Engine,
  type IngestJobData,
  type JobState,
  type ProcessOutcome,
  type ReportJobData,
  type ScoreJobData,
  type SweepJobData,
} from './types.ts';
import type { ScoreRequest } from './scoring.ts';

/**
 * Connections as BullMQ recommends: a worker's connection retries for ever
 * (maxRetriesPerRequest: null) so a Redis restart only pauses it; a producer fails fast
 * (no offline queue, one retry) so a command-line user is told at once that Redis is away.
 */
export function redisConnection(url: string, role: 'worker' | 'producer'): Redis {
  const common = { retryStrategy: (times: number) => Math.min(times * 200, 2000), lazyConnect: false };
  return role === 'worker'
    ? new Redis(url, { ...common, maxRetriesPerRequest: null })
    : new Redis(url, { ...common, maxRetriesPerRequest: 1, enableOfflineQueue: false });
}

/** Waits until a connection is ready (a fail-fast connection rejects commands before that). */
export async function waitReady(conn: Redis, timeoutMs = 10_000): Promise<void> {
  if (conn.status === 'ready') return;
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => {
      cleanup();
      reject(new Error(`Redis not reachable within ${timeoutMs} ms`));
    }, timeoutMs);
    const onReady = () => {
      cleanup();
      resolve();
    };
    const cleanup = () => {
      clearTimeout(timer);
      conn.off('ready', onReady);
    };
    conn.on('ready', onReady);
  });
}

export function ingestJobOptions(sha256: string): JobsOptions {
  return {
    jobId: ingestJobId(sha256),
    attempts: ATTEMPTS,
    backoff: { type: 'exponential', delay: BACKOFF_MS },
    removeOnComplete: REMOVE_ON_COMPLETE,
    removeOnFail: REMOVE_ON_FAIL,
  };
}

/**
 * Adds the jx-ingest job of these bytes unless a job of that id is still kept in Redis and
 * waiting, running, or completed for this output folder. A failed job (a re-run retries it) or
 * one that completed without a processed record here (another --out, or the record was
 * deleted) is replaced. A failed record of these bytes is cleared before the job is (re)added,
 * so the producers wait for the new outcome. Returns whether a job was added.
 */
export async function addIngestJob(queue: Queue<IngestJobData>, data: IngestJobData): Promise<boolean> {
  const existing = await queue.getJob(ingestJobId(data.sha256));
  if (existing) {
    const state = await existing.getState();
    const replace = state === 'failed' || (state === 'completed' && !(await readProcessed(data.out, data.sha256)));
    if (!replace) return false;
    await existing.remove();
  }
  await clearFailed(data.out, data.sha256);
  await queue.add('doc', data, ingestJobOptions(data.sha256));
  return true;
}

/**
 * Asks for the scoring of a key (jx-score): a delayed job of `settleMs`, deduplicated per key and
 * output folder. A request while the key's job is still delayed replaces it (the settle window
 * starts again: BullMQ's debounce); a request while it runs is kept and added when it finishes
 * (keepLastIfActive), so that at most one scoring of a key runs and one waits.
 */
export async function addScoreJob(queue: Queue<ScoreJobData>, request: ScoreRequest): Promise<void> {
  await queue.add(
    'score',
    { key: request.key, out: request.out },
    {
      delay: Math.max(0, request.settleMs),
      deduplication: { id: scoreJobDedupId(request.out, request.key), replace: true, keepLastIfActive: true },
      attempts: ATTEMPTS,
      backoff: { type: 'exponential', delay: BACKOFF_MS },
      removeOnComplete: REMOVE_ON_COMPLETE,
      removeOnFail: REMOVE_ON_FAIL,
    },
  );
}

/** The producer side of the BullMQ engine (watch --redis, enqueue --redis, the sweep). */
export class RedisEngine implements Engine {
  readonly kind = 'redis' as const;
  readonly queue: Queue<IngestJobData>;
  /** Follows the connection when open() was given a logger: one log line per outage. */
  link: RedisLink | null = null;

  constructor(readonly connection: Redis) {
    this.queue = new Queue<IngestJobData>(INGEST_QUEUE, { connection });
    // Errors reach the callers of add()/state(); this keeps a reconnecting client from crashing the process.
    this.queue.on('error', () => {});
  }

  /**
   * Connects, waiting at most `waitMs` (CliError 69 past it). With a logger, a later outage is
   * logged once per change (RedisLink), not once per retry.
   */
  static async open(url: string, options: { waitMs?: number; log?: Logger } = {}): Promise<RedisEngine> {
    const waitMs = options.waitMs ?? REDIS_WAIT_MS;
    const conn = redisConnection(url, 'producer');
    let lastError: string | undefined;
    conn.on('error', (err: NodeJS.ErrnoException) => (lastError = err.code ?? err.message));
    try {
      await waitReady(conn, waitMs);
    } catch {
      conn.disconnect();
      throw redisUnavailable(url, waitMs, lastError);
    }
    const engine = new RedisEngine(conn);
    if (options.log) engine.link = new RedisLink(url, options.log);
    engine.link?.watch(conn);
    return engine;
  }

  /** Adds the job of these bytes (see addIngestJob). */
  async add(data: IngestJobData): Promise<void> {
    await addIngestJob(this.queue, data);
  }

  async state(sha256: string): Promise<JobState> {
    const id = ingestJobId(sha256);
    const state = await this.queue.getJobState(id);
    if (state === 'unknown') return { state: 'missing' };
    if (state === 'failed') {
      const job = await this.queue.getJob(id);
      return { state: 'failed', reason: job?.failedReason };
    }
    if (state === 'completed') return { state: 'completed' };
    if (state === 'active') return { state: 'active' };
    if (state === 'delayed') return { state: 'delayed' };
    return { state: 'waiting' };
  }

  async close(): Promise<void> {
    await this.queue.close();
    this.connection.disconnect();
  }
}

/**
 * Adds a jx-ingest job for every file below `dir` that has no processed record yet. Files the
 * walk refuses (a link, a pipe, a format not read) are not queued: each is logged with its code.
 */
export async function sweepDirectory(
  data: SweepJobData,
  add: (job: IngestJobData) => Promise<void>,
  log: Logger,
): Promise<{ found: number; added: number; skipped: number; refused: number }> {
  const files = await expandInputs([data.dir], { exclude: [data.out] });
  let added = 0;
  let skipped = 0;
  let refused = 0;
  for (const f of files) {
    const hashed = await hashFound(f);
    if ('refused' in hashed) {
      refused++;
      log.warn({ file: f.path, code: hashed.refused.code, message: hashed.refused.message }, 'not queued: the file cannot be read');
      continue;
    }
    const { sha256 } = hashed;
    if (await readProcessed(data.out, sha256)) {
      skipped++;
      continue;
    }
    await add({
      path: resolvePath(f.path),
      sha256,
      out: resolvePath(data.out),
      relative: f.relative,
      ...(data.profile ? { profile: data.profile } : {}),
      ...(data.templates ? { templates: data.templates } : {}),
      ...(data.settleMs !== undefined ? { settleMs: data.settleMs } : {}),
    });
    added++;
  }
  log.info({ dir: data.dir, found: files.length, added, skipped, refused }, 'sweep done');
  return { found: files.length, added, skipped, refused };
}

export interface WorkerSettings {
  url: string;
  concurrency: number;
  log: Logger;
  /** Reads one document (the processor with its pool); `requestScore` queues its submission's scoring. */
  process: (data: IngestJobData, hooks: WorkerHooks) => Promise<ProcessOutcome>;
  /** Scores what arrived under one key (the second stage). */
  score: (data: ScoreRequest, hooks: WorkerHooks) => Promise<ProcessOutcome[]>;
  /** Default output folder for jobs without one. */
  out?: string;
  lockDuration?: number;
  stalledInterval?: number;
}

export interface WorkerHooks {
  publish: (r: ReportJobData) => Promise<void>;
  requestScore: (r: ScoreRequest) => Promise<void>;
}

/**
 * How long a scoring lock lives without renewal, ms (renewed every third of it while scoring runs):
 * the worker's job lock duration when one is set (a killed worker's submission is then scored
 * again by another as soon as its job is found stalled), else a minute.
 */
const SCORE_LOCK_MS = 60_000;
const RELEASE_LOCK = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end`;

export interface RunningWorkers {
  close(timeoutMs: number): Promise<void>;
}

/** Starts the consumers of jx-ingest and jx-sweep. */
export async function startWorkers(s: WorkerSettings): Promise<RunningWorkers> {
  // An outage is logged once when it starts and once when it ends, not on every retry.
  const link = new RedisLink(s.url, s.log);
  const workerConn = link.watch(redisConnection(s.url, 'worker'));
  const sweepConn = link.watch(redisConnection(s.url, 'worker'));
  const producerConn = link.watch(redisConnection(s.url, 'worker'));
  // Documents running in this process: a stop waits for these, and for nothing else.
  let running = 0;
  const whenIdle: (() => void)[] = [];
  const idle = () => (running === 0 ? Promise.resolve() : new Promise<void>((r) => whenIdle.push(r)));
  const tracked = async <T>(work: () => Promise<T>): Promise<T> => {
    running++;
    try {
      return await work();
    } finally {
      if (--running === 0) for (const r of whenIdle.splice(0)) r();
    }
  };
  const scoreConn = link.watch(redisConnection(s.url, 'worker'));
  const reports = new Queue<ReportJobData>(REPORTS_QUEUE, { connection: producerConn });
  const ingest = new Queue<IngestJobData>(INGEST_QUEUE, { connection: producerConn });
  const scores = new Queue<ScoreJobData>(SCORE_QUEUE, { connection: producerConn });
  reports.on('error', () => {});
  ingest.on('error', () => {});
  scores.on('error', () => {});
  const hooks: WorkerHooks = {
    publish: async (r: ReportJobData) => {
      await reports.add('report', r, { jobId: reportJobId(r.sha256), removeOnComplete: REMOVE_ON_COMPLETE, removeOnFail: REMOVE_ON_FAIL });
    },
    requestScore: (r) => addScoreJob(scores, r),
  };
  const timing = {
    ...(s.lockDuration ? { lockDuration: s.lockDuration } : {}),
    ...(s.stalledInterval ? { stalledInterval: s.stalledInterval } : {}),
  };

  const worker = new Worker<IngestJobData, ProcessOutcome>(
    INGEST_QUEUE,
    async (job: Job<IngestJobData>) => tracked(async () => {
      const data = { ...job.data, out: job.data.out ?? s.out };
      try {
        const outcome = await s.process(data, hooks);
        if (outcome.status === 'failed') throw new UnrecoverableError(`${outcome.code}: ${outcome.messageEn}`);
        return outcome;
      } catch (err) {
        if (err instanceof FinalError) throw new UnrecoverableError(err.message);
        throw err;
      }
    }),
    { connection: workerConn, concurrency: s.concurrency, ...timing },
  );
  // The second stage. Deduplication keeps one scoring of a key running; the lock makes sure of
  // it even when a stalled job is handed to another worker while its first worker still runs it.
  const scoreLockMs = s.lockDuration ?? SCORE_LOCK_MS;
  const scorer = new Worker<ScoreJobData, ProcessOutcome[]>(
    SCORE_QUEUE,
    async (job: Job<ScoreJobData>, token?: string) => {
      const out = job.data.out ?? s.out;
      const lockKey = `jx:score-lock:${scoreJobDedupId(out, job.data.key)}`;
      const mine = randomUUID();
      if ((await producerConn.set(lockKey, mine, 'PX', scoreLockMs, 'NX')) !== 'OK') {
        s.log.info({ key: job.data.key }, 'submission being scored elsewhere, scoring again after it');
        await job.moveToDelayed(Date.now() + 2000, token);
        throw new DelayedError();
      }
      const renew = setInterval(() => void producerConn.pexpire(lockKey, scoreLockMs).catch(() => {}), scoreLockMs / 3);
      try {
        return await tracked(() => s.score({ key: job.data.key, out, settleMs: 0 }, hooks));
      } catch (err) {
        if (err instanceof FinalError) throw new UnrecoverableError(err.message);
        throw err;
      } finally {
        clearInterval(renew);
        await producerConn.eval(RELEASE_LOCK, 1, lockKey, mine).catch(() => {});
      }
    },
    { connection: scoreConn, concurrency: s.concurrency, ...timing },
  );
  const sweeper = new Worker<SweepJobData>(
    SWEEP_QUEUE,
    async (job: Job<SweepJobData>) =>
      tracked(() => sweepDirectory(job.data, async (d) => void (await addIngestJob(ingest, d)), s.log)),
    { connection: sweepConn, concurrency: 1, ...timing },
  );
  for (const w of [worker, scorer, sweeper]) {
    w.on('error', (err) => {
      if (!link.report(err)) s.log.warn({ err: err.message }, 'worker error');
    });
    w.on('failed', (job, err) => {
      // As the embedded engine: say whether BullMQ will try again.
      const final = !job || err instanceof UnrecoverableError || job.attemptsMade >= (job.opts.attempts ?? 1);
      s.log.warn({ jobId: job?.id, attemptsMade: job?.attemptsMade, err: err.message }, final ? 'job failed' : 'job failed, will retry');
    });
    w.on('stalled', (jobId) => s.log.warn({ jobId }, 'job stalled, moved back to wait'));
  }
  await Promise.all([worker.waitUntilReady(), scorer.waitUntilReady(), sweeper.waitUntilReady()]);
  s.log.info({ concurrency: s.concurrency, queues: [INGEST_QUEUE, SCORE_QUEUE, SWEEP_QUEUE] }, 'worker started');

  return {
    async close(timeoutMs: number) {
      // BullMQ's close(true) after a close() returns the first, still waiting, close: so stop
      // taking jobs first, wait for the running ones here, then close once, gracefully only
      // while Redis answers (a graceful close waits on Redis; nothing runs any more to lose).
      const timer = (ms: number) => new Promise<false>((r) => setTimeout(() => r(false), ms).unref());
      await Promise.all([worker.pause(true), scorer.pause(true), sweeper.pause(true)]).catch(() => {});
      const finished = await Promise.race([idle().then(() => true), timer(timeoutMs)]);
      if (!finished) s.log.warn({ timeoutMs, running }, 'running jobs did not finish in time; they return to the queue');
      const force = !finished || !link.reachable;
      const closed = Promise.all([worker.close(force), scorer.close(force), sweeper.close(force), reports.close(), ingest.close(), scores.close()]).then(() => true);
      if (!(await Promise.race([closed, timer(force ? 1000 : 3000)]))) s.log.warn('redis did not answer the close; closing the connections');
      for (const c of [workerConn, scoreConn, sweepConn, producerConn]) c.disconnect();
    },
  };
}

/** Scheduler id of the nightly sweep of DIR. */
export function schedulerId(dir: string): string {
  return `nightly-${createHash('sha256').update(resolvePath(dir)).digest('hex').slice(0, 16)}`;
}

export async function upsertSweep(conn: Redis, cron: string, data: SweepJobData): Promise<string> {
  const queue = new Queue<SweepJobData>(SWEEP_QUEUE, { connection: conn });
  try {
    const id = schedulerId(data.dir);
    await queue.upsertJobScheduler(
      id,
      { pattern: cron, tz: 'Asia/Shanghai' },
      { name: 'sweep', data, opts: { removeOnComplete: REMOVE_ON_COMPLETE, removeOnFail: REMOVE_ON_FAIL, attempts: ATTEMPTS, backoff: { type: 'exponential', delay: BACKOFF_MS } } },
    );
    return id;
  } finally {
    await queue.close();
  }
}

export async function removeSweep(conn: Redis, dir: string): Promise<boolean> {
  const queue = new Queue<SweepJobData>(SWEEP_QUEUE, { connection: conn });
  try {
    return await queue.removeJobScheduler(schedulerId(dir));
  } finally {
    await queue.close();
  }
}

// For the cross-package tests and the benchmark (the root package does not depend on bullmq/ioredis).
export { Queue, QueueEvents, Redis };
