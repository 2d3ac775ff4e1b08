import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import type { Form } from '@jxaudit/model';
import { projectForm, score, type IndicatorSpec } from './helpers/forms.ts';

/** A Sichuan 部门预算项目支出绩效自评表: 预算执行情况(10分), 绩效指标(90分), "/" in the sub-rows' 权重/得分. */
function sichuanForm(reason: string | null) {
  const row = (level1: string, level2: string, name: string, target: string, actual: string, w: number): IndicatorSpec => ({ level1, level2, name, target, actual, points: w, score: w });
  return projectForm({
    family: 'sichuan',
    unit: '成都市某区教育局',
    projectName: '教师培训专项',
    funds: [
      { label: '年度资金总额', init: '100', full: '120', exec: '96', points: '10', rate: '80%', score: '8', reason },
      { label: '财政资金', role: 'part', init: '100', full: '120', exec: '96', points: null, rate: '80%', score: null },
    ],
    indicators: [
      row('产出指标', '数量指标', '培训人次', '≥500人次', '520人次', 30),
      row('产出指标', '质量指标', '培训合格率', '≥95%', '96%', 20),
      row('产出指标', '时效指标', '按期完成率', '100%', '100%', 10),
      row('效益指标', '社会效益指标', '教师知晓率', '≥90%', '92%', 20),
      row('满意度指标', '服务对象满意度指标', '参训教师满意度', '≥90%', '95%', 10),
    ],
    totals: { points: 100, score: 98 },
  });
}

describe('a Sichuan project form under sichuan-2023', () => {
  it('asks for the reasons Sichuan requires and nothing else', () => {
    const findings = score([sichuanForm(null)], { profile: 'sichuan-2023' });
    expect(findings.map((f) => [f.rule, f.severity, f.declared, f.computed])).toEqual([
      ['exec-below-threshold', 'warning', 0.8, 0.9],
      ['budget-adjustment-unexplained', 'info', 120, 100],
    ]);
  });

  it('a reason in the 原因 cell answers both', () => {
    expect(score([sichuanForm('年中追加20万元；部分培训延至次年')], { profile: 'sichuan-2023' })).toEqual([]);
  });

  it('under hunan-2021 only the fixed 50/30/10 weights speak (no threshold, no adjustment rule)', () => {
    expect(score([sichuanForm(null)], { profile: 'hunan-2021' }).map((f) => [f.rule, f.severity, f.detail.weights])).toEqual([
      ['level1-weights-nondefault', 'info', { 产出指标: 60, 效益指标: 20, 满意度指标: 10 }],
    ]);
  });
});

describe('the family3 fixture (fixtures/family3/expected-form.json) under sichuan-2023', () => {
  const fixture = JSON.parse(readFileSync(new URL('../../../fixtures/family3/expected-form.json', import.meta.url), 'utf8')) as Form;
  const withReasons = (total: string, unitFunds: string): Form => ({
    ...fixture,
    funds: fixture.funds.map((r) => (r.role === 'total' ? { ...r, reason: total } : r.label === '单位资金' ? { ...r, reason: unitFunds } : r)),
  });

  it('as printed: 90% is not below 90%, the adjustment 500 → 520 is explained, 单位资金 76% has its reason, "/" sub-rows unscored, 90 + 10 = 100, 89 + 9 = 98: no finding', () => {
    expect(score([fixture], { profile: 'sichuan-2023' })).toEqual([]);
  });

  it('without the 原因 texts: the unexplained adjustment and 单位资金 76%', () => {
    const findings = score([withReasons('', '')], { profile: 'sichuan-2023' });
    expect(findings.map((f) => [f.rule, f.severity, f.declared, f.computed])).toEqual([
      ['exec-below-threshold', 'warning', 0.76, 0.9],
      ['budget-adjustment-unexplained', 'info', 520, 500],
    ]);
  });

  it('under central-2020 only the 一级 weights speak (60/20/10)', () => {
    expect(score([withReasons('', '')], { profile: 'central-2020' }).map((f) => f.rule)).toEqual(['level1-weights-nondefault']);
  });
});
