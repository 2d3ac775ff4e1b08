import { fmt, formsOfKinds, fundTotal, indicatorCells, locs, rowName } from '../analysis.ts';
import { rational } from '../tolerance.ts';
import type { Rule } from '../types.ts';

/** RULES.md §4 B: 0 ≤ s ≤ w for every indicator and for the execution item. */
export const scoreRange: Rule = {
  meta: {
    id: 'score-range',
    defaultSeverity: 'error',
    kinds: ['project', 'department-overall'],
    title: { zh: '得分超出分值范围', en: 'Score outside 0..weight' },
    description: {
      zh: '每项得分应在0与分值之间（含预算执行）',
      en: 'Every score lies between 0 and its weight, the execution item included',
    },
  },
  check(ctx) {
    for (const { ref, form } of formsOfKinds(ctx, this.meta.kinds)) {
      const items = form.indicators.map((ind) => ({
        name: rowName(ind),
        points: ind.points,
        score: ind.score,
        at: indicatorCells(ind, ['score', 'points']),
        profileWeight: false,
      }));
      const fund = fundTotal(form);
      // The execution item is worth w_exec when its 分值 cell is not printed (Sichuan prints it in the header "预算执行情况(10分)").
      if (fund) {
        items.unshift({
          name: fund.label,
          points: fund.points ?? ctx.profile.params.wExec,
          score: fund.score,
          at: locs(fund.cells.score ?? fund.at, fund.cells.points),
          profileWeight: fund.points === null,
        });
      }
      for (const item of items) {
        if (item.score === null) continue;
        const negative = rational.cmp(item.score, 0) < 0;
        const above = item.points !== null && rational.cmp(item.score, item.points) > 0;
        if (!negative && !above) continue;
        const bound = negative ? 0 : (item.points as number);
        ctx.report({
          form: ref,
          declared: item.score,
          computed: bound,
          message: negative
            ? { zh: `“${item.name}”得分${fmt(item.score)}为负数`, en: `“${item.name}”: score ${fmt(item.score)} is negative` }
            : {
                zh: `“${item.name}”得分${fmt(item.score)}分超过其分值${fmt(bound)}分${item.profileWeight ? '（表中未印分值，按口径预算执行分值）' : ''}`,
                en: `“${item.name}”: score ${fmt(item.score)} exceeds its weight ${fmt(bound)}${item.profileWeight ? ' (no weight printed; the profile’s execution weight)' : ''}`,
              },
          at: item.at,
          detail: { points: item.points, score: item.score, range: [0, item.points], ...(item.profileWeight ? { weightFrom: 'profile w_exec' } : {}) },
        });
      }
    }
  },
};
