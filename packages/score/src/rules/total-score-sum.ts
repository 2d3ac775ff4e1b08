import { fmt, formsOfKinds, fundTotal, locs, printed } from '../analysis.ts';
import { exact, exactSum, rational } from '../tolerance.ts';
import type { Rule } from '../types.ts';

/** RULES.md §4 B: 总分 = Σ s(ind) + s_exec (A) or Σ s(ind) (B), as the profile expects. */
export const totalScoreSum: Rule = {
  meta: {
    id: 'total-score-sum',
    defaultSeverity: 'error',
    kinds: ['project', 'department-overall'],
    title: { zh: '总分与各项得分合计不符', en: 'Total score does not add up' },
    description: {
      zh: '总分应等于各指标得分之和（口径含预算执行得分时再加执行得分）',
      en: 'The total score equals the sum of indicator scores (plus the execution score when the profile includes it)',
    },
  },
  check(ctx) {
    const includes = ctx.profile.params.totalIncludesExec;
    for (const { ref, form } of formsOfKinds(ctx, this.meta.kinds)) {
      const totals = form.totals;
      if (!totals || totals.score === null) continue;
      const scored = form.indicators.filter((r) => r.score !== null);
      if (scored.length === 0) continue;
      const fund = fundTotal(form);
      const sExec = fund?.score ?? null;
      const b = exactSum(scored.map((r) => r.score as number));
      const a = sExec === null ? null : exactSum([b, sExec]);
      const expected = includes ? a ?? b : b;
      const other = includes ? (a === null ? null : b) : a;
      const decimals = Math.max(
        printed(totals.score, totals.cells.score).decimals,
        ...scored.map((r) => printed(r.score as number, r.cells.score).decimals),
        fund?.score != null ? printed(fund.score, fund.cells.score).decimals : 0,
      );
      const n = scored.length + (sExec === null ? 0 : 1);
      // 0 for integer scores; otherwise 0.01 per term.
      const tolerance = decimals === 0 ? exact(0) : rational.mul(0.01, n);
      const within = (x: number) => rational.cmp(rational.max(rational.sub(totals.score as number, x), rational.sub(x, totals.score as number)), tolerance) <= 0;
      if (within(expected)) continue;
      const otherConvention = other !== null && within(other);
      const byLevel1 = new Map<string, number[]>();
      for (const r of scored) byLevel1.set(r.level1, [...(byLevel1.get(r.level1) ?? []), r.score as number]);
      const parts = [...byLevel1.values()].map((v) => fmt(exactSum(v))).join('+');
      const zhExpect = includes && sExec !== null ? `各指标得分${fmt(b)}（${parts}）加预算执行得分${fmt(sExec)}应为${fmt(expected)}` : `各指标得分合计应为${fmt(b)}（${parts}）`;
      const enExpect = includes && sExec !== null ? `indicator scores ${fmt(b)} (${parts}) plus execution ${fmt(sExec)} make ${fmt(expected)}` : `indicator scores add up to ${fmt(b)} (${parts})`;
      ctx.report({
        severity: otherConvention ? 'warning' : 'error',
        form: ref,
        declared: totals.score,
        computed: expected,
        message: otherConvention
          ? {
              zh: `总分印为${fmt(totals.score)}分，${includes ? '仅为各指标得分之和，未计入预算执行得分' : '计入了预算执行得分'}；按口径${zhExpect}分`,
              en: `The printed total ${fmt(totals.score)} ${includes ? 'is the sum of indicator scores only, without the execution score' : 'includes the execution score'}; under the profile ${enExpect}`,
            }
          : {
              zh: `总分印为${fmt(totals.score)}分，按口径${zhExpect}分${other !== null ? `，另一口径为${fmt(other)}分，均不相符` : ''}`,
              en: `The printed total ${fmt(totals.score)} matches neither convention: ${enExpect}${other !== null ? `; the other convention gives ${fmt(other)}` : ''}`,
            },
        at: locs(totals.cells.score ?? totals.at, fund?.cells.score),
        detail: {
          withExecution: a,
          indicatorsOnly: b,
          executionScore: sExec,
          totalIncludesExec: includes,
          otherConvention,
          tolerance: rational.toNumber(tolerance),
        },
      });
    }
  },
};
