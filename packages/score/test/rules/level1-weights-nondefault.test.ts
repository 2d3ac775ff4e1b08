import { describe, expect, it } from 'vitest';
import { level1WeightsNondefault as rule } from '../../src/rules/level1-weights-nondefault.ts';
import { projectForm, runRule, severityOf, type IndicatorSpec } from '../helpers/forms.ts';

const form = (weights: Record<string, number>) =>
  projectForm({
    indicators: Object.entries(weights).map(([level1, w]): IndicatorSpec => ({ level1, level1Points: w, name: `${level1}一`, target: '是', actual: '是', points: w, score: w })),
  });

describe('level1-weights-nondefault', () => {
  it('fires on the sample project: headers 50/40/10 use the whole 100', () => {
    const [d, ...rest] = runRule(rule, [form({ 产出指标: 50, 效益指标: 40, 满意度指标: 10 })]);
    expect(rest).toEqual([]);
    expect(severityOf(rule, d)).toBe('info');
    expect([d.declared, d.computed]).toEqual([null, null]);
    expect(d.detail.differing).toEqual(['效益指标']);
    expect(d.message.zh).toBe('一级指标权重为产出指标50、效益指标40、满意度指标10（50/40/10），默认为产出指标50、效益指标30、满意度指标10＋预算执行10；合计100分，未给预算执行留分');
  });

  it('passes on the default 50/30/10', () => {
    expect(runRule(rule, [form({ 产出指标: 50, 效益指标: 30, 满意度指标: 10 })])).toEqual([]);
  });

  it('names written without 指标 are matched to the defaults (产出 50 / 效益 30 / 满意度 10)', () => {
    expect(runRule(rule, [form({ 产出: 50, 效益: 30, 满意度: 10 })])).toEqual([]);
  });

  it('sichuan-2023 fixes no 一级 weights', () => {
    expect(runRule(rule, [form({ 产出指标: 60, 效益指标: 30 })], { profile: 'sichuan-2023' })).toEqual([]);
  });

  it('a form without 满意度 (its weight moved to 产出/效益) is reported for judgement', () => {
    const [d] = runRule(rule, [form({ 产出指标: 55, 效益指标: 35 })]);
    expect(d.detail.missing).toEqual(['满意度指标']);
  });
});
