import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import type { Form } from '@jxaudit/model';
import { builtinProfiles, proposeProfile, resolveProfile } from '../src/profiles.ts';
import { buildForm, score } from './helpers/forms.ts';
import { sampleForms } from './helpers/sample.ts';

const key = (f: { rule: string; severity: string; declared: number | null; computed: number | null }) => `${f.rule}:${f.severity}:${f.declared}→${f.computed}`;

describe('built-in profiles (RULES.md §3)', () => {
  it('lists central-2020, hunan-2021 and sichuan-2023 with their differences', () => {
    expect(Object.keys(builtinProfiles)).toEqual(['central-2020', 'hunan-2021', 'sichuan-2023']);
    expect(builtinProfiles['central-2020'].params).toMatchObject({ wExec: 10, indicatorWTotal: 90, totalIncludesExec: true, rateBasis: 'full', execScoredSubrows: 'no', execExplainBelow: null, overachieveRatio: 1.3 });
    expect(builtinProfiles['hunan-2021'].params.execScoredSubrows).toBe('tolerated');
    expect(builtinProfiles['sichuan-2023'].params).toMatchObject({ level1Default: {}, execExplainBelow: 0.9, explainBudgetAdjustment: true });
  });
});

describe('the sample under other profile settings (RULES.md §5)', () => {
  const hunan = score(sampleForms(), { profile: 'hunan-2021' });

  it('hunan-2021 gives the 43 table findings (the 4 report-vs-table ones come from the narrative rules)', () => {
    const own = hunan.filter((f) => !['exec-basis-mismatch', 'narr-qizhong-sum', 'narr-ratio-integer-base', 'malformed-quantity'].includes(f.rule));
    expect(own).toHaveLength(43);
  });

  it('total_includes_exec = false: rows 4–7 (weight-total, total-score-sum) pass, rows 1–3 still fire', () => {
    const p = resolveProfile({ extends: 'hunan-2021', params: { total_includes_exec: false } });
    expect(p.params.indicatorWTotal).toBe(100);
    const findings = score(sampleForms(), { profile: p });
    expect(findings.filter((f) => f.rule === 'weight-total' || f.rule === 'total-score-sum')).toEqual([]);
    expect(findings.filter((f) => f.rule === 'level1-weight-sum').map(key)).toEqual([
      'level1-weight-sum:error:30→40',
      'level1-weight-sum:error:50→55',
      'level1-weight-sum:error:40→35',
    ]);
  });

  it('a disabled rule disappears and nothing else changes', () => {
    const p = resolveProfile({ extends: 'hunan-2021', disabled: ['deviation-reason-missing'] });
    const findings = score(sampleForms(), { profile: p });
    expect(findings.some((f) => f.rule === 'deviation-reason-missing')).toBe(false);
    expect(findings.map(key)).toEqual(hunan.filter((f) => f.rule !== 'deviation-reason-missing').map(key));
  });

  it('exec_scored_subrows = no turns row 13 into a warning (as under central-2020)', () => {
    const p = resolveProfile({ extends: 'hunan-2021', params: { exec_scored_subrows: 'no' } });
    expect(score(sampleForms(), { profile: p }).filter((f) => f.rule === 'exec-subrow-scored').map((f) => f.severity)).toEqual(['warning']);
    expect(score(sampleForms(), { profile: 'central-2020' }).filter((f) => f.rule === 'exec-subrow-scored').map((f) => f.severity)).toEqual(['warning']);
  });

  it('a severity override wins over the rule’s own variants', () => {
    const p = resolveProfile({ extends: 'hunan-2021', severities: { 'quant-score-recompute': 'error' } });
    expect(score(sampleForms(), { profile: p }).filter((f) => f.rule === 'quant-score-recompute').map((f) => f.severity)).toEqual(['error', 'error']);
  });
});

describe('user profile files', () => {
  const yamlText = `
name: hengyang-2021
extends: hunan-2021
description: 衡阳市2021年口径（总分不含预算执行）
params:
  total_includes_exec: false
  overachieve_ratio: 1.5
severities:
  deduction-without-reason: warning
disabled:
  - level1-weights-nondefault
`;
  const jsonText = JSON.stringify({ extends: 'hunan-2021', name: 'hengyang-2021', params: { totalIncludesExec: false, overachieveRatio: 1.5 }, severities: { 'deduction-without-reason': 'warning' }, disabled: ['level1-weights-nondefault'] });

  it('YAML and JSON give the same profile', () => {
    const fromYaml = resolveProfile(parseYaml(yamlText));
    const fromJson = resolveProfile(JSON.parse(jsonText));
    expect(fromYaml.name).toBe('hengyang-2021');
    expect(fromYaml.extends).toBe('hunan-2021');
    expect(fromYaml.params).toEqual(fromJson.params);
    expect(fromYaml.params).toMatchObject({ totalIncludesExec: false, indicatorWTotal: 100, overachieveRatio: 1.5, execScoredSubrows: 'tolerated' });
    expect(fromYaml.severities).toEqual({ 'deduction-without-reason': 'warning' });
    expect(fromYaml.disabled).toEqual(['level1-weights-nondefault']);
  });

  it('the text of a profile file is accepted as well', () => {
    expect(resolveProfile(yamlText).params).toEqual(resolveProfile(parseYaml(yamlText)).params);
    expect(resolveProfile(jsonText).name).toBe('hengyang-2021');
  });

  it('w_exec without indicator_w_total leaves total_w − w_exec to the indicators (20 → 80; 100 without execution)', () => {
    expect(resolveProfile({ extends: 'hunan-2021', params: { w_exec: 20 } }).params.indicatorWTotal).toBe(80);
    expect(resolveProfile({ extends: 'hunan-2021', params: { w_exec: 20, total_includes_exec: false } }).params.indicatorWTotal).toBe(100);
    expect(resolveProfile({ extends: 'hunan-2021', params: { w_exec: 20, indicator_w_total: 85 } }).params.indicatorWTotal).toBe(85);
    expect(resolveProfile({ extends: 'sichuan-2023', params: {} }).params.indicatorWTotal).toBe(90);
  });

  it('grades 优 ≥ 90, 良 80–90, 中 60–80, 差 < 60 unless the profile file says otherwise (a map or a list, highest first)', () => {
    for (const p of Object.values(builtinProfiles)) {
      expect(p.params.gradeBands).toEqual([{ grade: '优', min: 90 }, { grade: '良', min: 80 }, { grade: '中', min: 60 }, { grade: '差', min: 0 }]);
    }
    const fromMap = resolveProfile({ extends: 'hunan-2021', params: { grade_bands: { 不合格: 0, 合格: 60, 良好: 80, 优秀: 90 } } });
    expect(fromMap.params.gradeBands.map((b) => b.grade)).toEqual(['优秀', '良好', '合格', '不合格']);
    const fromList = resolveProfile({ extends: 'hunan-2021', params: { gradeBands: [{ grade: 'A', min: 85 }, { grade: 'B', min: 0 }] } });
    expect(fromList.params.gradeBands).toEqual([{ grade: 'A', min: 85 }, { grade: 'B', min: 0 }]);
  });

  it('a given indicator_w_total is kept when total_includes_exec is false', () => {
    expect(resolveProfile({ extends: 'central-2020', params: { total_includes_exec: false, indicator_w_total: 95 } }).params.indicatorWTotal).toBe(95);
  });

  it.each([
    [{ extends: 'guangxi-2022' }, 'profile extends unknown base "guangxi-2022"'],
    [{ extends: 'hunan-2021', params: { w_execution: 10 } }, 'unknown parameter "w_execution"'],
    [{ extends: 'hunan-2021', params: { rate_basis: 'half' } }, 'parameter "rate_basis" must be one of "full", "initial"'],
    [{ extends: 'hunan-2021', disabled: ['weights-total'] }, 'unknown rule id "weights-total" in disabled'],
    [{ extends: 'hunan-2021', severities: { 'weight-total': 'fatal' } }, 'severity of "weight-total" must be error, warning or info'],
    [{ extends: 'hunan-2021', rules: [] }, 'unknown key "rules" in profile file'],
    // Percentages written where the profile takes fractions would silently change every verdict.
    [{ extends: 'sichuan-2023', params: { exec_explain_below: 90 } }, 'parameter "exec_explain_below" must be a fraction such as 0.9 (not 90), or null; got 90'],
    [{ extends: 'hunan-2021', params: { overachieve_ratio: 130 } }, 'parameter "overachieve_ratio" must be a ratio of at least 1 such as 1.3 (not 130); got 130'],
    [{ extends: 'hunan-2021', params: { basic_range: [60, 80] } }, 'parameter "basic_range" must be a pair of fractions [low, high] with 0 ≤ low < high ≤ 1, e.g. [0.6, 0.8]; got [60,80]'],
    [{ extends: 'hunan-2021', params: { basic_range: [0.8, 0.6] } }, 'parameter "basic_range" must be a pair of fractions'],
    [{ extends: 'hunan-2021', params: { qual_tiers: { achieved: [80, 100], partial: [60, 80], not: [0, 60] } } }, 'parameter "qual_tiers" must be an object {achieved, partial, not} of [low, high] fraction pairs'],
    [{ extends: 'hunan-2021', params: { w_exec: -10 } }, 'parameter "w_exec" must be a number ≥ 0; got -10'],
    [{ extends: 'hunan-2021', params: { grade_bands: { 优: 90, 良: 80 } } }, 'parameter "grade_bands" must be a map of grade to its lowest score on a 100-point scale, one of them 0'],
    [{ extends: 'hunan-2021', params: { grade_bands: { 优: 0.9, 差: 0, 良: 0.9 } } }, 'parameter "grade_bands" must be a map of grade'],
    [{ extends: 'hunan-2021', params: { grade_bands: [90, 80, 60, 0] } }, 'parameter "grade_bands" must be a map of grade'],
  ])('rejects %j with a clear message', (spec, message) => {
    expect(() => resolveProfile(spec as Record<string, unknown>)).toThrow(message);
  });

  it('an unknown built-in name lists the known ones', () => {
    expect(() => resolveProfile('hunan-2022')).toThrow('unknown profile "hunan-2022"; built-in profiles: central-2020, hunan-2021, sichuan-2023');
  });
});

describe('proposeProfile', () => {
  const form = (family: Form['family'], kind: Form['kind'] = 'project') => buildForm({ kind, family });
  it.each([
    [['hunan-dept', 'report'], 'hunan-2021'],
    [['sichuan'], 'sichuan-2023'],
    [['national', 'national-lettered'], 'central-2020'],
    [['national', 'hunan-dept'], 'hunan-2021'],
    [['hunan-dept', 'sichuan'], 'sichuan-2023'],
    [[], 'central-2020'],
  ] as [Form['family'][], string][])('%j → %s', (families, expected) => {
    expect(proposeProfile(families.map((f) => form(f, f === 'report' ? 'report' : 'project')))).toBe(expected);
  });
});
