import { describe, expect, it } from 'vitest';
import { level1WeightSum as rule } from '../../src/rules/level1-weight-sum.ts';
import { departmentForm, runRule, severityOf, type IndicatorSpec } from '../helpers/forms.ts';

const effect = (points: number[], header = 30): IndicatorSpec[] =>
  points.map((p, i) => ({ level1: '效益指标', level1Points: header, level2: '社会效益指标', name: `效益${i + 1}`, target: '是', actual: '是', points: p, score: p }));

describe('level1-weight-sum', () => {
  it('fires on the sample department: 效益指标 marked 30, its indicators 10+10+5+5+5+5 = 40', () => {
    const [d, ...rest] = runRule(rule, [departmentForm({ indicators: effect([10, 10, 5, 5, 5, 5]) })]);
    expect(rest).toEqual([]);
    expect(severityOf(rule, d)).toBe('error');
    expect([d.declared, d.computed]).toEqual([30, 40]);
    expect(d.message.zh).toBe('一级指标“效益指标”标注30分，其下三级指标分值合计40分（10+10+5+5+5+5）');
    expect(d.at[0].text).toBe('效益指标(30分)');
    expect(d.at).toHaveLength(7);
  });

  it('passes when the header equals the sum, also with decimals (7.5 + 7.5 + 15 = 30)', () => {
    expect(runRule(rule, [departmentForm({ indicators: effect([10, 10, 10]) })])).toEqual([]);
    expect(runRule(rule, [departmentForm({ indicators: effect([7.5, 7.5, 15]) })])).toEqual([]);
  });

  it('a header without a printed weight is not checked', () => {
    expect(runRule(rule, [departmentForm({ indicators: effect([10, 10, 5, 5, 5, 5]).map((s) => ({ ...s, level1Points: null })) })])).toEqual([]);
  });

  it('one finding per 一级 group that fails', () => {
    const output: IndicatorSpec[] = [10, 10, 10, 5, 5, 10, 5].map((p, i) => ({ level1: '产出指标', level1Points: 50, name: `产出${i}`, target: '100%', actual: '100%', points: p, score: p }));
    const drafts = runRule(rule, [departmentForm({ indicators: [...output, ...effect([5, 5, 5, 5, 5, 5, 5], 40)] })]);
    expect(drafts.map((d) => [d.declared, d.computed])).toEqual([[50, 55], [40, 35]]);
  });
});
