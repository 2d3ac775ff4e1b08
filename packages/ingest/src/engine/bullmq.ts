import { createHash } from 'node:crypto';
import { resolve as resolvePath } from 'node:path';
import { Queue, UnrecoverableError, Worker, type Job, type JobsOptions } from 'bullmq';
import { Redis } from 'ioredis';
import type { Logger } from '../log.ts';
import { expandInputs } from '../files.ts';
import { clearFailed, hashFile, readProcessed } from './records.ts';
import {
  ATTEMPTS,
  BACKOFF_MS,
  FinalError,
  INGEST_QUEUE,
  REMOVE_ON_COMPLETE,
  REMOVE_ON_FAIL,
  REPORTS_QUEUE,
  SWEEP_QUEUE,
  ingestJobId,
  reportJobId,
  type Engine,
  type IngestJobData,
  type JobState,
  type ProcessOutcome,
  type ReportJobData,
  type SweepJobData,
} from './types.ts';

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

/** The producer side of the BullMQ engine (watch --redis, enqueue --redis, the sweep). */
export class RedisEngine implements Engine {
  readonly kind = 'redis' as const;
  readonly queue: Queue<IngestJobData>;

  constructor(readonly connection: Redis) {
    this.queue = new Queue<IngestJobData>(INGEST_QUEUE, { connection });
    // Errors reach the callers of add()/state(); this keeps a reconnecting client from crashing the process.
    this.queue.on('error', () => {});
  }

  static async open(url: string): Promise<RedisEngine> {
    const conn = redisConnection(url, 'producer');
    conn.on('error', () => {});
    try {
      await waitReady(conn);
    } catch (err) {
      conn.disconnect();
      throw new Error(`无法连接 Redis / cannot reach Redis at ${url}: ${(err as Error).message}`);
    }
    return new RedisEngine(conn);
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

/** Adds a jx-ingest job for every file below `dir` that has no processed record yet. */
export async function sweepDirectory(
  data: SweepJobData,
  add: (job: IngestJobData) => Promise<void>,
  log: Logger,
): Promise<{ found: number; added: number; skipped: number }> {
  const files = await expandInputs([data.dir]);
  let added = 0;
  let skipped = 0;
  for (const f of files) {
    const sha256 = await hashFile(f.path);
    if (await readProcessed(data.out, sha256)) {
      skipped++;
      continue;
    }
    await add({ path: resolvePath(f.path), sha256, out: resolvePath(data.out), relative: f.relative, ...(data.profile ? { profile: data.profile } : {}) });
    added++;
  }
  log.info({ dir: data.dir, found: files.length, added, skipped }, 'sweep done');
  return { found: files.length, added, skipped };
}

export interface WorkerSettings {
  url: string;
  concurrency: number;
  log: Logger;
  /** Processes one document (the processor with its pool). */
  process: (data: IngestJobData, publish: (r: ReportJobData) => Promise<void>) => Promise<ProcessOutcome>;
  /** Default output folder for jobs without one. */
  out?: string;
  lockDuration?: number;
  stalledInterval?: number;
}

export interface RunningWorkers {
  close(timeoutMs: number): Promise<void>;
}

/** Starts the consumers of jx-ingest and jx-sweep. */
export async function startWorkers(s: WorkerSettings): Promise<RunningWorkers> {
  const workerConn = redisConnection(s.url, 'worker');
  const sweepConn = redisConnection(s.url, 'worker');
  const producerConn = redisConnection(s.url, 'worker');
  for (const c of [workerConn, sweepConn, producerConn]) c.on('error', (err) => s.log.debug({ err: err.message }, 'redis connection error'));
  const reports = new Queue<ReportJobData>(REPORTS_QUEUE, { connection: producerConn });
  const ingest = new Queue<IngestJobData>(INGEST_QUEUE, { connection: producerConn });
  reports.on('error', () => {});
  ingest.on('error', () => {});
  const publish = async (r: ReportJobData) => {
    await reports.add('report', r, { jobId: reportJobId(r.sha256), removeOnComplete: REMOVE_ON_COMPLETE, removeOnFail: REMOVE_ON_FAIL });
  };
  const timing = {
    ...(s.lockDuration ? { lockDuration: s.lockDuration } : {}),
    ...(s.stalledInterval ? { stalledInterval: s.stalledInterval } : {}),
  };

  const worker = new Worker<IngestJobData, ProcessOutcome>(
    INGEST_QUEUE,
    async (job: Job<IngestJobData>) => {
      const data = { ...job.data, out: job.data.out ?? s.out };
      try {
        const outcome = await s.process(data, publish);
        if (outcome.status === 'failed') throw new UnrecoverableError(`${outcome.code}: ${outcome.messageEn}`);
        return outcome;
      } catch (err) {
        if (err instanceof FinalError) throw new UnrecoverableError(err.message);
        throw err;
      }
    },
    { connection: workerConn, concurrency: s.concurrency, ...timing },
  );
  const sweeper = new Worker<SweepJobData>(
    SWEEP_QUEUE,
    async (job: Job<SweepJobData>) =>
      sweepDirectory(job.data, async (d) => void (await addIngestJob(ingest, d)), s.log),
    { connection: sweepConn, concurrency: 1, ...timing },
  );
  for (const w of [worker, sweeper]) {
    w.on('error', (err) => s.log.warn({ err: err.message }, 'worker error'));
    w.on('failed', (job, err) => {
      // As the embedded engine: say whether BullMQ will try again.
      const final = !job || err instanceof UnrecoverableError || job.attemptsMade >= (job.opts.attempts ?? 1);
      s.log.warn({ jobId: job?.id, attemptsMade: job?.attemptsMade, err: err.message }, final ? 'job failed' : 'job failed, will retry');
    });
    w.on('stalled', (jobId) => s.log.warn({ jobId }, 'job stalled, moved back to wait'));
  }
  await Promise.all([worker.waitUntilReady(), sweeper.waitUntilReady()]);
  s.log.info({ concurrency: s.concurrency, queues: [INGEST_QUEUE, SWEEP_QUEUE] }, 'worker started');

  return {
    async close(timeoutMs: number) {
      const graceful = Promise.all([worker.close(), sweeper.close()]);
      const timedOut = await Promise.race([graceful.then(() => false), new Promise<boolean>((r) => setTimeout(() => r(true), timeoutMs).unref())]);
      if (timedOut) {
        s.log.warn({ timeoutMs }, 'graceful close timed out, forcing');
        await Promise.all([worker.close(true), sweeper.close(true)]);
      }
      await Promise.all([reports.close(), ingest.close()]);
      for (const c of [workerConn, sweepConn, producerConn]) c.disconnect();
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
export { Queue, Redis };
