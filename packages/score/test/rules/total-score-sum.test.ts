import { describe, expect, it } from 'vitest';
import { totalScoreSum as rule } from '../../src/rules/total-score-sum.ts';
import { departmentForm, profile, runRule, type IndicatorSpec } from '../helpers/forms.ts';

/** The sample department's scores: 产出 44, 效益 33, 满意度 9; execution 9. */
function form(total: number | string, scores: (number | string)[] = [44, 33, 9], execScore: string = '9') {
  const names = ['产出指标', '效益指标', '满意度指标'];
  const indicators: IndicatorSpec[] = scores.map((s, i) => ({ level1: names[i], level1Points: 50, name: `${names[i]}合计行`, target: '是', actual: '是', points: 50, score: s }));
  return departmentForm({
    funds: [{ label: '年度资金总额', init: '2021.29', full: '2021.29', exec: '2991.61', points: '10', rate: '148%', score: execScore }],
    indicators,
    totals: { points: 100, score: total },
  });
}

describe('total-score-sum', () => {
  it('passes when 总分 = Σ s(ind) + s_exec = 95', () => {
    expect(runRule(rule, [form(95)])).toEqual([]);
  });

  it('warns on the sample: printed 86 = Σ s(ind) 44+33+9, the profile total is 86 + 9 = 95', () => {
    const [d, ...rest] = runRule(rule, [form(86)]);
    expect(rest).toEqual([]);
    expect(d.severity).toBe('warning');
    expect([d.declared, d.computed]).toEqual([86, 95]);
    expect(d.message.zh).toBe('总分印为86分，仅为各指标得分之和，未计入预算执行得分；按口径各指标得分86（44+33+9）加预算执行得分9应为95分');
  });

  it('an error when 总分 matches neither convention', () => {
    const [d] = runRule(rule, [form(90)]);
    expect(d.severity).toBe('error');
    expect([d.declared, d.computed]).toEqual([90, 95]);
  });

  it('total_includes_exec = false expects Σ s(ind): 86 passes, 95 is the other convention', () => {
    const p = profile({ extends: 'hunan-2021', params: { total_includes_exec: false } });
    expect(runRule(rule, [form(86)], { profile: p })).toEqual([]);
    expect(runRule(rule, [form(95)], { profile: p }).map((d) => [d.severity, d.declared, d.computed])).toEqual([['warning', 95, 86]]);
  });

  it('decimal scores allow 0.01 per term: 4 terms → ±0.04', () => {
    expect(runRule(rule, [form('95.54', ['44.5', '33.5', '8.5'], '9.0')])).toEqual([]);
    expect(runRule(rule, [form('95.55', ['44.5', '33.5', '8.5'], '9.0')])).toHaveLength(1);
  });
});
