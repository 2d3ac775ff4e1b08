import type { CompositionLine, Fact, FactKey } from '@jxaudit/model';
import {
  compositionConcept,
  decimalsInWan,
  distinctLocations,
  factInterval,
  fixed,
  formsOfKind,
  intervalsMeet,
  tableAmountInterval,
  tableFigure,
  totalFundRow,
  type FormEntry,
  type TableFigure,
} from '../narrative-helpers.ts';
import type { Rule } from '../types.ts';

/** One comparison: a report figure against the table figures it may equal (any one suffices). */
interface Pair {
  fact: Fact;
  /** What the table calls it, for messages. */
  tableLabel: { zh: string; en: string };
  candidates: TableFigure[];
}

function lineFigure(line: CompositionLine): TableFigure {
  return { value: line.amount, decimals: line.decimals, interval: tableAmountInterval(line.amount, line.decimals), at: line.at };
}

/** Pairs report parts with composition lines of the same concept; a concept named twice on either side is ambiguous and skipped. */
function partPairs(facts: Fact[], key: FactKey, lines: CompositionLine[], side: { zh: string; en: string }): Pair[] {
  const reportParts = facts.filter((f) => f.key === key);
  const pairs: Pair[] = [];
  for (const fact of reportParts) {
    const concept = compositionConcept(fact.label);
    if (!concept) continue;
    if (reportParts.filter((f) => compositionConcept(f.label) === concept).length !== 1) continue;
    const matching = lines.filter((l) => compositionConcept(l.label) === concept);
    if (matching.length !== 1) continue;
    const line = matching[0]!;
    pairs.push({ fact, tableLabel: { zh: `${side.zh}“${line.label}”`, en: `${side.en} "${line.label}"` }, candidates: [lineFigure(line)] });
  }
  return pairs;
}

function pairsFor(dept: FormEntry, facts: Fact[]): Pair[] {
  const pairs: Pair[] = [];
  const row = totalFundRow(dept.form);
  const budgetTotals = facts.filter((f) => f.key === 'income.budget.total');
  if (row && budgetTotals.length === 1) {
    // The report's 收入预算 is the 全年预算数; a report that quotes the 年初预算数 is not contradicting the table.
    const candidates = [
      tableFigure(row.budgetFull, row.cells.budgetFull, row.at),
      tableFigure(row.budgetInitial, row.cells.budgetInitial, row.at),
    ].filter((c): c is TableFigure => c !== null);
    if (candidates.length > 0) {
      pairs.push({ fact: budgetTotals[0]!, tableLabel: { zh: '年度资金总额全年预算数', en: '年度资金总额 full-year budget (全年预算数)' }, candidates });
    }
  }
  const composition = dept.form.composition;
  if (composition) {
    pairs.push(...partPairs(facts, 'income.budget.part', composition.byIncome, { zh: '按收入性质分', en: 'income line' }));
    pairs.push(...partPairs(facts, 'expense.budget.part', composition.byExpense, { zh: '按支出性质分', en: 'expenditure line' }));
  }
  return pairs;
}

export const narrTableAmountMatch: Rule = {
  meta: {
    id: 'narr-table-amount-match',
    defaultSeverity: 'warning',
    kinds: ['department-overall', 'report'],
    title: { zh: '报告与自评表金额不一致', en: 'Report and table amounts differ' },
    description: {
      zh: '同一口径的金额（收入预算、收入构成、基本/项目支出预算）在报告与部门整体自评表中应一致',
      en: 'The same amount on the same basis (income budget, its parts, 基本/项目支出 budget) must agree between the report and the department table',
    },
  },
  check(ctx) {
    const reports = formsOfKind(ctx, 'report');
    for (const dept of formsOfKind(ctx, 'department-overall')) {
      for (const report of reports) {
        for (const pair of pairsFor(dept, report.form.facts)) {
          const { fact, candidates } = pair;
          if (fact.approx) continue;
          const reportInterval = factInterval(fact);
          if (candidates.some((c) => intervalsMeet(reportInterval, c.interval))) continue;
          const table = candidates[0]!;
          const reportText = `${fixed(fact.value, decimalsInWan(fact))}万元`;
          const tableText = `${fixed(table.value, table.decimals)}万元`;
          ctx.report({
            form: report.ref,
            message: {
              zh: `报告${fact.label}${reportText}，而部门整体支出自评表${pair.tableLabel.zh}为${tableText}`,
              en: `The report's ${fact.label} is ${reportText}, the department table's ${pair.tableLabel.en} ${tableText}`,
            },
            declared: fact.value,
            computed: table.value,
            at: distinctLocations([fact.at, ...candidates.map((c) => c.at)]),
            detail: {
              concept: fact.key,
              reportLabel: fact.label,
              reportRaw: fact.raw,
              tableFigures: candidates.map((c) => c.value),
              tolerance: 'equal when the printed intervals (± half a unit of the last digit) meet',
            },
          });
        }
      }
    }
  },
};
