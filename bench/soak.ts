// pnpm bench soak: BENCH_SOAK_DOCS (1,000) distinct documents of distinct units (the sample
// renamed, half .docx, half .txt) through ONE `jxaudit worker` started as a service would be
// (--concurrency 1 --max-memory-mb 512; BENCH_SOAK_MB), on a private redis-server. The worker's
// RSS (/proc/PID/status VmRSS, the whole process: main thread and its parse thread) is sampled
// every second from start to the last document. Printed: the process base (RSS once started,
// before any job), the peak and the end RSS, beside the bound; and the samples every 10 % of the
// run, to see whether the RSS is flat or grows. Nothing here asserts a figure.
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runJx, spawnJx, startRedis, waitFor } from '../test/helpers/redis.ts';
import { makeCorpus } from './service.ts';

const DOCS = Number(process.env.BENCH_SOAK_DOCS ?? 1000);
const BOUND_MB = Number(process.env.BENCH_SOAK_MB ?? 512);
const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(0);

async function rssOf(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8').catch(() => '');
  const kb = /VmRSS:\s+(\d+)\s+kB/.exec(status)?.[1];
  return kb ? Number(kb) * 1024 : NaN;
}

export async function run(print: (s: string) => void = console.log): Promise<void> {
  const root = await mkdtemp(join(tmpdir(), 'jx-bench-soak-'));
  const corpus = join(root, 'in');
  const out = join(root, 'out');
  const redis = await startRedis();
  try {
    await makeCorpus(corpus, DOCS);
    const worker = spawnJx(['worker', '--out', out, '--redis', redis.url, '--concurrency', '1', '--max-memory-mb', String(BOUND_MB), '--log-level', 'info'], {
      logFile: join(root, 'worker.log'),
    });
    const pid = worker.child.pid!;
    await worker.line(/"msg":"worker started"/);
    // Started and listening: three seconds idle, then its RSS is the base.
    await new Promise((r) => setTimeout(r, 3000));
    const base = await rssOf(pid);
    const processedDir = join(out, '.jxaudit', 'processed');
    const done = async () => (await readdir(processedDir).catch(() => [])).length;
    const samples: { s: number; rss: number; done: number }[] = [];
    const t0 = performance.now();
    let sampling = Promise.resolve();
    const timer = setInterval(() => {
      sampling = sampling.then(async () => {
        samples.push({ s: (performance.now() - t0) / 1000, rss: await rssOf(pid), done: await done() });
      });
    }, 1000);
    const queued = await runJx(['enqueue', corpus, '--out', out, '--redis', redis.url, '--no-wait', '--quiet', '--settle', '0.2']);
    if (queued.code !== 0) throw new Error(`enqueue failed: ${queued.stderr}`);
    await waitFor('all documents processed', async () => (await done()) >= DOCS, 4 * 3_600_000, 500);
    clearInterval(timer);
    await sampling;
    const s = (performance.now() - t0) / 1000;
    const end = await rssOf(pid);
    const peak = Math.max(...samples.map((x) => x.rss).filter(Number.isFinite), end);
    const code = await worker.stop();
    const failed = (await readdir(join(out, '.jxaudit', 'failed')).catch(() => [])).length;
    print(`soak: ${DOCS} distinct documents through one worker (--concurrency 1 --max-memory-mb ${BOUND_MB}): ${(DOCS / s).toFixed(1)} docs/s, ${s.toFixed(0)} s; ${failed} failed; worker exit ${code}`);
    print(`  worker RSS: base ${mb(base)} MB (started, idle); peak ${mb(peak)} MB; end ${mb(end)} MB; bound ${BOUND_MB} MB + base = ${(BOUND_MB + base / 1048576).toFixed(0)} MB`);
    const step = Math.max(1, Math.floor(samples.length / 10));
    print(`  RSS every ~10 %: ${samples.filter((_, i) => i % step === 0).map((x) => `${x.done}:${mb(x.rss)}`).join('  ')} (documents done:MB)`);
  } finally {
    await redis.dispose();
    await rm(root, { recursive: true, force: true });
  }
}
