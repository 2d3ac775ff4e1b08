import { describe, expect, it } from 'vitest';
import { scoreRange as rule } from '../../src/rules/score-range.ts';
import { projectForm, runRule, severityOf } from '../helpers/forms.ts';

const form = (score: number | string, execScore = '9') =>
  projectForm({
    funds: [{ label: '年度资金总额', init: '100', full: '100', exec: '100', points: '10', rate: '100%', score: execScore }],
    indicators: [{ level1: '产出指标', level1Points: 10, name: '国有土地上房屋预征收户数', target: '162户', actual: '154户', points: 10, score }],
  });

describe('score-range', () => {
  it.each([['0', 0], ['the weight itself', 10], ['9.5', 9.5]])('passes: %s', (_, s) => {
    expect(runRule(rule, [form(s)])).toEqual([]);
  });

  it('fires when a score exceeds its weight (12 of 10)', () => {
    const [d, ...rest] = runRule(rule, [form(12)]);
    expect(rest).toEqual([]);
    expect(severityOf(rule, d)).toBe('error');
    expect([d.declared, d.computed]).toEqual([12, 10]);
    expect(d.message.zh).toBe('“国有土地上房屋预征收户数”得分12分超过其分值10分');
  });

  it('checks the execution item and negative scores', () => {
    const drafts = runRule(rule, [form(-1, '11')]);
    expect(drafts.map((d) => [d.declared, d.computed])).toEqual([[11, 10], [-1, 0]]);
  });
});

describe('score-range: an execution item without a printed 分值', () => {
  const noWeight = (execScore: string) =>
    projectForm({ funds: [{ label: '年度资金总额', init: '100', full: '100', exec: '100', rate: '100%', score: execScore }] });

  it('is bounded by the profile’s w_exec: 12 against 10 fires', () => {
    const [d, ...rest] = runRule(rule, [noWeight('12')]);
    expect(rest).toEqual([]);
    expect([d.declared, d.computed]).toEqual([12, 10]);
    expect(d.message.zh).toBe('“年度资金总额”得分12分超过其分值10分（表中未印分值，按口径预算执行分值）');
  });

  it('10 against 10 passes', () => {
    expect(runRule(rule, [noWeight('10')])).toEqual([]);
  });
});
