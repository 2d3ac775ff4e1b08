/**
 * Shared pieces of the report-versus-table rules (RULES.md §4 C): which forms to read, the interval
 * a narrative figure stands for (printed unit, printed decimals, qualifiers), name and unit matching.
 * Exact arithmetic comes from tolerance.ts; this file only adds what narrative figures need on top.
 */
import { MONEY_UNITS, normalizeText, type Fact, type Form, type Location, type RateClaim, type Value } from '@jxaudit/model';
import {
  decimalsOfNumber,
  exact,
  halfUnit,
  intervalsMeet,
  storedDecimals,
  rational,
  roundHalfUpTo,
  type Interval,
  type Rational,
} from './tolerance.ts';
import type { FormRef, RuleContext } from './types.ts';

export interface FormEntry {
  ref: FormRef;
  form: Form;
  file: string;
}

export function formsOfKind(ctx: RuleContext, kind: Form['kind']): FormEntry[] {
  return ctx.forms().filter((f) => f.form.kind === kind);
}

/** A value with no upper bound (for "N余", "N多", "N以上"). */
const UNBOUNDED: Rational = { num: 10n ** 30n, den: 1n };

/** How an approximate figure is qualified: at least (余/多/以上/超) or about (约/近/左右). */
export type Qualifier = 'exact' | 'at-least' | 'about';

export function qualifierOf(raw: string, approx: boolean): Qualifier {
  if (!approx) return 'exact';
  if (/约|近|左右|大约|大概/.test(raw)) return 'about';
  return 'at-least';
}

/** "About" is read as ±10%: wide on purpose, so that an approximate figure alone never makes a contradiction. */
export const ABOUT_SPREAD = 0.1;

/** 万元 per unit of the printed money unit ("0元" → 0.0001, "7.6亿元" → 10000); 1 for 万元, bare numbers and counts. */
export function printedScale(raw: string): number {
  const m = /(亿元|万元|千元|元)/.exec(normalizeText(raw));
  return m ? MONEY_UNITS[m[1]!]! : 1;
}

/**
 * The values a printed figure may stand for, in the unit it is stored in (万元 for money): ± half a
 * unit of its last printed digit in the printed unit, widened for qualifiers; a plain 0 is exact.
 */
export function figureInterval(value: number, decimals: number, raw: string, approx: boolean, scale = printedScale(raw)): Interval {
  // A printed 0 ("公务用车0元", "因公出国费用0万元") means none at all, not anything below half a unit.
  if (value === 0 && !approx) return { lo: exact(0), hi: exact(0) };
  const h = rational.mul(halfUnit(decimals), scale);
  const q = qualifierOf(raw, approx);
  if (q === 'at-least') return { lo: rational.sub(value, h), hi: UNBOUNDED };
  if (q === 'about') {
    const spread = rational.mul(Math.abs(value), ABOUT_SPREAD);
    return { lo: rational.sub(rational.sub(value, spread), h), hi: rational.add(rational.add(value, spread), h) };
  }
  return { lo: rational.sub(value, h), hi: rational.add(value, h) };
}

/**
 * The interval of a narrative fact; percentages stay printed numbers (7.39), as facts store them.
 * Whole counts ("41人", "838人") are exact: nobody rounds a head count.
 */
export function factInterval(f: Fact): Interval {
  if (isWholeCount(f)) return { lo: exact(f.value), hi: exact(f.value) };
  return figureInterval(f.value, f.decimals, f.raw, f.approx);
}

function isWholeCount(f: Fact): boolean {
  return !f.approx && f.decimals === 0 && f.unit !== null && f.unit !== '万元' && f.unit !== '%' && Number.isInteger(f.value);
}

/**
 * The interval of a Value in its stored unit (万元 for amounts, a fraction for percents, as printed
 * for counts), or null when it is not a number.
 */
export function valueInterval(v: Value): Interval | null {
  if (typeof v.value !== 'number') return null;
  const decimals = v.decimals ?? 0;
  const scale = v.kind === 'percent' ? 0.01 : v.kind === 'amount' ? printedScale(v.raw) : 1;
  return figureInterval(v.value, decimals, v.raw, v.approx, scale);
}

/** A table amount (composition line, fund cell) printed in the block's unit (万元). */
export function tableAmountInterval(value: number, decimals: number): Interval {
  return figureInterval(value, decimals, '', false, 1);
}

export { intervalsMeet };

/** a lies entirely above b. */
export function above(a: Interval, b: Interval): boolean {
  return rational.cmp(a.lo, b.hi) > 0;
}

/** a lies entirely below b. */
export function below(a: Interval, b: Interval): boolean {
  return rational.cmp(a.hi, b.lo) < 0;
}

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

/** Half a unit of the last printed digit of a fact, in its stored unit (万元 for money). */
export function factHalfUnit(f: Fact): number {
  if (isWholeCount(f)) return 0;
  return rational.toNumber(rational.mul(halfUnit(f.decimals), printedScale(f.raw)));
}

/** Decimals needed to show a money figure in 万元 that was printed with `decimals` in its own unit. */
export function decimalsInWan(f: Fact): number {
  const scale = printedScale(f.raw);
  const extra = scale < 1 ? Math.round(-Math.log10(scale)) : 0;
  return Math.max(0, f.decimals + extra - (scale > 1 ? Math.round(Math.log10(scale)) : 0));
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
  if (typeof v.value !== 'number') return null;
  if (v.kind === 'number' && (v.decimals ?? 0) === 0 && !v.approx) return { lo: exact(v.value), hi: exact(v.value) };
  return valueInterval(v);
}

/** A rate Value (fraction) as the percentage it was printed as (0.9506 printed "95.06%" → 95.06), exactly. */
export function printedPercentOf(rate: Value): Rational | null {
  if (rate.kind !== 'percent' || typeof rate.value !== 'number') return null;
  return roundHalfUpTo(rational.mul(rate.value, 100), rate.decimals ?? 0);
}

/** Decimals of a table figure in 万元 (its stored unit): from its cell text (4 more for a （元） block), else from the number itself. */
export function cellDecimals(cell: Location | null | undefined, value: number): number {
  return cell && /\d/.test(cell.text) ? storedDecimals(cell.text, value) : decimalsOfNumber(value);
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
  const decimals = cellDecimals(cell, value);
  return { value, decimals: Math.max(0, decimals), interval: tableAmountInterval(value, decimals), at: cell ?? fallback };
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
