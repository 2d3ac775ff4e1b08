import { describe, expect, it } from 'vitest';
import { weightTotal as rule } from '../../src/rules/weight-total.ts';
import { departmentForm, profile, projectForm, runRule, severityOf, type IndicatorSpec } from '../helpers/forms.ts';

function form(weights: Record<string, number>, totalPoints = 100, execPoints = '10') {
  const indicators: IndicatorSpec[] = Object.entries(weights).map(([level1, w]) => ({ level1, level1Points: w, name: `${level1}一`, target: '是', actual: '是', points: w, score: w }));
  return departmentForm({
    funds: [{ label: '年度资金总额', init: '100', full: '100', exec: '100', points: execPoints, rate: '100%', score: execPoints }],
    indicators,
    totals: { points: totalPoints, score: totalPoints },
  });
}

describe('weight-total', () => {
  it('passes with 50 + 30 + 10 = 90 and execution 10 = 100', () => {
    expect(runRule(rule, [form({ 产出指标: 50, 效益指标: 30, 满意度指标: 10 })])).toEqual([]);
  });

  it('a form printing its own split (execution worth 20, indicators 80, total 100: Hubei) is silent; the same split not adding up is not', () => {
    expect(runRule(rule, [form({ 产出指标: 40, 效益指标: 30, 满意度指标: 10 }, 100, '20')])).toEqual([]);
    const [d] = runRule(rule, [form({ 产出指标: 40, 效益指标: 40, 满意度指标: 10 }, 100, '20')]);
    expect([d.declared, d.computed]).toEqual([100, 110]);
  });

  it('fires on the sample: indicators 50+40+10 = 100, + execution 10 = 110 ≠ 100; execution weight not reserved', () => {
    const [d, ...rest] = runRule(rule, [form({ 产出指标: 50, 效益指标: 40, 满意度指标: 10 })]);
    expect(rest).toEqual([]);
    expect(severityOf(rule, d)).toBe('warning');
    expect([d.declared, d.computed]).toEqual([100, 110]);
    expect(d.detail.executionWeightNotReserved).toBe(true);
    expect(d.message.zh).toBe('绩效指标分值合计100分（50+40+10），加预算执行10分为110分，不等于总分分值100分；口径要求指标合计90分＋预算执行10分；未给预算执行预留分值');
    expect(d.message.en).toContain('execution weight not reserved');
  });

  it('total_includes_exec = false: indicators may carry the whole 100', () => {
    const p = profile({ extends: 'hunan-2021', params: { total_includes_exec: false } });
    expect(runRule(rule, [form({ 产出指标: 50, 效益指标: 40, 满意度指标: 10 })], { profile: p })).toEqual([]);
    const [d] = runRule(rule, [form({ 产出指标: 50, 效益指标: 30, 满意度指标: 10 })], { profile: p });
    expect([d.declared, d.computed]).toEqual([100, 90]);
  });

  it('indicators at 90 but a printed total of 95 fires without the not-reserved wording', () => {
    const [d] = runRule(rule, [form({ 产出指标: 50, 效益指标: 30, 满意度指标: 10 }, 95)]);
    expect([d.declared, d.computed]).toEqual([95, 100]);
    expect(d.detail.executionWeightNotReserved).toBe(false);
  });
});

describe('weight-total: a profile with another execution weight', () => {
  it('w_exec 20: indicators 40+30+10 = 80 with execution 20 make 总分 100, no finding', () => {
    const p = profile({ extends: 'central-2020', params: { w_exec: 20 } });
    const form = projectForm({
      funds: [{ label: '年度资金总额', init: '100', full: '100', exec: '100', points: '20', rate: '100%', score: '20' }],
      indicators: [
        { level1: '产出指标', level1Points: 40, name: '数量', target: '10个', actual: '10个', points: 40, score: 40 },
        { level1: '效益指标', level1Points: 30, name: '效益', target: '是', actual: '是', points: 30, score: 30 },
        { level1: '满意度指标', level1Points: 10, name: '满意度', target: '≥90%', actual: '95%', points: 10, score: 10 },
      ],
      totals: { points: 100, score: 100 },
    });
    expect(runRule(rule, [form], { profile: p })).toEqual([]);
  });
});
