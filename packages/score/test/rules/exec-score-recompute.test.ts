import { describe, expect, it } from 'vitest';
import { execScoreRecompute as rule } from '../../src/rules/exec-score-recompute.ts';
import { departmentForm, projectForm, runRule, severityOf } from '../helpers/forms.ts';

const total = (full: string, exec: string, rate: string, score: string, points = '10') =>
  projectForm({ funds: [{ label: '年度资金总额', init: full, full, exec, points, rate, score }] });

describe('exec-score-recompute', () => {
  it.each([
    ['100% → 10', '418', '418', '100%', '10'],
    ['[C9] Chongqing: 76% × 10 = 7.6', '100', '76', '76%', '7.6'],
    ['[C7] Langfang: 37.24 ÷ 43.2 = 86.2% gives e = 8.62, accepted as 9 (round half up at 0 decimals)', '43.2', '37.24', '86%', '9'],
    ['86.2% accepted as 8 (floor)', '43.2', '37.24', '86%', '8'],
  ])('passes: %s', (_, full, exec, rate, score) => {
    expect(runRule(rule, [total(full, exec, rate, score)])).toEqual([]);
  });

  it('fires on the sample department row: 148% gives 10 × min(1.48, 1) = 10, claimed 9', () => {
    const form = departmentForm({ funds: [{ label: '年度资金总额', init: '2021.29', full: '2021.29', exec: '2991.61', points: '10', rate: '148%', score: '9' }] });
    const [d, ...rest] = runRule(rule, [form]);
    expect(rest).toEqual([]);
    expect(severityOf(rule, d)).toBe('warning');
    expect([d.declared, d.computed]).toEqual([9, 10]);
    expect(d.at[0]).toMatchObject({ col: 6, text: '9' });
    expect(d.message.zh).toBe('“年度资金总额”执行率148%，按 分值10×min(执行率,1) 应得10分，表中填9分');
    expect(d.detail).toMatchObject({ formula: 'w_exec × min(rate, 1)', accept: [10, 10], direction: 'understated' });
  });

  it('fires above the accept range: 86.2% (e = 8.62) claimed 10', () => {
    const [d] = runRule(rule, [total('43.2', '37.24', '86%', '10')]);
    expect(d.declared).toBe(10);
    expect(d.computed).toBeCloseTo(8.6204, 4);
    expect(d.detail.accept).toEqual([8, 9]);
    expect(d.detail.direction).toBe('inflated');
  });

  it('sub-rows are not recomputed here (exec-subrow-scored)', () => {
    const form = projectForm({
      funds: [
        { label: '年度资金总额', init: '1461.6', full: '1461.6', exec: '1956.56', points: '10', rate: '133.86%', score: '10' },
        { label: '其他资金', init: '1043.6', full: '1043.6', exec: '1538.56', points: '10', rate: '147.43%', score: '9' },
      ],
    });
    expect(runRule(rule, [form])).toEqual([]);
  });
});

describe('exec-score-recompute: negative figures', () => {
  it('a negative executed figure earns 0, not a negative score: −5 of 100 scored 0 passes', () => {
    expect(runRule(rule, [total('100', '-5', '', '0')])).toEqual([]);
  });

  it('and scored 1 it is inflated against e = 0', () => {
    const [d, ...rest] = runRule(rule, [total('100', '-5', '', '1')]);
    expect(rest).toEqual([]);
    expect([d.declared, d.computed]).toEqual([1, 0]);
    expect(d.detail).toMatchObject({ accept: [0, 0], direction: 'inflated' });
  });
});
