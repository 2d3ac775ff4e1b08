import type { CountClaim } from '@jxaudit/model';
import { formsOfKind } from '../narrative-helpers.ts';
import type { Rule } from '../types.ts';

/**
 * VARIANTS.md "Narrative reports": a count the report states ("下设3个直属事业单位", "共实施项目5个")
 * against the list it gives right after (or before) it. A list closed by 等 may name only some: it
 * is held only to naming no more than the count.
 */
export const narrCountList: Rule = {
  meta: {
    id: 'narr-count-list',
    defaultSeverity: 'warning',
    kinds: ['report'],
    title: { zh: '报告所述个数与所列名单不符', en: 'A stated count differs from its list' },
    description: {
      zh: '报告写明“下设N个…”“共实施项目N个”并列出名单或分类时，名单个数（或各类个数之和）应等于N',
      en: 'When the report states a count ("下设N个…", "共实施项目N个") and lists them (or their groups), the list has that many',
    },
  },
  check(ctx) {
    for (const { ref, form } of formsOfKind(ctx, 'report')) {
      for (const claim of form.countClaims ?? []) {
        for (const d of disagreements(claim)) {
          ctx.report({
            form: ref,
            declared: d.declared,
            computed: d.listed,
            message: {
              zh: `“${d.raw}”，但其后${d.groups ? '各类合计' : '列出'}${d.listed}个：${d.names.join('、')}`,
              en: `The report says “${d.raw}” (${d.declared}) but ${d.groups ? 'its groups add up to' : 'lists'} ${d.listed}: ${d.names.join('、')}`,
            },
            at: [claim.at],
            detail: { subject: claim.subject, listed: d.names, formula: d.groups ? 'N = Σ group counts' : 'N = number of names listed' },
          });
        }
      }
    }
  },
};

interface Disagreement {
  raw: string;
  declared: number;
  listed: number;
  names: string[];
  groups: boolean;
}

function disagreements(claim: CountClaim): Disagreement[] {
  const out: Disagreement[] = [];
  if (claim.groups) {
    const sum = claim.groups.reduce((s, g) => s + g.count, 0);
    if (sum !== claim.count) out.push({ raw: claim.raw, declared: claim.count, listed: sum, names: claim.groups.map((g) => `${g.label}${g.count}个`), groups: true });
    for (const g of claim.groups) {
      if (g.items && g.items.length !== g.count) out.push({ raw: `${g.label}${g.count}个`, declared: g.count, listed: g.items.length, names: g.items, groups: false });
    }
    return out;
  }
  const n = claim.items.length;
  if (n === claim.count || (claim.openEnded && n < claim.count)) return out;
  out.push({ raw: claim.raw, declared: claim.count, listed: n, names: claim.items, groups: false });
  return out;
}
