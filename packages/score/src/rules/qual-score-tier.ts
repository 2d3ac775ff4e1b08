import type { Tier } from '@jxaudit/model';
import { actualTier, fmt, formsOfKinds, indicatorCells, indicatorType, rowName, TIER_NAMES } from '../analysis.ts';
import { rational } from '../tolerance.ts';
import type { ProfileParams, Rule } from '../types.ts';
import { fullScoreWithoutAchievement } from './full-score-without-achievement.ts';

/** [low, high] with whether high is included: ACHIEVED includes 1, the others are half-open. */
function tierRange(tier: Tier, params: ProfileParams): { low: number; high: number; highIncluded: boolean } {
  switch (tier) {
    case 'achieved':
      return { low: params.qualTiers.achieved[0], high: params.qualTiers.achieved[1], highIncluded: true };
    case 'basic':
      return { low: params.basicRange[0], high: params.basicRange[1], highIncluded: false };
    case 'partial':
      return { low: params.qualTiers.partial[0], high: params.qualTiers.partial[1], highIncluded: false };
    case 'not':
      return { low: params.qualTiers.not[0], high: params.qualTiers.not[1], highIncluded: false };
  }
}

function pct(x: number): string {
  return `${fmt(x * 100)}%`;
}

/** RULES.md §4 B: s/w of a qualitative or boolean indicator lies in its actual's tier. */
export const qualScoreTier: Rule = {
  meta: {
    id: 'qual-score-tier',
    defaultSeverity: 'warning',
    kinds: ['project', 'department-overall'],
    title: { zh: '定性指标得分与完成档次不符', en: 'Qualitative score outside its tier' },
    description: {
      zh: '定性/是否指标得分率应落在实际完成档次区间：达成[80%,100%]、基本达成[60%,100%)、部分达成[60%,80%)、未达成[0,60%)',
      en: 'A qualitative/boolean score ratio lies in the tier of the actual: achieved [80%,100%], basically achieved [60%,100%), partly achieved [60%,80%), not achieved [0,60%)',
    },
  },
  check(ctx) {
    const params = ctx.profile.params;
    for (const { ref, form } of formsOfKinds(ctx, this.meta.kinds)) {
      for (const ind of form.indicators) {
        const type = indicatorType(ind);
        if (type !== 'qualitative' && type !== 'boolean') continue;
        if (ind.points === null || ind.score === null || rational.cmp(ind.points, 0) <= 0) continue;
        if (fullScoreWithoutAchievement(ind)) continue;
        const tier = actualTier(ind);
        if (!tier) continue;
        const range = tierRange(tier, params);
        const ratio = rational.div(ind.score, ind.points);
        const inside =
          rational.cmp(ratio, range.low) >= 0 &&
          (range.highIncluded ? rational.cmp(ratio, range.high) <= 0 : rational.cmp(ratio, range.high) < 0);
        if (inside) continue;
        const rangeText = `[${pct(range.low)}, ${pct(range.high)}${range.highIncluded ? ']' : ')'}`;
        const allowed = `${fmt(range.low * ind.points)}–${fmt(range.high * ind.points)}`;
        const name = rowName(ind);
        const ratioNumber = rational.toNumber(ratio);
        ctx.report({
          form: ref,
          declared: ind.score,
          computed: null,
          message: {
            zh: `“${name}”实际“${ind.actual.raw}”属${TIER_NAMES[tier].zh}档，得分率应在${rangeText}（${allowed}分${range.highIncluded ? '' : '，不含上限'}），表中${fmt(ind.score)}/${fmt(ind.points)}=${pct(ratioNumber)}`,
            en: `“${name}”: actual “${ind.actual.raw}” is ${TIER_NAMES[tier].en}, so the score ratio should lie in ${rangeText} (${allowed} points); the form has ${fmt(ind.score)}/${fmt(ind.points)} = ${pct(ratioNumber)}`,
          },
          at: indicatorCells(ind, ['score', 'actual', 'target']),
          detail: { tier, range: [range.low, range.high], highIncluded: range.highIncluded, ratio: ratioNumber, direction: rational.cmp(ratio, range.low) < 0 ? 'understated' : 'inflated' },
        });
      }
    }
  },
};
