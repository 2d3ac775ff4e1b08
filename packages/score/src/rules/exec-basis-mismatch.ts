import {
  compositionConcept,
  decimalsInWan,
  distinctLocations,
  factInterval,
  fixed,
  formsOfKind,
  intervalsMeet,
  percentText,
  singleFact,
  tableFigure,
  totalFundRow,
} from '../narrative-helpers.ts';
import { rational } from '../tolerance.ts';
import type { Rule } from '../types.ts';

export const execBasisMismatch: Rule = {
  meta: {
    id: 'exec-basis-mismatch',
    defaultSeverity: 'warning',
    kinds: ['department-overall', 'report'],
    title: { zh: '执行数口径不符', en: 'Execution figure on the wrong basis' },
    description: {
      zh: '部门整体自评表的全年执行数应为支出决算数，而非收入决算数',
      en: "The department table's executed amount should be total expenditure (支出决算), not total income (收入决算)",
    },
  },
  check(ctx) {
    const reports = formsOfKind(ctx, 'report');
    for (const dept of formsOfKind(ctx, 'department-overall')) {
      const row = totalFundRow(dept.form);
      if (!row) continue;
      const executed = tableFigure(row.executed, row.cells.executed, row.at);
      if (!executed) continue;
      for (const report of reports) {
        const income = singleFact(report.form.facts, 'income.final.total');
        const expense = singleFact(report.form.facts, 'expense.final.total');
        if (!income || !expense || income.approx || expense.approx) continue;
        const matchesIncome = intervalsMeet(executed.interval, factInterval(income));
        const matchesExpense = intervalsMeet(executed.interval, factInterval(expense));
        if (!matchesIncome || matchesExpense) continue;

        const useInitial = ctx.profile.params.rateBasis === 'initial';
        const budget = useInitial
          ? tableFigure(row.budgetInitial, row.cells.budgetInitial, row.at)
          : tableFigure(row.budgetFull ?? row.budgetInitial, row.budgetFull !== null ? row.cells.budgetFull : row.cells.budgetInitial, row.at);
        const rateOnExpenditure = budget && budget.value > 0 ? rational.div(expense.value, budget.value) : null;

        const basicFinal = singleFact(report.form.facts, 'expense.final.basic');
        const basicLines = (dept.form.composition?.byExpense ?? []).filter((l) => compositionConcept(l.label) === 'basic');
        const basicBudget = basicLines.length === 1 ? basicLines[0]! : null;

        const executedText = fixed(executed.value, executed.decimals);
        const formula = rateOnExpenditure && budget
          ? `${fixed(expense.value, decimalsInWan(expense))} ÷ ${fixed(budget.value, budget.decimals)} = ${percentText(rateOnExpenditure, 2)}`
          : null;
        const rateZh = formula ? `；按支出决算计算执行率为${formula}` : '';
        const rateEn = formula ? `; on expenditure the rate is ${formula}` : '';
        const basicBudgetText = basicBudget ? `${fixed(basicBudget.amount, basicBudget.decimals)}万元` : '';
        const basicZh = basicFinal && basicBudget ? `。另：报告基本支出${basicFinal.raw}，表中基本支出（预算）${basicBudgetText}` : '';
        const basicEn = basicFinal && basicBudget ? `. Also: the report's 基本支出 is ${basicFinal.raw}, the table's 基本支出 budget ${basicBudgetText}` : '';

        ctx.report({
          form: dept.ref,
          message: {
            zh: `部门整体支出自评表全年执行数${executedText}万元等于报告的收入决算数${income.raw}，而非支出决算数${expense.raw}${rateZh}${basicZh}`,
            en: `The department table's executed amount ${executedText}万元 equals the report's total income (收入决算) ${income.raw}, not its total expenditure (支出决算) ${expense.raw}${rateEn}${basicEn}`,
          },
          declared: null,
          computed: null,
          at: distinctLocations([
            executed.at,
            income.at,
            expense.at,
            ...(basicFinal && basicBudget ? [basicFinal.at, basicBudget.at] : []),
          ]),
          detail: {
            executed: executed.value,
            incomeFinal: income.value,
            expenseFinal: expense.value,
            budget: budget?.value ?? null,
            rateBasis: useInitial ? 'initial' : 'full',
            rateOnExpenditure: rateOnExpenditure ? rational.toNumber(rateOnExpenditure) : null,
            basicFinal: basicFinal?.value ?? null,
            basicBudget: basicBudget?.amount ?? null,
            tolerance: 'figures equal when their printed intervals meet',
          },
        });
      }
    }
  },
};
