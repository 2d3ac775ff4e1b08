// pnpm bench [NAME…]: the benchmarks by name (ingest, docx, formats, desk, dashboard, reports, submissions); ingest without a name.
// ingest: documents per second and peak memory of jxaudit.
//  1. `check` in-process on the sample's .docx and .txt (N iterations each, BENCH_N, default 20);
//  2. 200 distinct documents (BENCH_DOCS) through BullMQ with 1 and 2 `jxaudit worker`
//     processes (--concurrency 1 each; BENCH_CONCURRENCY), on a private redis-server.
// It prints figures; nothing here asserts a time. `pnpm bench NAME` runs one named benchmark
// (docx: the .docx reader and the in-process check beside their floor; cli: a whole process of
// the built command beside `node -e 0`; service: 1,000 distinct documents through BullMQ with
// two workers, docs/s and the workers' RSS).
import { readFile, mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { resolveProfile } from '@jxaudit/score';
import { checkFiles } from '../packages/ingest/src/pipeline.ts';
import { REPO, runJx, spawnJx, startRedis, waitFor } from '../test/helpers/redis.ts';

const SEED = join(REPO, 'fixtures/seed');
const N = Number(process.env.BENCH_N ?? 20);
const DOCS = Number(process.env.BENCH_DOCS ?? 200);
const CONCURRENCY = process.env.BENCH_CONCURRENCY ?? '1';
const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(0);

async function inProcess(file: string): Promise<{ perSec: number; peakRss: number }> {
  const options = { lang: 'zh' as const, resolveProfile: (name: string) => resolveProfile(name) };
  await checkFiles([file], options); // warm-up (module loading, JIT)
  let peak = process.memoryUsage().rss;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
  const t0 = performance.now();
  for (let i = 0; i < N; i++) {
    await checkFiles([file], options);
    peak = Math.max(peak, process.memoryUsage().rss);
  }
  const s = (performance.now() - t0) / 1000;
  clearInterval(sampler);
  return { perSec: N / s, peakRss: peak };
}

/** A copy of a .docx with a distinct zip comment: the same document, distinct bytes. */
function docxVariant(bytes: Buffer, tag: string): Buffer {
  const eocd = bytes.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  const comment = Buffer.from(tag, 'utf8');
  const head = Buffer.from(bytes.subarray(0, eocd + 22));
  head.writeUInt16LE(comment.length, eocd + 20);
  return Buffer.concat([head, comment]);
}

async function makeCorpus(dir: string, count: number): Promise<void> {
  const txt = await readFile(join(SEED, 'yanfeng-2021.txt'), 'utf8');
  const docx = await readFile(join(SEED, 'yanfeng-2021.docx'));
  for (let i = 0; i < count; i++) {
    const sub = join(dir, `batch-${i % 10}`);
    await mkdir(sub, { recursive: true });
    if (i % 2) await writeFile(join(sub, `doc-${i}.docx`), docxVariant(docx, `bench ${i}`));
    else await writeFile(join(sub, `doc-${i}.txt`), `${txt}\n附注：bench ${i}\n`);
  }
}

/** Peak resident set size of a process (Linux VmHWM), bytes. */
async function peakRssOf(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8').catch(() => '');
  const kb = /VmHWM:\s+(\d+)\s+kB/.exec(status)?.[1];
  return kb ? Number(kb) * 1024 : NaN;
}

async function throughBullmq(corpus: string, workers: number): Promise<{ perSec: number; peakRss: number[] }> {
  const redis = await startRedis();
  const root = await mkdtemp(join(tmpdir(), 'jx-bench-'));
  const out = join(root, 'out');
  try {
    const procs = Array.from({ length: workers }, (_, i) =>
      spawnJx(['worker', '--out', out, '--redis', redis.url, '--concurrency', CONCURRENCY, '--log-level', 'info'], { logFile: join(root, `w${i}.log`) }),
    );
    await waitFor('workers ready', async () => {
      for (let i = 0; i < workers; i++) if (!(await readFile(join(root, `w${i}.log`), 'utf8')).includes('worker started')) return false;
      return true;
    });
    const t0 = performance.now();
    const queued = await runJx(['enqueue', corpus, '--out', out, '--redis', redis.url, '--no-wait', '--quiet']);
    if (queued.code !== 0) throw new Error(`enqueue failed: ${queued.stderr}`);
    const processedDir = join(out, '.jxaudit', 'processed');
    await waitFor('all documents processed', async () => (await readdir(processedDir).catch(() => [])).length >= DOCS, 1_800_000, 100);
    const s = (performance.now() - t0) / 1000;
    const peakRss = await Promise.all(procs.map((p) => peakRssOf(p.child.pid!)));
    await Promise.all(procs.map((p) => p.stop()));
    return { perSec: DOCS / s, peakRss };
  } finally {
    await redis.dispose();
    await rm(root, { recursive: true, force: true });
  }
}

const lines: string[] = [];
const print = (s: string) => {
  lines.push(s);
  console.log(s);
};

/** The documents-per-second benchmarks of check and the queue. */
async function ingestBench(): Promise<void> {
  for (const name of ['yanfeng-2021.docx', 'yanfeng-2021.txt']) {
    const r = await inProcess(join(SEED, name));
    print(`check in-process ${name.padEnd(20)} ${r.perSec.toFixed(1).padStart(6)} docs/s  peak RSS ${mb(r.peakRss)} MB  (N=${N})`);
  }
  const corpus = await mkdtemp(join(tmpdir(), 'jx-bench-corpus-'));
  try {
    await makeCorpus(corpus, DOCS);
    for (const workers of [1, 2]) {
      const r = await throughBullmq(corpus, workers);
      print(
        `BullMQ ${DOCS} docs, ${workers} worker process${workers > 1 ? 'es' : ''} (--concurrency ${CONCURRENCY}) ${r.perSec.toFixed(1).padStart(6)} docs/s  peak RSS per worker ${r.peakRss.map(mb).join(', ')} MB  (from the start of enqueue: CLI start and hashing included)`,
      );
    }
  } finally {
    await rm(corpus, { recursive: true, force: true });
  }
}

/** `pnpm bench NAME…` runs the named benchmarks (each its own module under bench/); `pnpm bench` runs ingest. */
const BENCHES: Record<string, () => Promise<void>> = {
  ingest: ingestBench,
  docx: async () => (await import('./docx.ts')).run(print),
  formats: async () => (await import('./formats.ts')).run(print),
  cli: async () => (await import('./cli.ts')).run(print),
  service: async () => (await import('./service.ts')).run(print),
  desk: async () => (await import('./desk.ts')).runDeskBench(print),
  dashboard: async () => (await import('./dashboard.ts')).runDashboardBench(print),
  reports: async () => (await import('./reports.ts')).run(print),
  submissions: async () => (await import('./submissions.ts')).run(print),
};

const wanted = process.argv.slice(2).filter((a) => !a.startsWith('-'));
const unknown = wanted.filter((n) => !(n in BENCHES));
if (unknown.length) {
  console.error(`unknown benchmark ${unknown.join(', ')}; known: ${Object.keys(BENCHES).join(', ')}`);
  process.exit(64);
}
print(`jxaudit bench — node ${process.version}, ${new Date().toISOString()}`);
for (const name of wanted.length ? wanted : ['ingest']) await BENCHES[name]!();
