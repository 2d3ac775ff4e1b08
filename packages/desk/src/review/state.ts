import type { Finding, Location, Severity, VersionDiff, VersionFinding } from '@jxaudit/model';
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
 * A finding whose cells moved between versions (same rule, form kind and cell texts; the diff
 * lists it under `moved`) keeps the decision taken under its earlier fingerprint.
 */

export interface VersionHistory {
  /** The current version's difference from the one before (null for a first version). */
  diff: VersionDiff | null;
  /** Every version's moved findings, oldest version first. */
  moved: Array<{ previous: string; current: string }>;
}

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

/**
 * Every place of a finding, compact, for people: "表1 第20行 第2、7列；第21行 第7列"; with
 * `withFile`, each file's places after its name. At most `max` places, then "等 N 处".
 */
export function placesText(at: Location[], withFile: boolean, max = 8): string {
  const shown = at.slice(0, max);
  const groups: { file: string; table: number | null; rows: Map<number, number[]>; other: string[] }[] = [];
  for (const loc of shown) {
    const isCell = loc.table !== null && loc.row !== null && loc.col !== null;
    let g = groups[groups.length - 1];
    if (!g || g.file !== loc.file || (isCell && g.table !== loc.table) || (!isCell && g.table !== null)) {
      g = { file: loc.file, table: isCell ? loc.table : null, rows: new Map(), other: [] };
      groups.push(g);
    }
    if (isCell) {
      const cols = g.rows.get(loc.row!) ?? [];
      if (!cols.includes(loc.col!)) cols.push(loc.col!);
      g.rows.set(loc.row!, cols);
    } else {
      const t = locationText(loc, 'zh');
      if (t && !g.other.includes(t)) g.other.push(t);
    }
  }
  let lastFile = '';
  const parts = groups.map((g) => {
    const name = withFile && g.file !== lastFile ? `${g.file.split(/[\\/]/).pop() ?? g.file} ` : '';
    lastFile = g.file;
    if (g.table === null) return name + g.other.join('、');
    const rows = [...g.rows].map(([row, cols]) => `第${row + 1}行 第${cols.map((c) => c + 1).join('、')}列`);
    return `${name}表${g.table + 1} ${rows.join('；')}`;
  });
  return parts.join('；') + (at.length > max ? ` 等 ${at.length} 处` : '');
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

/** Decisions re-keyed to the fingerprint their finding has now (following `moved` links forward). */
function followMoves(decisions: Map<string, CurrentDecision>, moved: VersionHistory['moved']): Map<string, CurrentDecision> {
  const successor = new Map(moved.map((m) => [m.previous, m.current]));
  const out = new Map<string, CurrentDecision>();
  for (const d of decisions.values()) {
    let fp = d.fingerprint;
    for (let hops = 0; successor.has(fp) && hops < 1000; hops++) fp = successor.get(fp)!;
    const other = out.get(fp);
    if (!other || other.at.getTime() < d.at.getTime()) out.set(fp, { ...d, fingerprint: fp });
  }
  return out;
}

/** A finding of the version as the record keeps it, in the shape the pages read. */
function asFinding(f: VersionFinding): Finding {
  return { rule: f.rule, severity: f.severity, form: null, message: f.message, declared: f.declared, computed: f.computed, at: f.at, detail: {}, fingerprint: f.fingerprint };
}

export function buildReview(
  entry: SubmissionEntry,
  documents: DocumentReport[],
  versionFindings: VersionFinding[],
  decisionsByFp: Map<string, CurrentDecision>,
  history: VersionHistory = { diff: null, moved: [] },
): ReviewView {
  const decisions = followMoves(decisionsByFp, history.moved);
  const seen = new Set<string>();
  const findings: ReviewedFinding[] = [];
  const newOnes = new Set(history.diff?.new ?? []);
  const docByPath = new Map(documents.map((d) => [d.doc.file, d.doc]));
  for (const vf of versionFindings) {
    if (seen.has(vf.fingerprint)) continue;
    seen.add(vf.fingerprint);
    const doc = docByPath.get(vf.path) ?? docByPath.get(vf.at[0]?.file ?? '') ?? documents[0]?.doc;
    if (!doc) continue;
    const decision = decisions.get(vf.fingerprint) ?? null;
    const earlier = decision !== null && decision.version < entry.version;
    findings.push({
      fingerprint: vf.fingerprint,
      finding: asFinding(vf),
      doc,
      decision,
      carry: earlier ? (decision.state === 'confirmed' ? 'still-open' : 'carried') : null,
      isNew: newOnes.has(vf.fingerprint),
    });
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
