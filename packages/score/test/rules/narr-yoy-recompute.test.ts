import { describe, expect, it } from 'vitest';
import type { Fact, Form } from '@jxaudit/model';
import { narrYoyRecompute } from '../../src/rules/narr-yoy-recompute.ts';
import { runRule } from '../helpers/forms.ts';
import { fact, report, sentence } from '../helpers/narrative.ts';

const run = (forms: Form[]) => runRule(narrYoyRecompute, forms);

const INCOME = sentence(536, '2021年街道总收入决算数2991.61万元，其中财政拨款收入2080.19万元，其他收入911.42万元。本年度收入决算数与上年相比增加205.8万元,增长7.39%，主要是因为增加了辖区老旧小区改造的资金安排。');
const EXPENSE = sentence(538, '2021年街道总支出决算数3582.30万元，其中工资福利支出569.97万元，商品服务支出2190.56万元，对个人和家庭的补助170.86万元。本年度支出决算数与上年相比增加849.64万元,增长31.09%，主要是因为增加了辖区老旧小区改造的资金安排。');

/** 总收入决算数 2991.61 with its change; the change's wording and rate vary per case. */
function income(change = '205.8万元', pct = '7.39%', direction: 'increase' | 'decrease' = 'increase', total = '2991.61万元'): Fact[] {
  const word = direction === 'increase' ? ['与上年相比增加', '增长'] : ['与上年相比减少', '下降'];
  return [
    fact('income.final.total', '总收入决算数', total, INCOME),
    fact('income.final.change.amount', word[0]!, change, INCOME, { group: 0, direction }),
    fact('income.final.change.pct', word[1]!, pct, INCOME, { group: 0, direction }),
  ];
}

describe('narr-yoy-recompute', () => {
  const silent: [string, Fact[]][] = [
    ['收入 205.8 ÷ (2991.61 − 205.8) = 205.8 ÷ 2785.81 = 7.39%', income()],
    [
      '支出 849.64 ÷ (3582.30 − 849.64) = 849.64 ÷ 2732.66 = 31.09%',
      [
        fact('expense.final.total', '总支出决算数', '3582.30万元', EXPENSE),
        fact('expense.final.change.amount', '与上年相比增加', '849.64万元', EXPENSE, { group: 0, direction: 'increase' }),
        fact('expense.final.change.pct', '增长', '31.09%', EXPENSE, { group: 0, direction: 'increase' }),
      ],
    ],
    ['7.3874% truncated to 7.38% is accepted', income('205.8万元', '7.38%')],
    ['a decrease uses N + d: 205.8 ÷ (2991.61 + 205.8) = 6.44%', income('205.8万元', '6.44%', 'decrease')],
    ['the change without its total is not checked', income().slice(1)],
    ['an approximate change ("约205.8万元") is not checked', income('约205.8万元', '6.88%')],
  ];
  it.each(silent)('passes silently: %s', (_name, facts) => {
    expect(run([report(facts)])).toEqual([]);
  });

  const firing: [string, Fact[], number, number][] = [
    ['rate computed on this year (205.8 ÷ 2991.61 = 6.88%)', income('205.8万元', '6.88%'), 0.0688, 205.8 / 2785.81],
    ['just below the truncation range: 7.37%', income('205.8万元', '7.37%'), 0.0737, 205.8 / 2785.81],
    ['just above the rounding range: 7.40%', income('205.8万元', '7.40%'), 0.074, 205.8 / 2785.81],
    ['a decrease read as an increase: 减少205.8万元, 下降7.39%', income('205.8万元', '7.39%', 'decrease'), 0.0739, 205.8 / 3197.41],
  ];
  it.each(firing)('errors: %s', (_name, facts, declared, computed) => {
    const [finding, ...rest] = run([report(facts)]);
    expect(rest).toEqual([]);
    expect(finding).toMatchObject({ declared, form: { doc: 0, form: 0 } });
    expect(finding!.severity).toBeUndefined();
    expect(finding!.computed).toBeCloseTo(computed, 12);
    expect(finding!.at).toEqual([INCOME]);
  });

  it('shows the recomputation in the message', () => {
    const [finding] = run([report(income('205.8万元', '6.88%'))]);
    expect(finding!.message.zh).toContain('205.8 ÷ (2991.61 − 205.8) = 205.8 ÷ 2785.81 = 7.39%');
    expect(finding!.message.en).toContain('the report says 6.88%');
  });
});
