import { describe, expect, it } from 'vitest';
import { spendBreakdownSum as rule } from '../../src/rules/spend-breakdown-sum.ts';
import { departmentForm, runRule, severityOf } from '../helpers/forms.ts';

const dept = (spend: [string, string][], init = '2021.29', full = init) =>
  departmentForm({ funds: [{ label: '年度资金总额', init, full, exec: '2991.61' }], byExpense: spend });

describe('spend-breakdown-sum', () => {
  it('passes on the sample: 559.69 + 1461.60 = 2021.29', () => {
    expect(runRule(rule, [dept([['基本支出', '559.69'], ['项目支出', '1461.60']])])).toEqual([]);
  });

  it('checks the full-year budget too when it differs from the initial one: a breakdown matching neither is reported against both', () => {
    const drafts = runRule(rule, [dept([['基本支出', '559.69'], ['项目支出', '1461.60']], '2000.00', '2500.00')]);
    expect(drafts).toHaveLength(2);
    expect(severityOf(rule, drafts[0])).toBe('error');
    expect(drafts.map((d) => [d.detail.column, d.declared, d.computed])).toEqual([
      ['budgetInitial', 2000, 2021.29],
      ['budgetFull', 2500, 2021.29],
    ]);
  });

  it('is silent when the breakdown follows either budget (VARIANTS.md: it follows the 全年预算数, not always the 年初)', () => {
    expect(runRule(rule, [dept([['基本支出', '559.69'], ['项目支出', '1461.60']], '2021.29', '2500.00')])).toEqual([]);
    expect(runRule(rule, [dept([['基本支出', '559.69'], ['项目支出', '1461.60']], '1800.00', '2021.29')])).toEqual([]);
  });

  it('fires on a 0.02 gap between two-decimal figures', () => {
    const [d] = runRule(rule, [dept([['基本支出', '559.69'], ['项目支出', '1461.58']])]);
    expect([d.declared, d.computed]).toEqual([2021.29, 2021.27]);
    expect(d.at.map((l) => l.text)).toEqual(['2021.29', '559.69', '1461.58']);
  });
});
