/**
 * Exact arithmetic for comparing printed figures (RULES.md §4 A, "Tolerance"; ARCHITECTURE.md
 * "Exact arithmetic"). Every JS number is read through its shortest decimal representation into an
 * exact rational of BigInts, so 0.1 + 0.2 never decides a finding.
 */

/** An exact fraction num/den with den > 0, kept reduced. */
export interface Rational {
  num: bigint;
  den: bigint;
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

function pow10(d: number): bigint {
  return 10n ** BigInt(Math.max(0, d));
}

/** The exact value of a number as JS prints it (742.25 → 74225/100; 1e-7 → 1/10^7). */
export function exact(v: number | Rational): Rational {
  if (typeof v !== 'number') return v;
  if (!Number.isFinite(v)) throw new RangeError(`not a finite number: ${v}`);
  const m = /^(-?)(\d+)(?:\.(\d+))?(?:e([+-]?\d+))?$/i.exec(String(v));
  if (!m) throw new RangeError(`unreadable number: ${v}`);
  const [, sign, int, frac = '', expText] = m;
  const exp = Number(expText ?? 0) - frac.length;
  let num = BigInt(int + frac);
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

/** A closed interval of exact values. */
export interface Interval {
  lo: Rational;
  hi: Rational;
}

/** Half a unit of the d-th decimal (d = 2 → 0.005; d = 0 → 0.5; d = −3 → 500, a figure printed in 千万). */
export function halfUnit(decimals: number): Rational {
  return decimals >= 0 ? make(1n, 2n * pow10(decimals)) : make(pow10(-decimals), 2n);
}

/** The values a printed figure may stand for: 742.25 → [742.245, 742.255]; 120 → [119.5, 120.5]. */
export function printedInterval(value: number, decimals: number): Interval {
  const h = halfUnit(decimals);
  return { lo: rational.sub(value, h), hi: rational.add(value, h) };
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

/** A printed figure: its value and the decimals it was printed with. */
export interface Printed {
  value: number;
  decimals: number;
}

/**
 * Whether a printed total can equal the sum of printed parts (Arelle's Calc 1.1 round-to-nearest):
 * each figure stands for ± half a unit of its last digit, the parts' intervals are added, and the
 * sum is inconsistent only when that interval and the total's do not meet.
 */
export function sumCanMeet(total: Printed, parts: Printed[]): boolean {
  const partsInterval = sumIntervals(parts.map((p) => printedInterval(p.value, p.decimals)));
  return intervalsMeet(printedInterval(total.value, total.decimals), partsInterval);
}

/** The widest gap a sum check tolerates between total and Σ parts (sum of all half units). */
export function sumTolerance(total: Printed, parts: Printed[]): number {
  return rational.toNumber(rational.sum([halfUnit(total.decimals), ...parts.map((p) => halfUnit(p.decimals))]));
}

/** Exact Σ of numbers, returned as the nearest double (for `computed`). */
export function exactSum(values: number[]): number {
  return rational.toNumber(rational.sum(values));
}

/**
 * Whether a printed rate matches the recomputed one: the printed value equals the recomputed value
 * rounded half up or truncated to the printed decimals. `printedPercent` is the percentage as
 * printed (148 for "148%"), `decimals` its printed decimals; the recomputed rate is
 * numerator ÷ denominator as a fraction (1.48).
 */
export function rateMatches(
  printedPercent: number,
  decimals: number,
  numerator: number | Rational,
  denominator: number | Rational,
): boolean {
  if (rational.cmp(denominator, 0) === 0) return false;
  const percent = rational.mul(rational.div(numerator, denominator), 100);
  return equal(printedPercent, roundHalfUpTo(percent, decimals)) || equal(printedPercent, truncTo(percent, decimals));
}

/** A fraction value (1.3386) printed as a percentage with d decimals → the printed percentage exactly (133.86). */
export function fractionToPercent(fraction: number, decimals: number): Rational {
  return roundHalfUpTo(rational.mul(fraction, 100), decimals);
}

/**
 * Score rounding (RULES.md quant-score-recompute): a printed score s at printed precision p is
 * accepted for the expected value e when floor_p(e) ≤ s ≤ round_half_up_p(e).
 * Returns 0 when accepted, 1 when s is above the range (inflated), -1 when below (understated).
 */
export function scoreAgainstExpected(score: number, expected: number | Rational, precision: number): -1 | 0 | 1 {
  const lo = floorTo(expected, precision);
  const hi = roundHalfUpTo(expected, precision);
  if (rational.cmp(score, hi) > 0) return 1;
  if (rational.cmp(score, lo) < 0) return -1;
  return 0;
}

/** The accept range [floor_p(e), round_half_up_p(e)] as doubles, for messages and detail. */
export function scoreAcceptRange(expected: number | Rational, precision: number): [number, number] {
  return [rational.toNumber(floorTo(expected, precision)), rational.toNumber(roundHalfUpTo(expected, precision))];
}

/** Decimals printed in the (last) number of a text: "1,461.60" → 2, "148%" → 0, "133.86％" → 2; 0 if none. */
export function printedDecimals(text: string): number {
  const normalized = text.replace(/[０-９]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).replace(/．/g, '.');
  const numbers = normalized.match(/\d[\d,]*(?:\.(\d+))?/g);
  if (!numbers || numbers.length === 0) return 0;
  const last = numbers[numbers.length - 1];
  const dot = last.indexOf('.');
  return dot < 0 ? 0 : last.length - dot - 1;
}

/** The last number printed in a text, as written ("1,461.60" → "1461.60"), or null. */
function lastNumberText(text: string): string | null {
  const normalized = text.replace(/[０-９]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).replace(/．/g, '.');
  const numbers = normalized.match(/\d[\d,]*(?:\.\d+)?/g);
  return numbers && numbers.length > 0 ? numbers[numbers.length - 1].replace(/,/g, '') : null;
}

/**
 * The power of ten k between a printed figure and the value it was stored as (value = printed × 10^k):
 * −4 for "72890" in a （元） money block stored as 7.289 万元, 4 for "7.6亿元" stored as 76000 万元, 0
 * when stored as printed. Null when it cannot be told (no number, a 0, or not a power of ten apart).
 */
export function printedScale(text: string, value: number): number | null {
  const t = lastNumberText(text);
  if (t === null || !Number.isFinite(value)) return null;
  const n = exact(Number(t));
  if (n.num === 0n || equal(value, 0)) return null;
  const ratio = rational.div(value, n);
  for (let k = -8; k <= 8; k++) {
    if (equal(ratio, k >= 0 ? make(pow10(k), 1n) : make(1n, pow10(-k)))) return k;
  }
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

/** Decimals of a number as JS prints it (0.1 → 1, 1461.6 → 1, 120 → 0): a fallback when no text is kept. */
export function decimalsOfNumber(v: number): number {
  const r = exact(v);
  let d = 0;
  while (d < 20 && (r.num * pow10(d)) % r.den !== 0n) d++;
  return d;
}

/** Printed precision p of a score column: the largest number of decimals any of its printed figures uses. */
export function columnPrecision(texts: (string | null | undefined)[], values: (number | null)[] = []): number {
  let p = 0;
  for (const t of texts) if (t) p = Math.max(p, printedDecimals(t));
  for (const v of values) if (v !== null) p = Math.max(p, decimalsOfNumber(v));
  return p;
}

/** Whether two printed figures can stand for the same value (their intervals meet). */
export function samePrinted(a: Printed, b: Printed): boolean {
  return intervalsMeet(printedInterval(a.value, a.decimals), printedInterval(b.value, b.decimals));
}
