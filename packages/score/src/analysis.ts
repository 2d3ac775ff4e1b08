/**
 * Shared readings of the money block and the indicator block (RULES.md §2): which rows are
 * totals and parts, printed precision of a figure, indicator type, tier and achievement.
 */
import { cellFigure, isEmptyMarker, normalizeText, qualitativeTier, stripSpaces, toHalfWidth, type Form, type FundRow, type Indicator, type Location, type Tier, type Value } from '@jxaudit/model';
import { equal, exact, printedScale, rational, type Printed, type Rational } from './tolerance.ts';
import type { FindingDraft, FormRef, ProfileParams, RuleContext } from './types.ts';

export type FundColumn = 'budgetInitial' | 'budgetFull' | 'executed';

export const FUND_COLUMN_NAMES: Record<FundColumn, { zh: string; en: string }> = {
  budgetInitial: { zh: '年初预算数', en: 'initial budget (年初预算数)' },
  budgetFull: { zh: '全年预算数', en: 'full-year budget (全年预算数)' },
  executed: { zh: '全年执行数', en: 'executed (全年执行数)' },
};

/**
 * A figure with the decimals it was printed with (from its cell text when kept), counted in the unit
 * it is stored in: a cell "72890" of a （元） money block, stored as 7.289 万元, has 4 decimals in 万元,
 * so it stands for ± 0.5 元, not ± 0.5 万元. `fallbackScale` is the block's scale for cells that
 * cannot tell it themselves (a printed 0): see moneyScale.
 */
export function printed(value: number, cell: Location | null | undefined, fallbackScale = 0): Printed {
  return cellFigure(value, cell?.text, fallbackScale);
}

/** The power of ten between the money block's printed figures and their 万元 values (−4 for a （元） block), from its first telling cell; 0 when none tells. */
export function moneyScale(form: Form): number {
  for (const row of form.funds) {
    for (const column of ['budgetInitial', 'budgetFull', 'executed'] as const) {
      const value = row[column];
      const cell = row.cells[column];
      if (value === null || !cell) continue;
      const k = printedScale(cell.text, value);
      if (k !== null) return k;
    }
  }
  return 0;
}

/** The total row of the money block (年度资金总额), or null. */
export function fundTotal(form: Form): FundRow | null {
  return form.funds.find((r) => r.role === 'total') ?? null;
}

export function fundParts(form: Form): FundRow[] {
  return form.funds.filter((r) => r.role === 'part');
}

/** A number as an auditor reads it: 1461.6, 2.485, 110 (no float noise). */
export function fmt(v: number | Rational): string {
  const n = typeof v === 'number' ? v : rational.toNumber(v);
  return String(Number(n.toFixed(6)));
}

/** A fraction as a percentage with d decimals: 1.3386 → "133.86%". */
export function fmtPercent(fraction: number | Rational, decimals = 2): string {
  const n = rational.toNumber(rational.mul(exact(fraction), 100));
  return `${n.toFixed(decimals)}%`;
}

/** The denominator of the execution rate under the profile (全年预算数, or 年初预算数). */
export function rateDenominator(row: FundRow, params: ProfileParams): number | null {
  return params.rateBasis === 'initial' ? row.budgetInitial : row.budgetFull;
}

/** exec ÷ basis, exactly; null when a figure is missing or the basis is 0. */
export function executionRate(row: FundRow, params: ProfileParams): Rational | null {
  const den = rateDenominator(row, params);
  if (row.executed === null || den === null || equal(den, 0)) return null;
  return rational.div(row.executed, den);
}

/** The rate to judge with: recomputed from the figures, else the printed one. */
export function effectiveRate(row: FundRow, params: ProfileParams): Rational | null {
  return executionRate(row, params) ?? (row.rate ? exact(row.rate.value) : null);
}

/**
 * Expected execution score: w_exec × min(rate, 1) (profile exec_score = capped-linear), never below 0:
 * a negative executed figure (refunds above spending) earns 0, not a negative score.
 */
export function expectedExecScore(points: number, rate: Rational): Rational {
  return rational.mul(points, rational.max(0, rational.min(rate, 1)));
}

/**
 * Whether a reason cell counts as empty (RULES.md §2 empty markers), after the full-width
 * normalisation every rule applies: "０" and "无。" are as empty as "0" and "无".
 */
export function reasonIsEmpty(text: string | null | undefined): boolean {
  if (text === null || text === undefined) return true;
  return isEmptyMarker(text) || isEmptyMarker(toHalfWidth(stripSpaces(text)).replace(/[。.；;，,]+$/, ''));
}

/** The name of the indicator reason column in the form's template (RULES.md §4 B deviation-reason-missing). */
export function reasonColumnName(form: Form): { zh: string; en: string } {
  return form.family === 'sichuan'
    ? { zh: '未完成原因分析', en: 'shortfall-reason cell (未完成原因分析)' }
    : { zh: '偏差原因分析及改进措施', en: 'deviation-reason cell' };
}

// ---------- indicators ----------

export type IndicatorType = 'quantitative' | 'boolean' | 'qualitative' | 'not-comparable';

const NUMERIC_KINDS = new Set(['amount', 'percent', 'number']);

function isNumeric(v: Value): boolean {
  return NUMERIC_KINDS.has(v.kind) && typeof v.value === 'number';
}

function unitsCompatible(t: Value, a: Value): boolean {
  if (t.kind !== a.kind) {
    // "100" under a 度量单位 "%" column against "95%": a bare number and a percent do not mix.
    return false;
  }
  if (t.kind === 'number') return t.unit === null || a.unit === null || t.unit === a.unit;
  return true;
}

/** RULES.md §2 "Indicator type". */
export function indicatorType(ind: Indicator): IndicatorType {
  const { target, actual } = ind;
  if (target.kind === 'boolean') return 'boolean';
  if (isNumeric(target)) {
    if (isNumeric(actual) && unitsCompatible(target, actual)) return 'quantitative';
    return 'not-comparable';
  }
  return 'qualitative';
}

/** The target figure a quantitative indicator is judged against, with its direction. */
export function quantTarget(ind: Indicator): { target: number; actual: number; reverse: boolean } | null {
  const { target, actual } = ind;
  if (typeof target.value !== 'number' || typeof actual.value !== 'number') return null;
  const reverse = target.comparator === '≤' || target.comparator === '<';
  let t = target.value;
  if (target.range) t = reverse ? target.range[1] : target.range[0];
  let a = actual.value;
  if (actual.range) a = reverse ? actual.range[1] : actual.range[0];
  return { target: t, actual: a, reverse };
}

/**
 * Whether a target or actual is an approximate figure that never takes part in exact checks (RULES.md
 * §2): 约/近/左右/余/多/超… A target "95%以上" (or "95%及以上") is the comparison ≥ 95% (§2 comparison
 * words), a threshold rather than an approximation, so it takes part.
 */
export function approximateFigure(v: Value, role: 'target' | 'actual'): boolean {
  if (!v.approx) return false;
  if (role === 'actual') return true;
  const rest = normalizeText(v.raw).replace(/[。.]+$/, '').replace(/(及以上|以上)$/, '');
  return v.comparator !== '≥' || /约|近|左右|上下|余|多|超|来/.test(rest);
}

/** Whether a quantitative indicator met its target. */
export function quantMet(ind: Indicator): boolean | null {
  const q = quantTarget(ind);
  if (!q) return null;
  if (equal(q.target, 0)) return rational.cmp(q.actual, 0) <= 0;
  return q.reverse ? rational.cmp(q.actual, q.target) <= 0 : rational.cmp(q.actual, q.target) >= 0;
}

/** RULES.md quant-score-recompute: the expected score e, exactly. */
export function expectedQuantScore(ind: Indicator): Rational | null {
  const q = quantTarget(ind);
  if (!q || ind.points === null) return null;
  const w = ind.points;
  if (equal(q.target, 0)) return rational.cmp(q.actual, 0) <= 0 ? exact(w) : exact(0);
  if (q.reverse) {
    if (rational.cmp(q.actual, q.target) <= 0) return exact(w);
    const over = rational.div(rational.sub(q.actual, q.target), q.target);
    return rational.mul(w, rational.max(0, rational.sub(1, over)));
  }
  if (rational.cmp(q.actual, q.target) >= 0) return exact(w);
  return rational.mul(w, rational.div(q.actual, q.target));
}

function stripped(text: string): string {
  return text.replace(/[\s\u3000\u00a0。.!！]/g, '');
}

/** The tier of a boolean or qualitative actual (RULES.md §2 "Qualitative vocabulary"); null when unreadable. */
export function actualTier(ind: Indicator): Tier | null {
  const { target, actual } = ind;
  if (actual.kind === 'empty') return null;
  if (stripped(actual.raw) !== '' && stripped(actual.raw) === stripped(target.raw)) return 'achieved';
  if (target.kind === 'boolean' && actual.kind === 'boolean') return actual.value === target.value ? 'achieved' : 'not';
  return actual.tier ?? qualitativeTier(actual.raw);
}

/** Whether the indicator is achieved: quantitative met, or tier ACHIEVED; null when undecidable. */
export function achieved(ind: Indicator): boolean | null {
  const type = indicatorType(ind);
  if (type === 'quantitative') return quantMet(ind);
  if (type === 'not-comparable') return null;
  const tier = actualTier(ind);
  return tier === null ? null : tier === 'achieved';
}

export const TIER_NAMES: Record<Tier, { zh: string; en: string }> = {
  achieved: { zh: '达成', en: 'achieved' },
  basic: { zh: '基本达成', en: 'basically achieved' },
  partial: { zh: '部分达成', en: 'partly achieved' },
  not: { zh: '未达成', en: 'not achieved' },
};

/** Printed precision p of a form's indicator score column (RULES.md §2). */
export function scorePrecision(form: Form): number {
  let p = 0;
  for (const ind of form.indicators) {
    if (ind.score === null) continue;
    p = Math.max(p, printed(ind.score, ind.cells.score).decimals);
  }
  return p;
}

/** A short name for a row in messages: the 三级指标 without trailing punctuation. */
export function rowName(ind: Indicator): string {
  return ind.name.replace(/[。.]+$/, '');
}

/** The cells a finding on one indicator row rests on: name first, then the given columns. */
export function indicatorCells(ind: Indicator, columns: (keyof Indicator['cells'])[]): Location[] {
  const out: Location[] = [ind.at];
  for (const c of columns) {
    const cell = ind.cells[c];
    if (cell && !out.includes(cell)) out.push(cell);
  }
  return out;
}

/** Forms of the given kinds, with references. */
export function formsOfKinds(ctx: RuleContext, kinds: Form['kind'][]): { ref: FormRef; form: Form; file: string }[] {
  return ctx.forms().filter((f) => kinds.includes(f.form.kind));
}

/** Drops null locations and keeps order. */
export function locs(...cells: (Location | null | undefined)[]): Location[] {
  return cells.filter((c): c is Location => c !== null && c !== undefined);
}

export type Draft = FindingDraft;

/**
 * What a form leaves out that its family always prints (issue 11, "say what is missing"): the money
 * block, the indicator block, a 一级 block of the profile's standard set (only when every 一级 the
 * form does print belongs to that set), the 总分 row. Names as the auditor reads them.
 */
export function absentParts(form: Form, params: ProfileParams): string[] {
  const absent: string[] = [];
  if (form.funds.length === 0) absent.push('资金情况');
  if (form.indicators.length === 0) absent.push('绩效指标');
  else {
    // Only a profile with a fixed 一级 set can tell one is missing (Sichuan forms may weigh 产出指标 alone at 90).
    const standard = Object.keys(params.level1Default);
    const printedLevel1 = new Set(form.indicators.map((i) => i.level1));
    if (standard.length > 0 && [...printedLevel1].every((l) => standard.includes(l))) {
      for (const l of standard) if (!printedLevel1.has(l)) absent.push(l);
    }
  }
  // A form with no score column at all (中央转移支付区域绩效自评表) has no 总分 to miss.
  const scored = form.indicators.some((i) => i.score !== null) || form.funds.some((r) => r.score !== null);
  if (!form.totals && scored) absent.push('总分');
  return absent;
}

/**
 * Whether the form's weights were not all printed: a 一级 block or the indicator block left out, or the
 * form cut before its 总分 (rows after the cut are unknown), so its weights cannot be added up.
 */
export function weightsIncomplete(form: Form, params: ProfileParams): boolean {
  return absentParts(form, params).some((p) => p !== '资金情况');
}
