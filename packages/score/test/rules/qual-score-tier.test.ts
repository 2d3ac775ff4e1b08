import { describe, expect, it } from 'vitest';
import { qualScoreTier as rule } from '../../src/rules/qual-score-tier.ts';
import { departmentForm, profile, runRule, severityOf, type IndicatorSpec } from '../helpers/forms.ts';

const row = (name: string, target: string, actual: string, points: number, score: number): IndicatorSpec => ({
  level1: '效益指标', level1Points: 30, level2: '社会效益指标', name, target, actual, points, score,
});
const run = (...rows: IndicatorSpec[]) => runRule(rule, [departmentForm({ indicators: rows })]);

describe('qual-score-tier', () => {
  it.each([
    ['BASIC 8/10 (城区经济建设)', row('城区经济建设是否稳步推进', '全部稳步推进', '基本稳步推进', 10, 8)],
    ['BASIC 9/10 (重点项目)', row('重点项目是否全部推进有序开展', '全部有序开展', '基本有序开展', 10, 9)],
    ['BASIC 3/5 = 60%, the low boundary (卫健服务)', row('卫健服务是否达到优质亲民', '达到', '基本达到', 5, 3)],
    ['ACHIEVED 4/5 = 80%, the low boundary (退捕禁捕)', row('退捕禁捕是否成效显著', '是', '是', 5, 4)],
    ['ACHIEVED 5/5', row('在职人员经费是否在预算范围控制内', '是', '是', 5, 5)],
    ['NOT 2/5', row('是否按期完工', '是', '否', 5, 2)],
  ])('passes: %s', (_, r) => {
    expect(run(r)).toEqual([]);
  });

  it('ACHIEVED scored 3/5 = 60% is below its tier [80%, 100%]', () => {
    const [d, ...rest] = run(row('街道社区整体形象是否得到提升', '是', '是', 5, 3));
    expect(rest).toEqual([]);
    expect(severityOf(rule, d)).toBe('warning');
    expect(d.declared).toBe(3);
    expect(d.detail).toMatchObject({ tier: 'achieved', range: [0.8, 1], ratio: 0.6, direction: 'understated' });
    expect(d.message.zh).toBe('“街道社区整体形象是否得到提升”实际“是”属达成档，得分率应在[80%, 100%]（4–5分），表中3/5=60%');
  });

  it('NOT (是 → 否) scored 3/5 = 60% is above [0, 60%)', () => {
    const [d] = run(row('是否按期完工', '是', '否', 5, 3));
    expect(d.detail).toMatchObject({ tier: 'not', direction: 'inflated' });
  });

  it('PARTIAL 4/5 = 80% is outside [60%, 80%)', () => {
    expect(run(row('整改落实', '全部落实', '部分落实', 5, 4)).map((d) => d.detail.tier)).toEqual(['partial']);
  });

  it('stays silent where full-score-without-achievement fires (BASIC at 5/5)', () => {
    expect(run(row('财政供养人员控制率是否完成', '全部完成', '基本完成', 5, 5))).toEqual([]);
  });

  it('the strict basic_range [60%, 80%) turns BASIC 9/10 into a finding', () => {
    const strict = profile({ extends: 'hunan-2021', params: { basic_range: [0.6, 0.8] } });
    expect(runRule(rule, [departmentForm({ indicators: [row('重点项目是否全部推进有序开展', '全部有序开展', '基本有序开展', 10, 9)] })], { profile: strict })).toHaveLength(1);
  });
});
