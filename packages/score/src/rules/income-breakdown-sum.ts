import { breakdownRule } from './breakdown.ts';

export const incomeBreakdownSum = breakdownRule(
  {
    id: 'income-breakdown-sum',
    defaultSeverity: 'error',
    kinds: ['department-overall'],
    title: { zh: '按收入性质分合计不符', en: 'Income breakdown does not add up' },
    description: {
      zh: '部门整体表“按收入性质分”各项之和应等于年度资金总额（年初预算数，及给出时的全年预算数）',
      en: 'The department table’s by-income lines add up to the total budget (initial, and full-year when given)',
    },
  },
  'byIncome',
  { zh: '按收入性质分', en: 'By-income (按收入性质分)' },
);
