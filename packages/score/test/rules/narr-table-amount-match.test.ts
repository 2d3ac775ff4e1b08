import { describe, expect, it } from 'vitest';
import type { Form } from '@jxaudit/model';
import { narrTableAmountMatch } from '../../src/rules/narr-table-amount-match.ts';
import { departmentForm, reportForm, runRule, type FactSpec } from '../helpers/forms.ts';

const BUDGET = '我街道2021年度收入预算2021.29万元，其中：经费拨款742.25万元，上级专项拨款120万元，其他收入1159.04万元。';

/** The sample's department table: 年度资金总额 2021.29 (年初 and 全年), income and expenditure composition. */
function department(init = '2021.29', full = '2021.29'): Form {
  return departmentForm({
    funds: [{ label: '年度资金总额', init, full, exec: '2991.61', points: 10, rate: '148%', score: 9 }],
    byIncome: [['一般公共预算', '742.25'], ['上级专项拨款', '120'], ['其他资金', '1159.04']],
    byExpense: [['基本支出', '559.69'], ['项目支出', '1461.60']],
  });
}

/** The sample's 收入预算 sentence; any figure may be replaced. */
function budgetFacts(total = '2021.29万元', fiscal = '742.25万元', upper = '120万元', other = '1159.04万元'): FactSpec[] {
  return [
    { key: 'income.budget.total', label: '收入预算', raw: total, sentence: BUDGET },
    { key: 'income.budget.part', label: '经费拨款', raw: fiscal, sentence: BUDGET, group: 0 },
    { key: 'income.budget.part', label: '上级专项拨款', raw: upper, sentence: BUDGET, group: 0 },
    { key: 'income.budget.part', label: '其他收入', raw: other, sentence: BUDGET, group: 0 },
  ];
}

const run = (dept: Form, facts: FactSpec[]) => runRule(narrTableAmountMatch, [dept, reportForm({ facts })]);

describe('narr-table-amount-match', () => {
  const silent: [string, Form, FactSpec[]][] = [
    ['the sample: 收入预算 2021.29 and 742.25 / 120 / 1159.04 in both (经费拨款 = 一般公共预算, 其他收入 = 其他资金)', department(), budgetFacts()],
    ['at the half unit: 经费拨款 742.26 against 742.25 (intervals touch at 742.255)', department(), budgetFacts('2021.29万元', '742.26万元')],
    ['the report quotes 年初预算数 2000.00 while 全年预算数 is 2021.29', department('2000.00', '2021.29'), budgetFacts('2000.00万元')],
    ['the report quotes the budget in 元: 20212900元', department(), budgetFacts('20212900元')],
    [
      '基本支出/项目支出 budget as in the table: 559.69 and 1461.6',
      department(),
      [
        { key: 'expense.budget.part', label: '基本支出', raw: '559.69万元' },
        { key: 'expense.budget.part', label: '项目支出', raw: '1461.6万元' },
      ],
    ],
    [
      'a 决算 figure is another basis: report 基本支出决算 1625.75 against budget 559.69 (exec-basis-mismatch notes it)',
      department(),
      [{ key: 'expense.final.basic', label: '基本支出', raw: '1625.75万元' }],
    ],
    ['an approximate figure is not compared: 约2000万元', department(), budgetFacts('约2000万元')],
    [
      'a concept the table names twice is ambiguous: 其他收入 against two 其他 lines',
      departmentForm({
        funds: [{ label: '年度资金总额', init: '2021.29', full: '2021.29', exec: '2991.61' }],
        byIncome: [['其他资金', '1000'], ['其他收入', '159.04']],
      }),
      [{ key: 'income.budget.part', label: '其他收入', raw: '1159.04万元' }],
    ],
  ];
  it.each(silent)('passes silently: %s', (_name, dept, facts) => {
    expect(run(dept, facts)).toEqual([]);
  });

  it('warns when 收入预算 differs from 年度资金总额: 2121.29 against 2021.29', () => {
    const dept = department();
    const rep = reportForm({ facts: budgetFacts('2121.29万元') });
    const [finding, ...rest] = runRule(narrTableAmountMatch, [dept, rep]);
    expect(rest).toEqual([]);
    expect(finding).toMatchObject({ form: { doc: 0, form: 1 }, declared: 2121.29, computed: 2021.29 });
    expect(finding!.severity).toBeUndefined();
    expect(finding!.at).toEqual([rep.facts[0]!.at, dept.funds[0]!.cells.budgetFull, dept.funds[0]!.cells.budgetInitial]);
    expect(finding!.message.zh).toBe('报告收入预算2121.29万元，而部门整体支出自评表年度资金总额全年预算数为2021.29万元');
  });

  const firing: [string, Form, FactSpec[], number, number][] = [
    ['经费拨款 742.52 against 一般公共预算 742.25 (transposed digits)', department(), budgetFacts('2021.29万元', '742.52万元'), 742.52, 742.25],
    ['经费拨款 742.27 just outside 742.25', department(), budgetFacts('2021.29万元', '742.27万元'), 742.27, 742.25],
    ['上级专项拨款 12万元 against 120', department(), budgetFacts('2021.29万元', '742.25万元', '12万元'), 12, 120],
    ['基本支出 budget 600 against 559.69', department(), [{ key: 'expense.budget.part', label: '基本支出', raw: '600万元' }], 600, 559.69],
  ];
  it.each(firing)('warns: %s', (_name, dept, facts, declared, computed) => {
    expect(run(dept, facts)).toMatchObject([{ declared, computed }]);
  });
});
