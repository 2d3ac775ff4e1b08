import type { FundRow } from '@jxaudit/model';
import { effectiveRate, fmt, fmtPercent, formsOfKinds, fundParts, fundTotal, locs, rateDenominator, reasonIsEmpty } from '../analysis.ts';
import { rational, type Rational } from '../tolerance.ts';
import type { ProfileParams, Rule } from '../types.ts';

interface Low {
  row: FundRow;
  rate: Rational;
}

/** A row whose rate is below the threshold, with its rate; null otherwise. */
function below(row: FundRow, params: ProfileParams, threshold: number): Low | null {
  const rate = effectiveRate(row, params);
  return rate && rational.cmp(rate, threshold) < 0 ? { row, rate } : null;
}

/**
 * RULES.md §4 A: rate below the profile's exec_explain_below with no reason given (Sichuan: 90%,
 * "预算执行率未达到90%的需说明原因"). The Sichuan money block has a 原因 cell on every row, so a
 * 其中 row below the threshold needs a reason too: its own, or one written on the total row. One
 * finding per form, on the total row when it is below, else on the first unexplained sub-row.
 */
export const execBelowThreshold: Rule = {
  meta: {
    id: 'exec-below-threshold',
    defaultSeverity: 'warning',
    kinds: ['project', 'department-overall'],
    title: { zh: '执行率偏低未说明原因', en: 'Low execution rate without a reason' },
    description: {
      zh: '执行率低于口径规定的门槛（四川为90%）时须说明原因（含“其中”各行）',
      en: 'An execution rate below the profile threshold (Sichuan: 90%) needs a reason, sub-rows included',
    },
  },
  check(ctx) {
    const params = ctx.profile.params;
    const threshold = params.execExplainBelow;
    if (threshold === null) return;
    for (const { ref, form } of formsOfKinds(ctx, this.meta.kinds)) {
      const total = fundTotal(form);
      if (!total) continue;
      const totalExplained = !reasonIsEmpty(total.reason);
      if (totalExplained) continue;
      const totalLow = below(total, params, threshold);
      const partsLow = fundParts(form)
        .map((p) => below(p, params, threshold))
        .filter((p): p is Low => p !== null && reasonIsEmpty(p.row.reason));
      const rows = [...(totalLow ? [totalLow] : []), ...partsLow];
      if (rows.length === 0) continue;
      const first = rows[0]!;
      const rateText = (l: Low) => l.row.rate?.raw ?? fmtPercent(l.rate);
      const label = (l: Low) => (l.row === total ? l.row.label : `其中：${l.row.label}`);
      const limit = fmtPercent(threshold, 0);
      const zh = rows.map((l) => `“${label(l)}”执行率${rateText(l)}`).join('，');
      const en = rows.map((l) => `${l.row === total ? l.row.label : `sub-row ${l.row.label}`}: execution rate ${rateText(l)}`).join('; ');
      ctx.report({
        form: ref,
        declared: rational.toNumber(first.rate),
        computed: threshold,
        message: {
          zh: `${zh}低于${limit}，未说明原因`,
          en: rows.length === 1 ? `${en} is below ${limit} and no reason is given` : `${en}: below ${limit} and no reason is given`,
        },
        at: locs(...rows.flatMap((l) => [l.row.cells.rate ?? l.row.at, l.row.cells.reason]), total.cells.reason),
        detail: {
          threshold,
          rows: rows.map((l) => ({
            label: l.row.label,
            total: l.row === total,
            rate: rational.toNumber(l.rate),
            executed: l.row.executed,
            budget: rateDenominator(l.row, params),
          })),
          executed: first.row.executed,
          budget: rateDenominator(first.row, params),
          note: `threshold ${fmt(threshold)}; a reason on the total row covers every row`,
        },
      });
    }
  },
};
