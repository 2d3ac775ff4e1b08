// pnpm bench desk: server time per request of the review desk (median of 50, in-process through
// Fastify's inject, so the network is not counted), on the embedded database (PGlite) and on a
// private PostgreSQL server:
//  - the submissions page over 1,000 submissions (a decision on half of their findings);
//  - one submission page with 500 findings (half decided);
//  - the floor: an authenticated request that renders nothing (session lookup + framework).
// It prints figures; nothing here asserts a time.
import { snapshotOf } from '../packages/desk/src/review/state.ts';
import { openDb, Store, type StoreTarget } from '../packages/desk/src/store/index.ts';
import { addUsers, Client, deskOver } from '../packages/desk/test/helpers/desk.ts';
import { cloneSource, hex, median, onEachEngine } from './desk-corpus.ts';

const SUBMISSIONS = Number(process.env.BENCH_SUBMISSIONS ?? 1000);
const BIG_FINDINGS = Number(process.env.BENCH_FINDINGS ?? 500);
const RUNS = 50;

/**
 * 1,000 submissions (the sample's, under other unit names and ids, its findings with other
 * fingerprints) and one of 500 findings, written as the service writes them: a record, the
 * version's findings and its report, cloned from one real `check --out` of the sample.
 */
async function buildOut(out: string): Promise<void> {
  const { report, write } = await cloneSource(out, 'yanfeng-2021.docx');
  for (let i = 0; i < SUBMISSIONS; i++) {
    await write({ id: `2021-bench${String(i).padStart(5, '0')}`, unit: `第${i}号街道办事处`, findings: report.findings.map((f, k) => ({ ...f, fingerprint: hex(i * 1000 + k, 'b') })) });
  }
  await write({
    id: '2021-benchbig',
    unit: '大型报送单位',
    findings: Array.from({ length: BIG_FINDINGS }, (_, k) => ({ ...report.findings[k % report.findings.length]!, fingerprint: hex(k, 'd') })),
  });
}

async function measure(client: Client, url: string): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < 5; i++) await client.get(url);
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    const res = await client.get(url);
    times.push(performance.now() - t0);
    if (res.status !== 200 && res.status !== 204) throw new Error(`${url}: HTTP ${res.status}`);
  }
  return median(times);
}

async function benchEngine(name: string, target: StoreTarget, out: string, print: (s: string) => void): Promise<void> {
  const opened = await openDb(target, { schema: 'bench' });
  const store = new Store(opened.db);
  await addUsers(store);
  const app = await deskOver(store, out);
  const client = new Client(app);
  await client.signIn('li');
  const list = await client.get('/');
  const ids = [...list.body.matchAll(/data-id="([^"]+)"/g)].map((m) => m[1]!);
  // Decide half of every submission's findings (in bulk per submission, as reviewers do).
  const { openReportSource } = await import('../packages/desk/src/source/report-source.ts');
  const source = openReportSource(out);
  const user = (await store.userByName('li'))!;
  const t0 = performance.now();
  for (const entry of await source.list()) {
    const reports = await source.reports(entry);
    const findings = reports.flatMap((r) => r.report.findings).filter((_, k) => k % 2 === 0);
    await store.decide({ submissionId: entry.id, version: 1, userId: user.id, to: 'confirmed', note: '', findings: findings.map((f) => ({ fingerprint: f.fingerprint, finding: snapshotOf(f) })) });
  }
  const seeded = (performance.now() - t0) / 1000;
  const entries = (await source.list()).length;
  const bigId = (await source.list()).find((e) => e.unit === '大型报送单位')!.id;
  const floor = await measure(client, '/favicon.ico');
  const listMs = await measure(client, '/');
  const bigMs = await measure(client, `/s/${bigId}`);
  print(
    `desk ${name.padEnd(10)} submissions page (${ids.length} rows shown of ${entries} submissions) ${listMs.toFixed(1).padStart(7)} ms   submission page (${BIG_FINDINGS} findings) ${bigMs.toFixed(1).padStart(7)} ms   floor ${floor.toFixed(2)} ms   (median of ${RUNS}; decisions seeded in ${seeded.toFixed(1)} s)`,
  );
  await app.close();
  await opened.close();
}

export async function runDeskBench(print: (s: string) => void): Promise<void> {
  await onEachEngine('jx-bench-desk-', buildOut, (name, target, out) => benchEngine(name, target, out, print));
}
