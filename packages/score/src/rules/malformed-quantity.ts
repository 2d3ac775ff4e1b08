import { formsOfKind } from '../narrative-helpers.ts';
import type { Rule } from '../types.ts';

export const malformedQuantity: Rule = {
  meta: {
    id: 'malformed-quantity',
    defaultSeverity: 'info',
    kinds: ['report'],
    title: { zh: '数量表述不规范', en: 'Malformed quantity' },
    description: {
      zh: '报告中无法读作一个数量的表述（如“2万元余元”），列出原文及所作假定',
      en: 'A figure in the report that cannot be read as one quantity (such as "2万元余元"): the raw text and what was assumed',
    },
  },
  check(ctx) {
    for (const { ref, form } of formsOfKind(ctx, 'report')) {
      for (const m of form.malformed) {
        ctx.report({
          form: ref,
          message: {
            zh: `“${m.raw}”无法读作一个数量；假定：${m.assumed}`,
            en: `"${m.raw}" cannot be read as one quantity; assumed: ${m.assumedEn}`,
          },
          declared: null,
          computed: null,
          at: [m.at],
          detail: { raw: m.raw, assumed: m.assumed, assumedEn: m.assumedEn },
        });
      }
    }
  },
};
