import { fmt, formsOfKinds, fundTotal, weightsIncomplete, locs } from '../analysis.ts';
import { equal, exactSum, rational } from '../tolerance.ts';
import type { Rule } from '../types.ts';
import { level1Groups } from './level1-weight-sum.ts';

/** RULES.md §4 B: Σ w(ind) = indicator_w_total and Σ w(ind) + w_exec (when included) = total_w. */
export const weightTotal: Rule = {
  meta: {
    id: 'weight-total',
    defaultSeverity: 'warning',
    kinds: ['project', 'department-overall'],
    title: { zh: '指标分值合计与总分分值不符', en: 'Weights do not add up to the total' },
    description: {
      zh: '绩效指标分值合计应为口径规定值（一般90），加上预算执行分值应等于总分分值（一般100）',
      en: 'Indicator weights add up to the profile total (usually 90) and, with the execution weight, to the printed total (usually 100)',
    },
  },
  check(ctx) {
    const params = ctx.profile.params;
    for (const { ref, form } of formsOfKinds(ctx, this.meta.kinds)) {
      const weighted = form.indicators.filter((r) => r.points !== null);
      // Weights never printed (a 一级 block left out, a form cut before 总分) cannot be added up (form-incomplete says so).
      if (weighted.length === 0 || weightsIncomplete(form, params)) continue;
      const indicatorSum = exactSum(weighted.map((r) => r.points as number));
      const fund = fundTotal(form);
      const wExec = fund?.points ?? params.wExec;
      const computed = params.totalIncludesExec ? exactSum([indicatorSum, wExec]) : indicatorSum;
      const totalW = form.totals?.points ?? null;
      // a form that prints its own split (得分(20分*执行率), 目标1/目标2 worth 40 each) and whose
      // weights add up to its printed total follows its own scheme: not the profile's 90 + 10
      const ownSplit = params.totalIncludesExec && fund?.points !== null && fund?.points !== undefined && fund.points > 0 && fund.points !== params.wExec && totalW !== null && equal(totalW, computed);
      const indicatorsOk = ownSplit || equal(indicatorSum, params.indicatorWTotal);
      const totalOk = totalW === null || equal(totalW, computed);
      if (indicatorsOk && totalOk) continue;
      const byLevel1 = level1Groups(weighted).map((g) => ({ level1: g.level1, sum: exactSum(g.rows.map((r) => r.points as number)) }));
      const parts = byLevel1.map((g) => fmt(g.sum)).join('+');
      // The figures only add up when the execution item is left out.
      const notReserved = params.totalIncludesExec && totalW !== null && equal(indicatorSum, totalW);
      const zh: string[] = [];
      const en: string[] = [];
      if (params.totalIncludesExec) {
        zh.push(`绩效指标分值合计${fmt(indicatorSum)}分（${parts}），加预算执行${fmt(wExec)}分为${fmt(computed)}分${totalW === null ? '' : totalOk ? `，与总分分值${fmt(totalW)}相符` : `，不等于总分分值${fmt(totalW)}分`}`);
        en.push(`Indicator weights add up to ${fmt(indicatorSum)} (${parts}); with execution ${fmt(wExec)} that is ${fmt(computed)}${totalW === null ? '' : totalOk ? `, matching the printed total ${fmt(totalW)}` : `, not the printed total ${fmt(totalW)}`}`);
      } else {
        zh.push(`绩效指标分值合计${fmt(indicatorSum)}分（${parts}）${totalW === null || totalOk ? '' : `，不等于总分分值${fmt(totalW)}分`}`);
        en.push(`Indicator weights add up to ${fmt(indicatorSum)} (${parts})${totalW === null || totalOk ? '' : `, not the printed total ${fmt(totalW)}`}`);
      }
      if (!indicatorsOk) {
        zh.push(`口径要求指标合计${fmt(params.indicatorWTotal)}分${params.totalIncludesExec ? `＋预算执行${fmt(params.wExec)}分` : ''}`);
        en.push(`the profile expects indicators to total ${fmt(params.indicatorWTotal)}${params.totalIncludesExec ? ` + execution ${fmt(params.wExec)}` : ''}`);
      }
      if (notReserved) {
        zh.push('未给预算执行预留分值');
        en.push('execution weight not reserved');
      }
      ctx.report({
        form: ref,
        declared: totalW,
        computed,
        message: { zh: zh.join('；'), en: en.join('; ') },
        at: locs(form.totals?.cells.points ?? form.totals?.at ?? weighted[0].at, fund?.cells.points),
        detail: {
          indicatorSum,
          byLevel1,
          wExec,
          expectedIndicatorTotal: params.indicatorWTotal,
          totalIncludesExec: params.totalIncludesExec,
          executionWeightNotReserved: notReserved,
          difference: totalW === null ? null : rational.toNumber(rational.sub(computed, totalW)),
        },
      });
    }
  },
};
