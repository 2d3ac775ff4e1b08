import { describe, expect, it } from 'vitest';
import type { Form } from '@jxaudit/model';
import { execBasisMismatch } from '../../src/rules/exec-basis-mismatch.ts';
import { departmentForm, profile, reportForm, runRule, type FactSpec } from '../helpers/forms.ts';

const INCOME = '2021年街道总收入决算数2991.61万元，其中财政拨款收入2080.19万元，其他收入911.42万元。';
const EXPENSE = '2021年街道总支出决算数3582.30万元，其中工资福利支出569.97万元，商品服务支出2190.56万元，对个人和家庭的补助170.86万元。';
const BASIC = '2021年街道基本支出共1625.75万元。';

/** The sample's department table: 年度资金总额 2021.29 / 2021.29 / 2991.61, 基本支出 559.69, 项目支出 1461.60. */
function department(exec: string = '2991.61', init: string = '2021.29', full: string = '2021.29'): Form {
  return departmentForm({
    funds: [{ label: '年度资金总额', init, full, exec, points: 10, rate: '148%', score: 9 }],
    byIncome: [['一般公共预算', '742.25'], ['上级专项拨款', '120'], ['其他资金', '1159.04']],
    byExpense: [['基本支出', '559.69'], ['项目支出', '1461.60']],
  });
}

function report(income = '2991.61万元', expense = '3582.30万元', basic: string | null = '1625.75万元'): Form {
  const facts: FactSpec[] = [
    { key: 'income.final.total', label: '总收入决算数', raw: income, sentence: INCOME },
    { key: 'expense.final.total', label: '总支出决算数', raw: expense, sentence: EXPENSE },
  ];
  if (basic) facts.push({ key: 'expense.final.basic', label: '基本支出', raw: basic, sentence: BASIC });
  return reportForm({ facts });
}

describe('exec-basis-mismatch', () => {
  it('reports the sample: table exec 2991.61 = report 收入决算, 支出决算 3582.30 gives 177.23% on 2021.29', () => {
    const dept = department();
    const rep = report();
    const [finding, ...rest] = runRule(execBasisMismatch, [dept, rep]);
    expect(rest).toEqual([]);
    expect(finding).toMatchObject({ form: { doc: 0, form: 0 }, declared: null, computed: null });
    expect(finding!.severity).toBeUndefined();
    expect(finding!.at).toEqual([
      dept.funds[0]!.cells.executed,
      rep.facts[0]!.at,
      rep.facts[1]!.at,
      rep.facts[2]!.at,
      dept.composition!.byExpense[0]!.at,
    ]);
    expect(finding!.detail).toMatchObject({ executed: 2991.61, incomeFinal: 2991.61, expenseFinal: 3582.3, basicFinal: 1625.75, basicBudget: 559.69 });
    expect(finding!.detail.rateOnExpenditure).toBeCloseTo(3582.3 / 2021.29, 12);
    expect(finding!.message.zh).toBe(
      '部门整体支出自评表全年执行数2991.61万元等于报告的收入决算数2991.61万元，而非支出决算数3582.30万元；按支出决算计算执行率为3582.30 ÷ 2021.29 = 177.23%。另：报告基本支出1625.75万元，表中基本支出（预算）559.69万元',
    );
    expect(finding!.message.en).toContain('on expenditure the rate is 3582.30 ÷ 2021.29 = 177.23%');
  });

  it('names both files when the table and the report come from different files', () => {
    const dept = departmentForm({ file: 'yanfeng-2021-attach1.docx', funds: [{ label: '年度资金总额', init: '2021.29', full: '2021.29', exec: '2991.61' }] });
    const rep = reportForm({
      file: 'yanfeng-2021-report.docx',
      facts: [
        { key: 'income.final.total', label: '总收入决算数', raw: '2991.61万元', sentence: INCOME },
        { key: 'expense.final.total', label: '总支出决算数', raw: '3582.30万元', sentence: EXPENSE },
      ],
    });
    const [finding] = runRule(execBasisMismatch, [
      { file: 'yanfeng-2021-attach1.docx', forms: [dept] },
      { file: 'yanfeng-2021-report.docx', forms: [rep] },
    ]);
    expect(finding!.form).toEqual({ doc: 0, form: 0 });
    expect(finding!.at.map((l) => l.file)).toEqual(['yanfeng-2021-attach1.docx', 'yanfeng-2021-report.docx', 'yanfeng-2021-report.docx']);
  });

  it('uses 年初预算数 as the denominator under a rate_basis "initial" profile', () => {
    const [finding] = runRule(execBasisMismatch, [department('2991.61', '2000.00', '2021.29'), report()], {
      profile: profile({ name: 'suiyang-like', extends: 'hunan-2021', params: { rateBasis: 'initial' } }),
    });
    expect(finding!.detail).toMatchObject({ rateBasis: 'initial', budget: 2000 });
    expect(finding!.message.zh).toContain('3582.30 ÷ 2000.00 = 179.12%');
  });

  const silent: [string, Form[]][] = [
    ['exec equals 支出决算 (the right basis)', [department('3582.30'), report()]],
    ['exec equals neither figure', [department('2500.00'), report()]],
    ['income and expenditure are the same figure: the basis cannot be told', [department('2991.61'), report('2991.61万元', '2991.61万元')]],
    ['outside the printed interval of 收入决算: 2991.63', [department('2991.63'), report()]],
    ['no report', [department()]],
    ['the report states no 支出决算', [department(), reportForm({ facts: [{ key: 'income.final.total', label: '总收入决算数', raw: '2991.61万元' }] })]],
  ];
  it.each(silent)('passes silently: %s', (_name, forms) => {
    expect(runRule(execBasisMismatch, forms)).toEqual([]);
  });

  it.each(['2991.6', '2991.62'])('meets 收入决算 2991.61 at the printed precision: exec %s (the half-unit intervals touch)', (exec) => {
    expect(runRule(execBasisMismatch, [department(exec), report()])).toHaveLength(1);
  });
});
