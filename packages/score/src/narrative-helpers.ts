/**
 * Shared pieces of the report-versus-table rules (RULES.md §4 C): which forms to read, name and
 * unit matching. The interval a figure stands for is the parsed value's own (model precision.ts).
 */
import {
  above,
  below,
  cellFigure,
  intervalsMeet,
  moneyUnitPower,
  normalizeText,
  printedInterval,
  qualifierOf,
  rational,
  roundHalfUpTo,
  valueInterval,
  halfUnit,
  type Fact,
  type Form,
  type Interval,
  type Location,
  type RateClaim,
  type Rational,
  type Value,
} from '@jxaudit/model';
import type { FormRef, RuleContext } from './types.ts';

export interface FormEntry {
  ref: FormRef;
  form: Form;
  file: string;
}

export function formsOfKind(ctx: RuleContext, kind: Form['kind']): FormEntry[] {
  return ctx.forms().filter((f) => f.form.kind === kind);
}

/**
 * The interval of a narrative fact, in its stored unit (万元 for money; percentages stay printed
 * numbers, 7.39, as facts store them): the parsed value's own interval (model precision.ts).
 */
export function factInterval(f: Fact): Interval {
  if (f.unit === '%') return printedInterval({ value: f.value, decimals: f.decimals, qualifier: qualifierOf(f.raw, f.approx) });
  return valueInterval(factValue(f))!;
}

/** A fact as the parsed value it was read from. */
function factValue(f: Fact): Value {
  const kind = f.unit === '万元' ? 'amount' : 'number';
  return { raw: f.raw, kind, value: f.value, unit: f.unit, comparator: null, approx: f.approx, tier: null, decimals: f.decimals, range: null };
}

/** The interval of a Value in its stored unit, or null when it is not a number (model precision.ts). */
export { valueInterval };

/** A table amount (composition line, fund cell) whose decimals are counted in the block's stored unit (万元). */
export function tableAmountInterval(value: number, decimals: number): Interval {
  return printedInterval({ value, decimals });
}

export { above, below, intervalsMeet };

/**
 * Whether a percentage printed with `decimals` can be the rounding (half up) or truncation of some
 * value of the ratio interval: the printed p covers [p − ½u, p + u) in percent, u = 10^−decimals.
 */
export function percentCoversRatio(printedPercent: number | Rational, decimals: number, ratio: Interval): boolean {
  const unit = rational.mul(halfUnit(decimals), 2);
  const lo = rational.div(rational.sub(printedPercent, halfUnit(decimals)), 100);
  const hiExclusive = rational.div(rational.add(printedPercent, unit), 100);
  return rational.cmp(ratio.lo, hiExclusive) < 0 && rational.cmp(ratio.hi, lo) >= 0;
}

/** The interval of x ÷ y for positive intervals. */
export function divideIntervals(x: Interval, y: Interval): Interval | null {
  if (rational.cmp(y.lo, 0) <= 0 || rational.cmp(x.lo, 0) < 0) return null;
  return { lo: rational.div(x.lo, y.hi), hi: rational.div(x.hi, y.lo) };
}

/** A recomputed fraction shown as a percentage at `decimals` (half up), as a double for messages. */
export function percentText(fraction: number | Rational, decimals: number): string {
  return `${rational.toNumber(roundHalfUpTo(rational.mul(fraction, 100), decimals)).toFixed(decimals)}%`;
}

/** A figure for messages and `computed`, rounded half up to `decimals`. */
export function roundedNumber(x: number | Rational, decimals: number): number {
  return rational.toNumber(roundHalfUpTo(x, decimals));
}

export function fixed(x: number | Rational, decimals: number): string {
  return roundedNumber(x, decimals).toFixed(decimals);
}

/** Locations without repeats (several facts of one sentence share its location). */
export function distinctLocations(locations: Location[]): Location[] {
  const seen = new Set<string>();
  const out: Location[] = [];
  for (const l of locations) {
    const key = JSON.stringify([l.file, l.table, l.row, l.col, l.line, l.paragraph, l.text]);
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(l);
  }
  return out;
}

/**
 * The fact of `key` in the report, when there is exactly one: several different figures for the
 * same concept are ambiguous and a rule should stay silent.
 */
export function singleFact(facts: Fact[], key: Fact['key']): Fact | null {
  const found = facts.filter((f) => f.key === key);
  if (found.length === 0) return null;
  const first = found[0]!;
  return found.every((f) => rational.cmp(f.value, first.value) === 0) ? first : null;
}

/** Units that count the same thing: equal, or one a prefix of the other ("人" and "人次" in the sample's 返衡 sentence). */
export function countUnitsCompatible(a: string | null, b: string | null): boolean {
  if (a === null || b === null) return a === b;
  return a === b || a.startsWith(b) || b.startsWith(a);
}

/** Name text for matching: half-width, no spaces, no trailing punctuation. */
export function normalizeName(s: string): string {
  return normalizeText(s).replace(/[。.，,；;：:！!？?、\s]+$/u, '').replace(/\s+/g, '');
}

/** The longest stretch of characters two names share. */
export function longestSharedSubstring(a: string, b: string): string {
  let best = '';
  for (let i = 0; i < a.length; i++) {
    for (let j = i + best.length + 1; j <= a.length; j++) {
      const piece = a.slice(i, j);
      if (b.includes(piece)) best = piece;
      else break;
    }
  }
  return best;
}

/** The department's 年度资金总额 row (the total), or null. */
export function totalFundRow(form: Form) {
  return form.funds.find((r) => r.role === 'total') ?? null;
}

/** Half the width of a fact's interval, in its stored unit (0 for a whole count or a printed 0). */
export function factHalfUnit(f: Fact): number {
  const i = factInterval(f);
  return rational.toNumber(rational.div(rational.sub(i.hi, i.lo), 2));
}

/** Decimals needed to show a money figure in 万元 that was printed with `decimals` in its own unit. */
export function decimalsInWan(f: Fact): number {
  return Math.max(0, f.decimals - moneyUnitPower(f.raw));
}

/** A figure with its unit for messages: 2931.39 → "2931.39万元", 41 → "41人". */
export function figureText(x: number | Rational, decimals: number, unit: string | null): string {
  return `${fixed(x, decimals)}${unit === '%' ? '%' : unit ?? ''}`;
}

/**
 * The interval of a count or amount taken from a rate claim: whole counts ("154户", "206人") are
 * exact; amounts and counts printed with decimals stand for ± half a unit of their last digit.
 */
export function countInterval(v: Value): Interval | null {
  return valueInterval(v);
}

/** A rate Value (fraction) as the percentage it was printed as (0.9506 printed "95.06%" → 95.06), exactly. */
export function printedPercentOf(rate: Value): Rational | null {
  if (rate.kind !== 'percent' || typeof rate.value !== 'number') return null;
  return roundHalfUpTo(rational.mul(rate.value, 100), rate.decimals ?? 0);
}


/** A table figure (万元 block) with its interval and where it was printed. */
export interface TableFigure {
  value: number;
  decimals: number;
  interval: Interval;
  at: Location;
}

export function tableFigure(value: number | null, cell: Location | null | undefined, fallback: Location): TableFigure | null {
  if (value === null) return null;
  // Stored decimals may exceed the printed ones (a （元） block: 4 more in 万元) or fall below 0 ("7.6亿元").
  const figure = cellFigure(value, cell?.text);
  return { value, decimals: Math.max(0, figure.decimals), interval: printedInterval(figure), at: cell ?? fallback };
}

/** Concepts of the department table's composition lines and the report's budget parts. */
const COMPOSITION_CONCEPTS: [string, RegExp][] = [
  ['basic', /基本支出/],
  ['project', /项目支出/],
  ['upper-special', /上级专项|上级补助/],
  ['government-fund', /政府性基金/],
  ['carry-over', /上年结转|结转结余|上年结余/],
  ['fiscal', /一般公共预算|财政拨款|经费拨款|财政补助|本级财政/],
  ['special-account', /财政专户/],
  ['other', /其他/],
];

/** The concept a composition or budget-part label names ("经费拨款" and "一般公共预算" → fiscal), or null. */
export function compositionConcept(label: string): string | null {
  const text = normalizeName(label);
  for (const [concept, pattern] of COMPOSITION_CONCEPTS) if (pattern.test(text)) return concept;
  return null;
}

/**
 * Whether the rate of a claim is a growth rate ("增长率12.3%", "同比下降5%"): a change against last
 * year, not X out of a base, so neither ratio rule applies to it.
 */
export function isGrowthRate(claim: RateClaim): boolean {
  const sentence = normalizeText(claim.at.text);
  const rate = normalizeText(claim.rate.raw);
  const at = sentence.indexOf(rate);
  if (at < 0) return false;
  return /(增长|增幅|下降|降幅|减少|同比|环比|提高|上升)率?(为|达到|达)?$/.test(sentence.slice(Math.max(0, at - 8), at));
}
