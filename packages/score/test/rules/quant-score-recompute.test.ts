import { describe, expect, it } from 'vitest';
import { quantScoreRecompute as rule } from '../../src/rules/quant-score-recompute.ts';
import { departmentForm, runRule, type IndicatorSpec } from '../helpers/forms.ts';

const row = (name: string, target: string, actual: string, points: number, score: number | string): IndicatorSpec => ({
  level1: '产出指标', level1Points: 50, level2: '数量指标', name, target, actual, points, score,
});
const run = (...rows: IndicatorSpec[]) => runRule(rule, [departmentForm({ indicators: rows })]);

describe('quant-score-recompute', () => {
  it.each([
    ['经济建设投资 7.6/10亿: e = 3.80 → 4', row('经济建设投资总金额', '10亿元', '7.6亿元', 5, 4)],
    ['固定资产投资 5.5/7亿: e = 3.93 → 4', row('全社会固定资产投资', '7亿元', '5.5亿元', 5, 4)],
    ['及时完成率 90%: e = 4.5 → 4 (floor)', row('及时完成率', '100%', '90%', 5, 4)],
    ['及时完成率 90%: e = 4.5 → 5 (round half up)', row('及时完成率', '100%', '90%', 5, 5)],
    ['户数 154/162: e = 9.51 → 9', row('国有土地上房屋预征收户数', '162户', '154户', 10, 9)],
    ['质量 85%: e = 4.25 → 4', row('质量达标率', '100%', '85%', 5, 4)],
    ['met target: full marks', row('质量达标率', '≥95%', '98%', 10, 10)],
    ['reverse met: 28万元 ≤ 30万元', row('运行成本', '≤30万元', '28万元', 10, 10)],
    ['reverse overrun 33 vs ≤30: e = 10 × (1 − 0.1) = 9', row('运行成本', '≤30万元', '33万元', 10, 9)],
    ['an approximate actual never takes part: 约80%', row('覆盖率', '100%', '约80%', 10, 10)],
  ])('passes: %s', (_, r) => {
    expect(run(r)).toEqual([]);
  });

  it('inflated: 规模以上工业生产值 2485 ÷ 5000 = 49.7% → e = 2.485 (accept 2), claimed 4 — a warning', () => {
    const [d, ...rest] = run(row('规模以上工业生产值', '5000万元', '2485万元', 5, 4));
    expect(rest).toEqual([]);
    expect(d.severity).toBe('warning');
    expect([d.declared, d.computed]).toEqual([4, 2.485]);
    expect(d.detail).toMatchObject({ direction: 'inflated', accept: [2, 2], precision: 0, difference: 1.515 });
    expect(d.message.zh).toBe('“规模以上工业生产值”实际2485万元，目标5000万元（2485万元÷5000万元=49.7%），按 分值5×实际/目标 应得2.485分（可接受2分），表中填4分，多计1.515分');
    expect(d.at[0].text).toBe('规模以上工业生产值');
  });

  it('understated: 签约率 95% → e = 9.5 (accept 9–10), claimed 5 — an info', () => {
    const [d] = run(row('国有土地上房屋预征收签约率', '100%', '95%', 10, 5));
    expect(d.severity).toBe('info');
    expect([d.declared, d.computed]).toEqual([5, 9.5]);
    expect(d.detail).toMatchObject({ direction: 'understated', accept: [9, 10] });
  });

  it('precision p comes from the score column: with 2.49 printed elsewhere, 2.485 accepts 2.48–2.49', () => {
    const other = row('及时完成率', '100%', '90%', 5, '4.50');
    expect(run(other, row('规模以上工业生产值', '5000万元', '2485万元', 5, '2.49'))).toEqual([]);
    expect(run(other, row('规模以上工业生产值', '5000万元', '2485万元', 5, '2.50')).map((d) => d.detail.accept)).toEqual([[2.48, 2.49]]);
  });

  it('reverse beyond twice the target gives 0: ≤30 with 65 scored 1', () => {
    const [d] = run(row('运行成本', '≤30万元', '65万元', 10, 1));
    expect([d.declared, d.computed]).toEqual([1, 0]);
  });
});

describe('quant-score-recompute: reverse and zero targets ([C3])', () => {
  it.each([
    ['reverse exactly at 2t gives 0: ≤30 with 60 scored 0', row('运行成本', '≤30万元', '60万元', 10, 0)],
    ['reverse 45 vs ≤30: e = 10 × (1 − 0.5) = 5', row('运行成本', '≤30万元', '45万元', 10, 5)],
    ['target 0 met: 0起 against 0起 scored full', row('安全事故', '0起', '0起', 10, 10)],
    ['target 0 missed gives 0: 2起 against ≤0起 scored 0', row('安全事故', '≤0起', '2起', 10, 0)],
  ])('passes: %s', (_, r) => {
    expect(run(r)).toEqual([]);
  });

  it('the message of a reverse indicator gives the overrun, not actual ÷ "≤target"', () => {
    const [d] = run(row('运行成本', '≤30万元', '65万元', 10, 1));
    expect(d.message.zh).toBe('“运行成本”实际65万元，目标≤30万元（超出(65万元−30万元)÷30万元=116.67%），按 分值10×max(0,1−超出比例) 应得0分（可接受0分），表中填1分，多计1分');
    expect(d.message.en).toContain('(overrun (65万元 − 30万元) ÷ 30万元 = 116.67%) gives 10 × max(0, 1 − overrun) = 0');
  });

  it('the message of a target 0 says how target 0 is scored (no division by 0)', () => {
    const [d] = run(row('安全事故', '0起', '3起', 10, 5));
    expect([d.declared, d.computed]).toEqual([5, 0]);
    expect(d.message.zh).toBe('“安全事故”实际3起，目标0起（目标为0，实际3起），按 分值10（目标为0：实际≤0得满分，否则0分） 应得0分（可接受0分），表中填5分，多计5分');
    expect(d.detail.formula).toBe('target 0: w if actual ≤ 0, else 0');
  });

  it('the ratio drops the comparison sign of the target: 90% ÷ 100% for "≥100%"', () => {
    const [d] = run(row('工程完工及时率', '≥100%', '90%', 5, 3));
    expect(d.message.zh).toContain('（90%÷100%=90%）');
  });
});

describe('quant-score-recompute: "以上" in a target is a comparison, not an approximation', () => {
  it('target "95%以上", actual 80%, scored 9 of 10: e = 10 × 80/95 = 8.42 (accept 8), inflated', () => {
    const [d, ...rest] = run(row('覆盖率', '95%以上', '80%', 10, 9));
    expect(rest).toEqual([]);
    expect(d.severity).toBe('warning');
    expect(d.detail.accept).toEqual([8, 8]);
    expect(d.computed).toBeCloseTo(8.4211, 4);
  });

  it.each([
    ['"95%及以上" met', row('覆盖率', '95%及以上', '96%', 10, 10)],
    ['an approximate target still never takes part: 约95%', row('覆盖率', '约95%', '80%', 10, 10)],
    ['an actual "80%以上" still never takes part', row('覆盖率', '95%', '80%以上', 10, 10)],
  ])('passes: %s', (_, r) => {
    expect(run(r)).toEqual([]);
  });
});
