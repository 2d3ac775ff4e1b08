import { SeveritySchema, type Form } from '@jxaudit/model';
import { parse as parseYaml } from 'yaml';
import { allRules } from './registry.ts';
import type { GradeBand, Profile, ProfileParams } from './types.ts';

/** 优 ≥ 90, 良 80–90, 中 60–80, 差 < 60: the grades of 财政部 performance evaluations. */
export const DEFAULT_GRADE_BANDS: GradeBand[] = [
  { grade: '优', min: 90 },
  { grade: '良', min: 80 },
  { grade: '中', min: 60 },
  { grade: '差', min: 0 },
];

const CENTRAL_PARAMS: ProfileParams = {
  wExec: 10,
  level1Default: { 产出指标: 50, 效益指标: 30, 满意度指标: 10 },
  indicatorWTotal: 90,
  totalIncludesExec: true,
  rateBasis: 'full',
  execScore: 'capped-linear',
  execExplainBelow: null,
  explainBudgetAdjustment: false,
  execScoredSubrows: 'no',
  qualTiers: { achieved: [0.8, 1], partial: [0.6, 0.8], not: [0, 0.6] },
  basicRange: [0.6, 1],
  overachieveRatio: 1.3,
  overachieveSeverity: 'info',
  scoreRounding: 'floor-to-round-half-up',
  gradeBands: DEFAULT_GRADE_BANDS,
};

/** Built-in profiles (RULES.md §3). */
export const builtinProfiles: Record<string, Profile> = {
  'central-2020': {
    name: 'central-2020',
    extends: null,
    description: {
      zh: '财政部财预〔2020〕10号：产出50/效益30/满意度10，预算执行10分，总分含执行得分',
      en: 'MOF 2020 No. 10: outputs 50 / effects 30 / satisfaction 10, execution 10 points, total includes execution',
    },
    params: CENTRAL_PARAMS,
    severities: {},
    disabled: [],
  },
  'hunan-2021': {
    name: 'hunan-2021',
    extends: null,
    description: {
      zh: '湖南2021年自评表（部门整体/专项资金）：同中央口径，容许“其中”分行计分',
      en: 'Hunan 2021 self-evaluation forms: central conventions, scored 其中 sub-rows tolerated',
    },
    params: { ...CENTRAL_PARAMS, execScoredSubrows: 'tolerated' },
    severities: {},
    disabled: [],
  },
  'sichuan-2023': {
    name: 'sichuan-2023',
    extends: null,
    description: {
      zh: '四川2023年项目支出绩效自评表：预算执行情况10分、绩效指标90分，执行率低于90%及年中调整须说明',
      en: 'Sichuan 2023 project form: execution 10, indicators 90; rates below 90% and mid-year adjustments need a reason',
    },
    params: {
      ...CENTRAL_PARAMS,
      level1Default: {},
      execExplainBelow: 0.9,
      explainBudgetAdjustment: true,
      execScoredSubrows: 'no',
    },
    severities: {},
    disabled: [],
  },
};

import { ProfileError } from './errors.ts';
export { ProfileError };

/** Parameter names as a user writes them (snake_case as in RULES.md §3, or camelCase) → ProfileParams key. */
const PARAM_ALIASES: Record<string, keyof ProfileParams> = {
  w_exec: 'wExec',
  level1_default: 'level1Default',
  indicator_w_total: 'indicatorWTotal',
  total_includes_exec: 'totalIncludesExec',
  rate_basis: 'rateBasis',
  exec_score: 'execScore',
  exec_explain_below: 'execExplainBelow',
  explain_budget_adjustment: 'explainBudgetAdjustment',
  exec_scored_subrows: 'execScoredSubrows',
  qual_tiers: 'qualTiers',
  basic_range: 'basicRange',
  overachieve_ratio: 'overachieveRatio',
  overachieve_severity: 'overachieveSeverity',
  score_rounding: 'scoreRounding',
  grade_bands: 'gradeBands',
};
for (const key of Object.keys(CENTRAL_PARAMS) as (keyof ProfileParams)[]) PARAM_ALIASES[key] = key;

type Check = (v: unknown) => string | null;
const isNum: Check = (v) => (typeof v === 'number' && Number.isFinite(v) ? null : 'a number');
const isBool: Check = (v) => (typeof v === 'boolean' ? null : 'true or false');
const oneOf =
  (...options: unknown[]): Check =>
  (v) =>
    options.includes(v) ? null : `one of ${options.map((o) => JSON.stringify(o)).join(', ')}`;
const pair: Check = (v) =>
  Array.isArray(v) && v.length === 2 && v.every((x) => typeof x === 'number') ? null : 'a pair of numbers [low, high]';
/** A [low, high] pair of fractions of the weight: 0 ≤ low < high ≤ 1 ([0.6, 0.8], not [60, 80]). */
const fractionPair: Check = (v) =>
  pair(v) === null && 0 <= (v as number[])[0]! && (v as number[])[0]! < (v as number[])[1]! && (v as number[])[1]! <= 1
    ? null
    : 'a pair of fractions [low, high] with 0 ≤ low < high ≤ 1, e.g. [0.6, 0.8]';
const nonNegative: Check = (v) => (isNum(v) === null && (v as number) >= 0 ? null : 'a number ≥ 0');

const PARAM_CHECKS: Record<keyof ProfileParams, Check> = {
  wExec: nonNegative,
  level1Default: (v) =>
    v !== null && typeof v === 'object' && !Array.isArray(v) && Object.values(v).every((x) => typeof x === 'number')
      ? null
      : 'a map of 一级指标 name to weight, e.g. {产出指标: 50}',
  indicatorWTotal: nonNegative,
  totalIncludesExec: isBool,
  rateBasis: oneOf('full', 'initial'),
  execScore: oneOf('capped-linear'),
  execExplainBelow: (v) => (v === null || (typeof v === 'number' && v > 0 && v <= 1) ? null : 'a fraction such as 0.9 (not 90), or null'),
  explainBudgetAdjustment: isBool,
  execScoredSubrows: (v) => (v === 'no' || v === 'tolerated' || v === false ? null : 'one of "no", "tolerated"'),
  qualTiers: (v) => {
    if (v === null || typeof v !== 'object') return 'an object {achieved, partial, not} of [low, high] pairs';
    const o = v as Record<string, unknown>;
    return ['achieved', 'partial', 'not'].every((k) => fractionPair(o[k]) === null)
      ? null
      : 'an object {achieved, partial, not} of [low, high] fraction pairs (0 ≤ low < high ≤ 1)';
  },
  basicRange: fractionPair,
  overachieveRatio: (v) => (typeof v === 'number' && v >= 1 && v < 10 ? null : 'a ratio of at least 1 such as 1.3 (not 130)'),
  overachieveSeverity: oneOf('error', 'warning', 'info'),
  scoreRounding: oneOf('floor-to-round-half-up'),
  gradeBands: (v) => (gradeBandsOf(v) ? null : GRADE_BANDS_EXPECTED),
};

const GRADE_BANDS_EXPECTED =
  'a map of grade to its lowest score on a 100-point scale, one of them 0, e.g. {优: 90, 良: 80, 中: 60, 差: 0} (or a list [{grade, min}])';

/** Grade bands as written ({优: 90, …} or [{grade: 优, min: 90}, …]), highest first; null when unusable. */
function gradeBandsOf(value: unknown): GradeBand[] | null {
  let bands: GradeBand[];
  if (Array.isArray(value)) {
    if (!value.every((b) => b !== null && typeof b === 'object' && typeof b.grade === 'string' && typeof b.min === 'number')) return null;
    bands = value.map((b) => ({ grade: b.grade as string, min: b.min as number }));
  } else if (value !== null && typeof value === 'object') {
    bands = Object.entries(value as Record<string, unknown>).map(([grade, min]) => ({ grade, min: min as number }));
  } else return null;
  if (bands.length === 0) return null;
  if (!bands.every((b) => b.grade.trim() !== '' && typeof b.min === 'number' && Number.isFinite(b.min) && b.min >= 0 && b.min <= 100)) return null;
  if (new Set(bands.map((b) => b.grade)).size !== bands.length || new Set(bands.map((b) => b.min)).size !== bands.length) return null;
  if (!bands.some((b) => b.min === 0)) return null;
  return [...bands].sort((a, b) => b.min - a.min);
}

function knownRuleIds(): Set<string> {
  return new Set(allRules.map((r) => r.meta.id));
}

/** The text of a profile file (JSON, else YAML) as an object. */
export function parseProfileText(text: string): Record<string, unknown> {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    try {
      data = parseYaml(text);
    } catch (e) {
      throw new ProfileError(`profile file is neither valid JSON nor YAML: ${(e as Error).message}`);
    }
  }
  if (data === null || typeof data !== 'object' || Array.isArray(data)) throw new ProfileError('a profile file must hold an object');
  return data as Record<string, unknown>;
}

/**
 * A built-in name, the text of a profile file, or a parsed user profile (JSON or YAML parsed by the CLI):
 * `{ extends: "hunan-2021", name?, description?, params: {…partial}, severities: {ruleId: sev}, disabled: [ruleId] }`.
 * Throws ProfileError with a message naming what is wrong.
 */
export function resolveProfile(nameOrSpec: string | Record<string, unknown>): Profile {
  if (typeof nameOrSpec === 'string') {
    const found = builtinProfiles[nameOrSpec];
    if (!found && /[:{\n]/.test(nameOrSpec)) return resolveProfile(parseProfileText(nameOrSpec));
    if (!found) throw new ProfileError(`unknown profile "${nameOrSpec}"; built-in profiles: ${Object.keys(builtinProfiles).join(', ')}`);
    return found;
  }
  const spec = nameOrSpec;
  if (spec === null || typeof spec !== 'object' || Array.isArray(spec)) throw new ProfileError('a profile file must hold an object');
  const allowed = new Set(['extends', 'name', 'description', 'params', 'severities', 'disabled']);
  for (const key of Object.keys(spec)) {
    if (!allowed.has(key)) throw new ProfileError(`unknown key "${key}" in profile file; allowed: ${[...allowed].join(', ')}`);
  }
  const baseName = spec.extends ?? 'central-2020';
  if (typeof baseName !== 'string' || !builtinProfiles[baseName]) {
    throw new ProfileError(`profile extends unknown base "${String(baseName)}"; built-in profiles: ${Object.keys(builtinProfiles).join(', ')}`);
  }
  const base = builtinProfiles[baseName];

  const params: ProfileParams = { ...base.params };
  const rawParams = spec.params ?? {};
  if (rawParams === null || typeof rawParams !== 'object' || Array.isArray(rawParams)) throw new ProfileError('"params" must be an object');
  const given = new Set<keyof ProfileParams>();
  for (const [key, value] of Object.entries(rawParams as Record<string, unknown>)) {
    const target = PARAM_ALIASES[key];
    if (!target) throw new ProfileError(`unknown parameter "${key}"; known parameters: ${Object.keys(PARAM_ALIASES).filter((k) => k.includes('_')).join(', ')}`);
    const problem = PARAM_CHECKS[target](value);
    if (problem) throw new ProfileError(`parameter "${key}" must be ${problem}; got ${JSON.stringify(value)}`);
    (params as unknown as Record<string, unknown>)[target] =
      target === 'execScoredSubrows' && value === false ? 'no' : target === 'gradeBands' ? gradeBandsOf(value) : value;
    given.add(target);
  }
  // RULES.md §3: indicator_w_total is what total_w (100 in every built-in) leaves to the indicators:
  // total_w − w_exec while 总分 includes the execution item (a w_exec of 20 leaves 80), the whole
  // total_w without it. A given indicator_w_total is kept.
  if (!given.has('indicatorWTotal')) {
    const totalW = base.params.indicatorWTotal + (base.params.totalIncludesExec ? base.params.wExec : 0);
    params.indicatorWTotal = params.totalIncludesExec ? totalW - params.wExec : totalW;
  }

  const ids = knownRuleIds();
  const severities: Record<string, 'error' | 'warning' | 'info'> = { ...base.severities };
  const rawSev = spec.severities ?? {};
  if (rawSev === null || typeof rawSev !== 'object' || Array.isArray(rawSev)) throw new ProfileError('"severities" must be a map of rule id to error/warning/info');
  for (const [rule, sev] of Object.entries(rawSev as Record<string, unknown>)) {
    if (!ids.has(rule)) throw new ProfileError(`unknown rule id "${rule}" in severities`);
    const parsed = SeveritySchema.safeParse(sev);
    if (!parsed.success) throw new ProfileError(`severity of "${rule}" must be error, warning or info; got ${JSON.stringify(sev)}`);
    severities[rule] = parsed.data;
  }
  const rawDisabled = spec.disabled ?? [];
  if (!Array.isArray(rawDisabled) || !rawDisabled.every((x) => typeof x === 'string')) throw new ProfileError('"disabled" must be a list of rule ids');
  for (const rule of rawDisabled) if (!ids.has(rule)) throw new ProfileError(`unknown rule id "${rule}" in disabled`);

  const name = spec.name ?? `${baseName}+custom`;
  if (typeof name !== 'string') throw new ProfileError('"name" must be a string');
  const description =
    typeof spec.description === 'string'
      ? { zh: spec.description, en: spec.description }
      : { zh: `基于${baseName}的自定义口径`, en: `custom profile extending ${baseName}` };
  return { name, extends: baseName, description, params, severities, disabled: [...base.disabled, ...rawDisabled] };
}

const FAMILY_PROFILE: Record<string, string> = { 'hunan-dept': 'hunan-2021', sichuan: 'sichuan-2023' };
const SPECIFICITY: Record<string, number> = { 'central-2020': 0, 'hunan-2021': 1, 'sichuan-2023': 2 };

/** The most specific profile the forms propose (hunan-dept → hunan-2021, sichuan → sichuan-2023, else central-2020). */
export function proposeProfile(forms: Form[]): string {
  let best = 'central-2020';
  for (const form of forms) {
    const proposed = FAMILY_PROFILE[form.family] ?? 'central-2020';
    if (SPECIFICITY[proposed] > SPECIFICITY[best]) best = proposed;
  }
  return best;
}
