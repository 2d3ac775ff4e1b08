import { describe, expect, it } from 'vitest';
import { fullScoreWithoutAchievementRule as rule } from '../../src/rules/full-score-without-achievement.ts';
import { departmentForm, runRule, severityOf, type IndicatorSpec } from '../helpers/forms.ts';

const row = (name: string, target: string, actual: string, points: number, score: number): IndicatorSpec => ({
  level1: '产出指标', level1Points: 50, level2: '数量指标', name, target, actual, points, score,
});
const run = (...rows: IndicatorSpec[]) => runRule(rule, [departmentForm({ indicators: rows })]);

describe('full-score-without-achievement', () => {
  it('fires on the sample: 财政供养人员控制率是否完成, target 全部完成, actual 基本完成 (BASIC), 5/5', () => {
    const [d, ...rest] = run(row('财政供养人员控制率是否完成', '全部完成', '基本完成', 5, 5));
    expect(rest).toEqual([]);
    expect(severityOf(rule, d)).toBe('warning');
    expect([d.declared, d.computed]).toEqual([null, null]);
    expect(d.detail).toMatchObject({ tier: 'basic', points: 5, score: 5 });
    expect(d.message.zh).toBe('“财政供养人员控制率是否完成”目标“全部完成”，实际“基本完成”属基本达成档，却得满分5/5');
  });

  it('fires on a quantitative shortfall with full marks (95% of 100%, 10/10) and on 是 → 否', () => {
    expect(run(row('签约率', '100%', '95%', 10, 10), row('是否按期完工', '是', '否', 5, 5))).toHaveLength(2);
  });

  it.each([
    ['是/是 5/5', row('在职人员经费是否在预算范围控制内', '是', '是', 5, 5)],
    ['met quantitative 100%/100% 10/10', row('质量达标率', '100%', '100%', 10, 10)],
    ['BASIC scored below full, 8/10', row('城区经济建设是否稳步推进', '全部稳步推进', '基本稳步推进', 10, 8)],
  ])('does not fire: %s', (_, r) => {
    expect(run(r)).toEqual([]);
  });
});
