import type { Value } from './value-schema.ts';
import { MONEY_UNITS, normalizeText } from './value.ts';

/*
 * One arithmetic for printed figures (RULES.md §4 A "Tolerance"; STYLE.md "One arithmetic").
 * Every JS number is read through its shortest decimal representation into an exact rational of
 * BigInts, and the values a printed figure may stand for — its interval at its printed precision —
 * are computed here once, for the recogniser and every rule.
 *
 * The policy, in one place:
 * - a figure stands for ± half a unit of its last printed digit, in the unit it is stored in
 *   ("742.25" → [742.245, 742.255]; "72890" of a （元） block stored as 7.289 万元 → ± 0.5 元);
 * - a printed 0 ("0", "0.00", "0元") is exactly none: nobody prints 0 for 0.3;
 * - a whole count ("41人", "154户") is exact: nobody rounds a head count;
 * - 余/多/以上/超 make the interval unbounded above; 约/近/左右 widen it by ±10%.
 */

/** An exact fraction num/den with den > 0, kept reduced. */
export interface Rational {
  readonly num: bigint;
  readonly den: bigint;
}

const ZERO: Rational = { num: 0n, den: 1n };

function gcd(a: bigint, b: bigint): bigint {
  a = a < 0n ? -a : a;
  b = b < 0n ? -b : b;
  while (b !== 0n) [a, b] = [b, a % b];
  return a;
}

function make(num: bigint, den: bigint): Rational {
  if (den === 0n) throw new RangeError('division by zero');
  if (den < 0n) {
    num = -num;
    den = -den;
  }
  const g = gcd(num, den) || 1n;
  return { num: num / g, den: den / g };
}

const POW10: bigint[] = Array.from({ length: 40 }, (_, i) => 10n ** BigInt(i));

function pow10(d: number): bigint {
  const k = Math.max(0, d);
  return POW10[k] ?? 10n ** BigInt(k);
}

/** 10^k exactly, for any integer k. */
export function powerOfTen(k: number): Rational {
  return k >= 0 ? make(pow10(k), 1n) : make(1n, pow10(-k));
}

/** The exact value of a number as JS prints it (742.25 → 74225/100; 1e-7 → 1/10^7). */
export function exact(v: number | Rational): Rational {
  if (typeof v !== 'number') return v;
  // The same printed figures are compared by many rules: each number read once (rationals are never mutated).
  let r = EXACT.get(v);
  if (r === undefined) {
    r = exactOf(v);
    if (EXACT.size >= 50_000) EXACT.clear();
    EXACT.set(v, r);
  }
  return r;
}

const EXACT = new Map<number, Rational>();

function exactOf(v: number): Rational {
  if (!Number.isFinite(v)) throw new RangeError(`not a finite number: ${v}`);
  const m = /^(-?)(\d+)(?:\.(\d+))?(?:e([+-]?\d+))?$/i.exec(String(v));
  if (!m) throw new RangeError(`unreadable number: ${v}`);
  const [, sign, int, frac = '', expText] = m;
  const exp = Number(expText ?? 0) - frac.length;
  let num = BigInt(int! + frac);
  if (sign) num = -num;
  return exp >= 0 ? make(num * pow10(exp), 1n) : make(num, pow10(-exp));
}

export const rational = {
  add: (a: number | Rational, b: number | Rational): Rational => {
    const x = exact(a);
    const y = exact(b);
    return make(x.num * y.den + y.num * x.den, x.den * y.den);
  },
  sub: (a: number | Rational, b: number | Rational): Rational => {
    const x = exact(a);
    const y = exact(b);
    return make(x.num * y.den - y.num * x.den, x.den * y.den);
  },
  mul: (a: number | Rational, b: number | Rational): Rational => {
    const x = exact(a);
    const y = exact(b);
    return make(x.num * y.num, x.den * y.den);
  },
  div: (a: number | Rational, b: number | Rational): Rational => {
    const x = exact(a);
    const y = exact(b);
    return make(x.num * y.den, x.den * y.num);
  },
  /** -1, 0, 1. */
  cmp: (a: number | Rational, b: number | Rational): number => {
    const x = exact(a);
    const y = exact(b);
    const l = x.num * y.den;
    const r = y.num * x.den;
    return l < r ? -1 : l > r ? 1 : 0;
  },
  min: (a: number | Rational, b: number | Rational): Rational => (rational.cmp(a, b) <= 0 ? exact(a) : exact(b)),
  max: (a: number | Rational, b: number | Rational): Rational => (rational.cmp(a, b) >= 0 ? exact(a) : exact(b)),
  sum: (values: (number | Rational)[]): Rational => values.reduce<Rational>((acc, v) => rational.add(acc, v), ZERO),
  /** Nearest double, for reporting only (declared/computed fields), never for deciding. */
  toNumber: (a: number | Rational): number => {
    const x = exact(a);
    return Number(x.num) / Number(x.den);
  },
};

export function equal(a: number | Rational, b: number | Rational): boolean {
  return rational.cmp(a, b) === 0;
}

/** floor(x × 10^d), an integer count of units of the d-th decimal. */
function floorUnits(x: Rational, d: number): bigint {
  const n = x.num * pow10(d);
  const q = n / x.den;
  return n < 0n && q * x.den !== n ? q - 1n : q;
}

/** x rounded down to d decimals. */
export function floorTo(x: number | Rational, d: number): Rational {
  return make(floorUnits(exact(x), d), pow10(d));
}

/** x truncated (toward zero) to d decimals. */
export function truncTo(x: number | Rational, d: number): Rational {
  const r = exact(x);
  return make((r.num * pow10(d)) / r.den, pow10(d));
}

/** x rounded half up (away from zero on .5 for positives) to d decimals. */
export function roundHalfUpTo(x: number | Rational, d: number): Rational {
  const r = exact(x);
  const half = make(1n, 2n * pow10(d));
  if (r.num >= 0n) return floorTo(rational.add(r, half), d);
  return rational.sub(ZERO, floorTo(rational.add(rational.sub(ZERO, r), half), d));
}

/** Decimals of a number as JS prints it (0.1 → 1, 1461.6 → 1, 120 → 0): a fallback when no text is kept. */
export function decimalsOfNumber(v: number): number {
  const r = exact(v);
  let d = 0;
  while (d < 20 && (r.num * pow10(d)) % r.den !== 0n) d++;
  return d;
}

/** A closed interval of exact values. */
export interface Interval {
  lo: Rational;
  hi: Rational;
}

/** Half a unit of the d-th decimal (d = 2 → 0.005; d = 0 → 0.5; d = −3 → 500, a figure printed in 千万). */
export function halfUnit(decimals: number): Rational {
  return decimals >= 0 ? make(1n, 2n * pow10(decimals)) : make(pow10(-decimals), 2n);
}

export function sumIntervals(intervals: Interval[]): Interval {
  return {
    lo: rational.sum(intervals.map((i) => i.lo)),
    hi: rational.sum(intervals.map((i) => i.hi)),
  };
}

/** Whether two intervals share at least one value. */
export function intervalsMeet(a: Interval, b: Interval): boolean {
  return rational.cmp(a.lo, b.hi) <= 0 && rational.cmp(b.lo, a.hi) <= 0;
}

/** a lies entirely above b. */
export function above(a: Interval, b: Interval): boolean {
  return rational.cmp(a.lo, b.hi) > 0;
}

/** a lies entirely below b. */
export function below(a: Interval, b: Interval): boolean {
  return rational.cmp(a.hi, b.lo) < 0;
}

// ——— Printed precision ———

/** The numbers of a text as written, half-width, thousands separators dropped ("1,461.60" → "1461.60"). */
function numbersIn(text: string): string[] {
  return normalizeText(text).match(/\d+(?:\.\d+)?/g) ?? [];
}

/**
 * Decimals printed in the (last) number of a text: "1461.60" → 2, "1,461.60" → 2, "133.86％" → 2,
 * "１２０．５" → 1, "148%" → 0; 0 when there is no number.
 */
export function printedDecimals(text: string): number {
  const numbers = numbersIn(text);
  const last = numbers[numbers.length - 1];
  const dot = last ? last.indexOf('.') : -1;
  return dot < 0 ? 0 : last!.length - dot - 1;
}

/**
 * The power of ten k between a printed figure and the value it was stored as (value = printed × 10^k):
 * −4 for "72890" in a （元） money block stored as 7.289 万元, 4 for "7.6亿元" stored as 76000 万元, 0
 * when stored as printed. Null when it cannot be told (no number, a 0, or not a power of ten apart).
 */
export function printedScale(text: string, value: number): number | null {
  const numbers = numbersIn(text);
  const t = numbers[numbers.length - 1];
  if (t === undefined || !Number.isFinite(value)) return null;
  const n = exact(Number(t));
  if (n.num === 0n || equal(value, 0)) return null;
  const ratio = rational.div(value, n);
  for (let k = -8; k <= 8; k++) if (equal(ratio, powerOfTen(k))) return k;
  return null;
}

/**
 * Decimals of a figure in the unit it is stored in, from the text it was printed with: the printed
 * decimals minus the power of ten between them ("72890" of a （元） block stored in 万元 → 4; "742.25"
 * → 2; "7.6亿元" → −3). `fallbackScale` stands in when the text cannot tell (a printed 0).
 */
export function storedDecimals(text: string, value: number, fallbackScale = 0): number {
  return printedDecimals(text) - (printedScale(text, value) ?? fallbackScale);
}

/** How an approximate figure is qualified: at least (余/多/以上/超) or about (约/近/左右). */
export type Qualifier = 'exact' | 'at-least' | 'about';

export function qualifierOf(raw: string, approx: boolean): Qualifier {
  if (!approx) return 'exact';
  if (/约|近|左右|大约|大概/.test(raw)) return 'about';
  return 'at-least';
}

/** "About" is read as ±10%: wide on purpose, so that an approximate figure alone never makes a contradiction. */
export const ABOUT_SPREAD = 0.1;

/** A value with no upper bound (for "N余", "N多", "N以上"). */
const UNBOUNDED: Rational = { num: 10n ** 30n, den: 1n };

/** A printed figure: its value in the unit it is stored in and its decimals counted in that unit. */
export interface Printed {
  value: number;
  decimals: number;
  qualifier?: Qualifier;
}

/**
 * The values a printed figure may stand for, in the unit it is stored in: ± half a unit of its last
 * printed digit (`decimals` counted in the stored unit, so negative for a figure printed in 亿元 and
 * stored in 万元), widened for qualifiers. A printed 0 is exactly none.
 */
export function printedInterval(figure: Printed): Interval {
  const { value, decimals, qualifier = 'exact' } = figure;
  if (value === 0 && qualifier === 'exact') return { lo: exact(0), hi: exact(0) };
  const h = halfUnit(decimals);
  if (qualifier === 'at-least') return { lo: rational.sub(value, h), hi: UNBOUNDED };
  if (qualifier === 'about') {
    const spread = rational.mul(Math.abs(value), ABOUT_SPREAD);
    return { lo: rational.sub(rational.sub(value, spread), h), hi: rational.add(rational.add(value, spread), h) };
  }
  return { lo: rational.sub(value, h), hi: rational.add(value, h) };
}

/** Powers of ten between a money unit as printed and 万元 ("元" → −4, "亿元" → 4), 0 when none is printed. */
export function moneyUnitPower(raw: string): number {
  const m = /(亿元|万元|千元|元)/.exec(normalizeText(raw));
  return m ? Math.round(Math.log10(MONEY_UNITS[m[1]!]!)) : 0;
}

/** Whether a value is a whole count ("41人", "154户", a bare "5"): exact, never rounded. */
export function isWholeCount(v: Pick<Value, 'kind' | 'decimals' | 'approx' | 'value'>): boolean {
  return v.kind === 'number' && !v.approx && (v.decimals ?? 0) === 0 && typeof v.value === 'number' && Number.isInteger(v.value);
}

/** The printed figure of a parsed value, with its decimals counted in its stored unit; null unless numeric. */
export function printedFigure(v: Value): Printed | null {
  if (typeof v.value !== 'number') return null;
  const shift = v.kind === 'percent' ? 2 : v.kind === 'amount' ? -moneyUnitPower(v.raw) : 0;
  return { value: v.value, decimals: (v.decimals ?? 0) + shift, qualifier: qualifierOf(v.raw, v.approx) };
}

/**
 * The interval of a parsed value at its printed precision, in its stored unit (万元 for amounts, a
 * fraction for percents, as printed for counts); null when it is not a number. Whole counts are exact.
 */
export function valueInterval(v: Value): Interval | null {
  const figure = printedFigure(v);
  if (!figure) return null;
  if (isWholeCount(v)) return { lo: exact(figure.value), hi: exact(figure.value) };
  return printedInterval(figure);
}

/**
 * A figure read from a table cell, in the unit it is stored in (万元 for a money block): its decimals
 * from the cell's text when it has a number (4 more for a （元） block), else from the number itself.
 * `fallbackScale` is the block's power of ten for a cell that cannot tell it (a printed 0).
 */
export function cellFigure(value: number, cellText: string | null | undefined, fallbackScale = 0): Printed {
  const decimals = cellText && /\d/.test(cellText) ? storedDecimals(cellText, value, fallbackScale) : decimalsOfNumber(value);
  return { value, decimals };
}
