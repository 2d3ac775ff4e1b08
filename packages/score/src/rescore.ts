import type { Finding, Form, Location, Rescored, RescoredChange } from '@jxaudit/model';
import { fundTotal, rowName } from './analysis.ts';
import { exactSum, rational } from './tolerance.ts';
import type { GradeBand, Profile } from './types.ts';

/*
 * 自评总分 → 复核总分 (REPORT.md "rescored"): the number a 科长 asks first. The recomputed total is
 * the sum of the item scores the profile counts, each score a rule recomputed replaced by its
 * recomputed value and every other score kept as printed. Pure: forms and findings in.
 */

/**
 * Rules whose `computed` is the score an item should have had, with `declared` its printed score
 * and the score cell among `at`; earlier rules win when two recompute the same cell.
 */
export const SCORE_RECOMPUTING_RULES: readonly string[] = ['quant-score-recompute', 'exec-score-recompute', 'score-range'];

interface Item {
  role: RescoredChange['role'];
  label: string;
  score: number;
  cell: Location | null;
}

function sameCell(a: Location, b: Location): boolean {
  if (a.file !== b.file) return false;
  if (a.table !== null && a.row !== null && a.col !== null) return a.table === b.table && a.row === b.row && a.col === b.col;
  return a.line !== null && a.line === b.line && a.text === b.text;
}

/** The grade of a total under the bands, on a 100-point scale (a total out of 110 is scaled). */
export function gradeOf(score: number | null, points: number | null, bands: readonly GradeBand[]): string | null {
  if (score === null || bands.length === 0) return null;
  const scaled = points !== null && points > 0 && points !== 100 ? rational.div(rational.mul(score, 100), points) : score;
  const sorted = [...bands].sort((a, b) => b.min - a.min);
  return (sorted.find((b) => rational.cmp(scaled, b.min) >= 0) ?? sorted[sorted.length - 1]!).grade;
}

/** The recomputed score of one item: the first score-recomputing finding on its score cell, else null. */
function recomputedScore(item: Item, findings: readonly Finding[]): { rule: string; value: number } | null {
  if (!item.cell) return null;
  for (const rule of SCORE_RECOMPUTING_RULES) {
    const hit = findings.find(
      (f) =>
        f.rule === rule &&
        f.computed !== null &&
        f.declared !== null &&
        rational.cmp(f.declared, item.score) === 0 &&
        f.at.some((loc) => sameCell(loc, item.cell!)),
    );
    if (hit) return { rule, value: hit.computed! };
  }
  return null;
}

/**
 * 自评总分 and 复核总分 of a table form under the profile, with their grades; null for the narrative
 * report. `findings` may hold the whole submission's findings: they are matched by score cell.
 */
export function rescoreForm(form: Form, findings: readonly Finding[], profile: Profile): Rescored | null {
  if (form.kind === 'report') return null;
  const includesExecution = profile.params.totalIncludesExec;
  const items: Item[] = [];
  const fund = fundTotal(form);
  if (includesExecution && fund && fund.score !== null) {
    items.push({ role: 'execution', label: fund.label, score: fund.score, cell: fund.cells.score ?? null });
  }
  for (const ind of form.indicators) {
    if (ind.score !== null) items.push({ role: 'indicator', label: rowName(ind), score: ind.score, cell: ind.cells.score ?? null });
  }
  const points = form.totals?.points ?? null;
  const declared = form.totals?.score ?? null;
  if (items.length === 0 && declared === null) return null;

  const changes: RescoredChange[] = [];
  const scores = items.map((item) => {
    const again = recomputedScore(item, findings);
    if (!again || rational.cmp(again.value, item.score) === 0) return item.score;
    changes.push({ rule: again.rule, item: item.label, role: item.role, declared: item.score, recomputed: again.value, at: item.cell! });
    return again.value;
  });
  const itemsSum = items.length ? exactSum(items.map((i) => i.score)) : null;
  const recomputed = items.length ? exactSum(scores) : null;
  const bands = profile.params.gradeBands;
  return {
    points,
    declared,
    recomputed,
    declaredGrade: gradeOf(declared, points, bands),
    recomputedGrade: gradeOf(recomputed, points, bands),
    includesExecution,
    itemsSum,
    changes,
  };
}
