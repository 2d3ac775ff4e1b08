import type { Fact, FactKey, Severity } from '@jxaudit/model';
import { above, distinctLocations, factHalfUnit, factInterval, fixed, formsOfKind, intervalsMeet } from '../narrative-helpers.ts';
import { rational, sumIntervals, type Rational } from '../tolerance.ts';
import type { Rule } from '../types.ts';

const BASES: { total: FactKey; part: FactKey; basis: 'budget' | 'final' }[] = [
  { total: 'sanggong.budget.total', part: 'sanggong.budget.part', basis: 'budget' },
  { total: 'sanggong.final.total', part: 'sanggong.final.part', basis: 'final' },
];

/** The three 三公 categories; a total is only required to equal Σ when all three are stated. */
const CATEGORIES: [string, RegExp][] = [
  ['abroad', /出国|出境/],
  ['reception', /接待/],
  ['vehicles', /车/],
];

function categoriesCovered(parts: Fact[]): boolean {
  return CATEGORIES.every(([, pattern]) => parts.some((p) => pattern.test(p.label)));
}

export const sanggongSum: Rule = {
  meta: {
    id: 'sanggong-sum',
    defaultSeverity: 'error',
    kinds: ['report'],
    title: { zh: '“三公”经费合计', en: '三公 expenses sum' },
    description: {
      zh: '“三公”经费总额应等于因公出国（境）费、公务接待费、公务用车费之和（统一换算为万元）',
      en: 'The 三公 total must equal travel abroad + official reception + official vehicles, after converting units to 万元',
    },
  },
  check(ctx) {
    for (const { ref, form } of formsOfKind(ctx, 'report')) {
      const facts = form.facts;
      for (const { total: totalKey, part: partKey, basis } of BASES) {
        const totals = facts.map((f, i) => [f, i] as const).filter(([f]) => f.key === totalKey);
        for (const [total, index] of totals) {
          const parts = facts.filter((f) => f.key === partKey && (f.group === index || (f.group === null && totals.length === 1)));
          if (parts.length === 0) continue;
          const complete = categoriesCovered(parts);
          const totalI = factInterval(total);
          const partsI = sumIntervals(parts.map(factInterval));
          const fails = complete ? !intervalsMeet(totalI, partsI) : above(partsI, totalI);
          if (!fails) continue;
          const approximate = total.approx || parts.some((p) => p.approx);
          const severity: Severity = approximate ? 'info' : 'error';
          const sum = rational.sum(parts.map((p) => p.value));
          // Parts may be printed in 元: show 万元 to 4 decimals (one 元), without trailing zeros.
          const show = (x: number | Rational) => `${Number(fixed(x, 4))}万元`;
          const terms = parts.map((p) => `${p.label}${p.raw}`).join(' + ');
          ctx.report({
            severity,
            form: ref,
            message: {
              zh: `“三公”经费${basis === 'budget' ? '预算' : '支出'}${total.raw}，而${terms} = ${show(sum)}`,
              en: `三公 ${basis === 'budget' ? 'budget' : 'expenditure'} ${total.raw}, but ${terms} = ${show(sum)}`,
            },
            declared: total.value,
            computed: rational.toNumber(sum),
            at: distinctLocations([total.at, ...parts.map((p) => p.at)]),
            detail: {
              basis,
              terms: parts.map((p) => ({ label: p.label, raw: p.raw, value: p.value })),
              formula: complete ? 'total = 出国 + 接待 + 用车' : 'total ≥ Σ stated parts',
              tolerance: [total, ...parts].reduce((acc, f) => acc + factHalfUnit(f), 0),
              approximate,
              unit: '万元',
            },
          });
        }
      }
    }
  },
};
