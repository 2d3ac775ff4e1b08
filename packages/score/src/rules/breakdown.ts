import type { CompositionLine } from '@jxaudit/model';
import { FUND_COLUMN_NAMES, fmt, formsOfKinds, fundTotal, locs, moneyScale, printed, type FundColumn } from '../analysis.ts';
import { exactSum, sumCanMeet, sumTolerance } from '../tolerance.ts';
import type { Rule, RuleMeta } from '../types.ts';

/** Shared body of income-breakdown-sum and spend-breakdown-sum (RULES.md §4 A). */
export function breakdownRule(meta: RuleMeta, side: 'byIncome' | 'byExpense', sideName: { zh: string; en: string }): Rule {
  return {
    meta,
    check(ctx) {
      for (const { ref, form } of formsOfKinds(ctx, meta.kinds)) {
        const total = fundTotal(form);
        const lines: CompositionLine[] = form.composition?.[side] ?? [];
        if (!total || lines.length === 0) continue;
        const partsPrinted = lines.map((l) => ({ value: l.amount, decimals: l.decimals }));
        const sum = exactSum(lines.map((l) => l.amount));
        const columns: FundColumn[] = ['budgetInitial'];
        if (total.budgetFull !== null && total.budgetFull !== total.budgetInitial) columns.push('budgetFull');
        // the breakdown follows the 年初 or the 全年预算数 (VARIANTS.md): agreeing with either is agreeing
        const meets = (column: FundColumn) => {
          const v = total[column];
          return v === null || sumCanMeet(printed(v, total.cells[column], moneyScale(form)), partsPrinted);
        };
        if (columns.length > 1 && columns.some((col) => total[col] !== null && meets(col))) continue;
        for (const column of columns) {
          const totalValue = total[column];
          if (totalValue === null) continue;
          const totalPrinted = printed(totalValue, total.cells[column], moneyScale(form));
          if (sumCanMeet(totalPrinted, partsPrinted)) continue;
          const terms = lines.map((l) => `${l.label} ${fmt(l.amount)}`).join(' + ');
          const name = FUND_COLUMN_NAMES[column];
          ctx.report({
            form: ref,
            declared: totalValue,
            computed: sum,
            message: {
              zh: `${sideName.zh}各项合计${fmt(sum)}万元（${terms}），与年度资金总额${name.zh}${fmt(totalValue)}万元不符`,
              en: `${sideName.en} lines add up to ${fmt(sum)} (${terms}), not the total ${name.en} ${fmt(totalValue)}`,
            },
            at: locs(total.cells[column] ?? total.at, ...lines.map((l) => l.at)),
            detail: {
              column,
              terms: lines.map((l) => ({ label: l.label, value: l.amount })),
              tolerance: sumTolerance(totalPrinted, partsPrinted),
            },
          });
        }
      }
    },
  };
}
