import { formsOfKinds, indicatorCells, indicatorType, rowName } from '../analysis.ts';
import type { Rule } from '../types.ts';

/** RULES.md §4 B: a quantitative target with a non-numeric or unit-incompatible actual ("完成" against "≤30万元"). */
export const actualNotComparable: Rule = {
  meta: {
    id: 'actual-not-comparable',
    defaultSeverity: 'warning',
    kinds: ['project', 'department-overall'],
    title: { zh: '实际完成值无法与目标比较', en: 'Actual not comparable with the target' },
    description: {
      zh: '定量目标对应的实际完成值不是数值或单位不一致',
      en: 'A quantitative target whose actual is not a number or is in an incompatible unit',
    },
  },
  check(ctx) {
    for (const { ref, form } of formsOfKinds(ctx, this.meta.kinds)) {
      for (const ind of form.indicators) {
        if (indicatorType(ind) !== 'not-comparable') continue;
        const name = rowName(ind);
        const numeric = typeof ind.actual.value === 'number';
        const empty = ind.actual.kind === 'empty';
        ctx.report({
          form: ref,
          declared: null,
          computed: null,
          message: empty
            ? { zh: `“${name}”目标“${ind.target.raw}”为定量指标，实际完成值为空`, en: `“${name}”: quantitative target “${ind.target.raw}” but the actual is empty` }
            : numeric
              ? {
                  zh: `“${name}”目标“${ind.target.raw}”与实际“${ind.actual.raw}”单位不一致，无法比较`,
                  en: `“${name}”: target “${ind.target.raw}” and actual “${ind.actual.raw}” are in incompatible units`,
                }
              : {
                  zh: `“${name}”目标“${ind.target.raw}”为定量指标，实际完成值“${ind.actual.raw}”不是数值，无法核对`,
                  en: `“${name}”: quantitative target “${ind.target.raw}” but the actual “${ind.actual.raw}” is not a number`,
                },
          at: indicatorCells(ind, ['actual', 'target']),
          detail: { targetKind: ind.target.kind, targetUnit: ind.target.unit, actualKind: ind.actual.kind, actualUnit: ind.actual.unit },
        });
      }
    }
  },
};
