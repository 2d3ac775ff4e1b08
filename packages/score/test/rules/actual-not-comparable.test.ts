import { describe, expect, it } from 'vitest';
import { actualNotComparable as rule } from '../../src/rules/actual-not-comparable.ts';
import { projectForm, runRule, score, severityOf, type IndicatorSpec } from '../helpers/forms.ts';

const row = (target: string, actual: string): IndicatorSpec => ({
  level1: '产出指标', level1Points: 90, level2: '成本指标', name: '项目成本', target, actual, points: 90, score: 90,
});
const run = (r: IndicatorSpec) => runRule(rule, [projectForm({ family: 'sichuan', indicators: [r] })]);

describe('actual-not-comparable', () => {
  it('fires on [C4b] Daying: "完成" against "≤30万元"', () => {
    const [d, ...rest] = run(row('≤30万元', '完成'));
    expect(rest).toEqual([]);
    expect(severityOf(rule, d)).toBe('warning');
    expect(d.message.zh).toBe('“项目成本”目标“≤30万元”为定量指标，实际完成值“完成”不是数值，无法核对');
    expect(d.at.map((l) => l.text)).toEqual(['项目成本', '完成', '≤30万元']);
  });

  it('fires on incompatible units: 162户 against 95%', () => {
    expect(run(row('162户', '95%')).map((d) => d.detail.actualKind)).toEqual(['percent']);
  });

  it.each([
    ['万元 against 亿元 (both amounts)', row('10亿元', '7.6亿元')],
    ['户 against 户', row('162户', '154户')],
    ['a qualitative target', row('全部完成', '基本完成')],
    ['a boolean target', row('是', '基本稳定')],
  ])('does not fire: %s', (_, r) => {
    expect(run(r)).toEqual([]);
  });
});

describe('actual-not-comparable: [C4b] Daying through the whole catalog', () => {
  it('"完成" against "≤30万元", one indicator weighted 90 and scored 90: this is the only finding (no shortfall, no full-score claim)', () => {
    const form = projectForm({
      family: 'sichuan',
      funds: [{ label: '总额', init: '30', full: '30', exec: '29.5', points: '10', rate: '98.33%', score: '10' }],
      indicators: [{ level1: '产出指标', level2: '成本指标', name: '项目成本', target: '≤30万元', actual: '完成', points: 90, score: 90 }],
      totals: { points: 100, score: 100 },
    });
    expect(score([form], { profile: 'sichuan-2023' }).map((f) => [f.rule, f.severity])).toEqual([['actual-not-comparable', 'warning']]);
  });
});
