/**
 * A compact builder of hand-made forms for rule tests: department, project and report forms with
 * money rows, composition lines, indicators, totals and narrative facts. Figures may be given as
 * printed text ("1461.60") so that their printed decimals are kept, or as numbers.
 */
import {
  location,
  parseRate,
  parseValue,
  type Fact,
  type FactKey,
  type Form,
  type FundRow,
  type Indicator,
  type Location,
  type NarrativeQuantity,
} from '@jxaudit/model';
import { builtinProfiles, resolveProfile } from '../../src/profiles.ts';
import { scoreSubmission } from '../../src/engine.ts';
import type { FindingDraft, Profile, Rule, RuleContext, SubmissionDoc, ApprovedTargets, Lang } from '../../src/types.ts';
import type { Finding } from '@jxaudit/model';

export const FILE = 'yanfeng-2021.txt';

/** A printed figure: text keeps its decimals ("1461.60"), a number is printed as JS prints it. */
export type Printed = number | string | null | undefined;

function num(p: Printed): number | null {
  if (p === null || p === undefined || p === '') return null;
  return typeof p === 'number' ? p : Number(p.replace(/,/g, ''));
}
function text(p: Printed): string {
  return p === null || p === undefined ? '' : String(p);
}

export function cell(file: string, table: number, row: number, col: number, t: string): Location {
  return location({ file, table, row, col, text: t });
}

export interface FundRowSpec {
  label: string;
  role?: 'total' | 'part';
  init?: Printed;
  full?: Printed;
  exec?: Printed;
  points?: Printed;
  /** As printed: "133.86%". */
  rate?: string | null;
  score?: Printed;
  reason?: string | null;
}

export interface IndicatorSpec {
  level1: string;
  level1Points?: number | null;
  level2?: string;
  name: string;
  target: string;
  actual: string;
  points: Printed;
  score: Printed;
  reason?: string;
}

export interface FactSpec {
  key: FactKey;
  label: string;
  /** As printed: "3582.30万元", "7.39%". */
  raw: string;
  sentence?: string;
  group?: number | null;
  completeList?: boolean;
  direction?: 'increase' | 'decrease';
}

export interface FormSpec {
  kind?: Form['kind'];
  family?: Form['family'];
  title?: string;
  year?: number | null;
  unit?: string | null;
  projectName?: string | null;
  implementer?: string | null;
  file?: string;
  table?: number;
  funds?: FundRowSpec[];
  byIncome?: [string, Printed][];
  byExpense?: [string, Printed][];
  indicators?: IndicatorSpec[];
  totals?: { points: Printed; score: Printed } | null;
  facts?: FactSpec[];
  /** Narrative sentences as quantities (context "", the sentence as at.text). */
  sentences?: string[];
}

const FUND_COLS = { label: 0, budgetInitial: 1, budgetFull: 2, executed: 3, points: 4, rate: 5, score: 6, reason: 7 } as const;
const IND_COLS = { level1: 0, level2: 1, name: 2, target: 3, actual: 4, points: 5, score: 6, reason: 7 } as const;

/** Builds one form; grid rows are numbered in order: money rows first, then composition, indicators, totals. */
export function buildForm(spec: FormSpec): Form {
  const kind = spec.kind ?? 'project';
  const file = spec.file ?? FILE;
  const table = spec.table ?? (kind === 'department-overall' ? 0 : 1);
  let row = 2;
  const c = (r: number, col: number, t: string) => cell(file, table, r, col, t);
  const opt = (r: number, col: number, p: Printed) => (num(p) === null ? null : c(r, col, text(p)));

  const funds: FundRow[] = (spec.funds ?? []).map((f, i) => {
    const r = row++;
    const rate = f.rate ? parseRate(f.rate) : null;
    return {
      label: f.label,
      role: f.role ?? (i === 0 ? 'total' : 'part'),
      budgetInitial: num(f.init),
      budgetFull: num(f.full),
      executed: num(f.exec),
      points: num(f.points),
      rate,
      score: num(f.score),
      reason: f.reason ?? null,
      at: c(r, FUND_COLS.label, f.label),
      cells: {
        budgetInitial: opt(r, FUND_COLS.budgetInitial, f.init),
        budgetFull: opt(r, FUND_COLS.budgetFull, f.full),
        executed: opt(r, FUND_COLS.executed, f.exec),
        points: opt(r, FUND_COLS.points, f.points),
        rate: f.rate ? c(r, FUND_COLS.rate, f.rate) : null,
        score: opt(r, FUND_COLS.score, f.score),
        reason: f.reason ? c(r, FUND_COLS.reason, f.reason) : null,
      },
    };
  });

  const line = ([label, amount]: [string, Printed]) => {
    const r = row++;
    const t = text(amount);
    return { label, amount: num(amount) ?? 0, decimals: t.includes('.') ? t.length - t.indexOf('.') - 1 : 0, at: c(r, 1, t) };
  };
  const composition =
    spec.byIncome || spec.byExpense ? { byIncome: (spec.byIncome ?? []).map(line), byExpense: (spec.byExpense ?? []).map(line) } : null;

  const indicators: Indicator[] = (spec.indicators ?? []).map((s) => {
    const r = row++;
    const level1Cell = `${s.level1}${s.level1Points == null ? '' : `(${s.level1Points}分)`}`;
    return {
      level1: s.level1,
      level1Points: s.level1Points ?? null,
      level2: s.level2 ?? '',
      name: s.name,
      target: parseValue(s.target),
      actual: parseValue(s.actual),
      points: num(s.points),
      score: num(s.score),
      reason: s.reason ?? '',
      at: c(r, IND_COLS.name, s.name),
      cells: {
        level1: c(r, IND_COLS.level1, level1Cell),
        level2: s.level2 ? c(r, IND_COLS.level2, s.level2) : null,
        name: c(r, IND_COLS.name, s.name),
        target: c(r, IND_COLS.target, s.target),
        actual: c(r, IND_COLS.actual, s.actual),
        points: opt(r, IND_COLS.points, s.points),
        score: opt(r, IND_COLS.score, s.score),
        reason: c(r, IND_COLS.reason, s.reason ?? ''),
      },
    };
  });

  let totals: Form['totals'] = null;
  if (spec.totals) {
    const r = row++;
    totals = {
      points: num(spec.totals.points),
      score: num(spec.totals.score),
      at: c(r, 0, '总分'),
      cells: { points: opt(r, IND_COLS.points, spec.totals.points), score: opt(r, IND_COLS.score, spec.totals.score) },
    };
  }

  const facts: Fact[] = (spec.facts ?? []).map((f, i) => {
    const v = parseValue(f.raw);
    const sentence = f.sentence ?? `${f.label}${f.raw}`;
    return {
      key: f.key,
      label: f.label,
      value: v.kind === 'percent' ? Number(/[\d.]+/.exec(f.raw)![0]) : (v.value as number),
      unit: v.unit,
      approx: v.approx,
      raw: f.raw,
      decimals: v.decimals ?? 0,
      group: f.group ?? null,
      ...(f.completeList !== undefined ? { completeList: f.completeList } : {}),
      ...(f.direction ? { direction: f.direction } : {}),
      at: location({ file, paragraph: 10 + i, text: sentence }),
    };
  });
  const quantities: NarrativeQuantity[] = (spec.sentences ?? []).map((s, i) => ({
    context: '',
    value: parseValue(s),
    at: location({ file, paragraph: 100 + i, text: s }),
  }));

  const title =
    spec.title ??
    (kind === 'department-overall' ? '部门整体支出绩效自评表' : kind === 'project' ? '专项资金绩效自评表' : '2021年度雁峰街道绩效评价报告');
  return {
    kind,
    family: spec.family ?? (kind === 'report' ? 'report' : 'hunan-dept'),
    title,
    year: spec.year === undefined ? 2021 : spec.year,
    unit: spec.unit === undefined ? (kind === 'report' ? null : '雁峰区雁峰街道办事处') : spec.unit,
    implementer: spec.implementer ?? null,
    projectName: spec.projectName ?? (kind === 'project' ? '基层政权建设和社区治理' : null),
    tables: kind === 'report' ? [] : [table],
    funds,
    composition,
    goals: { expected: [], actual: [] },
    indicators,
    totals,
    facts,
    quantities,
    rateClaims: [],
    malformed: [],
    at: kind === 'report' ? location({ file, paragraph: 0, text: title }) : c(0, 0, title),
  };
}

export const departmentForm = (spec: Omit<FormSpec, 'kind'> = {}) => buildForm({ ...spec, kind: 'department-overall' });
export const projectForm = (spec: Omit<FormSpec, 'kind'> = {}) => buildForm({ ...spec, kind: 'project' });
export const reportForm = (spec: Omit<FormSpec, 'kind'> = {}) => buildForm({ ...spec, kind: 'report' });

/** A profile by name, or a user profile object. */
export function profile(nameOrSpec: string | Record<string, unknown> = 'hunan-2021'): Profile {
  return typeof nameOrSpec === 'string' && builtinProfiles[nameOrSpec] ? builtinProfiles[nameOrSpec] : resolveProfile(nameOrSpec);
}

/** Runs one rule's check over forms (one file, or several files as [file, forms] pairs) and returns its drafts. */
export function runRule(
  rule: Rule,
  forms: Form[] | SubmissionDoc[],
  options: { profile?: Profile | string; targets?: ApprovedTargets | null } = {},
): FindingDraft[] {
  const docs: SubmissionDoc[] = isDocs(forms) ? forms : [{ file: FILE, forms }];
  const drafts: FindingDraft[] = [];
  const all = docs.flatMap((d, doc) => d.forms.map((form, i) => ({ ref: { doc, form: i }, form, file: d.file })));
  const ctx: RuleContext = {
    docs,
    profile: typeof options.profile === 'object' ? options.profile : profile(options.profile ?? 'hunan-2021'),
    targets: options.targets ?? null,
    forms: () => all,
    report: (d) => drafts.push(d),
  };
  rule.check(ctx);
  return drafts;
}

function isDocs(x: Form[] | SubmissionDoc[]): x is SubmissionDoc[] {
  return x.length > 0 && 'file' in x[0] && 'forms' in x[0];
}

/** Scores forms through the engine with the full registry and returns that file's findings. */
export function score(forms: Form[], options: { profile?: Profile | string; lang?: Lang; targets?: ApprovedTargets | null } = {}): Finding[] {
  const p = typeof options.profile === 'object' ? options.profile : profile(options.profile ?? 'hunan-2021');
  return scoreSubmission({ docs: [{ file: FILE, forms }], profile: p, lang: options.lang ?? 'zh', targets: options.targets ?? null }).findings[0];
}

/** The severity a draft ends up with under a rule's default. */
export function severityOf(rule: Rule, d: FindingDraft): string {
  return d.severity ?? rule.meta.defaultSeverity;
}
