import type { Finding, Form, FormKind, Location, Severity } from '@jxaudit/model';

export type Lang = 'zh' | 'en';

/** Scoring conventions that differ between provinces and years (RULES.md §3). */
export interface ProfileParams {
  /** Weight of the budget-execution item (分值 of 年度资金总额). */
  wExec: number;
  /** Default 一级 weights, by 一级 name without its weight ("产出指标" → 50). Empty: not fixed. */
  level1Default: Record<string, number>;
  /** Σ indicator weights expected when total_includes_exec (else total_w). */
  indicatorWTotal: number;
  totalIncludesExec: boolean;
  /** Denominator of the execution rate: 全年预算数 (full) or 年初预算数 (initial). */
  rateBasis: 'full' | 'initial';
  /** Execution score formula: w_exec × min(rate, 1). */
  execScore: 'capped-linear';
  /** Rate below which a reason is required; null: none. */
  execExplainBelow: number | null;
  explainBudgetAdjustment: boolean;
  /** Whether 其中 rows may carry their own 分值/得分: tolerated → info, no → warning. */
  execScoredSubrows: 'no' | 'tolerated';
  /** Qualitative tiers as [low, high) fractions of w; ACHIEVED includes 1. */
  qualTiers: { achieved: [number, number]; partial: [number, number]; not: [number, number] };
  /** BASIC tier range [low, high): never full marks. */
  basicRange: [number, number];
  overachieveRatio: number;
  /** Severity of overachievement-unexplained (info; warning under a Guangxi-like profile). */
  overachieveSeverity: Severity;
  /** Accept s in [floor_p(e), round_half_up_p(e)]. */
  scoreRounding: 'floor-to-round-half-up';
}

export interface Profile {
  name: string;
  /** The built-in profile this one extends, or null for a built-in. */
  extends: string | null;
  description: { zh: string; en: string };
  params: ProfileParams;
  /** Rule id → severity override. */
  severities: Record<string, Severity>;
  /** Rule ids switched off. */
  disabled: string[];
}

/** One file of a submission with its recognised forms. */
export interface SubmissionDoc {
  file: string;
  forms: Form[];
}

/** A reference to one form of the submission. */
export interface FormRef {
  doc: number;
  form: number;
}

/** Approved performance targets (批复绩效目标) supplied by the bureau — see targets.ts for the file format. */
export interface ApprovedTargets {
  entries: ApprovedTargetEntry[];
}
export interface ApprovedTargetEntry {
  unit: string | null;
  year: number | null;
  projectName: string | null;
  kind: FormKind | null;
  indicators: { level1?: string; level2?: string; name: string; target: string; points: number | null }[];
}

/** What a rule reports; the engine fills severity defaults, language, fingerprint and the file split. */
export interface FindingDraft {
  /** Overrides the rule's default severity (rules with error/warning/info variants). */
  severity?: Severity;
  /** The form the finding belongs to; null for a submission-level finding. */
  form: FormRef | null;
  message: { zh: string; en: string };
  declared: number | null;
  computed: number | null;
  at: Location[];
  detail: Record<string, unknown>;
}

export interface RuleContext {
  docs: SubmissionDoc[];
  profile: Profile;
  targets: ApprovedTargets | null;
  /** Every form of the submission with its reference, in document order. */
  forms(): { ref: FormRef; form: Form; file: string }[];
  report(draft: FindingDraft): void;
}

export interface RuleMeta {
  id: string;
  defaultSeverity: Severity;
  /** Form kinds it reads. */
  kinds: FormKind[];
  /** Profiles it applies to; undefined: every profile. */
  profiles?: string[];
  /** Short title, for lists and the HTML page. */
  title: { zh: string; en: string };
  /** One line: what the rule checks. */
  description: { zh: string; en: string };
}

export interface Rule {
  meta: RuleMeta;
  check(ctx: RuleContext): void;
}

export interface ScoreInput {
  docs: SubmissionDoc[];
  profile: Profile;
  lang: Lang;
  targets?: ApprovedTargets | null;
  /** Findings kept per rule (the rest are counted in `truncated`); default: all. */
  maxFindingsPerRule?: number;
}

export interface ScoreResult {
  /** Per doc (same order as input), that file's findings, sorted: errors, warnings, infos; then document order. */
  findings: Finding[][];
  /** Rules that threw (a bug): the submission was checked without them. */
  ruleFailures: { rule: string; message: string }[];
  /** Rules that reported more than `maxFindingsPerRule`: how many, how many kept. */
  truncated: { rule: string; total: number; kept: number }[];
}
