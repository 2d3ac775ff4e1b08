import { fmt, fmtPercent, formsOfKinds, locs, rateDenominator } from '../analysis.ts';
import { equal, rateMatches, rational } from '../tolerance.ts';
import type { Rule } from '../types.ts';

/** RULES.md §4 A: the printed 执行率 equals exec ÷ basis rounded or truncated to its printed decimals. */
export const execRateRecompute: Rule = {
  meta: {
    id: 'exec-rate-recompute',
    defaultSeverity: 'error',
    kinds: ['project', 'department-overall'],
    title: { zh: '执行率计算错误', en: 'Execution rate miscomputed' },
    description: {
      zh: '执行率应等于全年执行数÷全年预算数（按口径），按印刷小数位四舍五入或截断',
      en: 'The printed execution rate equals executed ÷ budget (profile basis), rounded or truncated to its printed decimals',
    },
  },
  check(ctx) {
    const basis = ctx.profile.params.rateBasis;
    const basisName = basis === 'initial' ? { zh: '年初预算数', en: 'initial budget' } : { zh: '全年预算数', en: 'full-year budget' };
    for (const { ref, form } of formsOfKinds(ctx, this.meta.kinds)) {
      for (const row of form.funds) {
        const den = rateDenominator(row, ctx.profile.params);
        if (!row.rate || row.executed === null || den === null || equal(den, 0)) continue;
        const printedPercent = rational.toNumber(rational.mul(row.rate.value, 100));
        if (rateMatches(printedPercent, row.rate.decimals, row.executed, den)) continue;
        const computed = rational.div(row.executed, den);
        ctx.report({
          form: ref,
          declared: row.rate.value,
          computed: rational.toNumber(computed),
          message: {
            zh: `“${row.label}”执行率印为${row.rate.raw}，按全年执行数${fmt(row.executed)}÷${basisName.zh}${fmt(den)}应为${fmtPercent(computed, Math.max(2, row.rate.decimals))}`,
            en: `${row.label}: printed execution rate ${row.rate.raw}, but executed ${fmt(row.executed)} ÷ ${basisName.en} ${fmt(den)} = ${fmtPercent(computed, Math.max(2, row.rate.decimals))}`,
          },
          at: locs(row.cells.rate ?? row.at, row.cells.executed, basis === 'initial' ? row.cells.budgetInitial : row.cells.budgetFull),
          detail: {
            formula: `rate = executed / ${basis === 'initial' ? 'budgetInitial' : 'budgetFull'}`,
            terms: { executed: row.executed, basis: den },
            tolerance: `printed value equals round or trunc at ${row.rate.decimals} decimals of the percentage`,
          },
        });
      }
    }
  },
};
