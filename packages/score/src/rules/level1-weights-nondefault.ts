import { fmt, formsOfKinds } from '../analysis.ts';
import { equal, exactSum } from '../tolerance.ts';
import type { Rule } from '../types.ts';
import { level1Groups } from './level1-weight-sum.ts';

/** "产出指标（50分）", "产出指标", "产出" → "产出": forms differ in how they write the 一级 name. */
function key(name: string): string {
  return name.replace(/[\s\u3000]/g, '').replace(/[（(].*$/, '').replace(/指标$/, '');
}

/** RULES.md §4 B: the 一级 weights differ from level1_default (原则上, so info). */
export const level1WeightsNondefault: Rule = {
  meta: {
    id: 'level1-weights-nondefault',
    defaultSeverity: 'info',
    kinds: ['project', 'department-overall'],
    title: { zh: '一级指标权重与默认不同', en: 'Level-1 weights differ from the default' },
    description: {
      zh: '一级指标权重与口径默认（产出50、效益30、满意度10）不同，需人工判断',
      en: 'The level-1 weights differ from the profile default (outputs 50, effects 30, satisfaction 10); needs judgement',
    },
  },
  check(ctx) {
    const defaults = ctx.profile.params.level1Default;
    const names = Object.keys(defaults);
    if (names.length === 0) return;
    const defaultByKey = new Map(names.map((n) => [key(n), n]));
    for (const { ref, form } of formsOfKinds(ctx, this.meta.kinds)) {
      const groups = level1Groups(form.indicators).map((g) => ({
        level1: defaultByKey.get(key(g.level1)) ?? g.level1,
        weight: g.header ?? exactSum(g.rows.filter((r) => r.points !== null).map((r) => r.points as number)),
        at: g.rows[0].cells.level1 ?? g.rows[0].at,
      }));
      if (groups.length === 0) continue;
      const differing = groups.filter((g) => g.level1 in defaults && !equal(g.weight, defaults[g.level1]));
      const unknown = groups.filter((g) => !(g.level1 in defaults));
      const missing = names.filter((n) => !groups.some((g) => g.level1 === n));
      if (differing.length === 0 && unknown.length === 0 && missing.length === 0) continue;
      const used = exactSum(groups.map((g) => g.weight));
      const printedW = groups.map((g) => fmt(g.weight)).join('/');
      const defaultW = names.map((n) => fmt(defaults[n])).join('/');
      const leavesNothing = equal(used, exactSum([ctx.profile.params.indicatorWTotal, ctx.profile.params.wExec]));
      ctx.report({
        form: ref,
        declared: null,
        computed: null,
        message: {
          zh: `一级指标权重为${groups.map((g) => `${g.level1}${fmt(g.weight)}`).join('、')}（${printedW}），默认为${names.map((n) => `${n}${fmt(defaults[n])}`).join('、')}${ctx.profile.params.totalIncludesExec ? `＋预算执行${fmt(ctx.profile.params.wExec)}` : ''}${leavesNothing && ctx.profile.params.totalIncludesExec ? `；合计${fmt(used)}分，未给预算执行留分` : ''}`,
          en: `Level-1 weights ${printedW} (${groups.map((g) => g.level1).join('/')}) differ from the default ${defaultW}${ctx.profile.params.totalIncludesExec ? ` + execution ${fmt(ctx.profile.params.wExec)}` : ''}${leavesNothing && ctx.profile.params.totalIncludesExec ? `; they use the whole ${fmt(used)} and leave nothing for execution` : ''}`,
        },
        at: groups.map((g) => g.at),
        detail: {
          weights: Object.fromEntries(groups.map((g) => [g.level1, g.weight])),
          defaults,
          differing: differing.map((g) => g.level1),
          unknown: unknown.map((g) => g.level1),
          missing,
        },
      });
    }
  },
};
