import { approximateFigure, expectedQuantScore, fmt, formsOfKinds, indicatorCells, indicatorType, quantTarget, rowName, scorePrecision } from '../analysis.ts';
import { rational, scoreAcceptRange, scoreAgainstExpected, type Rational } from '../tolerance.ts';
import type { Rule } from '../types.ts';

/** A printed figure without the target's comparison sign: "≥100%" → "100%", "﹦72890元" → "72890元". */
function figure(raw: string): string {
  return raw.replace(/^[\s\u3000≥≤=＝﹦<>＞＜≧≦]+/, '');
}

/** A fraction as a percentage with up to 2 decimals, no trailing zeros: 0.497 → "49.7%". */
function percent(x: Rational): string {
  return `${rational.toNumber(rational.mul(x, 100)).toFixed(2).replace(/\.?0+$/, '')}%`;
}

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
        // A qualified actual (约/余/以上) or an approximate target (约/余…) never takes part in exact checks; a target "95%以上" is ≥ 95%.
        if (approximateFigure(ind.actual, 'actual') || approximateFigure(ind.target, 'target')) continue;
        const expected = expectedQuantScore(ind);
        const q = quantTarget(ind);
        if (!expected || !q) continue;
        const verdict = scoreAgainstExpected(ind.score, expected, p);
        if (verdict === 0) continue;
        const e = rational.toNumber(expected);
        const [lo, hi] = scoreAcceptRange(expected, p);
        const accept = lo === hi ? fmt(lo) : `${fmt(lo)}–${fmt(hi)}`;
        const inflated = verdict > 0;
        const diff = rational.toNumber(rational.sub(ind.score, expected));
        const name = rowName(ind);
        const zeroTarget = rational.cmp(q.target, 0) === 0;
        const a = figure(ind.actual.raw);
        const t = figure(ind.target.raw);
        // The figures the formula used, without the comparison sign of the target ("≥100%" → "100%").
        const ratioText = zeroTarget
          ? { zh: `目标为0，实际${a}`, en: `target 0, actual ${a}` }
          : q.reverse
            ? { zh: `超出(${a}−${t})÷${t}=${percent(rational.div(rational.sub(q.actual, q.target), q.target))}`, en: `overrun (${a} − ${t}) ÷ ${t} = ${percent(rational.div(rational.sub(q.actual, q.target), q.target))}` }
            : { zh: `${a}÷${t}=${percent(rational.div(q.actual, q.target))}`, en: `${a}÷${t}=${percent(rational.div(q.actual, q.target))}` };
        const formula = zeroTarget
          ? { zh: '（目标为0：实际≤0得满分，否则0分）', en: ' (target 0: full marks only when the actual is ≤ 0, else 0)', detail: 'target 0: w if actual ≤ 0, else 0' }
          : q.reverse
            ? { zh: '×max(0,1−超出比例)', en: ' × max(0, 1 − overrun)', detail: 'w × max(0, 1 − (actual − target) / target)' }
            : { zh: '×实际/目标', en: ' × actual/target', detail: 'w × actual / target' };
        ctx.report({
          severity: inflated ? 'warning' : 'info',
          form: ref,
          declared: ind.score,
          computed: e,
          message: {
            zh: `“${name}”实际${ind.actual.raw}，目标${ind.target.raw}（${ratioText.zh}），按 分值${fmt(ind.points)}${formula.zh} 应得${fmt(e)}分（可接受${accept}分），表中填${fmt(ind.score)}分，${inflated ? '多计' : '少计'}${fmt(Math.abs(diff))}分`,
            en: `“${name}”: actual ${ind.actual.raw} against target ${ind.target.raw} (${ratioText.en}) gives ${fmt(ind.points)}${formula.en} = ${fmt(e)} (accept ${accept}); the form claims ${fmt(ind.score)}, ${inflated ? 'inflated' : 'understated'} by ${fmt(Math.abs(diff))}`,
          },
          at: indicatorCells(ind, ['score', 'actual', 'target', 'points']),
          detail: {
            direction: inflated ? 'inflated' : 'understated',
            formula: formula.detail,
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
