import cliProgress from 'cli-progress';

export interface Counts {
  total: number;
  processed: number;
  failed: number;
  skipped: number;
}

export interface Progress {
  update(c: Counts): void;
  stop(c: Counts): void;
}

/**
 * Progress on stderr: a cli-progress bar on a terminal, else a plain line every `everyMs`
 * (logs and CI keep readable output). Nothing when quiet.
 */
export function createProgress(total: number, options: { quiet?: boolean; everyMs?: number; stream?: NodeJS.WriteStream } = {}): Progress {
  const stream = options.stream ?? process.stderr;
  const started = Date.now();
  const rate = (c: Counts) => {
    const s = (Date.now() - started) / 1000;
    return s > 0 ? (c.processed + c.failed) / s : 0;
  };
  if (options.quiet) return { update() {}, stop() {} };
  if (stream.isTTY) {
    const bar = new cliProgress.SingleBar(
      {
        stream,
        format: '{bar} {value}/{total} | 完成 processed {processed} | 失败 failed {failed} | 跳过 skipped {skipped} | {rate}/s | eta {eta_formatted}',
        hideCursor: true,
      },
      cliProgress.Presets.shades_classic,
    );
    bar.start(total, 0, { processed: 0, failed: 0, skipped: 0, rate: '0.0' });
    const payload = (c: Counts) => ({ processed: c.processed, failed: c.failed, skipped: c.skipped, rate: rate(c).toFixed(1) });
    return {
      update: (c) => bar.update(c.processed + c.failed + c.skipped, payload(c)),
      stop: (c) => {
        bar.update(c.processed + c.failed + c.skipped, payload(c));
        bar.stop();
      },
    };
  }
  const everyMs = options.everyMs ?? 5000;
  let last = 0;
  let lastKey = '';
  const line = (c: Counts) => {
    lastKey = `${c.processed}/${c.failed}/${c.skipped}`;
    stream.write(`progress ${c.processed + c.failed + c.skipped}/${c.total} processed=${c.processed} failed=${c.failed} skipped=${c.skipped} rate=${rate(c).toFixed(1)}/s\n`);
  };
  return {
    update(c) {
      const now = Date.now();
      if (now - last >= everyMs) {
        last = now;
        line(c);
      }
    },
    stop(c) {
      if (lastKey !== `${c.processed}/${c.failed}/${c.skipped}`) line(c);
    },
  };
}
