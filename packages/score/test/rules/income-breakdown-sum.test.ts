import { describe, expect, it } from 'vitest';
import { incomeBreakdownSum as rule } from '../../src/rules/income-breakdown-sum.ts';
import { departmentForm, runRule, severityOf } from '../helpers/forms.ts';

const dept = (income: [string, string][], total = '2021.29') =>
  departmentForm({ funds: [{ label: '年度资金总额', init: total, full: total, exec: '2991.61' }], byIncome: income, byExpense: [['基本支出', '559.69'], ['项目支出', '1461.60']] });

describe('income-breakdown-sum', () => {
  it('passes on the sample: 742.25 + 120 + 1159.04 = 2021.29', () => {
    expect(runRule(rule, [dept([['一般公共预算', '742.25'], ['上级专项拨款', '120'], ['其他资金', '1159.04']])])).toEqual([]);
  });

  it('fires when the lines miss the total beyond the printed intervals', () => {
    const [d, ...rest] = runRule(rule, [dept([['一般公共预算', '742.25'], ['上级专项拨款', '120'], ['其他资金', '1150.04']])]);
    expect(rest).toEqual([]);
    expect(severityOf(rule, d)).toBe('error');
    expect([d.declared, d.computed]).toEqual([2021.29, 2012.29]);
    expect(d.message.zh).toBe('按收入性质分各项合计2012.29万元（一般公共预算 742.25 + 上级专项拨款 120 + 其他资金 1150.04），与年度资金总额年初预算数2021.29万元不符');
  });

  it('the 120 printed without decimals covers ±0.5: 2021.80 still meets, 2021.81 does not', () => {
    expect(runRule(rule, [dept([['一般公共预算', '742.25'], ['上级专项拨款', '120'], ['其他资金', '1159.04']], '2021.80')])).toEqual([]);
    expect(runRule(rule, [dept([['一般公共预算', '742.25'], ['上级专项拨款', '120'], ['其他资金', '1159.04']], '2021.81')])).toHaveLength(1);
  });
});
