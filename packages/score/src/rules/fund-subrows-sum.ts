import { FUND_COLUMN_NAMES, fmt, formsOfKinds, fundParts, fundTotal, locs, moneyScale, printed, type FundColumn } from '../analysis.ts';
import { equal, exactSum, sumCanMeet, sumTolerance } from '../tolerance.ts';
import type { Rule } from '../types.ts';

const COLUMNS: FundColumn[] = ['budgetInitial', 'budgetFull', 'executed'];

/** RULES.md §4 A: 年度资金总额 = Σ 其中 rows, per column, within the printed-precision tolerance. */
export const fundSubrowsSum: Rule = {
  meta: {
    id: 'fund-subrows-sum',
    defaultSeverity: 'error',
    kinds: ['project', 'department-overall'],
    title: { zh: '资金总额与其中分项不符', en: 'Fund total differs from its sub-rows' },
    description: {
      zh: '年初预算数、全年预算数、全年执行数各列：年度资金总额应等于“其中”各行之和（按印刷精度容差）',
      en: 'For each of initial budget, full-year budget and executed: the 年度资金总额 row equals the sum of its 其中 rows, within printed precision',
    },
  },
  check(ctx) {
    for (const { ref, form } of formsOfKinds(ctx, this.meta.kinds)) {
      const total = fundTotal(form);
      const parts = fundParts(form);
      if (!total || parts.length === 0) continue;
      const scale = moneyScale(form);
      for (const column of COLUMNS) {
        const totalValue = total[column];
        const withValue = parts.filter((p) => p[column] !== null);
        if (totalValue === null || withValue.length === 0) continue;
        const totalPrinted = printed(totalValue, total.cells[column], scale);
        const partsPrinted = withValue.map((p) => printed(p[column] as number, p.cells[column], scale));
        if (sumCanMeet(totalPrinted, partsPrinted)) continue;
        // [C8]: a total row left at 0 over non-zero sub-rows was never filled in (a printed 0 is none: model precision.ts).
        const blankTotal = equal(totalValue, 0);
        const sum = exactSum(partsPrinted.map((p) => p.value));
        const terms = withValue.map((p) => `${p.label} ${fmt(p[column] as number)}`);
        const tolerance = sumTolerance(totalPrinted, partsPrinted);
        const name = FUND_COLUMN_NAMES[column];
        ctx.report({
          form: ref,
          declared: totalValue,
          computed: sum,
          message: {
            zh: `“${total.label}”${name.zh}为${fmt(totalValue)}万元，其中各行合计${fmt(sum)}万元（${terms.join(' + ')}），相差${fmt(Math.abs(totalValue - sum))}万元${blankTotal ? '（总额行为0，疑未填写）' : ''}`,
            en: `${total.label} ${name.en} is ${fmt(totalValue)} (10k yuan) but its 其中 rows add up to ${fmt(sum)} (${terms.join(' + ')})${blankTotal ? '; the total row reads 0, as if it was never filled in' : ''}`,
          },
          at: locs(total.cells[column] ?? total.at, ...withValue.map((p) => p.cells[column])),
          detail: {
            column,
            terms: withValue.map((p) => ({ label: p.label, value: p[column] })),
            formula: `${total.label} = ${withValue.map((p) => p.label).join(' + ')}`,
            tolerance,
            ...(blankTotal ? { note: 'the total row reads 0 while its sub-rows do not: the total was not filled in' } : {}),
          },
        });
      }
    }
  },
};
