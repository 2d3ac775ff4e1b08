import { fmt, formsOfKinds, fundParts, fundTotal, locs, reasonIsEmpty } from '../analysis.ts';
import { equal, rational } from '../tolerance.ts';
import type { Rule } from '../types.ts';

/** RULES.md §4 A: 全年预算数 ≠ 年初预算数 with no explanation (Sichuan: mid-year adjustments must be explained). */
export const budgetAdjustmentUnexplained: Rule = {
  meta: {
    id: 'budget-adjustment-unexplained',
    defaultSeverity: 'info',
    kinds: ['project', 'department-overall'],
    title: { zh: '预算调整未说明', en: 'Budget adjustment not explained' },
    description: {
      zh: '全年预算数与年初预算数不同（年中调整）而未说明理由',
      en: 'The full-year budget differs from the initial budget (a mid-year adjustment) with no explanation',
    },
  },
  check(ctx) {
    if (!ctx.profile.params.explainBudgetAdjustment) return;
    for (const { ref, form } of formsOfKinds(ctx, this.meta.kinds)) {
      const row = fundTotal(form);
      if (!row || row.budgetInitial === null || row.budgetFull === null) continue;
      if (equal(row.budgetInitial, row.budgetFull) || !reasonIsEmpty(row.reason)) continue;
      // The 原因 cell of an adjusted 其中 row ("财政资金 … 年中追加20万元") explains the adjustment as well.
      const adjustedParts = fundParts(form).filter((p) => p.budgetInitial !== null && p.budgetFull !== null && !equal(p.budgetInitial, p.budgetFull));
      if (adjustedParts.some((p) => !reasonIsEmpty(p.reason))) continue;
      const change = rational.toNumber(rational.sub(row.budgetFull, row.budgetInitial));
      ctx.report({
        form: ref,
        declared: row.budgetFull,
        computed: row.budgetInitial,
        message: {
          zh: `“${row.label}”全年预算数${fmt(row.budgetFull)}万元与年初预算数${fmt(row.budgetInitial)}万元不同（${change > 0 ? '调增' : '调减'}${fmt(Math.abs(change))}万元），未说明调整理由`,
          en: `${row.label}: full-year budget ${fmt(row.budgetFull)} differs from the initial ${fmt(row.budgetInitial)} (${change > 0 ? '+' : '−'}${fmt(Math.abs(change))}) with no explanation`,
        },
        at: locs(row.cells.budgetFull ?? row.at, row.cells.budgetInitial, row.cells.reason),
        detail: { change, adjustedSubRows: adjustedParts.map((p) => ({ label: p.label, initial: p.budgetInitial, full: p.budgetFull })) },
      });
    }
  },
};
