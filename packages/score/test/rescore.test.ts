import { describe, expect, it } from 'vitest';
import type { Form } from '@jxaudit/model';
import { gradeOf, rescoreForm, scoreFindingsByCell } from '../src/rescore.ts';
import { DEFAULT_GRADE_BANDS } from '../src/profiles.ts';
import { departmentForm, FILE, profile, reportForm, score, type IndicatorSpec } from './helpers/forms.ts';

/**
 * The sample department form in small: execution 148% scored 9 of 10 (formula: 10), 规模以上工业生产值
 * 2485 of 5000万元 scored 4 of 5 (formula: 2.485), the rest as printed; 总分 printed 86 (indicators only).
 */
function sampleDepartment(overrides: { total?: number | null; execScore?: string; indicators?: IndicatorSpec[] } = {}): Form {
  const indicators: IndicatorSpec[] = overrides.indicators ?? [
    { level1: '产出指标', level1Points: 50, name: '规模以上工业生产值', target: '5000万元', actual: '2485万元', points: 5, score: 4 },
    { level1: '产出指标', level1Points: 50, name: '经济建设投资是否按计划完成', target: '是', actual: '是', points: 45, score: 40 },
    { level1: '效益指标', level1Points: 30, name: '城区经济建设是否稳步推进', target: '是', actual: '是', points: 35, score: 33 },
    { level1: '满意度指标', level1Points: 10, name: '群众是否满意', target: '是', actual: '是', points: 10, score: 9 },
  ];
  return departmentForm({
    funds: [{ label: '年度资金总额', init: '2021.29', full: '2021.29', exec: '2991.61', points: '10', rate: '148%', score: overrides.execScore ?? '9' }],
    indicators,
    totals: overrides.total === null ? null : { points: 100, score: overrides.total ?? 86 },
  });
}

function rescoredOf(form: Form, profileName: string | Record<string, unknown> = 'hunan-2021') {
  const p = profile(profileName);
  return rescoreForm(form, score([form], { profile: p }), p);
}

describe('gradeOf', () => {
  it.each([
    [95, '优'],
    [90, '优'],
    [89.99, '良'],
    [80, '良'],
    [79.5, '中'],
    [60, '中'],
    [59.999, '差'],
    [0, '差'],
  ])('%s of 100 is %s under the default bands', (total, grade) => {
    expect(gradeOf(total, 100, DEFAULT_GRADE_BANDS)).toBe(grade);
  });

  it('scales a total that is not out of 100: 99 of 110 is 90%', () => {
    expect(gradeOf(99, 110, DEFAULT_GRADE_BANDS)).toBe('优');
    expect(gradeOf(98.9, 110, DEFAULT_GRADE_BANDS)).toBe('良');
  });

  it('gives no grade to a missing total', () => {
    expect(gradeOf(null, 100, DEFAULT_GRADE_BANDS)).toBeNull();
  });
});

describe('rescoreForm', () => {
  it('the sample in small: 自评 86 (良) → 复核 86 − 4 + 2.485 + 10 = 94.485 (优)', () => {
    const r = rescoredOf(sampleDepartment())!;
    expect(r).toMatchObject({ points: 100, declared: 86, declaredGrade: '良', recomputed: 94.485, recomputedGrade: '优', includesExecution: true, itemsSum: 95 });
    expect(r.changes.map((c) => [c.rule, c.item, c.role, c.declared, c.recomputed])).toEqual([
      ['exec-score-recompute', '年度资金总额', 'execution', 9, 10],
      ['quant-score-recompute', '规模以上工业生产值', 'indicator', 4, 2.485],
    ]);
    expect(r.changes[1]!.at).toMatchObject({ file: FILE, table: 0, text: '4' });
  });

  it('keeps every printed score when no rule recomputes one: 复核 = Σ printed items', () => {
    const r = rescoredOf(
      sampleDepartment({
        execScore: '10',
        indicators: [{ level1: '产出指标', level1Points: 50, name: '经济建设投资是否按计划完成', target: '是', actual: '是', points: 50, score: 45 }],
        total: 55,
      }),
    )!;
    expect(r).toMatchObject({ declared: 55, recomputed: 55, itemsSum: 55, changes: [] });
  });

  it('leaves the execution item out when the profile’s total does not include it', () => {
    const r = rescoredOf(sampleDepartment(), { extends: 'hunan-2021', params: { total_includes_exec: false } })!;
    expect(r.includesExecution).toBe(false);
    expect(r.itemsSum).toBe(86);
    expect(r.recomputed).toBe(84.485);
    expect(r.changes.map((c) => c.rule)).toEqual(['quant-score-recompute']);
  });

  it('grades under the profile’s own bands', () => {
    const r = rescoredOf(sampleDepartment(), { extends: 'hunan-2021', params: { grade_bands: { 好: 95, 中: 85, 差: 0 } } })!;
    expect([r.declaredGrade, r.recomputedGrade]).toEqual(['中', '中']);
  });

  it('recomputes a form with no printed total, and says nothing of a narrative report', () => {
    const r = rescoredOf(sampleDepartment({ total: null }))!;
    expect([r.declared, r.declaredGrade, r.recomputed, r.recomputedGrade]).toEqual([null, null, 94.485, '优']);
    expect(rescoreForm(reportForm({}), [], profile('hunan-2021'))).toBeNull();
  });

  it('takes the findings indexed by cell once for many forms', () => {
    const form = sampleDepartment();
    const p = profile('hunan-2021');
    const findings = score([form], { profile: p });
    expect(rescoreForm(form, scoreFindingsByCell(findings), p)).toEqual(rescoreForm(form, findings, p));
  });
});
