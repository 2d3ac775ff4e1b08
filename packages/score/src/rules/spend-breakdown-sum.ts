import { breakdownRule } from './breakdown.ts';

export const spendBreakdownSum = breakdownRule(
  {
    id: 'spend-breakdown-sum',
    defaultSeverity: 'error',
    kinds: ['department-overall'],
    title: { zh: '按支出性质分合计不符', en: 'Expenditure breakdown does not add up' },
    description: {
      zh: '部门整体表“按支出性质分”各项之和应等于年度资金总额（年初预算数，及给出时的全年预算数）',
      en: 'The department table’s by-expenditure lines add up to the total budget (initial, and full-year when given)',
    },
  },
  'byExpense',
  { zh: '按支出性质分', en: 'By-expenditure (按支出性质分)' },
);
