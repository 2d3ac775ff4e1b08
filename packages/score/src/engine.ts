import { createHash } from 'node:crypto';
import type { Finding, Form, Location, Severity } from '@jxaudit/model';
import { allRules } from './registry.ts';
import type { FindingDraft, FormRef, Profile, Rule, RuleContext, ScoreInput, ScoreResult } from './types.ts';

const SEVERITY_RANK: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

/** Whether a rule runs under a profile: listed for it (or for the built-in it extends) and not disabled. */
export function ruleEnabled(rule: Rule, profile: Profile): boolean {
  if (profile.disabled.includes(rule.meta.id)) return false;
  const applies = rule.meta.profiles;
  if (!applies) return true;
  return applies.includes(profile.name) || (profile.extends !== null && applies.includes(profile.extends));
}

/** Stable across runs and machines: rule, unit, year, form kind, and the texts and grid positions of `at`. */
export function fingerprint(rule: string, form: Form | null, at: Location[], fallback: { unit: string | null; year: number | null }): string {
  const payload = JSON.stringify([
    rule,
    form?.unit ?? fallback.unit,
    form?.year ?? fallback.year,
    form?.kind ?? null,
    at.map((l) => [l.text, l.table, l.row, l.col, l.line, l.paragraph]),
  ]);
  return createHash('sha256').update(payload).digest('hex');
}

function documentRow(l: Location | undefined): number {
  if (!l) return Number.MAX_SAFE_INTEGER;
  return (l.table ?? 0) * 1_000_000 + (l.row ?? l.line ?? l.paragraph ?? 0);
}

/** Runs the profile's enabled rules over one submission (RULES.md §4; REPORT.md Finding). */
export function scoreSubmission(input: ScoreInput, rules: Rule[] = allRules): ScoreResult {
  const { docs, profile, lang } = input;
  const allForms = docs.flatMap((d, doc) => d.forms.map((form, i) => ({ ref: { doc, form: i } as FormRef, form, file: d.file })));
  const submissionUnit = allForms.find((f) => f.form.unit)?.form.unit ?? null;
  const submissionYear = allForms.find((f) => f.form.year !== null)?.form.year ?? null;

  const collected: { finding: Finding; doc: number; order: number }[] = [];
  const ruleFailures: ScoreResult['ruleFailures'] = [];
  const truncated: ScoreResult['truncated'] = [];
  const maxPerRule = input.maxFindingsPerRule ?? Number.POSITIVE_INFINITY;
  for (const rule of rules) {
    if (!ruleEnabled(rule, profile)) continue;
    if (!allForms.some((f) => rule.meta.kinds.includes(f.form.kind))) continue;
    const drafts: FindingDraft[] = [];
    const ctx: RuleContext = {
      docs,
      profile,
      targets: input.targets ?? null,
      forms: () => allForms,
      report: (draft) => drafts.push(draft),
    };
    try {
      rule.check(ctx);
    } catch (err) {
      // A rule that throws is a bug; the other rules and the other documents still get checked.
      ruleFailures.push({ rule: rule.meta.id, message: err instanceof Error ? err.message : String(err) });
      continue;
    }
    if (drafts.length > maxPerRule) {
      // A bound per rule: no input can make one rule write a report of hundreds of megabytes.
      truncated.push({ rule: rule.meta.id, total: drafts.length, kept: maxPerRule });
      drafts.length = maxPerRule;
    }
    for (const draft of drafts) {
      const severity = profile.severities[rule.meta.id] ?? draft.severity ?? rule.meta.defaultSeverity;
      const form = draft.form ? docs[draft.form.doc]?.forms[draft.form.form] ?? null : null;
      // A finding lives in the report of the file of its first location.
      const firstFile = draft.at[0]?.file;
      let doc = firstFile !== undefined ? docs.findIndex((d) => d.file === firstFile) : -1;
      if (doc < 0) doc = draft.form?.doc ?? 0;
      const formIndex = draft.form && draft.form.doc === doc ? draft.form.form : null;
      const detail = { ...draft.detail };
      if (draft.form && draft.form.doc !== doc) detail.formFile = docs[draft.form.doc]?.file;
      collected.push({
        doc,
        order: collected.length,
        finding: {
          rule: rule.meta.id,
          severity,
          form: formIndex,
          message: draft.message[lang],
          declared: draft.declared,
          computed: draft.computed,
          at: draft.at,
          detail,
          fingerprint: fingerprint(rule.meta.id, form, draft.at, { unit: submissionUnit, year: submissionYear }),
        },
      });
    }
  }

  const findings: Finding[][] = docs.map(() => []);
  const perDoc = docs.map(() => [] as typeof collected);
  for (const c of collected) perDoc[c.doc]?.push(c);
  perDoc.forEach((list, i) => {
    list.sort(
      (a, b) =>
        SEVERITY_RANK[a.finding.severity] - SEVERITY_RANK[b.finding.severity] ||
        (a.finding.form ?? Number.MAX_SAFE_INTEGER) - (b.finding.form ?? Number.MAX_SAFE_INTEGER) ||
        documentRow(a.finding.at[0]) - documentRow(b.finding.at[0]) ||
        a.order - b.order,
    );
    findings[i] = list.map((c) => c.finding);
  });
  return { findings, ruleFailures, truncated };
}
