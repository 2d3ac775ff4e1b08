import type { RateClaim } from '@jxaudit/model';
import { fixed, formsOfKind, isGrowthRate, printedPercentOf } from '../narrative-helpers.ts';
import { halfUnit, rational, type Rational } from '../tolerance.ts';
import type { Rule } from '../types.ts';

function floorRational(x: Rational): bigint {
  const q = x.num / x.den;
  return x.num < 0n && q * x.den !== x.num ? q - 1n : q;
}

/**
 * The bases N for which X ÷ N prints as p: round half up covers [X/(p+½u), X/(p−½u)], truncation
 * widens it to (X/(p+u), X/(p−½u)] — u is one unit of the printed decimals.
 */
export function baseRange(count: number, printedPercent: Rational, decimals: number) {
  const half = halfUnit(decimals);
  const unit = rational.mul(half, 2);
  const asFraction = (p: Rational) => rational.div(p, 100);
  const high = rational.div(count, asFraction(rational.sub(printedPercent, half)));
  const lowRounded = rational.div(count, asFraction(rational.add(printedPercent, half)));
  const lowTruncated = rational.div(count, asFraction(rational.add(printedPercent, unit)));
  const largest = floorRational(high);
  // Some whole N works when the largest whole number ≤ high lies strictly above the truncation bound.
  const wholeBase = largest >= 1n && rational.cmp({ num: largest, den: 1n }, lowTruncated) > 0 ? Number(largest) : null;
  return { lowRounded, lowTruncated, high, wholeBase };
}

function applicable(claim: RateClaim): boolean {
  const { count, base, rate } = claim;
  return (
    base === null &&
    !isGrowthRate(claim) &&
    count.kind === 'number' &&
    typeof count.value === 'number' &&
    Number.isInteger(count.value) &&
    count.value > 0 &&
    (count.decimals ?? 0) === 0 &&
    !count.approx &&
    !rate.approx &&
    rate.kind === 'percent' &&
    typeof rate.value === 'number' &&
    rate.value > 0
  );
}

export const narrRatioIntegerBase: Rule = {
  meta: {
    id: 'narr-ratio-integer-base',
    defaultSeverity: 'info',
    kinds: ['report'],
    title: { zh: '完成率无整数基数', en: 'Rate without a whole-number base' },
    description: {
      zh: '“完成X人，完成率p%”：不存在整数基数N使X÷N按所印小数位等于p',
      en: '"X done, rate p%": no whole-number base N gives X ÷ N = p at the printed decimals',
    },
  },
  check(ctx) {
    for (const { ref, form } of formsOfKind(ctx, 'report')) {
      for (const claim of form.rateClaims) {
        if (!applicable(claim)) continue;
        const printed = printedPercentOf(claim.rate)!;
        const decimals = claim.rate.decimals ?? 0;
        const count = claim.count.value as number;
        const range = baseRange(count, printed, decimals);
        if (range.wholeBase !== null) continue;
        const lo = fixed(range.lowRounded, 2);
        const hi = fixed(range.high, 2);
        const loTrunc = fixed(range.lowTruncated, 2);
        ctx.report({
          form: ref,
          message: {
            zh: `${claim.subject}：${claim.count.raw}对应${claim.rate.raw}，所需基数为${lo}–${hi}（按截断为${loTrunc}–${hi}），不是整数`,
            en: `${claim.subject}: ${claim.count.raw} at ${claim.rate.raw} needs a base of ${lo}–${hi} (${loTrunc}–${hi} if truncated), not a whole number`,
          },
          declared: null,
          computed: null,
          at: [claim.at],
          detail: {
            subject: claim.subject,
            count: claim.count.raw,
            rate: claim.rate.raw,
            formula: 'N = X ÷ p',
            baseRange: [rational.toNumber(range.lowRounded), rational.toNumber(range.high)],
            baseRangeTruncated: [rational.toNumber(range.lowTruncated), rational.toNumber(range.high)],
            printedDecimals: decimals,
          },
        });
      }
    }
  },
};
