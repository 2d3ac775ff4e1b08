import { describe, expect, it } from 'vitest';
import type { Form } from '@jxaudit/model';
import { deptProjectLink } from '../../src/rules/dept-project-link.ts';
import { departmentForm, projectForm, reportForm, runRule } from '../helpers/forms.ts';

/** The sample's department table: 年度资金总额 2021.29, 项目支出 1461.60. */
function department(projectBudget = '1461.60', total = '2021.29'): Form {
  return departmentForm({
    funds: [{ label: '年度资金总额', init: total, full: total, exec: '2991.61', points: 10, rate: '148%', score: 9 }],
    byExpense: [['基本支出', '559.69'], ['项目支出', projectBudget]],
  });
}

/** The sample's 专项资金 table: 年度资金总额 1461.6 / 1461.6 / 1956.56. */
function project(full = '1461.6', exec = '1956.56', projectName = '基层政权建设和社区治理'): Form {
  return projectForm({ projectName, table: 1, funds: [{ label: '年度资金总额', init: full, full, exec, points: 10, rate: '133.86%', score: 9 }] });
}

function report(projectSpend = '1956.56万元'): Form {
  return reportForm({ facts: [{ key: 'expense.final.project', label: '项目支出', raw: projectSpend, sentence: `2021年街道项目支出${projectSpend}。` }] });
}

describe('dept-project-link', () => {
  const silent: [string, Form[]][] = [
    ['the sample: 专项 全年预算 1461.6 = 部门 项目支出 1461.60, 专项 执行 1956.56 = 报告 项目支出 1956.56', [department(), project(), report()]],
    ['at the half unit: 1461.61 against 1461.60', [department(), project('1461.61'), report()]],
    ['a project below the department figures', [department(), project('1000', '1200.5'), report()]],
    ['no project table', [department(), report()]],
    ['an approximate report figure is not a limit: 约1900万元', [department(), project(), report('约1900万元')]],
  ];
  it.each(silent)('passes silently: %s', (_name, forms) => {
    expect(runRule(deptProjectLink, forms)).toEqual([]);
  });

  it('warns when a project budget exceeds the department 项目支出 budget: 1500 against 1461.60', () => {
    const dept = department();
    const proj = project('1500');
    const [finding, ...rest] = runRule(deptProjectLink, [dept, proj, report()]);
    expect(rest).toEqual([]);
    expect(finding).toMatchObject({ form: { doc: 0, form: 1 }, declared: 1500, computed: 1461.6 });
    expect(finding!.severity).toBeUndefined();
    expect(finding!.at).toEqual([proj.funds[0]!.cells.budgetFull, dept.composition!.byExpense[1]!.at]);
    expect(finding!.message.zh).toBe('基层政权建设和社区治理全年预算数1500万元，大于部门整体支出自评表项目支出预算1461.60万元');
  });

  it('warns just outside the half units: 1461.62 against 1461.60 (1461.615 > 1461.605)', () => {
    expect(runRule(deptProjectLink, [department(), project('1461.62'), report()])).toMatchObject([{ declared: 1461.62, computed: 1461.6 }]);
  });

  it('warns when a project executed more than the report 项目支出: 1956.56 against 1900.00', () => {
    const proj = project();
    const rep = report('1900.00万元');
    const [finding, ...rest] = runRule(deptProjectLink, [department(), proj, rep]);
    expect(rest).toEqual([]);
    expect(finding).toMatchObject({ form: { doc: 0, form: 1 }, declared: 1956.56, computed: 1900 });
    expect(finding!.at).toEqual([proj.funds[0]!.cells.executed, rep.facts[0]!.at]);
  });

  it('warns when the department total is below the sum of its project tables: 2021.29 < 1461.6 + 600', () => {
    const dept = department();
    const forms = [dept, project(), project('600', '600', '老旧小区改造'), report('2556.56万元')];
    const [finding, ...rest] = runRule(deptProjectLink, forms);
    expect(rest).toEqual([]);
    expect(finding).toMatchObject({ form: { doc: 0, form: 0 }, declared: 2021.29, computed: 2061.6 });
    expect(finding!.at[0]).toEqual(dept.funds[0]!.cells.budgetFull);
  });

  it('names every file when the tables come from different files', () => {
    const dept = departmentForm({ file: 'yanfeng-2021-attach1.docx', byExpense: [['项目支出', '1461.60']], funds: [{ label: '年度资金总额', full: '2021.29' }] });
    const proj = projectForm({ file: 'yanfeng-2021-attach2.docx', funds: [{ label: '年度资金总额', full: '1500', exec: '1500' }] });
    const [finding] = runRule(deptProjectLink, [
      { file: 'yanfeng-2021-attach1.docx', forms: [dept] },
      { file: 'yanfeng-2021-attach2.docx', forms: [proj] },
    ]);
    expect(finding!.form).toEqual({ doc: 1, form: 0 });
    expect(finding!.at.map((l) => l.file)).toEqual(['yanfeng-2021-attach2.docx', 'yanfeng-2021-attach1.docx']);
  });
});
