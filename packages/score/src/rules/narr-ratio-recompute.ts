import {
  countInterval,
  countUnitsCompatible,
  divideIntervals,
  formsOfKind,
  isGrowthRate,
  percentCoversRatio,
  percentText,
  printedPercentOf,
} from '../narrative-helpers.ts';
import { rational } from '../tolerance.ts';
import type { Rule } from '../types.ts';

export const narrRatioRecompute: Rule = {
  meta: {
    id: 'narr-ratio-recompute',
    defaultSeverity: 'error',
    kinds: ['report'],
    title: { zh: '报告比率复算', en: 'Report rate recomputed' },
    description: {
      zh: '“Y中X…，X率p%”：p应等于X÷Y，按所印小数位比较',
      en: '"X of Y…, rate p%": p must equal X ÷ Y at the printed decimals',
    },
  },
  check(ctx) {
    for (const { ref, form } of formsOfKind(ctx, 'report')) {
      for (const claim of form.rateClaims) {
        const { count, base, rate } = claim;
        if (!base || count.approx || base.approx || rate.approx || isGrowthRate(claim)) continue;
        if (count.kind !== base.kind || !countUnitsCompatible(count.unit, base.unit)) continue;
        const printed = printedPercentOf(rate);
        const x = countInterval(count);
        const y = countInterval(base);
        if (printed === null || !x || !y) continue;
        const ratio = divideIntervals(x, y);
        if (!ratio) continue;
        const decimals = rate.decimals ?? 0;
        if (percentCoversRatio(printed, decimals, ratio)) continue;

        const recomputed = rational.div(count.value as number, base.value as number);
        const shown = percentText(recomputed, decimals);
        ctx.report({
          form: ref,
          message: {
            zh: `${claim.subject}：${base.raw}中${count.raw}，报告称${rate.raw}，复算${count.raw} ÷ ${base.raw} = ${shown}`,
            en: `${claim.subject}: ${count.raw} of ${base.raw}, the report says ${rate.raw}; recomputed ${count.raw} ÷ ${base.raw} = ${shown}`,
          },
          declared: rate.value as number,
          computed: rational.toNumber(recomputed),
          at: [claim.at],
          detail: {
            subject: claim.subject,
            count: count.raw,
            base: base.raw,
            formula: 'p = X ÷ Y',
            printedDecimals: decimals,
            tolerance: 'printed percentage equals X ÷ Y rounded half up or truncated to its decimals',
          },
        });
      }
    }
  },
};
