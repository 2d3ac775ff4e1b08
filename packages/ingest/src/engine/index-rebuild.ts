import type { Lang } from '@jxaudit/score';
import type { Logger } from '../log.ts';
import { rebuildBatchIndex } from '../report/write.ts';

export interface IndexRebuilder {
  /** Asks for a rebuild of OUT's index.html and findings.csv soon (debounced). */
  schedule(out: string): void;
  /** Runs the pending rebuilds now and waits for them. */
  flush(): Promise<void>;
}

/**
 * Debounced batch-index rebuilds: after a quiet `delayMs`, at the latest `maxWaitMs` after the
 * first request; one rebuild at a time per output folder.
 */
export function createIndexRebuilder(lang: Lang, log: Logger, delayMs = 1000, maxWaitMs = 10_000): IndexRebuilder {
  const state = new Map<string, { timer: NodeJS.Timeout | null; first: number; running: Promise<void> | null; again: boolean }>();

  const run = (out: string): Promise<void> => {
    const s = state.get(out)!;
    if (s.timer) clearTimeout(s.timer);
    s.timer = null;
    if (s.running) {
      s.again = true;
      return s.running;
    }
    s.first = 0;
    s.running = rebuildBatchIndex(out, lang)
      .then(() => log.debug({ out }, 'batch index rebuilt'))
      .catch((err: unknown) => log.error({ out, err }, 'batch index rebuild failed'))
      .finally(() => {
        s.running = null;
        if (s.again) {
          s.again = false;
          void run(out);
        }
      });
    return s.running;
  };

  return {
    schedule(out) {
      let s = state.get(out);
      if (!s) state.set(out, (s = { timer: null, first: 0, running: null, again: false }));
      const now = Date.now();
      if (!s.first) s.first = now;
      if (s.timer) clearTimeout(s.timer);
      const wait = Math.max(0, Math.min(delayMs, s.first + maxWaitMs - now));
      s.timer = setTimeout(() => void run(out), wait);
      s.timer.unref?.();
    },
    async flush() {
      for (const [out, s] of state) {
        if (s.timer) await run(out);
        while (s.running) await s.running;
      }
    },
  };
}
