import type { Logger } from '../log.ts';
import { clearFailed, readProcessed } from './records.ts';
import { ATTEMPTS, BACKOFF_MS, FinalError, ingestJobId, type Engine, type IngestJobData, type JobState, type JobStateName, type ProcessOutcome } from './types.ts';

interface EmbeddedJob {
  id: string;
  data: IngestJobData;
  state: JobStateName;
  attemptsMade: number;
  reason?: string;
  outcome?: ProcessOutcome;
}

export interface EmbeddedEngineOptions {
  concurrency: number;
  attempts?: number;
  backoffMs?: number;
  log: Logger;
  /** Finished jobs remembered (like BullMQ's removeOnComplete/removeOnFail by count). */
  keep?: number;
}

export type Settled = { id: string; data: IngestJobData } & ({ state: 'completed'; outcome: ProcessOutcome } | { state: 'failed'; reason: string; outcome?: ProcessOutcome });

/**
 * The embedded default: an in-process queue with the semantics of the BullMQ engine — job id
 * doc-<sha256> (a known id is not added twice), `concurrency` jobs at once, 3 attempts with
 * exponential backoff for transient faults, no retry for a FinalError or a file that cannot be
 * read.
 */
export class EmbeddedEngine implements Engine {
  readonly kind = 'embedded' as const;
  private readonly jobs = new Map<string, EmbeddedJob>();
  private readonly waiting: EmbeddedJob[] = [];
  private readonly timers = new Set<NodeJS.Timeout>();
  private active = 0;
  private closing = false;
  private readonly listeners = new Set<(s: Settled) => void>();
  private idleWaiters: (() => void)[] = [];

  constructor(
    private readonly run: (data: IngestJobData) => Promise<ProcessOutcome>,
    private readonly options: EmbeddedEngineOptions,
  ) {}

  async add(data: IngestJobData): Promise<void> {
    if (this.closing) throw new Error('engine is closing');
    const id = ingestJobId(data.sha256);
    const existing = this.jobs.get(id);
    if (existing) {
      // As the BullMQ engine: a failed job is retried by a new add, a completed one only
      // when its processed record is not in this output folder.
      const replace = existing.state === 'failed' || (existing.state === 'completed' && !(await readProcessed(data.out, data.sha256)));
      if (!replace) return;
      this.jobs.delete(id);
    }
    await clearFailed(data.out, data.sha256);
    const job: EmbeddedJob = { id, data, state: 'waiting', attemptsMade: 0 };
    this.jobs.set(id, job);
    this.waiting.push(job);
    this.pump();
  }

  async state(sha256: string): Promise<JobState> {
    const job = this.jobs.get(ingestJobId(sha256));
    if (!job) return { state: 'missing' };
    return { state: job.state, reason: job.reason };
  }

  onSettled(listener: (s: Settled) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Resolves when nothing is waiting, delayed or running. */
  idle(): Promise<void> {
    if (this.isIdle()) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  private isIdle(): boolean {
    return this.active === 0 && this.waiting.length === 0 && this.timers.size === 0;
  }

  private pump(): void {
    while (!this.closing && this.active < Math.max(1, this.options.concurrency) && this.waiting.length > 0) {
      const job = this.waiting.shift()!;
      this.active++;
      job.state = 'active';
      void this.execute(job).finally(() => {
        this.active--;
        this.pump();
        if (this.isIdle()) for (const w of this.idleWaiters.splice(0)) w();
      });
    }
  }

  private async execute(job: EmbeddedJob): Promise<void> {
    const attempts = this.options.attempts ?? ATTEMPTS;
    job.attemptsMade++;
    try {
      const outcome = await this.run(job.data);
      job.outcome = outcome;
      if (outcome.status === 'failed') {
        this.settle(job, 'failed', `${outcome.code}: ${outcome.messageEn}`);
      } else {
        this.settle(job, 'completed');
      }
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      if (err instanceof FinalError || job.attemptsMade >= attempts || this.closing) {
        this.options.log.error({ jobId: job.id, attemptsMade: job.attemptsMade, err }, 'job failed');
        this.settle(job, 'failed', message);
        return;
      }
      const delay = (this.options.backoffMs ?? BACKOFF_MS) * 2 ** (job.attemptsMade - 1);
      this.options.log.warn({ jobId: job.id, attemptsMade: job.attemptsMade, delay, err: message }, 'job failed, will retry');
      job.state = 'delayed';
      const timer = setTimeout(() => {
        this.timers.delete(timer);
        if (this.closing) {
          this.settle(job, 'failed', message);
          return;
        }
        job.state = 'waiting';
        this.waiting.push(job);
        this.pump();
      }, delay);
      this.timers.add(timer);
    }
  }

  private settle(job: EmbeddedJob, state: 'completed' | 'failed', reason?: string): void {
    job.state = state;
    job.reason = reason;
    const event: Settled =
      state === 'completed'
        ? { id: job.id, data: job.data, state, outcome: job.outcome! }
        : { id: job.id, data: job.data, state, reason: reason ?? 'failed', outcome: job.outcome };
    for (const l of this.listeners) l(event);
    this.forgetOld();
  }

  private forgetOld(): void {
    const keep = this.options.keep ?? 100_000;
    if (this.jobs.size <= keep) return;
    for (const [id, job] of this.jobs) {
      if (this.jobs.size <= keep) break;
      if (job.state === 'completed' || job.state === 'failed') this.jobs.delete(id);
    }
  }

  /** Stops taking jobs; waits for the running ones up to `timeoutMs`. Waiting jobs stay unprocessed. */
  async close(timeoutMs = 30_000): Promise<void> {
    this.closing = true;
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    this.waiting.length = 0;
    if (this.active === 0) return;
    await Promise.race([this.idle(), new Promise((r) => setTimeout(r, timeoutMs).unref())]);
  }
}
