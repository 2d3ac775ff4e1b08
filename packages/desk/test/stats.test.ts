import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runJx } from '../../../test/helpers/redis.ts';
import { pgliteDir } from '../src/lock.ts';
import { openReportSource } from '../src/source/report-source.ts';
import { computeStats, drillSubmissions, NO_FILTER, SHORTFALL_RULES, type Stats, type StatsFilter, type StatsInput } from '../src/stats/compute.ts';
import { StatsLoader } from '../src/stats/load.ts';
import { commandFilter, statsText } from '../src/stats/run.ts';
import { reviewStateOf } from '../src/stats/review-state.ts';
import { statsTable } from '../src/stats/tables.ts';
import { openDb, Store } from '../src/store/index.ts';
import { applyReviewPlan, buildBatch, expectedFindings, gradeOf, plannedDecisions, plannedStatus, RECOMPUTED, type BatchItem, type ExpectedFinding } from './helpers/batch.ts';
import { seedPgliteDir } from './helpers/pglite.ts';
import { tempDir } from './helpers/desk.ts';

/*
 * The statistics against a batch whose answers are known: 40 submissions (24 units, 2 years) made
 * from the sample .txt with chosen edits (helpers/batch.ts says what each edit does to the
 * findings and scores), a review recorded in the embedded database, every number compared with
 * what the recipe implies; `jxaudit stats --json` and `--xlsx` give the same.
 */

let root: Awaited<ReturnType<typeof tempDir>>;
let out = '';
let items: BatchItem[] = [];
let ids: string[] = [];
let expected: ExpectedFinding[][] = [];
let input: StatsInput;

beforeAll(async () => {
  root = await tempDir('jx-stats-');
  ({ out, items } = await buildBatch(root.dir));
  await seedPgliteDir(pgliteDir(out));
  const opened = await openDb({ engine: 'pglite', dataDir: pgliteDir(out) });
  try {
    const store = new Store(opened.db);
    ids = await applyReviewPlan(store, out, items);
    input = await new StatsLoader(openReportSource(out, { refreshMs: 0 })).input(await reviewStateOf(store));
  } finally {
    await opened.close();
  }
  expected = await Promise.all(items.map((i) => expectedFindings(i)));
}, 300_000);
afterAll(async () => {
  await root?.dispose();
});

/** Indices of the items a filter keeps (by the recipe). */
function kept(f: StatsFilter): number[] {
  return items
    .map((item, n) => ({ item, n }))
    .filter(({ item, n }) => (f.year === null || item.year === f.year) && (f.district === null || item.district === f.district) && (f.status === null || plannedStatus(n) === f.status))
    .map(({ n }) => n);
}

function expectedRules(f: StatsFilter) {
  const rules = new Map<string, { units: Set<string>; submissions: number; errors: number; warnings: number; infos: number; total: number }>();
  for (const n of kept(f)) {
    const found = expected[n]!.filter((x) => f.kind === null || x.kind === f.kind);
    for (const rule of new Set(found.map((x) => x.rule))) {
      const r = rules.get(rule) ?? { units: new Set(), submissions: 0, errors: 0, warnings: 0, infos: 0, total: 0 };
      rules.set(rule, r);
      r.units.add(items[n]!.unit);
      r.submissions++;
      for (const x of found.filter((y) => y.rule === rule)) {
        r.total++;
        r[x.severity === 'error' ? 'errors' : x.severity === 'warning' ? 'warnings' : 'infos']++;
      }
    }
  }
  return Object.fromEntries([...rules].map(([rule, r]) => [rule, { units: r.units.size, submissions: r.submissions, errors: r.errors, warnings: r.warnings, infos: r.infos, total: r.total }]));
}

function checkAgainstRecipe(s: Stats, f: StatsFilter) {
  const n = kept(f);
  const found = n.flatMap((i) => expected[i]!.filter((x) => f.kind === null || x.kind === f.kind));
  expect(s.totals.submissions).toBe(n.length);
  expect(s.totals.units).toBe(new Set(n.map((i) => items[i]!.unit)).size);
  expect(s.totals.errors).toBe(found.filter((x) => x.severity === 'error').length);
  expect(s.totals.warnings).toBe(found.filter((x) => x.severity === 'warning').length);
  expect(s.totals.infos).toBe(found.filter((x) => x.severity === 'info').length);
  expect(s.totals.shortfalls).toBe(found.filter((x) => SHORTFALL_RULES.includes(x.rule)).length);
  expect(Object.fromEntries(s.rules.map((r) => [r.rule, { units: r.units, submissions: r.submissions, errors: r.errors, warnings: r.warnings, infos: r.infos, total: r.total }]))).toEqual(expectedRules(f));
  for (let k = 1; k < s.rules.length; k++) expect(s.rules[k - 1]!.units).toBeGreaterThanOrEqual(s.rules[k]!.units);

  // Scores: the department form as edited, the project form as in the sample.
  const forms = n.flatMap((i) => {
    const it = items[i]!;
    const rows = [];
    if (f.kind === null || f.kind === 'department-overall') rows.push({ unit: it.unit, year: it.year, kind: 'department-overall', declared: it.declared, recomputed: RECOMPUTED.department });
    if (f.kind === null || f.kind === 'project') rows.push({ unit: it.unit, year: it.year, kind: 'project', declared: RECOMPUTED.projectDeclared, recomputed: RECOMPUTED.project });
    return rows;
  });
  const sortKey = (r: { unit: string; year: number | null; kind: string }) => `${r.unit}/${r.year}/${r.kind}`;
  expect(s.inflation.map((r) => ({ unit: r.unit, year: r.year, kind: r.kind, declared: r.declared, recomputed: r.recomputed })).sort((a, b) => sortKey(a).localeCompare(sortKey(b)))).toEqual(
    forms.sort((a, b) => sortKey(a).localeCompare(sortKey(b))),
  );
  expect(s.totals.inflated).toBe(forms.filter((r) => r.declared > r.recomputed).length);
  for (const r of s.inflation) expect(r.inflation).toBeCloseTo(r.declared - r.recomputed, 6);
  expect(s.grades).toEqual(
    ['优', '良', '中', '差'].map((g) => ({ grade: g, declared: forms.filter((r) => gradeOf(r.declared) === g).length, recomputed: forms.filter((r) => gradeOf(r.recomputed) === g).length })),
  );

  // Units: errors and unexplained shortfalls, ranked.
  const units = new Map<string, { errors: number; shortfalls: number; submissions: number }>();
  for (const i of n) {
    const u = units.get(items[i]!.unit) ?? { errors: 0, shortfalls: 0, submissions: 0 };
    units.set(items[i]!.unit, u);
    u.submissions++;
    const fs = expected[i]!.filter((x) => f.kind === null || x.kind === f.kind);
    u.errors += fs.filter((x) => x.severity === 'error').length;
    u.shortfalls += fs.filter((x) => SHORTFALL_RULES.includes(x.rule)).length;
  }
  expect(Object.fromEntries(s.unitsByErrors.map((u) => [u.unit, { errors: u.errors, shortfalls: u.shortfalls, submissions: u.submissions }]))).toEqual(Object.fromEntries(units));
  expect(s.unitsByErrors.map((u) => u.errors)).toEqual([...units.values()].map((u) => u.errors).sort((a, b) => b - a));
  expect(s.unitsByShortfalls.map((u) => u.shortfalls)).toEqual([...units.values()].map((u) => u.shortfalls).sort((a, b) => b - a));

  // Review progress and decisions.
  expect(s.progress.map((p) => [p.status, p.submissions])).toEqual(
    (['pending', 'in-review', 'returned', 'approved'] as const).map((st) => [st, n.filter((i) => plannedStatus(i) === st).length]),
  );
  const decided = new Map<string, { confirmed: number; waived: number; needsInfo: number; open: number }>();
  for (const i of n) {
    for (const x of expected[i]!.filter((y) => f.kind === null || y.kind === f.kind)) {
      const d = decided.get(x.rule) ?? { confirmed: 0, waived: 0, needsInfo: 0, open: 0 };
      decided.set(x.rule, d);
      const to = plannedDecisions(i).find((p) => p.rule === x.rule)?.to;
      d[to === 'confirmed' ? 'confirmed' : to === 'waived' ? 'waived' : to === 'needs-info' ? 'needsInfo' : 'open']++;
    }
  }
  expect(Object.fromEntries(s.decisions.map((d) => [d.rule, { confirmed: d.confirmed, waived: d.waived, needsInfo: d.needsInfo, open: d.open }]))).toEqual(Object.fromEntries(decided));
}

describe('statistics over a batch with known answers', () => {
  it('the batch is what the recipe says (40 submissions, 24 units, 2 years)', () => {
    expect(input.submissions).toHaveLength(40);
    expect(new Set(input.submissions.map((s) => s.unit)).size).toBe(24);
    for (const [n, item] of items.entries()) {
      const s = input.submissions.find((x) => x.id === ids[n])!;
      expect(s.unit).toBe(item.unit);
      expect(s.district).toBe(item.district);
      const counts = (fs: { rule: string; severity: string; kind: string | null }[]) => fs.map((x) => `${x.rule}/${x.severity}/${x.kind}`).sort();
      expect(counts(s.findings)).toEqual(counts(expected[n]!));
    }
  });

  it('without filters', () => {
    const s = computeStats(input, NO_FILTER);
    checkAgainstRecipe(s, NO_FILTER);
    expect(s.years).toEqual([2021, 2022]);
    expect(s.choices.districts).toEqual(['石鼓区', '雁峰区', '珠晖区', '蒸湘区'].sort(new Intl.Collator('zh-CN').compare));
    // The top rule fails in every unit; waived most: deduction-without-reason (waived on every other submission).
    expect(s.rules[0]!.units).toBe(24);
    expect(s.decisions[0]!.rule).toBe('deduction-without-reason');
    expect(s.decisions[0]!.waivedShare).toBe(1);
    // Year over year: the 16 units of both years, their findings per year.
    expect(s.unitYears).toHaveLength(16);
    for (const row of s.unitYears) {
      const v = [2021, 2022].map((y) => expected[items.findIndex((i) => i.unit === row.key && i.year === y)]!.length);
      expect(row.values).toEqual(v);
    }
    const dev = s.ruleYears.find((r) => r.key === 'deviation-reason-missing')!;
    expect(dev.values).toEqual([20, 20]);
  });

  for (const f of [
    { ...NO_FILTER, year: 2022 },
    { ...NO_FILTER, district: '石鼓区' },
    { ...NO_FILTER, kind: 'project' as const },
    { ...NO_FILTER, kind: 'department-overall' as const, status: 'approved' as const },
    { year: 2021, district: '珠晖区', kind: null, status: 'returned' as const },
  ]) {
    it(`filtered: ${JSON.stringify(f)}`, () => {
      const s = computeStats(input, f);
      checkAgainstRecipe(s, f);
      if (f.year === 2022) expect(s.years).toEqual([2021, 2022]);
    });
  }

  it('the submissions behind a bar', () => {
    const f = { ...NO_FILTER, year: 2022 };
    const want = kept(f).filter((n) => expected[n]!.some((x) => x.rule === 'level1-weights-nondefault' && x.kind === 'department-overall'));
    expect([...drillSubmissions(input, { ...f, kind: 'department-overall' }, { rule: 'level1-weights-nondefault' })].sort()).toEqual(want.map((n) => ids[n]).sort());
    expect(want.length).toBeGreaterThan(0);
    const waived = items.map((_, n) => n).filter((n) => plannedDecisions(n).some((d) => d.rule === 'deduction-without-reason'));
    expect([...drillSubmissions(input, NO_FILTER, { rule: 'deduction-without-reason', decision: 'waived' })].sort()).toEqual(waived.map((n) => ids[n]).sort());
    const unit = items[3]!.unit;
    expect([...drillSubmissions(input, NO_FILTER, { unit })].sort()).toEqual(items.map((i, n) => (i.unit === unit ? ids[n] : null)).filter(Boolean).sort());
    const middling = items.map((_, n) => n).filter((n) => gradeOf(items[n]!.declared) === '中');
    expect([...drillSubmissions(input, NO_FILTER, { grade: '中', gradeBy: 'declared' })].sort()).toEqual(middling.map((n) => ids[n]).sort());
  });

  it('jxaudit stats --json and --xlsx give the same numbers', async () => {
    const file = join(root.dir, 'stats.xlsx');
    const f = { ...NO_FILTER, year: 2022, district: '雁峰区' };
    const run = await runJx(['stats', '--out', out, '--json', '--xlsx', file, '--year', '2022', '--district', '雁峰区']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const s = computeStats(input, f);
    expect(JSON.parse(run.stdout)).toEqual(JSON.parse(JSON.stringify(s)));
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await readFile(file)) as never);
    for (const id of ['rules', 'inflation', 'decisions'] as const) {
      const table = statsTable(s, id);
      const rows: unknown[][] = [];
      wb.getWorksheet(table.title)!.eachRow((row, i) => {
        if (i > 2) rows.push(Array.from((row.values as unknown[]).slice(1), (v) => (v === undefined || v === '' ? null : v)));
      });
      expect(rows).toEqual(table.rows);
    }
    expect(statsText(computeStats(input, NO_FILTER))).toContain('报送 40 份（24 个单位）');
    expect(() => commandFilter({ out, year: '20x2' })).toThrow('--year 需要四位年度');
    const none = await runJx(['stats', '--out', join(root.dir, 'nothing')]);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('没有报送记录');
  }, 120_000);
});
