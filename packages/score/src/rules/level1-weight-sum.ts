import type { Indicator } from '@jxaudit/model';
import { fmt, formsOfKinds, locs } from '../analysis.ts';
import { equal, exactSum } from '../tolerance.ts';
import type { Rule } from '../types.ts';

/** Indicators grouped under their 一级指标, in document order. */
export function level1Groups(indicators: Indicator[]): { level1: string; header: number | null; rows: Indicator[] }[] {
  const groups: { level1: string; header: number | null; rows: Indicator[] }[] = [];
  for (const ind of indicators) {
    let g = groups.find((x) => x.level1 === ind.level1);
    if (!g) groups.push((g = { level1: ind.level1, header: ind.level1Points, rows: [] }));
    if (g.header === null) g.header = ind.level1Points;
    g.rows.push(ind);
  }
  return groups;
}

/** RULES.md §4 B: Σ w under a 一级 = the weight printed in its header. */
export const level1WeightSum: Rule = {
  meta: {
    id: 'level1-weight-sum',
    defaultSeverity: 'error',
    kinds: ['project', 'department-overall'],
    title: { zh: '一级指标分值与三级指标合计不符', en: 'Level-1 weight differs from its indicators' },
    description: {
      zh: '一级指标标注的分值应等于其下三级指标分值之和',
      en: 'The weight printed in a 一级指标 cell equals the sum of the weights of its indicators',
    },
  },
  check(ctx) {
    for (const { ref, form } of formsOfKinds(ctx, this.meta.kinds)) {
      for (const g of level1Groups(form.indicators)) {
        const weighted = g.rows.filter((r) => r.points !== null);
        if (g.header === null || weighted.length === 0) continue;
        const sum = exactSum(weighted.map((r) => r.points as number));
        if (equal(sum, g.header)) continue;
        const terms = weighted.map((r) => fmt(r.points as number)).join('+');
        ctx.report({
          form: ref,
          declared: g.header,
          computed: sum,
          message: {
            zh: `一级指标“${g.level1}”标注${fmt(g.header)}分，其下三级指标分值合计${fmt(sum)}分（${terms}）`,
            en: `Level-1 indicator “${g.level1}” is marked ${fmt(g.header)} points, but its indicators’ weights add up to ${fmt(sum)} (${terms})`,
          },
          at: locs(g.rows[0].cells.level1 ?? g.rows[0].at, ...weighted.map((r) => r.cells.points)),
          detail: {
            level1: g.level1,
            terms: weighted.map((r) => ({ name: r.name, points: r.points })),
            formula: `${g.level1} = Σ w`,
            tolerance: 0,
          },
        });
      }
    }
  },
};
