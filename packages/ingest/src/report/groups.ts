import type { Finding, Severity } from '@jxaudit/model';

/*
 * How the page and the terminal summary group findings: one group per rule (the sample's 23
 * 偏差原因 findings are one group), within it one part per form (the findings of one rule in
 * one form), each part showing its first rows and the rest on demand. Pure.
 */

export interface GroupPart {
  /** `g-<rule>-f<form>` (`-fs` for findings on the submission). */
  id: string;
  form: number | null;
  severity: Severity;
  /** The findings with their index in the report, in report order. */
  items: { finding: Finding; index: number }[];
}

export interface FindingGroup {
  /** `g-<rule>`, stable within a report. */
  id: string;
  rule: string;
  /** The worst severity among its findings. */
  severity: Severity;
  count: number;
  counts: Record<Severity, number>;
  /** By form, in form order; the submission's findings last. */
  parts: GroupPart[];
}

export const SEVERITY_RANK: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

/** The rows of a part shown before "展开" (the terminal's "另有N条"). */
export const FIRST_ROWS = 3;

function idPart(rule: string): string {
  return rule.replace(/[^A-Za-z0-9_-]/g, '_');
}

const worse = (a: Severity, b: Severity): Severity => (SEVERITY_RANK[a] <= SEVERITY_RANK[b] ? a : b);

/** Groups in reading order: worst severity first, then where the rule first appears in the report. */
export function groupFindings(findings: readonly Finding[]): FindingGroup[] {
  const byRule = new Map<string, FindingGroup & { first: number; byForm: Map<string, GroupPart> }>();
  findings.forEach((finding, index) => {
    let group = byRule.get(finding.rule);
    if (!group) {
      const id = `g-${idPart(finding.rule)}`;
      group = { id, rule: finding.rule, severity: finding.severity, count: 0, counts: { error: 0, warning: 0, info: 0 }, parts: [], first: index, byForm: new Map() };
      byRule.set(finding.rule, group);
    }
    group.count++;
    group.counts[finding.severity]++;
    group.severity = worse(group.severity, finding.severity);
    const formKey = finding.form === null ? 's' : String(finding.form);
    let part = group.byForm.get(formKey);
    if (!part) {
      part = { id: `${group.id}-f${formKey}`, form: finding.form, severity: finding.severity, items: [] };
      group.byForm.set(formKey, part);
    }
    part.items.push({ finding, index });
    part.severity = worse(part.severity, finding.severity);
  });
  return [...byRule.values()]
    .sort((a, b) => SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] || a.first - b.first)
    .map(({ first: _first, byForm, ...group }) => ({
      ...group,
      parts: [...byForm.values()].sort((a, b) => (a.form ?? Number.MAX_SAFE_INTEGER) - (b.form ?? Number.MAX_SAFE_INTEGER)),
    }));
}
