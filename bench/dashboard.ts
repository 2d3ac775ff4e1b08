// pnpm bench dashboard: the statistics of /dashboard over 5,000 submissions (BENCH_SUBMISSIONS),
// on the embedded database (PGlite) and on a private PostgreSQL server:
//  - the review-state queries the dashboard runs (every status, every current decision), median of 10;
//  - computeStats over the 5,000 submissions in memory (median of 10);
//  - GET /dashboard the first time (every record, findings file and report read) and warm
//    (median of 10), the all-tables .xlsx export and a drilled submissions list (warm);
//  - the floor: an authenticated request that renders nothing.
// The submissions are clones of one real `check --out` of the sample .txt (2,500 units in 4
// districts × 2 years, findings with their own fingerprints, 自评总分 varied); their reports keep
// the forms' scores but not the forms' cells (a real report is ~300 KB; see the cold figure).
// Half of every submission's findings are decided and three quarters have a status. The desk here
// looks at the folder again on every request (serve: at most every 2 s), so warm figures include
// a readdir and a stat of every submission record.
// It prints figures; nothing here asserts a time.
import type { Report } from '@jxaudit/model';
import { computeStats, NO_FILTER } from '../packages/desk/src/stats/compute.ts';
import { StatsLoader } from '../packages/desk/src/stats/load.ts';
import { reviewStateOf } from '../packages/desk/src/stats/review-state.ts';
import { openReportSource } from '../packages/desk/src/source/report-source.ts';
import { openDb, Store, type StoreTarget } from '../packages/desk/src/store/index.ts';
import { addUsers, Client, deskOver } from '../packages/desk/test/helpers/desk.ts';
import { cloneSource, hex, median, onEachEngine } from './desk-corpus.ts';

const SUBMISSIONS = Number(process.env.BENCH_SUBMISSIONS ?? 5000);
const RUNS = 10;
const DISTRICTS = ['雁峰区', '石鼓区', '蒸湘区', '珠晖区'];

async function timed(runs: number, f: () => Promise<unknown>): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await f();
    times.push(performance.now() - t0);
  }
  return median(times);
}

async function buildOut(out: string): Promise<void> {
  const { report: full, write } = await cloneSource(out, 'yanfeng-2021.txt');
  // The forms' scores stay; their cells go (the statistics read `rescored` only).
  const forms = full.forms.map((f) => ({ ...f, indicators: [], funds: [], composition: [], goals: [], facts: [], quantities: [], rateClaims: [], malformed: [] }));
  for (let i = 0; i < SUBMISSIONS; i++) {
    const year = 2021 + (i % 2);
    const unitNo = Math.floor(i / 2);
    const unit = `${DISTRICTS[unitNo % 4]}第${unitNo}号街道办事处`;
    const id = `${year}-dash${String(i).padStart(6, '0')}`;
    const findings: Report['findings'] = full.findings.filter((_, k) => (k + i) % 5 !== 0).map((f, k) => ({ ...f, fingerprint: hex(i * 1000 + k, 'c') }));
    const declared = 70 + (i % 31);
    const myForms = forms.map((f) => (f.rescored && f.kind === 'department-overall' ? { ...f, rescored: { ...f.rescored, declared, declaredGrade: declared >= 90 ? '优' : declared >= 80 ? '良' : '中' } } : f));
    await write({ id, unit, year, findings, forms: myForms });
  }
}

async function seedReview(store: Store, out: string): Promise<number> {
  await addUsers(store);
  const user = (await store.userByName('li'))!;
  const source = openReportSource(out, { refreshMs: 0 });
  const states = ['confirmed', 'waived', 'needs-info'] as const;
  const t0 = performance.now();
  let rows: Record<string, unknown>[] = [];
  const flush = async () => {
    if (rows.length) await store.db.insertInto('decision_events').values(rows as never).execute();
    rows = [];
  };
  const statuses: { submission_id: string; from_status: 'pending'; to_status: 'in-review' | 'returned' | 'approved'; note: string; user_id: number; version: number }[] = [];
  for (const [n, entry] of (await source.list()).entries()) {
    for (const [k, f] of (await source.findings(entry)).entries()) {
      if (k % 2) continue;
      const to = states[(n + k) % 3]!;
      rows.push({ submission_id: entry.id, fingerprint: f.fingerprint, rule: f.rule, from_state: null, to_state: to, note: '', user_id: user.id, version: 1, batch: null, finding: JSON.stringify({ rule: f.rule, severity: f.severity, message: f.message, declared: f.declared, computed: f.computed, where: '', file: f.path }) });
    }
    if (rows.length > 2000) await flush();
    if (n % 4) statuses.push({ submission_id: entry.id, from_status: 'pending', to_status: (['in-review', 'returned', 'approved'] as const)[n % 3]!, note: '', user_id: user.id, version: 1 });
  }
  await flush();
  for (let i = 0; i < statuses.length; i += 2000) await store.db.insertInto('status_events').values(statuses.slice(i, i + 2000)).execute();
  return (performance.now() - t0) / 1000;
}

async function benchEngine(name: string, target: StoreTarget, out: string, print: (s: string) => void): Promise<void> {
  const opened = await openDb(target, { schema: 'benchdash' });
  const store = new Store(opened.db);
  const seeded = await seedReview(store, out);
  const queries = await timed(RUNS, () => reviewStateOf(store));
  const review = await reviewStateOf(store);
  const decided = [...review.decisions.values()].reduce((s, m) => s + m.size, 0);
  const input = await new StatsLoader(openReportSource(out, { refreshMs: 0 })).input(review);
  const compute = await timed(RUNS, async () => computeStats(input, NO_FILTER));
  const computeFiltered = await timed(RUNS, async () => computeStats(input, { ...NO_FILTER, year: 2022, district: '石鼓区' }));

  const app = await deskOver(store, out);
  const client = new Client(app);
  await client.signIn('wang');
  const floor = await timed(RUNS, () => client.get('/favicon.ico'));
  let t0 = performance.now();
  const first = await client.get('/dashboard');
  const cold = performance.now() - t0;
  if (first.status !== 200) throw new Error(`/dashboard: HTTP ${first.status}`);
  const warm = await timed(RUNS, () => client.get('/dashboard'));
  const filtered = await timed(RUNS, () => client.get('/dashboard?year=2022&district=%E7%9F%B3%E9%BC%93%E5%8C%BA&kind=department-overall'));
  const xlsx = await timed(3, () => client.get('/dashboard/export/all.xlsx'));
  const drill = await timed(RUNS, () => client.get('/?rule=exec-over-100&district=%E7%9F%B3%E9%BC%93%E5%8C%BA'));
  // A decision changes the stamps: the next page reads the review state again.
  const user = (await store.userByName('li'))!;
  const entry = (await openReportSource(out).list())[0]!;
  t0 = performance.now();
  await store.setStatus({ submissionId: entry.id, version: 1, userId: user.id, to: 'approved', note: 'bench' });
  await client.get('/dashboard');
  const afterChange = performance.now() - t0;
  print(
    `dashboard ${name.padEnd(10)} ${input.submissions.length} submissions, ${decided} decided findings (seeded in ${seeded.toFixed(1)} s)\n` +
      `  review-state queries ${queries.toFixed(1).padStart(7)} ms   computeStats ${compute.toFixed(1)} ms (filtered ${computeFiltered.toFixed(1)} ms)\n` +
      `  GET /dashboard cold ${(cold / 1000).toFixed(2)} s, warm ${warm.toFixed(1)} ms, filtered ${filtered.toFixed(1)} ms, after a status change ${afterChange.toFixed(1)} ms\n` +
      `  all-tables .xlsx ${xlsx.toFixed(1)} ms   drilled list ${drill.toFixed(1)} ms   floor ${floor.toFixed(2)} ms   (medians of ${RUNS}; .xlsx of 3)`,
  );
  await app.close();
  await opened.close();
}

export async function runDashboardBench(print: (s: string) => void): Promise<void> {
  const build = async (out: string) => {
    const t0 = performance.now();
    await buildOut(out);
    print(`dashboard: ${SUBMISSIONS} submissions written in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  };
  await onEachEngine('jx-bench-dash-', build, (name, target, out) => benchEngine(name, target, out, print));
}
