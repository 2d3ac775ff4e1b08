import type { Fact, Location } from '@jxaudit/model';
import {
  above,
  compositionConcept,
  decimalsInWan,
  factInterval,
  fixed,
  formsOfKind,
  singleFact,
  tableAmountInterval,
  tableFigure,
  totalFundRow,
  type FormEntry,
  type TableFigure,
} from '../narrative-helpers.ts';
import { rational, sumIntervals } from '../tolerance.ts';
import type { FormRef, Rule } from '../types.ts';

interface ProjectFigures {
  entry: FormEntry;
  name: string;
  full: TableFigure | null;
  executed: TableFigure | null;
}

function projectFigures(entry: FormEntry): ProjectFigures | null {
  const row = totalFundRow(entry.form);
  if (!row) return null;
  const full = tableFigure(row.budgetFull ?? row.budgetInitial, row.budgetFull !== null ? row.cells.budgetFull : row.cells.budgetInitial, row.at);
  return { entry, name: entry.form.projectName ?? entry.form.title, full, executed: tableFigure(row.executed, row.cells.executed, row.at) };
}

/** The department's 项目支出 budget line, when it names exactly one. */
function projectBudgetLine(dept: FormEntry): TableFigure | null {
  const lines = (dept.form.composition?.byExpense ?? []).filter((l) => compositionConcept(l.label) === 'project');
  if (lines.length !== 1) return null;
  const line = lines[0]!;
  return { value: line.amount, decimals: line.decimals, interval: tableAmountInterval(line.amount, line.decimals), at: line.at };
}

function text(value: number, decimals: number): string {
  return `${fixed(value, decimals)}万元`;
}

export const deptProjectLink: Rule = {
  meta: {
    id: 'dept-project-link',
    defaultSeverity: 'warning',
    kinds: ['department-overall', 'project', 'report'],
    title: { zh: '部门与项目金额衔接', en: 'Department and project amounts' },
    description: {
      zh: '项目（专项资金）表的预算数、执行数不得超过部门的项目支出预算、决算；部门预算总额不得小于各项目表之和',
      en: "A project table's budget and executed amounts must not exceed the department's 项目支出 budget and expenditure; the department's total budget must not be below the sum of its project tables",
    },
  },
  check(ctx) {
    const projects = formsOfKind(ctx, 'project')
      .map(projectFigures)
      .filter((p): p is ProjectFigures => p !== null);
    if (projects.length === 0) return;
    const depts = formsOfKind(ctx, 'department-overall');
    const reports = formsOfKind(ctx, 'report');
    const report = (form: FormRef, zh: string, en: string, declared: number, computed: number, at: Location[], detail: Record<string, unknown>) =>
      ctx.report({ form, message: { zh, en }, declared, computed, at, detail });

    for (const dept of depts) {
      const projectBudget = projectBudgetLine(dept);
      if (projectBudget) {
        for (const p of projects) {
          if (!p.full || !above(p.full.interval, projectBudget.interval)) continue;
          report(
            p.entry.ref,
            `${p.name}全年预算数${text(p.full.value, p.full.decimals)}，大于部门整体支出自评表项目支出预算${text(projectBudget.value, projectBudget.decimals)}`,
            `${p.name}: its full-year budget ${text(p.full.value, p.full.decimals)} exceeds the department's 项目支出 budget ${text(projectBudget.value, projectBudget.decimals)}`,
            p.full.value,
            projectBudget.value,
            [p.full.at, projectBudget.at],
            { check: 'project-budget', project: p.name, limit: '项目支出 budget (department table)' },
          );
        }
      }
      // With one project and a 项目支出 line, the check above already covers the total.
      const row = totalFundRow(dept.form);
      const deptBudget = row ? tableFigure(row.budgetFull ?? row.budgetInitial, row.budgetFull !== null ? row.cells.budgetFull : row.cells.budgetInitial, row.at) : null;
      const fulls = projects.map((p) => p.full).filter((f): f is TableFigure => f !== null);
      if (deptBudget && fulls.length > 0 && (fulls.length >= 2 || !projectBudget)) {
        const sumInterval = sumIntervals(fulls.map((f) => f.interval));
        if (above(sumInterval, deptBudget.interval)) {
          const sum = rational.toNumber(rational.sum(fulls.map((f) => f.value)));
          const decimals = Math.max(...fulls.map((f) => f.decimals));
          report(
            dept.ref,
            `部门预算总额${text(deptBudget.value, deptBudget.decimals)}，小于其项目表全年预算数之和${text(sum, decimals)}（${fulls.map((f) => fixed(f.value, f.decimals)).join(' + ')}）`,
            `The department's total budget ${text(deptBudget.value, deptBudget.decimals)} is below the sum of its project tables' full-year budgets ${text(sum, decimals)} (${fulls.map((f) => fixed(f.value, f.decimals)).join(' + ')})`,
            deptBudget.value,
            sum,
            [deptBudget.at, ...fulls.map((f) => f.at)],
            { check: 'department-total', projects: projects.map((p) => p.name) },
          );
        }
      }
    }

    for (const rep of reports) {
      const projectSpend: Fact | null = singleFact(rep.form.facts, 'expense.final.project');
      if (!projectSpend || projectSpend.approx) continue;
      const spendInterval = factInterval(projectSpend);
      const spendText = text(projectSpend.value, decimalsInWan(projectSpend));
      for (const p of projects) {
        if (!p.executed || !above(p.executed.interval, spendInterval)) continue;
        report(
          p.entry.ref,
          `${p.name}全年执行数${text(p.executed.value, p.executed.decimals)}，大于报告的项目支出决算${spendText}`,
          `${p.name}: its executed amount ${text(p.executed.value, p.executed.decimals)} exceeds the report's 项目支出 expenditure ${spendText}`,
          p.executed.value,
          projectSpend.value,
          [p.executed.at, projectSpend.at],
          { check: 'project-expenditure', project: p.name, limit: '项目支出 (report)' },
        );
      }
    }
  },
};
