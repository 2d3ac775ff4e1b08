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

/** A cell's identity across the submission's files: its grid position, else its line and text. */
function cellId(loc: Location): string | null {
  if (loc.table !== null && loc.row !== null && loc.col !== null) return JSON.stringify([loc.file, loc.table, loc.row, loc.col]);
  return loc.line !== null ? JSON.stringify([loc.file, loc.line, loc.text]) : null;
}

/** Score-recomputing findings by the cells they rest on (a document of hundreds of tables has thousands of each). */
export function scoreFindingsByCell(findings: readonly Finding[]): Map<string, Finding[]> {
  const map = new Map<string, Finding[]>();
  for (const f of findings) {
    if (!SCORE_RECOMPUTING_RULES.includes(f.rule) || f.computed === null || f.declared === null) continue;
    for (const id of new Set(f.at.map(cellId))) {
      if (id === null) continue;
      const list = map.get(id) ?? [];
      list.push(f);
      map.set(id, list);
    }
  }
  return map;
}

/** The grade of a total under the bands, on a 100-point scale (a total out of 110 is scaled). */
export function gradeOf(score: number | null, points: number | null, bands: readonly GradeBand[]): string | null {
  if (score === null || bands.length === 0) return null;
  const scaled = points !== null && points > 0 && points !== 100 ? rational.div(rational.mul(score, 100), points) : score;
  const sorted = [...bands].sort((a, b) => b.min - a.min);
  return (sorted.find((b) => rational.cmp(scaled, b.min) >= 0) ?? sorted[sorted.length - 1]!).grade;
}

/** The recomputed score of one item: the first score-recomputing finding on its score cell, else null. */
function recomputedScore(item: Item, onCell: Map<string, Finding[]>): { rule: string; value: number } | null {
  const id = item.cell ? cellId(item.cell) : null;
  const candidates = id === null ? undefined : onCell.get(id);
  if (!candidates) return null;
  for (const rule of SCORE_RECOMPUTING_RULES) {
    const hit = candidates.find((f) => f.rule === rule && rational.cmp(f.declared!, item.score) === 0);
    if (hit) return { rule, value: hit.computed! };
  }
  return null;
}

/**
 * 自评总分 and 复核总分 of a table form under the profile, with their grades; null for the narrative
 * report. `findings` may hold the whole submission's findings: they are matched by score cell
 * (pass `scoreFindingsByCell(findings)` when rescoring many forms against the same findings).
 */
export function rescoreForm(form: Form, findings: readonly Finding[] | Map<string, Finding[]>, profile: Profile): Rescored | null {
  if (form.kind === 'report') return null;
  const onCell = findings instanceof Map ? findings : scoreFindingsByCell(findings);
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
    const again = recomputedScore(item, onCell);
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
