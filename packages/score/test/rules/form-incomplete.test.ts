import { describe, expect, it } from 'vitest';
import { formIncomplete as rule } from '../../src/rules/form-incomplete.ts';
import { weightTotal } from '../../src/rules/weight-total.ts';
import { profile, projectForm, runRule, severityOf, type IndicatorSpec } from '../helpers/forms.ts';

const FUNDS = [{ label: '年度资金总额', init: '200', full: '220', exec: '209', points: '10', rate: '95.00%', score: '9.50' }];
const OUTPUT: IndicatorSpec = { level1: '产出指标', level1Points: 50, name: '新建供水管网', target: '≥30公里', actual: '31公里', points: 50, score: 50 };
const EFFECT: IndicatorSpec = { level1: '效益指标', level1Points: 30, name: '受益人口', target: '≥1.2万人', actual: '1.25万人', points: 30, score: 30 };
const SATISFACTION: IndicatorSpec = { level1: '满意度指标', level1Points: 10, name: '受益群众满意度', target: '≥90%', actual: '95%', points: 10, score: 10 };

describe('form-incomplete', () => {
  it.each<[string, Parameters<typeof projectForm>[0], string[]]>([
    ['cut before its 总分', { funds: FUNDS, indicators: [OUTPUT, EFFECT, SATISFACTION], totals: null }, ['总分']],
    ['cut inside the indicator block (满意度 and 总分 never printed)', { funds: FUNDS, indicators: [OUTPUT, EFFECT], totals: null }, ['满意度指标', '总分']],
    ['the money block left out', { funds: [], indicators: [OUTPUT, EFFECT, SATISFACTION], totals: { points: 100, score: 99.5 } }, ['资金情况']],
    ['no indicator block at all', { funds: FUNDS, indicators: [], totals: null }, ['绩效指标', '总分']],
  ])('%s: one info finding naming what is absent', (_name, spec, absent) => {
    const findings = runRule(rule, [projectForm(spec)]);
    expect(findings).toHaveLength(1);
    expect(severityOf(rule, findings[0]!)).toBe('info');
    expect(findings[0]!.detail.absent).toEqual(absent);
    expect(findings[0]!.message.zh).toBe(`表格不完整：未见${absent.join('、')}，仅核对表中已有内容`);
  });

  it('silent on a complete form', () => {
    expect(runRule(rule, [projectForm({ funds: FUNDS, indicators: [OUTPUT, EFFECT, SATISFACTION], totals: { points: 100, score: 99.5 } })])).toEqual([]);
  });

  it('boundary: 一级 names outside the profile set (Ningxia 项目决策/项目管理) are not called missing', () => {
    const ningxia: IndicatorSpec = { ...OUTPUT, level1: '项目决策' };
    expect(runRule(rule, [projectForm({ funds: FUNDS, indicators: [ningxia, EFFECT], totals: { points: 100, score: 90 } })])).toEqual([]);
  });

  it('boundary: a profile with no fixed 一级 set (sichuan-2023: 产出指标 alone may weigh 90) only misses 总分', () => {
    const p = profile({ extends: 'sichuan-2023' });
    const [f] = runRule(rule, [projectForm({ funds: FUNDS, indicators: [OUTPUT], totals: null })], { profile: p });
    expect(f!.detail.absent).toEqual(['总分']);
  });

  it('no rule adds up weights that were never printed: weight-total stays silent on a cut form', () => {
    const cut = projectForm({ funds: FUNDS, indicators: [OUTPUT, EFFECT], totals: null });
    expect(runRule(weightTotal, [cut])).toEqual([]);
    const cutUnderSichuan = projectForm({ funds: FUNDS, indicators: [OUTPUT, { ...EFFECT, points: 20, level1Points: 20 }], totals: null });
    expect(runRule(weightTotal, [cutUnderSichuan], { profile: profile({ extends: 'sichuan-2023' }) })).toEqual([]);
    // the same weights with the satisfaction block printed at 0 and a 总分 row still fire
    const printed = projectForm({ funds: FUNDS, indicators: [OUTPUT, EFFECT, { ...SATISFACTION, level1Points: 0, points: 0, score: 0 }], totals: { points: 100, score: 89.5 } });
    expect(runRule(weightTotal, [printed])).toHaveLength(1);
  });
});
