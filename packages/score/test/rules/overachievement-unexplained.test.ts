import { describe, expect, it } from 'vitest';
import { overachievementUnexplained as rule } from '../../src/rules/overachievement-unexplained.ts';
import { profile, projectForm, runRule, type IndicatorSpec } from '../helpers/forms.ts';

const row = (target: string, actual: string, reason = ''): IndicatorSpec => ({
  level1: '产出指标', level1Points: 50, level2: '数量指标', name: '培训人次', target, actual, points: 10, score: 10, reason,
});
const run = (r: IndicatorSpec, p = profile('hunan-2021')) => runRule(rule, [projectForm({ indicators: [r] })], { profile: p });

describe('overachievement-unexplained', () => {
  it('fires at exactly 130% (1300 of 1000人次) as an info', () => {
    const [d, ...rest] = run(row('1000人次', '1300人次'));
    expect(rest).toEqual([]);
    expect(d.severity).toBe('info');
    expect([d.declared, d.computed]).toEqual([1.3, 1.3]);
    expect(d.message.zh).toBe('“培训人次”实际1300人次为目标1000人次的130%（≥130%），未说明超额原因，需核实目标是否偏低');
  });

  it.each([
    ['129.9%', row('1000人次', '1299人次')],
    ['explained', row('1000人次', '1500人次', '上级追加培训任务')],
    ['a reverse indicator', row('≤30万元', '10万元')],
  ])('does not fire: %s', (_, r) => {
    expect(run(r)).toEqual([]);
  });

  it('a Guangxi-like profile makes it a warning', () => {
    const guangxi = profile({ extends: 'central-2020', name: 'guangxi-like', params: { overachieve_severity: 'warning' } });
    expect(run(row('1000人次', '1500人次'), guangxi).map((d) => d.severity)).toEqual(['warning']);
  });
});
