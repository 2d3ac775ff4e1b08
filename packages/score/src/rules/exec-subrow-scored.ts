import { effectiveRate, expectedExecScore, fmt, formsOfKinds, fundParts, locs } from '../analysis.ts';
import { rational } from '../tolerance.ts';
import type { Rule } from '../types.ts';

/** RULES.md §4 A: 其中 rows carrying their own 分值/得分 (info when the profile tolerates it, else warning). */
export const execSubrowScored: Rule = {
  meta: {
    id: 'exec-subrow-scored',
    defaultSeverity: 'warning',
    kinds: ['project', 'department-overall'],
    title: { zh: '“其中”分行计分', en: 'Sub-rows carry their own scores' },
    description: {
      zh: '资金“其中”各行不应单独填分值/得分，且不得计入总分',
      en: 'The 其中 rows of the money block should not carry their own weight/score, and never count in the total',
    },
  },
  check(ctx) {
    const tolerated = ctx.profile.params.execScoredSubrows === 'tolerated';
    for (const { ref, form } of formsOfKinds(ctx, this.meta.kinds)) {
      const scored = fundParts(form).filter((r) => r.points !== null || r.score !== null);
      if (scored.length === 0) continue;
      const rows = scored.map((r) => {
        const rate = effectiveRate(r, ctx.profile.params);
        const formula = r.points !== null && rate ? rational.toNumber(expectedExecScore(r.points, rate)) : null;
        return { label: r.label, points: r.points, score: r.score, formulaScore: formula };
      });
      const zh = rows.map((r) => `${r.label} 分值${r.points === null ? '—' : fmt(r.points)}、得分${r.score === null ? '—' : fmt(r.score)}${r.formulaScore === null ? '' : `（按公式应为${fmt(r.formulaScore)}）`}`);
      const en = rows.map((r) => `${r.label} weight ${r.points === null ? '—' : fmt(r.points)}, score ${r.score === null ? '—' : fmt(r.score)}${r.formulaScore === null ? '' : ` (formula: ${fmt(r.formulaScore)})`}`);
      ctx.report({
        severity: tolerated ? 'info' : 'warning',
        form: ref,
        declared: null,
        computed: null,
        message: {
          zh: `资金“其中”行单独计分：${zh.join('；')}；这些分数不计入总分`,
          en: `Money sub-rows are scored separately: ${en.join('; ')}; these scores do not count in the total`,
        },
        at: locs(...scored.flatMap((r) => [r.cells.score ?? r.cells.points ?? r.at])),
        detail: { rows, profileSetting: ctx.profile.params.execScoredSubrows, formula: 'w × min(rate, 1)' },
      });
    }
  },
};
