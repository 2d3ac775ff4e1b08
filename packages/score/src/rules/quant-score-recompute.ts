import { expectedQuantScore, fmt, formsOfKinds, indicatorCells, indicatorType, quantTarget, rowName, scorePrecision } from '../analysis.ts';
import { rational, scoreAcceptRange, scoreAgainstExpected } from '../tolerance.ts';
import type { Rule } from '../types.ts';

/** RULES.md §4 B: a quantitative indicator's score against w (met) or w × actual/target (short). */
export const quantScoreRecompute: Rule = {
  meta: {
    id: 'quant-score-recompute',
    defaultSeverity: 'warning',
    kinds: ['project', 'department-overall'],
    title: { zh: '定量指标得分与完成比例不符', en: 'Quantitative score does not follow the result' },
    description: {
      zh: '定量指标：达标得满分，未达标按 分值×实际值/目标值（反向指标按超出比例扣分），得分应在[向下取整, 四舍五入]之间',
      en: 'Quantitative indicators: full marks if met, else w × actual/target (reverse: deducted by the overrun); the score lies in [floor, round-half-up]',
    },
  },
  check(ctx) {
    for (const { ref, form } of formsOfKinds(ctx, this.meta.kinds)) {
      const p = scorePrecision(form);
      for (const ind of form.indicators) {
        if (indicatorType(ind) !== 'quantitative' || ind.score === null || ind.points === null) continue;
        // A qualified actual (约/余/以上) never takes part in exact checks.
        if (ind.actual.approx || ind.target.approx) continue;
        const expected = expectedQuantScore(ind);
        const q = quantTarget(ind);
        if (!expected || !q) continue;
        const verdict = scoreAgainstExpected(ind.score, expected, p);
        if (verdict === 0) continue;
        const e = rational.toNumber(expected);
        const [lo, hi] = scoreAcceptRange(expected, p);
        const accept = lo === hi ? fmt(lo) : `${fmt(lo)}–${fmt(hi)}`;
        const ratio = rational.toNumber(rational.div(q.actual, q.target === 0 ? 1 : q.target));
        const inflated = verdict > 0;
        const diff = rational.toNumber(rational.sub(ind.score, expected));
        const name = rowName(ind);
        const ratioText = `${ind.actual.raw}÷${ind.target.raw}=${(ratio * 100).toFixed(2).replace(/\.?0+$/, '')}%`;
        ctx.report({
          severity: inflated ? 'warning' : 'info',
          form: ref,
          declared: ind.score,
          computed: e,
          message: {
            zh: `“${name}”实际${ind.actual.raw}，目标${ind.target.raw}（${ratioText}），按 分值${fmt(ind.points)}${q.reverse ? '×max(0,1−超出比例)' : '×实际/目标'} 应得${fmt(e)}分（可接受${accept}分），表中填${fmt(ind.score)}分，${inflated ? '多计' : '少计'}${fmt(Math.abs(diff))}分`,
            en: `“${name}”: actual ${ind.actual.raw} against target ${ind.target.raw} (${ratioText}) gives ${fmt(ind.points)} × ${q.reverse ? 'max(0, 1 − overrun)' : 'actual/target'} = ${fmt(e)} (accept ${accept}); the form claims ${fmt(ind.score)}, ${inflated ? 'inflated' : 'understated'} by ${fmt(Math.abs(diff))}`,
          },
          at: indicatorCells(ind, ['score', 'actual', 'target', 'points']),
          detail: {
            direction: inflated ? 'inflated' : 'understated',
            formula: q.reverse ? 'w × max(0, 1 − (actual − target) / target)' : 'w × actual / target',
            terms: { points: ind.points, actual: q.actual, target: q.target, reverse: q.reverse },
            accept: [lo, hi],
            precision: p,
            difference: diff,
          },
        });
      }
    }
  },
};
