import type { Indicator } from '@jxaudit/model';
import { achieved, actualTier, fmt, formsOfKinds, indicatorCells, indicatorType, rowName, TIER_NAMES } from '../analysis.ts';
import { equal, rational } from '../tolerance.ts';
import type { Rule } from '../types.ts';

/** s == w while the indicator is not achieved (shared with qual-score-tier, which then stays silent). */
export function fullScoreWithoutAchievement(ind: Indicator): boolean {
  if (ind.points === null || ind.score === null || rational.cmp(ind.points, 0) <= 0) return false;
  if (!equal(ind.score, ind.points)) return false;
  return achieved(ind) === false;
}

/** RULES.md §4 B: full marks while the actual falls short (严禁刻意抬高分数). */
export const fullScoreWithoutAchievementRule: Rule = {
  meta: {
    id: 'full-score-without-achievement',
    defaultSeverity: 'warning',
    kinds: ['project', 'department-overall'],
    title: { zh: '未完成却得满分', en: 'Full marks without achievement' },
    description: {
      zh: '定量指标实际值未达目标，或定性/是否指标未达成，却得满分',
      en: 'Full marks although a quantitative actual is short of target or a qualitative/boolean actual is not achieved',
    },
  },
  check(ctx) {
    for (const { ref, form } of formsOfKinds(ctx, this.meta.kinds)) {
      for (const ind of form.indicators) {
        if (!fullScoreWithoutAchievement(ind)) continue;
        const type = indicatorType(ind);
        const tier = type === 'quantitative' ? null : actualTier(ind);
        const name = rowName(ind);
        const why = tier
          ? { zh: `实际“${ind.actual.raw}”属${TIER_NAMES[tier].zh}档`, en: `actual “${ind.actual.raw}” is ${TIER_NAMES[tier].en}` }
          : { zh: `实际${ind.actual.raw}未达目标`, en: `actual ${ind.actual.raw} falls short of the target` };
        ctx.report({
          form: ref,
          declared: null,
          computed: null,
          message: {
            zh: `“${name}”目标“${ind.target.raw}”，${why.zh}，却得满分${fmt(ind.score as number)}/${fmt(ind.points as number)}`,
            en: `“${name}”: target “${ind.target.raw}”, ${why.en}, yet scored full marks ${fmt(ind.score as number)}/${fmt(ind.points as number)}`,
          },
          at: indicatorCells(ind, ['score', 'actual', 'target']),
          detail: { type, tier, points: ind.points, score: ind.score },
        });
      }
    }
  },
};
