import { Worker } from 'node:worker_threads';
import type { ReadOptions } from '../pipeline.ts';
import type { Report } from '@jxaudit/model';
import type { Lang } from '@jxaudit/score';
import type { ReadDoc } from '../pipeline.ts';
import type { CheckJobRequest } from './check-job.ts';
import type { ArrivedDoc, ScoredBatch } from '../submissions/score.ts';

/** A document exceeded the time or memory bound of its parse or its scoring. */
export class BoundError extends Error {
  constructor(readonly bound: 'time' | 'memory', message: string) {
    super(message);
    this.name = 'BoundError';
  }
}

export interface ParsePoolOptions {
  /** Threads (documents parsed at once). */
  size: number;
  /** Time bound per document, ms. */
  timeoutMs: number;
  /** Old-generation heap bound per thread, MB. */
  maxOldMb: number;
  /** Time bound of scoring one submission, ms (default: timeoutMs). */
  scoreTimeoutMs?: number;
}

/** What a thread is asked to do: read one document, or score read documents. */
export type ThreadRequest =
  | { kind: 'parse'; path: string; bytes: Uint8Array; read?: ReadOptions }
  | { kind: 'score'; docs: ReadDoc[]; lang: Lang; profile?: string }
  /** A whole `check`, in a forked child of the same entry (engine/check-job.ts), with progress messages. */
  | { kind: 'check'; job: CheckJobRequest }
  | { kind: 'submissions'; docs: ArrivedDoc[]; lang: Lang; profile?: string };

interface Task {
  id: number;
  request: ThreadRequest;
  resolve: (result: unknown) => void;
  reject: (err: Error) => void;
}

interface Slot {
  worker: Worker;
  ready: boolean;
  task: Task | null;
  timer: NodeJS.Timeout | null;
}

/** The entry of the pool's threads, and of a bounded check's child process. */
export const ENTRY = new URL('./parse-thread.js', import.meta.url);

/**
 * Parses and scores documents in worker threads, so CPU-heavy work never blocks the event loop
 * (and BullMQ's lock renewal), with a time bound (the thread is terminated) and a heap bound
 * (resourceLimits) per task. Threads are reused.
 */
export class ParsePool {
  private readonly slots: (Slot | null)[];
  private readonly queue: Task[] = [];
  private nextId = 1;
  private closed = false;

  constructor(private readonly options: ParsePoolOptions) {
    this.slots = Array.from({ length: Math.max(1, options.size) }, () => null);
  }

  parse(path: string, bytes: Uint8Array, read?: ReadOptions): Promise<ReadDoc> {
    return this.run<ReadDoc>({ kind: 'parse', path, bytes, read });
  }

  /**
   * Scores read documents (scoreDocs) in a thread, under the same bounds: the rules of a huge
   * submission would otherwise hold the event loop (and BullMQ's lock renewal) for minutes.
   * `profile` is a built-in name or a profile file path, loaded in the thread.
   */
  score(docs: ReadDoc[], lang: Lang, profile?: string): Promise<Report[]> {
    return this.run<Report[]>({ kind: 'score', docs, lang, profile });
  }

  /**
   * Groups, plans and scores arrived documents (scoreSubmissions, the code `check` runs) in a
   * thread, under the scoring bounds: the service's scoring job.
   */
  scoreSubmissions(docs: ArrivedDoc[], lang: Lang, profile?: string): Promise<ScoredBatch> {
    return this.run<ScoredBatch>({ kind: 'submissions', docs, lang, profile });
  }

  private run<T>(request: ThreadRequest): Promise<T> {
    if (this.closed) return Promise.reject(new Error('parse pool closed'));
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ id: this.nextId++, request, resolve: resolve as (r: unknown) => void, reject });
      this.pump();
    });
  }

  private pump(): void {
    for (let i = 0; i < this.slots.length && this.queue.length > 0; i++) {
      let slot = this.slots[i];
      if (!slot) slot = this.slots[i] = this.spawn(i);
      if (!slot.ready || slot.task) continue;
      const task = this.queue.shift()!;
      slot.task = task;
      const ms = task.request.kind !== 'parse' ? (this.options.scoreTimeoutMs ?? this.options.timeoutMs) : this.options.timeoutMs;
      slot.timer = setTimeout(() => this.kill(i, new BoundError('time', `${task.request.kind} exceeded ${ms} ms`)), ms);
      slot.worker.postMessage({ id: task.id, ...task.request });
    }
  }

  private spawn(i: number): Slot {
    const worker = new Worker(ENTRY, {
      resourceLimits: { maxOldGenerationSizeMb: this.options.maxOldMb, maxYoungGenerationSizeMb: 64 },
    });
    const slot: Slot = { worker, ready: false, task: null, timer: null };
    worker.on('message', (msg: { ready?: boolean; id?: number; result?: unknown; error?: string }) => {
      if (msg.ready) {
        slot.ready = true;
        this.pump();
        return;
      }
      const task = slot.task;
      if (!task || task.id !== msg.id) return;
      this.finish(slot);
      if (msg.error !== undefined) task.reject(new Error(msg.error));
      else task.resolve(msg.result);
      this.pump();
    });
    worker.on('error', (err: Error & { code?: string }) => {
      const bound =
        err.code === 'ERR_WORKER_OUT_OF_MEMORY'
          ? new BoundError('memory', `${slot.task?.request.kind ?? 'parse'} exceeded the ${this.options.maxOldMb} MB heap bound`)
          : err;
      this.kill(i, bound, slot);
    });
    worker.on('exit', (code) => {
      if (this.slots[i] === slot) this.kill(i, new Error(`parse thread exited with code ${code}`), slot);
    });
    return slot;
  }

  private finish(slot: Slot): void {
    if (slot.timer) clearTimeout(slot.timer);
    slot.timer = null;
    slot.task = null;
  }

  /** Ends a thread (timeout, crash): its task is rejected, the slot respawns on demand. */
  private kill(i: number, err: Error, which?: Slot): void {
    const slot = this.slots[i];
    if (!slot || (which && slot !== which)) return;
    this.slots[i] = null;
    const task = slot.task;
    this.finish(slot);
    void slot.worker.terminate();
    if (task) task.reject(err);
    else if (!slot.ready) {
      // The thread could not even start: fail what waits rather than respawn forever.
      for (const t of this.queue.splice(0)) t.reject(err);
    }
    if (!this.closed) this.pump();
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const t of this.queue.splice(0)) t.reject(new Error('parse pool closed'));
    await Promise.all(
      this.slots.map(async (slot, i) => {
        this.slots[i] = null;
        if (!slot) return;
        const task = slot.task;
        this.finish(slot);
        task?.reject(new Error('parse pool closed'));
        await slot.worker.terminate();
      }),
    );
  }
}
