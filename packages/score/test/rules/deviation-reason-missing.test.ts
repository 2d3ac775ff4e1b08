import { describe, expect, it } from 'vitest';
import { deviationReasonMissing as rule } from '../../src/rules/deviation-reason-missing.ts';
import { departmentForm, projectForm, runRule, severityOf, type IndicatorSpec } from '../helpers/forms.ts';

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

describe('deviation-reason-missing: empty markers after normalisation, and the Sichuan column name', () => {
  it.each([
    ['a full-width placeholder "０"', '０'],
    ['"无。" with its full stop', '无。'],
    ['a full-width slash with spaces "　／　"', '　／　'],
  ])('%s counts as empty', (_, reason) => {
    expect(run(row('质量达标率', '100%', '80%', reason))).toHaveLength(1);
  });

  it('"0.5万元未到位" is a reason, not a placeholder', () => {
    expect(run(row('质量达标率', '100%', '80%', '0.5万元未到位'))).toEqual([]);
  });

  it('names the Sichuan column 未完成原因分析 [C4]', () => {
    const form = projectForm({ family: 'sichuan', indicators: [row('整治临水临崖路段', '≥35处', '33处', '', 15, 14)] });
    const [d] = runRule(rule, [form]);
    expect(d.message.zh).toBe('“整治临水临崖路段”目标“≥35处”，实际33处未达成，未完成原因分析为空');
    expect(d.message.en).toContain('the shortfall-reason cell (未完成原因分析) is empty');
  });
});
