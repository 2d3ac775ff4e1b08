/**
 * The comparisons rules make with printed figures (RULES.md §4 A, "Tolerance"). The arithmetic
 * itself — exact rationals, printed precision, the interval a printed figure stands for — is one
 * property of the parsed value and lives in `@jxaudit/model` (precision.ts); this module only adds
 * the score-side decisions built on it: sums, rates, score rounding.
 */
import {
  equal,
  floorTo,
  intervalsMeet,
  printedInterval,
  rational,
  roundHalfUpTo,
  sumIntervals,
  truncTo,
  type Printed,
  type Rational,
} from '@jxaudit/model';

export {
  above,
  below,
  decimalsOfNumber,
  equal,
  exact,
  floorTo,
  halfUnit,
  intervalsMeet,
  printedDecimals,
  printedInterval,
  printedScale,
  rational,
  roundHalfUpTo,
  storedDecimals,
  sumIntervals,
  truncTo,
  type Interval,
  type Printed,
  type Rational,
} from '@jxaudit/model';

/**
 * Whether a printed total can equal the sum of printed parts (Arelle's Calc 1.1 round-to-nearest):
 * each figure stands for its printed interval, the parts' intervals are added, and the sum is
 * inconsistent only when that interval and the total's do not meet.
 */
export function sumCanMeet(total: Printed, parts: Printed[]): boolean {
  return intervalsMeet(printedInterval(total), sumIntervals(parts.map(printedInterval)));
}

/** The widest gap a sum check tolerates between total and Σ parts (the half widths of every interval). */
export function sumTolerance(total: Printed, parts: Printed[]): number {
  const halfWidth = (p: Printed) => {
    const i = printedInterval(p);
    return rational.div(rational.sub(i.hi, i.lo), 2);
  };
  return rational.toNumber(rational.sum([halfWidth(total), ...parts.map(halfWidth)]));
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


