import { achieved, actualTier, formsOfKinds, indicatorCells, indicatorType, reasonColumnName, reasonIsEmpty, rowName, TIER_NAMES } from '../analysis.ts';
import type { Rule } from '../types.ts';

/** RULES.md §4 B: an indicator not achieved with an empty 偏差原因分析 cell. */
export const deviationReasonMissing: Rule = {
  meta: {
    id: 'deviation-reason-missing',
    defaultSeverity: 'warning',
    kinds: ['project', 'department-overall'],
    title: { zh: '未完成指标未说明偏差原因', en: 'Shortfall without a deviation reason' },
    description: {
      zh: '指标未完成（定量未达标或定性未达成）而“偏差原因分析及改进措施”为空',
      en: 'An indicator not achieved (quantitative short, or qualitative not ACHIEVED) with an empty deviation-reason cell',
    },
  },
  check(ctx) {
    for (const { ref, form } of formsOfKinds(ctx, this.meta.kinds)) {
      const column = reasonColumnName(form);
      for (const ind of form.indicators) {
        if (!reasonIsEmpty(ind.reason) || achieved(ind) !== false) continue;
        const type = indicatorType(ind);
        const tier = type === 'quantitative' ? null : actualTier(ind);
        const name = rowName(ind);
        const what = tier
          ? { zh: `实际“${ind.actual.raw}”（${TIER_NAMES[tier].zh}）`, en: `actual “${ind.actual.raw}” (${TIER_NAMES[tier].en})` }
          : { zh: `实际${ind.actual.raw}`, en: `actual ${ind.actual.raw}` };
        ctx.report({
          form: ref,
          declared: null,
          computed: null,
          message: {
            zh: `“${name}”目标“${ind.target.raw}”，${what.zh}未达成，${column.zh}为空`,
            en: `“${name}”: target “${ind.target.raw}”, ${what.en} falls short, and the ${column.en} is empty`,
          },
          at: indicatorCells(ind, ['reason', 'actual', 'target']),
          detail: { type, tier, target: ind.target.raw, actual: ind.actual.raw },
        });
      }
    }
  },
};
