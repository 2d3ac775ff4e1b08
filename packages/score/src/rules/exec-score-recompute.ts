import { effectiveRate, expectedExecScore, fmt, fmtPercent, formsOfKinds, fundTotal, locs, printed } from '../analysis.ts';
import { rational, scoreAcceptRange, scoreAgainstExpected } from '../tolerance.ts';
import type { Rule } from '../types.ts';

/** RULES.md §4 A: the total row's 得分 = w_exec × min(rate, 1), under score_rounding. */
export const execScoreRecompute: Rule = {
  meta: {
    id: 'exec-score-recompute',
    defaultSeverity: 'warning',
    kinds: ['project', 'department-overall'],
    title: { zh: '预算执行得分与执行率不符', en: 'Execution score does not follow the rate' },
    description: {
      zh: '年度资金总额行得分应为 分值×min(执行率,1)',
      en: 'The total row’s score equals weight × min(rate, 1)',
    },
  },
  check(ctx) {
    for (const { ref, form } of formsOfKinds(ctx, this.meta.kinds)) {
      const row = fundTotal(form);
      if (!row || row.score === null) continue;
      const points = row.points ?? ctx.profile.params.wExec;
      const rate = effectiveRate(row, ctx.profile.params);
      if (!rate) continue;
      const expected = expectedExecScore(points, rate);
      const p = Math.max(printed(row.score, row.cells.score).decimals, row.points !== null ? printed(row.points, row.cells.points).decimals : 0);
      if (scoreAgainstExpected(row.score, expected, p) === 0) continue;
      const e = rational.toNumber(expected);
      const [lo, hi] = scoreAcceptRange(expected, p);
      const rateText = row.rate?.raw ?? fmtPercent(rate);
      ctx.report({
        form: ref,
        declared: row.score,
        computed: e,
        message: {
          zh: `“${row.label}”执行率${rateText}，按 分值${fmt(points)}×min(执行率,1) 应得${fmt(e)}分，表中填${fmt(row.score)}分`,
          en: `${row.label}: rate ${rateText} gives ${fmt(points)} × min(rate, 1) = ${fmt(e)} points; the form claims ${fmt(row.score)}`,
        },
        at: locs(row.cells.score ?? row.at, row.cells.rate, row.cells.points),
        detail: {
          formula: 'w_exec × min(rate, 1)',
          terms: { points, rate: rational.toNumber(rate) },
          accept: [lo, hi],
          precision: p,
          direction: row.score > e ? 'inflated' : 'understated',
        },
      });
    }
  },
};
