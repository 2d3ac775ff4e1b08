import type { Finding, Location, Severity } from '@jxaudit/model';
import { ruleById } from '@jxaudit/score';
import { locationText } from '@jxaudit/ingest/report/text.ts';
import type { DocumentRef, DocumentReport, SubmissionEntry } from '../source/report-source.ts';
import type { CurrentDecision, DecisionState, FindingSnapshot } from '../store/index.ts';

/*
 * A submission under review: its current findings with their decisions, and what the decisions
 * say across versions. Decisions are keyed by finding fingerprint within the submission, so a
 * finding that reappears in a later version keeps its decision:
 *  - confirmed on an earlier version and still there → 仍未整改;
 *  - confirmed and no longer there → 已整改;
 *  - waived (不是问题) stays waived; 待补充材料 stays until decided again.
 */

export type Carry = 'still-open' | 'carried' | null;

export interface ReviewedFinding {
  fingerprint: string;
  finding: Finding;
  doc: DocumentRef;
  /** Index of the form in its report (for labels). */
  decision: CurrentDecision | null;
  /** still-open: confirmed on an earlier version and still present; carried: another decision of an earlier version. */
  carry: Carry;
  /** Not in the version before (only when there is one). */
  isNew: boolean;
}

export interface GoneFinding {
  fingerprint: string;
  decision: CurrentDecision;
  /** Confirmed and gone: 已整改. Otherwise just no longer reported. */
  fixed: boolean;
}

export interface RuleGroup {
  rule: string;
  title: string;
  severity: Severity;
  findings: ReviewedFinding[];
}

export interface ReviewView {
  entry: SubmissionEntry;
  documents: DocumentReport[];
  findings: ReviewedFinding[];
  groups: RuleGroup[];
  gone: GoneFinding[];
  counts: { open: number; confirmed: number; waived: number; needsInfo: number; stillOpen: number; fixed: number };
}

const RANK: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

/** 确认问题 / 不是问题 / 待补充材料. */
export const DECISION_LABEL: Record<DecisionState, string> = {
  confirmed: '确认问题',
  waived: '不是问题',
  'needs-info': '待补充材料',
};

export function ruleTitleZh(rule: string): string {
  return ruleById(rule)?.meta.title.zh ?? '其他问题';
}

/** "附件1.docx 表1 第3行 第9列" — where a location is, for people (1-based). */
export function whereText(loc: Location | undefined, withFile: boolean): string {
  if (!loc) return '';
  const name = loc.file.split(/[\\/]/).pop() ?? loc.file;
  const place = locationText(loc, 'zh');
  return withFile ? [name, place].filter(Boolean).join(' ') : place;
}

export function snapshotOf(finding: Finding): FindingSnapshot {
  return {
    rule: finding.rule,
    severity: finding.severity,
    message: finding.message,
    declared: finding.declared,
    computed: finding.computed,
    where: whereText(finding.at[0], false),
    file: finding.at[0]?.file ?? '',
  };
}

export function buildReview(
  entry: SubmissionEntry,
  documents: DocumentReport[],
  decisions: Map<string, CurrentDecision>,
): ReviewView {
  const seen = new Set<string>();
  const findings: ReviewedFinding[] = [];
  const previous = entry.versions.find((v) => v.number === entry.version)?.diff;
  const newOnes = new Set(previous?.new ?? []);
  for (const { doc, report } of documents) {
    for (const finding of report.findings) {
      if (seen.has(finding.fingerprint)) continue;
      seen.add(finding.fingerprint);
      const decision = decisions.get(finding.fingerprint) ?? null;
      const earlier = decision !== null && decision.version < entry.version;
      findings.push({
        fingerprint: finding.fingerprint,
        finding,
        doc,
        decision,
        carry: earlier ? (decision.state === 'confirmed' ? 'still-open' : 'carried') : null,
        isNew: newOnes.has(finding.fingerprint),
      });
    }
  }
  findings.sort((a, b) => RANK[a.finding.severity] - RANK[b.finding.severity]);
  const byRule = new Map<string, ReviewedFinding[]>();
  for (const f of findings) {
    const list = byRule.get(f.finding.rule) ?? [];
    list.push(f);
    byRule.set(f.finding.rule, list);
  }
  const groups = [...byRule].map(([rule, list]) => ({
    rule,
    title: ruleTitleZh(rule),
    severity: list.reduce<Severity>((w, f) => (RANK[f.finding.severity] < RANK[w] ? f.finding.severity : w), 'info'),
    findings: list,
  }));
  groups.sort((a, b) => RANK[a.severity] - RANK[b.severity] || b.findings.length - a.findings.length);
  const gone = [...decisions.values()]
    .filter((d) => !seen.has(d.fingerprint))
    .map((d) => ({ fingerprint: d.fingerprint, decision: d, fixed: d.state === 'confirmed' }));
  const state = (s: DecisionState) => findings.filter((f) => f.decision?.state === s).length;
  return {
    entry,
    documents,
    findings,
    groups,
    gone,
    counts: {
      open: findings.filter((f) => !f.decision).length,
      confirmed: state('confirmed'),
      waived: state('waived'),
      needsInfo: state('needs-info'),
      stillOpen: findings.filter((f) => f.carry === 'still-open').length,
      fixed: gone.filter((g) => g.fixed).length,
    },
  };
}

/** Open / decided counts of a submission for the list, from the current states alone. */
export function decidedCounts(entry: SubmissionEntry, states: Map<string, DecisionState> | undefined) {
  let decided = 0;
  let confirmed = 0;
  for (const f of entry.findings) {
    const s = states?.get(f.fingerprint);
    if (s) decided++;
    if (s === 'confirmed') confirmed++;
  }
  return { open: entry.findings.length - decided, decided, confirmed };
}
