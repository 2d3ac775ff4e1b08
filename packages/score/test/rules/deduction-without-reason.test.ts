import { describe, expect, it } from 'vitest';
import { deductionWithoutReason as rule } from '../../src/rules/deduction-without-reason.ts';
import { projectForm, runRule, severityOf, type IndicatorSpec } from '../helpers/forms.ts';

const row = (name: string, target: string, actual: string, points: number, score: number, reason = ''): IndicatorSpec => ({
  level1: '产出指标', level1Points: 50, level2: '成本指标', name, target, actual, points, score, reason,
});
const run = (...rows: IndicatorSpec[]) => runRule(rule, [projectForm({ indicators: rows })]);

describe('deduction-without-reason', () => {
  it('fires on the sample: 政府采购招标成本是否超标 否/否 scored 9/10', () => {
    const [d, ...rest] = run(row('政府采购招标成本是否超标', '否', '否', 10, 9));
    expect(rest).toEqual([]);
    expect(severityOf(rule, d)).toBe('info');
    expect(d.detail.deducted).toBe(1);
    expect(d.message.zh).toBe('“政府采购招标成本是否超标”目标“否”、实际“否”已达成，却只得9/10分，未说明扣分原因');
  });

  it('fires on a met quantitative target scored below w ([C5] ≥95% met, 27/30)', () => {
    expect(run(row('覆盖率', '≥95%', '96%', 30, 27))).toHaveLength(1);
  });

  it.each([
    ['full marks', row('政府采购招标成本是否合理使用', '是', '是', 5, 5)],
    ['a reason is written', row('街道社区整体形象是否得到提升', '是', '是', 5, 4, '群众反映仍有改进空间')],
    ['not achieved (deviation-reason-missing instead)', row('民生保障是否达到加强', '达到', '基本达到', 5, 4)],
  ])('does not fire: %s', (_, r) => {
    expect(run(r)).toEqual([]);
  });
});

describe('deduction-without-reason: [C5] Lijiang', () => {
  it('fires on "﹦72890元" met (72890元) yet scored 9/10', () => {
    const [d, ...rest] = run(row('项目资金', '﹦72890元', '72890元', 10, 9));
    expect(rest).toEqual([]);
    expect(d.message.zh).toBe('“项目资金”目标“﹦72890元”、实际“72890元”已达成，却只得9/10分，未说明扣分原因');
    expect(d.detail.deducted).toBe(1);
  });

  it('reads "≥100百分比" [C8] as ≥ 100%: 100百分比 met and scored 9/10 fires too', () => {
    expect(run(row('资金到位率', '≥100百分比', '100百分比', 10, 9))).toHaveLength(1);
  });

  it('reads 达成预期指标 [C8] as ACHIEVED against a qualitative target: scored 4/5, it fires', () => {
    expect(run(row('项目实施效果', '达成预期指标', '达成预期指标', 5, 4))).toHaveLength(1);
    expect(run(row('项目实施效果', '效果显著', '达成预期指标', 5, 4))).toHaveLength(1);
  });
});
