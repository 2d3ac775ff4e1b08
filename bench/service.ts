// pnpm bench service: the BullMQ service over BENCH_SERVICE_DOCS (1,000) distinct documents of
// distinct units (the sample renamed, half .docx, half .txt), two `jxaudit worker` processes
// (--concurrency 1 each) on a private redis-server started here. Prints documents per second
// (from the start of enqueue to the last processed record) and each worker's RSS: its peak
// (VmHWM), and its resident size when the 100th and the last document were done (flat = the
// second no larger than the first by much). Nothing here asserts a figure.
import { readdir, readFile, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { REPO, runJx, spawnJx, startRedis, waitFor } from '../test/helpers/redis.ts';

const DOCS = Number(process.env.BENCH_SERVICE_DOCS ?? 1000);
const WORKERS = Number(process.env.BENCH_SERVICE_WORKERS ?? 2);
const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(0);

/** A distinct place name for document i. */
function placeName(i: number): string {
  const a = '东南西北中上下前后左右金木水火土山川河湖';
  const b = '城关桥塘湾岭坪冲铺坝溪园林港埠洲渡峪岗';
  return a[i % a.length]! + b[Math.floor(i / a.length) % b.length]! + (i >= a.length * b.length ? String(i) : '');
}

async function makeCorpus(dir: string): Promise<void> {
  const txt = await readFile(join(REPO, 'fixtures/seed/yanfeng-2021.txt'), 'utf8');
  const entries = unzipSync(new Uint8Array(await readFile(join(REPO, 'fixtures/seed/yanfeng-2021.docx'))));
  const xml = strFromU8(entries['word/document.xml']!);
  for (let i = 0; i < DOCS; i++) {
    const sub = join(dir, `batch-${i % 20}`);
    await mkdir(sub, { recursive: true });
    const place = placeName(i);
    if (i % 2) await writeFile(join(sub, `${place}-${i}.docx`), zipSync({ ...entries, 'word/document.xml': strToU8(xml.replaceAll('雁峰', place)) }, { level: 6 }));
    else await writeFile(join(sub, `${place}-${i}.txt`), txt.replaceAll('雁峰', place));
  }
}

async function statusKb(pid: number, field: 'VmRSS' | 'VmHWM'): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8').catch(() => '');
  const kb = new RegExp(`${field}:\\s+(\\d+)\\s+kB`).exec(status)?.[1];
  return kb ? Number(kb) * 1024 : NaN;
}

export async function run(print: (s: string) => void = console.log): Promise<void> {
  const root = await mkdtemp(join(tmpdir(), 'jx-bench-service-'));
  const corpus = join(root, 'in');
  const out = join(root, 'out');
  const redis = await startRedis();
  try {
    await makeCorpus(corpus);
    const procs = Array.from({ length: WORKERS }, (_, i) =>
      spawnJx(['worker', '--out', out, '--redis', redis.url, '--concurrency', '1', '--log-level', 'info'], { logFile: join(root, `w${i}.log`) }),
    );
    await waitFor('workers ready', async () => {
      for (let i = 0; i < WORKERS; i++) if (!(await readFile(join(root, `w${i}.log`), 'utf8')).includes('worker started')) return false;
      return true;
    });
    const processedDir = join(out, '.jxaudit', 'processed');
    const done = async () => (await readdir(processedDir).catch(() => [])).length;
    let at100: number[] | null = null;
    const t0 = performance.now();
    const queued = await runJx(['enqueue', corpus, '--out', out, '--redis', redis.url, '--no-wait', '--quiet']);
    if (queued.code !== 0) throw new Error(`enqueue failed: ${queued.stderr}`);
    await waitFor(
      'all documents processed',
      async () => {
        const n = await done();
        if (!at100 && n >= 100) at100 = await Promise.all(procs.map((p) => statusKb(p.child.pid!, 'VmRSS')));
        return n >= DOCS;
      },
      3_600_000,
      250,
    );
    const s = (performance.now() - t0) / 1000;
    const atEnd = await Promise.all(procs.map((p) => statusKb(p.child.pid!, 'VmRSS')));
    const peak = await Promise.all(procs.map((p) => statusKb(p.child.pid!, 'VmHWM')));
    await Promise.all(procs.map((p) => p.stop()));
    print(
      `BullMQ ${DOCS} distinct documents, ${WORKERS} worker processes (--concurrency 1): ${(DOCS / s).toFixed(1)} docs/s (${s.toFixed(1)} s from the start of enqueue)`,
    );
    print(`  worker RSS: peak ${peak.map(mb).join(', ')} MB; at the 100th document ${(at100 ?? []).map(mb).join(', ')} MB; at the last ${atEnd.map(mb).join(', ')} MB`);
  } finally {
    await redis.dispose();
    await rm(root, { recursive: true, force: true });
  }
}
