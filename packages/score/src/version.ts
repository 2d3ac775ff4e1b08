import { viewOf, type Finding, type VersionPlan } from '@jxaudit/model';
import { scoreSubmission } from './engine.ts';
import { allRules } from './registry.ts';
import type { ApprovedTargets, Lang, Profile, Rule, ScoreResult } from './types.ts';

/** Bounds per submission: no input can make a version cost more than this, or write a report of hundreds of megabytes. */
export interface VersionLimits {
  /** Distinct current forms checked; the others (latest arrivals) are left out, with a warning. */
  maxForms: number;
  /** Findings kept per rule and scoring. */
  maxFindingsPerRule: number;
}

export const DEFAULT_LIMITS: VersionLimits = { maxForms: 500, maxFindingsPerRule: 500 };

export interface VersionScoreInput {
  plan: VersionPlan;
  profile: Profile;
  lang: Lang;
  targets?: ApprovedTargets | null;
  limits?: Partial<VersionLimits>;
}

export interface VersionScore {
  /** Per planned document (the plan's order): the findings of its report. */
  findings: Finding[][];
  /** The version's findings, each once, with the planned document whose report holds it. */
  canonical: { doc: number; finding: Finding }[];
  ruleFailures: ScoreResult['ruleFailures'];
  truncated: ScoreResult['truncated'];
  /** Current forms left out by `maxForms` (0 when none). */
  formsLeftOut: number;
  /** Current forms checked. */
  formsChecked: number;
}

type Pointer = { doc: number; form: number };

/**
 * Scores one version of a submission (docs/submissions.md): once over its current forms (the
 * version's findings, each once), and once more for each document that holds a copy or an
 * earlier version of a form, over the current forms with that document's own forms in their
 * place, so that its report shows its own cells. The cross-checks compare each form with the
 * current form of the other kinds, never with every copy: the cost grows with the documents,
 * times the current forms (bounded by `maxForms`).
 */
export function scoreVersion(input: VersionScoreInput, rules: Rule[] = allRules): VersionScore {
  const { plan } = input;
  const limits = { ...DEFAULT_LIMITS, ...input.limits };
  const checked = new Set(plan.current.slice(0, limits.maxForms).map((p) => `${p.doc}:${p.form}`));
  const formsLeftOut = Math.max(0, plan.current.length - limits.maxForms);
  const ruleFailures = new Map<string, string>();
  const truncated = new Map<string, ScoreResult['truncated'][number]>();

  const run = (pointers: Pointer[]) => {
    // One scoring document per planned document, in path order (arrival order must not change a
    // finding); finding.form indices are mapped back to the document's own form indices.
    const byDoc = new Map<number, number[]>();
    for (const p of pointers) byDoc.set(p.doc, [...(byDoc.get(p.doc) ?? []), p.form]);
    const order = [...byDoc.keys()].sort((a, b) => {
      const x = plan.documents[a].input.path;
      const y = plan.documents[b].input.path;
      return x < y ? -1 : x > y ? 1 : a - b;
    });
    const docs = order.map((d) => {
      const forms = byDoc.get(d)!.sort((a, b) => a - b);
      return { doc: d, indices: forms, file: plan.documents[d].input.path, forms: forms.map((f) => plan.documents[d].input.forms[f]) };
    });
    const result = scoreSubmission(
      { docs: docs.map(({ file, forms }) => ({ file, forms })), profile: input.profile, lang: input.lang, targets: input.targets ?? null, maxFindingsPerRule: limits.maxFindingsPerRule },
      rules,
    );
    for (const f of result.ruleFailures) ruleFailures.set(f.rule, f.message);
    for (const t of result.truncated) {
      const seen = truncated.get(t.rule);
      if (!seen || seen.total < t.total) truncated.set(t.rule, t);
    }
    const perDoc = new Map<number, Finding[]>();
    docs.forEach(({ doc, indices }, k) => {
      perDoc.set(
        doc,
        result.findings[k].map((f) => (f.form === null ? f : { ...f, form: indices[f.form] ?? null })),
      );
    });
    return perDoc;
  };

  const base = run(plan.current.filter((p) => checked.has(`${p.doc}:${p.form}`)));
  const canonical: VersionScore['canonical'] = [];
  for (const [doc, list] of [...base.entries()].sort((a, b) => a[0] - b[0])) for (const finding of list) canonical.push({ doc, finding });

  const findings = plan.documents.map((d, i) => {
    if (d.forms.every((f) => f.role === 'current')) return base.get(i) ?? [];
    const view = viewOf(plan, i).filter((p) => p.doc === i || checked.has(`${p.doc}:${p.form}`));
    return run(view).get(i) ?? [];
  });

  return {
    findings,
    canonical,
    ruleFailures: [...ruleFailures].map(([rule, message]) => ({ rule, message })),
    truncated: [...truncated.values()],
    formsLeftOut,
    formsChecked: Math.min(plan.current.length, limits.maxForms),
  };
}
