import { effectiveRate, fmt, fmtPercent, formsOfKinds, fundTotal, locs, reasonIsEmpty } from '../analysis.ts';
import { rational } from '../tolerance.ts';
import type { Rule } from '../types.ts';

/** RULES.md §4 A: rate below the profile's exec_explain_below with no reason given (Sichuan: 90%). */
export const execBelowThreshold: Rule = {
  meta: {
    id: 'exec-below-threshold',
    defaultSeverity: 'warning',
    kinds: ['project', 'department-overall'],
    title: { zh: '执行率偏低未说明原因', en: 'Low execution rate without a reason' },
    description: {
      zh: '执行率低于口径规定的门槛（四川为90%）时须说明原因',
      en: 'An execution rate below the profile threshold (Sichuan: 90%) needs a reason',
    },
  },
  check(ctx) {
    const threshold = ctx.profile.params.execExplainBelow;
    if (threshold === null) return;
    for (const { ref, form } of formsOfKinds(ctx, this.meta.kinds)) {
      const row = fundTotal(form);
      if (!row) continue;
      const rate = effectiveRate(row, ctx.profile.params);
      if (!rate || rational.cmp(rate, threshold) >= 0 || !reasonIsEmpty(row.reason)) continue;
      const rateText = row.rate?.raw ?? fmtPercent(rate);
      ctx.report({
        form: ref,
        declared: rational.toNumber(rate),
        computed: threshold,
        message: {
          zh: `“${row.label}”执行率${rateText}低于${fmtPercent(threshold, 0)}，未说明原因`,
          en: `${row.label}: execution rate ${rateText} is below ${fmtPercent(threshold, 0)} and no reason is given`,
        },
        at: locs(row.cells.rate ?? row.at, row.cells.reason),
        detail: { threshold, executed: row.executed, budget: row.budgetFull, note: `threshold ${fmt(threshold)}` },
      });
    }
  },
};
