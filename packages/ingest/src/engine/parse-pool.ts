import { Worker } from 'node:worker_threads';
import type { ReadOptions } from '@jxaudit/parse';
import type { ReadDoc } from '../pipeline.ts';

/** A document exceeded the time or memory bound of one parse. */
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
}

interface Task {
  id: number;
  path: string;
  bytes: Uint8Array;
  read?: ReadOptions;
  resolve: (doc: ReadDoc) => void;
  reject: (err: Error) => void;
}

interface Slot {
  worker: Worker;
  ready: boolean;
  task: Task | null;
  timer: NodeJS.Timeout | null;
}

const ENTRY = new URL('./parse-thread.js', import.meta.url);

/**
 * Parses documents in worker threads, so a CPU-heavy parse never blocks the event loop (and
 * BullMQ's lock renewal), with a time bound (the thread is terminated) and a heap bound
 * (resourceLimits) per document. Threads are reused.
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
    if (this.closed) return Promise.reject(new Error('parse pool closed'));
    return new Promise<ReadDoc>((resolve, reject) => {
      this.queue.push({ id: this.nextId++, path, bytes, read, resolve, reject });
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
      slot.timer = setTimeout(() => this.kill(i, new BoundError('time', `parse exceeded ${this.options.timeoutMs} ms`)), this.options.timeoutMs);
      slot.worker.postMessage({ id: task.id, path: task.path, bytes: task.bytes, read: task.read });
    }
  }

  private spawn(i: number): Slot {
    const worker = new Worker(ENTRY, {
      resourceLimits: { maxOldGenerationSizeMb: this.options.maxOldMb, maxYoungGenerationSizeMb: 64 },
    });
    const slot: Slot = { worker, ready: false, task: null, timer: null };
    worker.on('message', (msg: { ready?: boolean; id?: number; doc?: ReadDoc; error?: string }) => {
      if (msg.ready) {
        slot.ready = true;
        this.pump();
        return;
      }
      const task = slot.task;
      if (!task || task.id !== msg.id) return;
      this.finish(slot);
      if (msg.error !== undefined) task.reject(new Error(msg.error));
      else task.resolve(msg.doc!);
      this.pump();
    });
    worker.on('error', (err: Error & { code?: string }) => {
      const bound =
        err.code === 'ERR_WORKER_OUT_OF_MEMORY'
          ? new BoundError('memory', `parse exceeded the ${this.options.maxOldMb} MB heap bound`)
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
