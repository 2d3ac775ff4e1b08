import type { Fact, FactKey } from '@jxaudit/model';
import { distinctLocations, factInterval, fixed, formsOfKind, percentCoversRatio, percentText } from '../narrative-helpers.ts';
import { rational, type Interval } from '../tolerance.ts';
import type { Rule } from '../types.ts';

/** Totals that carry a year-on-year change, with the keys of that change. */
const CHANGE_KEYS: Partial<Record<FactKey, { amount: FactKey; pct: FactKey }>> = {
  'income.final.total': { amount: 'income.final.change.amount', pct: 'income.final.change.pct' },
  'expense.final.total': { amount: 'expense.final.change.amount', pct: 'expense.final.change.pct' },
};

function directionOf(amount: Fact, pct: Fact): 'increase' | 'decrease' | null {
  const stated = amount.direction ?? pct.direction;
  if (stated) return stated;
  if (/减少|下降|降低/.test(amount.label)) return 'decrease';
  if (/增加|增长|提高/.test(amount.label)) return 'increase';
  return null;
}

export const narrYoyRecompute: Rule = {
  meta: {
    id: 'narr-yoy-recompute',
    defaultSeverity: 'error',
    kinds: ['report'],
    title: { zh: '报告同比增幅复算', en: 'Year-on-year change recomputed' },
    description: {
      zh: '“比上年增加d，增长p%”：p应等于d÷(N−d)（减少时为d÷(N+d)），按报告所印小数位比较',
      en: '"up d on last year, +p%": p must equal d ÷ (N − d) (d ÷ (N + d) for a decrease) at the printed decimals',
    },
  },
  check(ctx) {
    for (const { ref, form } of formsOfKind(ctx, 'report')) {
      const facts = form.facts;
      facts.forEach((total, index) => {
        const keys = CHANGE_KEYS[total.key];
        if (!keys) return;
        const totalsOfKey = facts.filter((f) => f.key === total.key).length;
        const belongs = (f: Fact) => f.group === index || (f.group === null && totalsOfKey === 1);
        const amounts = facts.filter((f) => f.key === keys.amount && belongs(f));
        const pcts = facts.filter((f) => f.key === keys.pct && belongs(f));
        if (amounts.length !== 1 || pcts.length !== 1) return;
        const amount = amounts[0]!;
        const pct = pcts[0]!;
        // A qualified figure ("约", "余") never takes part in an exact check.
        if (total.approx || amount.approx || pct.approx) return;
        const direction = directionOf(amount, pct);
        if (!direction) return;

        const n = factInterval(total);
        const d = factInterval(amount);
        const prior: Interval =
          direction === 'increase'
            ? { lo: rational.sub(n.lo, d.hi), hi: rational.sub(n.hi, d.lo) }
            : { lo: rational.add(n.lo, d.lo), hi: rational.add(n.hi, d.hi) };
        if (rational.cmp(prior.lo, 0) <= 0) return;
        const ratio: Interval = { lo: rational.div(d.lo, prior.hi), hi: rational.div(d.hi, prior.lo) };
        if (percentCoversRatio(pct.value, pct.decimals, ratio)) return;

        const priorValue = direction === 'increase' ? rational.sub(total.value, amount.value) : rational.add(total.value, amount.value);
        const recomputed = rational.div(amount.value, priorValue);
        const decimals = Math.max(total.decimals, amount.decimals);
        const sign = direction === 'increase' ? '−' : '+';
        const shown = percentText(recomputed, pct.decimals);
        const formula = `${fixed(amount.value, amount.decimals)} ÷ (${fixed(total.value, total.decimals)} ${sign} ${fixed(amount.value, amount.decimals)}) = ${fixed(amount.value, amount.decimals)} ÷ ${fixed(priorValue, decimals)}`;
        ctx.report({
          form: ref,
          message: {
            zh: `${total.label}${total.raw}比上年${direction === 'increase' ? '增加' : '减少'}${amount.raw}，报告称${direction === 'increase' ? '增长' : '下降'}${pct.raw}，复算为${formula} = ${shown}`,
            en: `${total.label} ${total.raw} ${direction === 'increase' ? 'up' : 'down'} ${amount.raw} on last year: the report says ${pct.raw}, recomputed ${formula} = ${shown}`,
          },
          declared: rational.toNumber(rational.div(pct.value, 100)),
          computed: rational.toNumber(recomputed),
          at: distinctLocations([pct.at, amount.at, total.at]),
          detail: {
            total: total.value,
            change: amount.value,
            direction,
            priorYear: rational.toNumber(priorValue),
            formula: direction === 'increase' ? 'p = d ÷ (N − d)' : 'p = d ÷ (N + d)',
            printedDecimals: pct.decimals,
            tolerance: 'printed percentage equals the recomputed rate rounded half up or truncated, for any value the printed N and d may stand for',
          },
        });
      });
    }
  },
};
