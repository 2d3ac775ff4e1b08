import { achieved, fmt, formsOfKinds, indicatorCells, reasonIsEmpty, rowName } from '../analysis.ts';
import { rational } from '../tolerance.ts';
import type { Rule } from '../types.ts';

/** RULES.md §4 B: achieved but scored below w, with no reason. */
export const deductionWithoutReason: Rule = {
  meta: {
    id: 'deduction-without-reason',
    defaultSeverity: 'info',
    kinds: ['project', 'department-overall'],
    title: { zh: '已达成却扣分且未说明', en: 'Deduction without a reason' },
    description: {
      zh: '指标已达成但得分低于分值，且未说明扣分原因',
      en: 'An achieved indicator scored below its weight, with no reason given',
    },
  },
  check(ctx) {
    for (const { ref, form } of formsOfKinds(ctx, this.meta.kinds)) {
      for (const ind of form.indicators) {
        if (ind.points === null || ind.score === null) continue;
        if (!reasonIsEmpty(ind.reason) || achieved(ind) !== true) continue;
        if (rational.cmp(ind.score, ind.points) >= 0) continue;
        const name = rowName(ind);
        ctx.report({
          form: ref,
          declared: null,
          computed: null,
          message: {
            zh: `“${name}”目标“${ind.target.raw}”、实际“${ind.actual.raw}”已达成，却只得${fmt(ind.score)}/${fmt(ind.points)}分，未说明扣分原因`,
            en: `“${name}”: target “${ind.target.raw}”, actual “${ind.actual.raw}” is achieved, yet scored ${fmt(ind.score)}/${fmt(ind.points)} with no reason`,
          },
          at: indicatorCells(ind, ['score', 'reason']),
          detail: { points: ind.points, score: ind.score, deducted: rational.toNumber(rational.sub(ind.points, ind.score)) },
        });
      }
    }
  },
};
