import { fmt, formsOfKinds, indicatorCells, indicatorType, quantTarget, reasonIsEmpty, rowName } from '../analysis.ts';
import { rational } from '../tolerance.ts';
import type { Rule } from '../types.ts';

/** RULES.md §4 B: actual/target ≥ overachieve_ratio with no explanation (target set too low?). */
export const overachievementUnexplained: Rule = {
  meta: {
    id: 'overachievement-unexplained',
    defaultSeverity: 'info',
    kinds: ['project', 'department-overall'],
    title: { zh: '大幅超额完成未说明', en: 'Large overachievement unexplained' },
    description: {
      zh: '实际值达到目标值的130%及以上而未说明原因（目标是否偏低）',
      en: 'The actual reaches 130% or more of the target with no explanation (was the target set too low?)',
    },
  },
  check(ctx) {
    const ratioLimit = ctx.profile.params.overachieveRatio;
    for (const { ref, form } of formsOfKinds(ctx, this.meta.kinds)) {
      for (const ind of form.indicators) {
        if (indicatorType(ind) !== 'quantitative' || !reasonIsEmpty(ind.reason)) continue;
        const q = quantTarget(ind);
        if (!q || q.reverse || rational.cmp(q.target, 0) <= 0) continue;
        const ratio = rational.div(q.actual, q.target);
        if (rational.cmp(ratio, ratioLimit) < 0) continue;
        const r = rational.toNumber(ratio);
        const name = rowName(ind);
        ctx.report({
          severity: ctx.profile.params.overachieveSeverity,
          form: ref,
          declared: r,
          computed: ratioLimit,
          message: {
            zh: `“${name}”实际${ind.actual.raw}为目标${ind.target.raw}的${fmt(Number((r * 100).toFixed(2)))}%（≥${fmt(ratioLimit * 100)}%），未说明超额原因，需核实目标是否偏低`,
            en: `“${name}”: actual ${ind.actual.raw} is ${fmt(Number((r * 100).toFixed(2)))}% of the target ${ind.target.raw} (≥ ${fmt(ratioLimit * 100)}%) with no explanation; was the target set too low?`,
          },
          at: indicatorCells(ind, ['actual', 'target', 'reason']),
          detail: { ratio: r, limit: ratioLimit },
        });
      }
    }
  },
};
