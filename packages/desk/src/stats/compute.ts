import type { FormKind, Severity } from '@jxaudit/model';
import { ruleById } from '@jxaudit/score';
import type { DecisionState, ReviewStatus } from '../store/schema.ts';

/*
 * The bureau's statistics, computed in one place from what the reports say (findings, 自评总分 and
 * 复核总分 of every form) and what the review database holds (review status, decisions). The
 * dashboard page, its .xlsx exports and `jxaudit stats` all call `computeStats`; nothing else
 * counts. Pure: the loader (load.ts) gathers its input.
 */

/** One form's scores, as the report's forms[].rescored gives them. */
export interface FormScore {
  kind: FormKind;
  title: string;
  points: number | null;
  declared: number | null;
  recomputed: number | null;
  declaredGrade: string | null;
  recomputedGrade: string | null;
}

export interface StatsFinding {
  fingerprint: string;
  rule: string;
  severity: Severity;
  kind: FormKind | null;
}

/** One submission (unit × year, its current version) as statistics see it. */
export interface SubmissionFacts {
  id: string;
  unit: string;
  year: number | null;
  district: string;
  version: number;
  findings: StatsFinding[];
  scores: FormScore[];
}

export interface StatsInput {
  submissions: SubmissionFacts[];
  /** submission id → current review status (absent: 待审). */
  statuses: Map<string, ReviewStatus>;
  /** submission id → fingerprint → current decision. */
  decisions: Map<string, Map<string, DecisionState>>;
}

export interface StatsFilter {
  year: number | null;
  /** The unit's district (区/县/市 at the start of its name; see districtOf). */
  district: string | null;
  kind: FormKind | null;
  status: ReviewStatus | null;
}

export const NO_FILTER: StatsFilter = { year: null, district: null, kind: null, status: null };

export const STATUS_ORDER: ReviewStatus[] = ['pending', 'in-review', 'returned', 'approved'];
export const STATUS_NAMES: Record<ReviewStatus, string> = { pending: '待审', 'in-review': '审核中', returned: '退回修改', approved: '审核通过' };
export const KIND_NAMES: Record<FormKind, string> = { 'department-overall': '部门整体支出绩效自评表', project: '项目支出绩效自评表', report: '绩效自评报告' };
export const GRADES = ['优', '良', '中', '差'] as const;
export const SEVERITY_NAMES: Record<Severity, string> = { error: '错误', warning: '警告', info: '提示' };
/** Findings that mark a shortfall left unexplained: an indicator missed, or points deducted, with no reason given. */
export const SHORTFALL_RULES = ['deviation-reason-missing', 'deduction-without-reason'];
export const NO_DISTRICT = '（未标明区县）';

/**
 * The district a unit belongs to, read from the start of its name: the reports carry no
 * 主管部门 or district field (the forms print only 预算部门名称), so "衡阳市雁峰区…" gives
 * 衡阳市, "雁峰区雁峰街道办事处" gives 雁峰区.
 */
export function districtOf(unit: string | null): string {
  const m = /^(.{1,9}?(?:自治州|自治县|地区|省|市|区|县|旗))/.exec(unit ?? '');
  return m && m[1]!.length >= 2 ? m[1]! : NO_DISTRICT;
}

export function ruleTitle(rule: string): string {
  return ruleById(rule)?.meta.title.zh ?? rule;
}

export interface InflationRow {
  id: string;
  unit: string;
  year: number | null;
  kind: FormKind;
  title: string;
  declared: number;
  recomputed: number;
  /** 自评总分 − 复核总分 (positive: the unit scored itself higher than its items bear out). */
  inflation: number;
  declaredGrade: string | null;
  recomputedGrade: string | null;
}

export interface GradeRow {
  grade: string;
  declared: number;
  recomputed: number;
}

export interface RuleRow {
  rule: string;
  title: string;
  /** Units (names) with at least one finding of the rule. */
  units: number;
  submissions: number;
  errors: number;
  warnings: number;
  infos: number;
  total: number;
}

export interface UnitRow {
  unit: string;
  district: string;
  submissions: number;
  errors: number;
  warnings: number;
  infos: number;
  /** Findings of SHORTFALL_RULES. */
  shortfalls: number;
}

export interface YearSeriesRow {
  /** The unit name or the rule id. */
  key: string;
  label: string;
  /** One value per `years` entry; null where the unit did not report that year. */
  values: (number | null)[];
}

export interface ProgressRow {
  status: ReviewStatus;
  label: string;
  submissions: number;
}

export interface DecisionRow {
  rule: string;
  title: string;
  confirmed: number;
  waived: number;
  needsInfo: number;
  open: number;
  total: number;
  /** waived / (confirmed + waived + needsInfo), 0 when nothing decided. */
  waivedShare: number;
}

export interface Stats {
  filter: StatsFilter;
  /** What the filters can choose from (over every submission). */
  choices: { years: number[]; districts: string[] };
  totals: { submissions: number; units: number; findings: number; errors: number; warnings: number; infos: number; shortfalls: number; inflated: number };
  /** Every scored form of the filtered submissions, most inflated first. */
  inflation: InflationRow[];
  grades: GradeRow[];
  /** Rules failing in most units first. */
  rules: RuleRow[];
  /** Units by errors (then shortfalls) descending. */
  unitsByErrors: UnitRow[];
  /** Units by unexplained shortfalls (then errors) descending. */
  unitsByShortfalls: UnitRow[];
  /** Years compared (the filter's year and the one before; every year when no year is chosen). */
  years: number[];
  /** Findings per unit and year, units that reported in at least two of `years`. */
  unitYears: YearSeriesRow[];
  /** Submissions having the rule, per year (rules found in any of `years`). */
  ruleYears: YearSeriesRow[];
  progress: ProgressRow[];
  decisions: DecisionRow[];
}

const collator = new Intl.Collator('zh-CN');
const round = (x: number) => Math.round(x * 1000) / 1000;

function keepSubmission(s: SubmissionFacts, status: ReviewStatus, f: StatsFilter, ignoreYear = false): boolean {
  return (
    (ignoreYear || f.year === null || s.year === f.year) &&
    (f.district === null || s.district === f.district) &&
    (f.status === null || status === f.status)
  );
}

function findingsOf(s: SubmissionFacts, f: StatsFilter): StatsFinding[] {
  return f.kind === null ? s.findings : s.findings.filter((x) => x.kind === f.kind);
}

export function computeStats(input: StatsInput, filter: StatsFilter = NO_FILTER): Stats {
  const statusOf = (s: SubmissionFacts) => input.statuses.get(s.id) ?? 'pending';
  const all = input.submissions;
  const subs = all.filter((s) => keepSubmission(s, statusOf(s), filter));

  // Scores.
  const inflation: InflationRow[] = [];
  for (const s of subs) {
    for (const form of s.scores) {
      if (filter.kind !== null && form.kind !== filter.kind) continue;
      if (form.declared === null || form.recomputed === null) continue;
      inflation.push({
        id: s.id,
        unit: s.unit,
        year: s.year,
        kind: form.kind,
        title: form.title,
        declared: form.declared,
        recomputed: round(form.recomputed),
        inflation: round(form.declared - form.recomputed),
        declaredGrade: form.declaredGrade,
        recomputedGrade: form.recomputedGrade,
      });
    }
  }
  inflation.sort((a, b) => b.inflation - a.inflation || collator.compare(a.unit, b.unit) || (a.year ?? 0) - (b.year ?? 0) || collator.compare(a.title, b.title));
  const grades: GradeRow[] = GRADES.map((grade) => ({
    grade,
    declared: inflation.filter((r) => r.declaredGrade === grade).length,
    recomputed: inflation.filter((r) => r.recomputedGrade === grade).length,
  }));

  // Findings by rule.
  const rules = new Map<string, RuleRow & { unitSet: Set<string> }>();
  const units = new Map<string, UnitRow>();
  let errors = 0;
  let warnings = 0;
  let infos = 0;
  let shortfalls = 0;
  for (const s of subs) {
    const unit = units.get(s.unit) ?? { unit: s.unit, district: s.district, submissions: 0, errors: 0, warnings: 0, infos: 0, shortfalls: 0 };
    units.set(s.unit, unit);
    unit.submissions++;
    const seenRules = new Set<string>();
    for (const x of findingsOf(s, filter)) {
      let row = rules.get(x.rule);
      if (!row) rules.set(x.rule, (row = { rule: x.rule, title: ruleTitle(x.rule), units: 0, submissions: 0, errors: 0, warnings: 0, infos: 0, total: 0, unitSet: new Set() }));
      row.unitSet.add(s.unit);
      if (!seenRules.has(x.rule)) row.submissions++;
      seenRules.add(x.rule);
      row.total++;
      const shortfall = SHORTFALL_RULES.includes(x.rule);
      if (shortfall) {
        unit.shortfalls++;
        shortfalls++;
      }
      if (x.severity === 'error') {
        row.errors++;
        unit.errors++;
        errors++;
      } else if (x.severity === 'warning') {
        row.warnings++;
        unit.warnings++;
        warnings++;
      } else {
        row.infos++;
        unit.infos++;
        infos++;
      }
    }
  }
  const ruleRows = [...rules.values()]
    .map(({ unitSet, ...r }) => ({ ...r, units: unitSet.size }))
    .sort((a, b) => b.units - a.units || b.submissions - a.submissions || b.total - a.total || a.rule.localeCompare(b.rule));
  const unitRows = [...units.values()];
  const unitsByErrors = [...unitRows].sort((a, b) => b.errors - a.errors || b.shortfalls - a.shortfalls || collator.compare(a.unit, b.unit));
  const unitsByShortfalls = [...unitRows].sort((a, b) => b.shortfalls - a.shortfalls || b.errors - a.errors || collator.compare(a.unit, b.unit));

  // Year over year: the other filters hold, the year filter picks the year and the one before.
  const yearPool = all.filter((s) => s.year !== null && keepSubmission(s, statusOf(s), filter, true));
  const allYears = [...new Set(yearPool.map((s) => s.year!))].sort((a, b) => a - b);
  const years = filter.year === null ? allYears : allYears.filter((y) => y === filter.year || y === filter.year! - 1);
  const byUnit = new Map<string, Map<number, number>>();
  const byRule = new Map<string, Map<number, number>>();
  for (const s of yearPool) {
    if (!years.includes(s.year!)) continue;
    const found = findingsOf(s, filter);
    const u = byUnit.get(s.unit) ?? new Map<number, number>();
    byUnit.set(s.unit, u);
    u.set(s.year!, (u.get(s.year!) ?? 0) + found.length);
    for (const rule of new Set(found.map((x) => x.rule))) {
      const r = byRule.get(rule) ?? new Map<number, number>();
      byRule.set(rule, r);
      r.set(s.year!, (r.get(s.year!) ?? 0) + 1);
    }
  }
  const unitYears = [...byUnit]
    .filter(([, m]) => m.size >= 2)
    .map(([unit, m]) => ({ key: unit, label: unit, values: years.map((y) => m.get(y) ?? null) }))
    .sort((a, b) => (b.values.at(-1) ?? 0) - (a.values.at(-1) ?? 0) || collator.compare(a.key, b.key));
  const ruleYears = [...byRule]
    .map(([rule, m]) => ({ key: rule, label: ruleTitle(rule), values: years.map((y) => m.get(y) ?? 0) }))
    .sort((a, b) => b.values.reduce((x, y) => x + (y ?? 0), 0) - a.values.reduce((x, y) => x + (y ?? 0), 0) || a.key.localeCompare(b.key));

  // Review progress and decisions.
  const progress = STATUS_ORDER.map((status) => ({ status, label: STATUS_NAMES[status], submissions: subs.filter((s) => statusOf(s) === status).length }));
  const decisions = new Map<string, DecisionRow>();
  for (const s of subs) {
    const states = input.decisions.get(s.id);
    for (const x of findingsOf(s, filter)) {
      let row = decisions.get(x.rule);
      if (!row) decisions.set(x.rule, (row = { rule: x.rule, title: ruleTitle(x.rule), confirmed: 0, waived: 0, needsInfo: 0, open: 0, total: 0, waivedShare: 0 }));
      const state = states?.get(x.fingerprint);
      if (state === 'confirmed') row.confirmed++;
      else if (state === 'waived') row.waived++;
      else if (state === 'needs-info') row.needsInfo++;
      else row.open++;
      row.total++;
    }
  }
  const decisionRows = [...decisions.values()]
    .map((r) => {
      const decided = r.confirmed + r.waived + r.needsInfo;
      return { ...r, waivedShare: decided ? round(r.waived / decided) : 0 };
    })
    .sort((a, b) => b.waivedShare - a.waivedShare || b.waived - a.waived || b.total - a.total || a.rule.localeCompare(b.rule));

  return {
    filter,
    choices: {
      years: [...new Set(all.map((s) => s.year).filter((y): y is number => y !== null))].sort((a, b) => b - a),
      districts: [...new Set(all.map((s) => s.district))].sort(collator.compare),
    },
    totals: {
      submissions: subs.length,
      units: units.size,
      findings: errors + warnings + infos,
      errors,
      warnings,
      infos,
      shortfalls,
      inflated: inflation.filter((r) => r.inflation > 0).length,
    },
    inflation,
    grades,
    rules: ruleRows,
    unitsByErrors,
    unitsByShortfalls,
    years,
    unitYears,
    ruleYears,
    progress,
    decisions: decisionRows,
  };
}

/** What a click on a chart asks for: the submissions behind a bar or a point. */
export interface Drill {
  rule?: string;
  unit?: string;
  grade?: string;
  /** 'declared' (自评等级) or 'recomputed' (复核等级) for `grade`. */
  gradeBy?: 'declared' | 'recomputed';
  decision?: DecisionState | 'open';
}

/** The ids of the submissions the filter keeps and the drill selects. */
export function drillSubmissions(input: StatsInput, filter: StatsFilter, drill: Drill): Set<string> {
  const out = new Set<string>();
  for (const s of input.submissions) {
    const status = input.statuses.get(s.id) ?? 'pending';
    if (!keepSubmission(s, status, filter)) continue;
    if (drill.unit !== undefined && s.unit !== drill.unit) continue;
    const found = findingsOf(s, filter).filter((x) => drill.rule === undefined || x.rule === drill.rule);
    if (drill.rule !== undefined && !found.length) continue;
    if (drill.decision !== undefined) {
      const states = input.decisions.get(s.id);
      if (!found.some((x) => (states?.get(x.fingerprint) ?? 'open') === drill.decision)) continue;
    }
    if (drill.grade !== undefined) {
      const by = drill.gradeBy ?? 'declared';
      const forms = s.scores.filter((f) => (filter.kind === null || f.kind === filter.kind) && f.declared !== null && f.recomputed !== null);
      if (!forms.some((f) => (by === 'declared' ? f.declaredGrade : f.recomputedGrade) === drill.grade)) continue;
    }
    out.add(s.id);
  }
  return out;
}
