import { describe, expect, it } from 'vitest';
import { deviationReasonMissing as rule } from '../../src/rules/deviation-reason-missing.ts';
import { departmentForm, runRule, severityOf, type IndicatorSpec } from '../helpers/forms.ts';

const row = (name: string, target: string, actual: string, reason = '', points = 5, score = 4): IndicatorSpec => ({
  level1: '产出指标', level1Points: 50, level2: '数量指标', name, target, actual, points, score, reason,
});
const run = (...rows: IndicatorSpec[]) => runRule(rule, [departmentForm({ indicators: rows })]);

describe('deviation-reason-missing', () => {
  it.each([
    ['a quantitative shortfall: 经济建设投资 7.6 of 10亿元', row('经济建设投资总金额', '10亿元', '7.6亿元'), '“经济建设投资总金额”目标“10亿元”，实际7.6亿元未达成，偏差原因分析及改进措施为空'],
    ['a BASIC actual: 社会秩序 是 → 基本稳定', row('社会秩序是否更加稳定。', '是', '基本稳定'), '“社会秩序是否更加稳定”目标“是”，实际“基本稳定”（基本达成）未达成，偏差原因分析及改进措施为空'],
    ['a percent shortfall: 群众满意度 90%', row('群众满意度', '100%', '90%', '', 10, 9), '“群众满意度”目标“100%”，实际90%未达成，偏差原因分析及改进措施为空'],
  ])('fires: %s', (_, r, message) => {
    const [d, ...rest] = run(r);
    expect(rest).toEqual([]);
    expect(severityOf(rule, d)).toBe('warning');
    expect(d.message.zh).toBe(message);
    expect(d.at[0].col).toBe(2);
    expect(d.at[1].col).toBe(7);
  });

  it.each([
    ['"无" is an empty marker', row('质量达标率', '100%', '80%', '无'), 1],
    ['"/" is an empty marker', row('质量达标率', '100%', '80%', '/'), 1],
    ['a placeholder "0" is an empty marker [C7]', row('质量达标率', '100%', '80%', '0'), 1],
    ['a written reason', row('质量达标率', '100%', '80%', '部分工程返工，下年加强监理'), 0],
    ['achieved rows go to deduction-without-reason', row('退捕禁捕是否成效显著', '是', '是'), 0],
    ['a met quantitative target', row('质量达标率', '≥95%', '96%'), 0],
  ])('%s', (_, r, n) => {
    expect(run(r)).toHaveLength(n);
  });
});
