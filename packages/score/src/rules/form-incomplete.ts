import { absentParts, formsOfKinds, locs } from '../analysis.ts';
import type { Rule } from '../types.ts';

const EN: Record<string, string> = { 资金情况: 'the money block', 绩效指标: 'the indicator block', 总分: 'the 总分 row' };

/**
 * Issue 11: a form cut before its 总分, or with a block left out, is checked for what is there; this
 * one finding says what is absent, so that no other rule has to guess at figures never printed.
 */
export const formIncomplete: Rule = {
  meta: {
    id: 'form-incomplete',
    defaultSeverity: 'info',
    kinds: ['project', 'department-overall'],
    title: { zh: '表格不完整', en: 'Form incomplete' },
    description: {
      zh: '表格缺少资金情况、某个一级指标或总分等部分：只核对已有内容，并说明缺少什么',
      en: 'The form leaves out its money block, a level-1 block or its 总分 row: only what is there is checked, and this says what is absent',
    },
  },
  check(ctx) {
    for (const { ref, form } of formsOfKinds(ctx, this.meta.kinds)) {
      const absent = absentParts(form, ctx.profile.params);
      if (absent.length === 0) continue;
      const last = form.indicators.at(-1)?.at ?? form.funds.at(-1)?.at ?? form.at;
      ctx.report({
        form: ref,
        message: {
          zh: `表格不完整：未见${absent.join('、')}，仅核对表中已有内容`,
          en: `Incomplete form: ${absent.map((a) => EN[a] ?? a).join(', ')} not printed; only what is there was checked`,
        },
        declared: null,
        computed: null,
        at: locs(last),
        detail: { absent },
      });
    }
  },
};
