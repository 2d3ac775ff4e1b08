// pnpm bench desk: server time per request of the review desk (median of 50, in-process through
// Fastify's inject, so the network is not counted), on the embedded database (PGlite) and on a
// private PostgreSQL server:
//  - the submissions page over 1,000 submissions (a decision on half of their findings);
//  - one submission page with 500 findings (half decided);
//  - the floor: an authenticated request that renders nothing (session lookup + framework).
// It prints figures; nothing here asserts a time.
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { SubmissionRecordSchema, loadReport, type Report } from '@jxaudit/model';
import { STATE_DIR, readSubmissions, submissionRecordPath } from '@jxaudit/ingest';
import { snapshotOf } from '../packages/desk/src/review/state.ts';
import { openDb, Store, type StoreTarget } from '../packages/desk/src/store/index.ts';
import { addUsers, checkInto, Client, deskOver, SEED, tempDir } from '../packages/desk/test/helpers/desk.ts';
import { privatePglite } from '../packages/desk/test/helpers/pglite.ts';
import { startPostgres } from '../test/helpers/postgres.ts';

const SUBMISSIONS = Number(process.env.BENCH_SUBMISSIONS ?? 1000);
const BIG_FINDINGS = Number(process.env.BENCH_FINDINGS ?? 500);
const RUNS = 50;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

const hex = (n: number, salt: string) => (salt + n.toString(16)).padStart(64, '0').slice(-64);

/**
 * 1,000 submissions (the sample's, under other unit names and ids, its findings with other
 * fingerprints) and one of 500 findings, written as the service writes them: a record, the
 * version's findings and its report, cloned from one real `check --out` of the sample.
 */
async function buildOut(out: string): Promise<void> {
  await checkInto(out, [join(SEED, 'yanfeng-2021.docx')]);
  const [template] = await readSubmissions(out);
  const version = template!.versions[0]!;
  const doc = version.documents[0]!;
  const report = loadReport(await readFile(join(out, doc.report!.json), 'utf8'));
  const write = async (id: string, unit: string, findings: Report['findings']) => {
    const dir = `${STATE_DIR}/submissions/${id}/v1`;
    const reportJson = `${dir}/${doc.path}.report.json`;
    const record = SubmissionRecordSchema.parse({
      ...template,
      id,
      unit,
      names: [unit],
      versions: [{ ...version, findings: `${dir}/findings.json`, documents: [{ ...doc, report: { json: reportJson, html: `${dir}/${doc.path}.report.html` } }] }],
    });
    await mkdir(join(out, dir), { recursive: true });
    const path = doc.path;
    await writeFile(join(out, dir, 'findings.json'), JSON.stringify({ id, version: 1, findings: findings.map((f) => ({ fingerprint: f.fingerprint, rule: f.rule, severity: f.severity, kind: null, message: f.message, declared: f.declared, computed: f.computed, at: f.at, path })) }));
    await writeFile(join(out, reportJson), JSON.stringify({ ...report, submission: { ...report.submission!, id, unit }, findings }));
    await writeFile(submissionRecordPath(out, id), JSON.stringify(record));
  };
  for (let i = 0; i < SUBMISSIONS; i++) {
    await write(`2021-bench${String(i).padStart(5, '0')}`, `第${i}号街道办事处`, report.findings.map((f, k) => ({ ...f, fingerprint: hex(i * 1000 + k, 'b') })));
  }
  await write(
    '2021-benchbig',
    '大型报送单位',
    Array.from({ length: BIG_FINDINGS }, (_, k) => ({ ...report.findings[k % report.findings.length]!, fingerprint: hex(k, 'd') })),
  );
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
  const dir = await tempDir('jx-bench-desk-');
  try {
    const out = join(dir.dir, 'out');
    await buildOut(out);
    const pglite = await privatePglite();
    try {
      await benchEngine('PGlite', { engine: 'pglite', instance: pglite.db }, out, print);
    } finally {
      await pglite.dispose();
    }
    const pg = await startPostgres();
    try {
      await benchEngine('PostgreSQL', { engine: 'postgres', url: pg.url }, out, print);
    } finally {
      await pg.dispose();
    }
  } finally {
    await dir.dispose();
  }
}
