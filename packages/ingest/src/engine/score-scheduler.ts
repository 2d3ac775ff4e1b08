import type { Logger } from '../log.ts';
import type { ScoreRequest } from './scoring.ts';
import { ATTEMPTS, BACKOFF_MS, type ProcessOutcome } from './types.ts';

interface KeyState {
  request: ScoreRequest;
  timer: NodeJS.Timeout | null;
  /** When the pending run is due (ms since epoch), 0 when none is pending. */
  due: number;
  running: Promise<void> | null;
  attempts: number;
}

export interface ScoredEvent {
  request: ScoreRequest;
  outcomes: ProcessOutcome[];
  error?: string;
}

/**
 * The embedded engine's second stage: scoring jobs per scoring key and output folder, debounced
 * by the settle window (a request while one is pending starts the window again) and chained (a
 * request while the key is being scored runs after it, never beside it). Transient faults are
 * retried with backoff (ATTEMPTS); arrivals left after that stay on disk and are asked for again
 * when their file is queued again.
 */
export class EmbeddedScoreScheduler {
  private readonly keys = new Map<string, KeyState>();
  private readonly listeners = new Set<(e: ScoredEvent) => void>();
  private idleWaiters: (() => void)[] = [];
  private closed = false;

  constructor(
    private readonly run: (request: ScoreRequest) => Promise<ProcessOutcome[]>,
    private readonly log: Logger,
    private readonly backoffMs = BACKOFF_MS,
  ) {}

  private id(r: ScoreRequest): string {
    return `${r.out}\n${r.key}`;
  }

  /** Asks for a scoring of the key after `settleMs` of quiet. */
  request(request: ScoreRequest): void {
    if (this.closed) return;
    const id = this.id(request);
    let s = this.keys.get(id);
    if (!s) this.keys.set(id, (s = { request, timer: null, due: 0, running: null, attempts: 0 }));
    s.request = request;
    this.arm(id, s, Math.max(0, request.settleMs));
  }

  private arm(id: string, s: KeyState, delay: number): void {
    if (s.timer) clearTimeout(s.timer);
    s.due = Date.now() + delay;
    s.timer = setTimeout(() => {
      s.timer = null;
      void this.fire(id, s);
    }, delay);
  }

  private async fire(id: string, s: KeyState): Promise<void> {
    // Chained: a run that falls due while the key is being scored waits for it.
    while (s.running) {
      await s.running.catch(() => {});
      if (s.timer || this.closed) return;
    }
    s.due = 0;
    const request = s.request;
    s.running = (async () => {
      try {
        const outcomes = await this.run(request);
        s.attempts = 0;
        this.emit({ request, outcomes });
      } catch (err) {
        const message = err instanceof Error ? err.message : String(err);
        s.attempts++;
        if (s.attempts < ATTEMPTS && !this.closed) {
          const delay = this.backoffMs * 2 ** (s.attempts - 1);
          this.log.warn({ key: request.key, attempts: s.attempts, delay, err: message }, 'scoring failed, will retry');
          if (!s.timer) this.arm(id, s, delay);
        } else {
          this.log.error({ key: request.key, attempts: s.attempts, err: message }, 'scoring failed');
          s.attempts = 0;
          this.emit({ request, outcomes: [], error: message });
        }
      }
    })();
    await s.running;
    s.running = null;
    if (!s.timer && !s.due) this.keys.delete(id);
    if (this.isIdle()) for (const w of this.idleWaiters.splice(0)) w();
  }

  private emit(e: ScoredEvent): void {
    for (const l of this.listeners) l(e);
  }

  onScored(listener: (e: ScoredEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Keys waiting for their settle window or being scored. */
  get pending(): number {
    return this.keys.size;
  }

  private isIdle(): boolean {
    return this.keys.size === 0;
  }

  /** Resolves when no scoring is pending or running. */
  idle(): Promise<void> {
    if (this.isIdle()) return Promise.resolve();
    return new Promise((r) => this.idleWaiters.push(r));
  }

  /**
   * Runs every pending scoring now, without waiting for its settle window, and waits for all
   * (a graceful stop: what was read is scored before the process exits).
   */
  async flush(): Promise<void> {
    for (const [id, s] of [...this.keys]) {
      if (s.timer) {
        clearTimeout(s.timer);
        s.timer = null;
        void this.fire(id, s);
      }
    }
    await this.idle();
  }

  /** Drops the pending scorings (their arrivals stay on disk) and waits for the running ones. */
  async close(): Promise<void> {
    this.closed = true;
    for (const s of this.keys.values()) {
      if (s.timer) clearTimeout(s.timer);
      s.timer = null;
      s.due = 0;
    }
    await Promise.all([...this.keys.values()].map((s) => s.running?.catch(() => {})));
    this.keys.clear();
  }
}
