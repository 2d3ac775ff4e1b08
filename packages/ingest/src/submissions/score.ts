import {
  SCHEMA_VERSION,
  groupDocuments,
  planVersion,
  type Arrival,
  type Block,
  type Finding,
  type ParseWarning,
  type Report,
  type Rescored,
  type VersionDiff,
  type VersionDocument,
  type VersionPlan,
  type Versions,
} from '@jxaudit/model';
import { proposeProfile, rescoreForm, scoreFindingsByCell, scoreVersion, type ApprovedTargets, type Lang, type Profile, type VersionLimits } from '@jxaudit/score';
import type { ReadDoc } from '../pipeline.ts';
import { TOOL_VERSION } from '../version.ts';

/*
 * Submissions from read documents, without I/O (docs/submissions.md): group, plan the version,
 * score it (scoreVersion), and build each document's report. The same code serves `check`, the
 * scoring job of the service and the pool thread.
 */

/** A read document with when it arrived. */
export interface ArrivedDoc extends ReadDoc {
  arrival: Arrival;
  /** Other paths (as shown) with the same bytes. */
  alsoAs?: string[];
}

export interface ScoreOptions {
  lang: Lang;
  /** A profile forced on every submission; undefined: proposed per submission. */
  profile?: Profile;
  resolveProfile: (name: string) => Profile;
  targets?: ApprovedTargets | null;
  limits?: Partial<VersionLimits>;
}

/** One submission scored: what `buildReports` needs, structured-clone safe (it crosses the pool thread). */
export interface ScoredSubmission {
  key: string;
  unit: string | null;
  year: number | null;
  names: string[];
  profile: string;
  /** Indices into the input documents, in the plan's (arrival) order. */
  docs: number[];
  plan: VersionPlan;
  /** Per planned document: its report's findings. */
  findings: Finding[][];
  /** The version's findings, each once, with the planned document whose report holds it. */
  canonical: { doc: number; finding: Finding }[];
  /** Per planned document and form: 自评总分 → 复核总分 under the profile (null for the narrative report). */
  rescored: (Rescored | null)[][];
  /** Notes on the whole submission: rules that failed, limits reached. */
  warnings: ParseWarning[];
}

export interface ScoredBatch {
  submissions: ScoredSubmission[];
  /** Input indices of the documents that belong to no submission (unreadable, or no form). */
  alone: number[];
}

/** Groups and scores read documents; unreadable ones stay alone. */
export function scoreSubmissions(docs: ArrivedDoc[], options: ScoreOptions): ScoredBatch {
  const readable = docs.map((d, i) => ({ d, i })).filter(({ d }) => d.error === null);
  const alone = docs.map((d, i) => ({ d, i })).filter(({ d }) => d.error !== null).map(({ i }) => i);
  const groups = groupDocuments(readable.map(({ d }) => ({ sha256: d.source.sha256, forms: d.forms })));
  const submissions = groups.map((group): ScoredSubmission => {
    const members = group.members.map((m) => readable[m]);
    const plan = planVersion(members.map(({ d }) => ({ sha256: d.source.sha256, path: d.path, forms: d.forms, arrival: d.arrival })));
    const inputIndex = new Map(members.map(({ d, i }) => [d.path, i]));
    const current = plan.current.map((p) => plan.documents[p.doc].input.forms[p.form]);
    const profile = options.profile ?? options.resolveProfile(proposeProfile(current.length ? current : members.flatMap(({ d }) => d.forms)));
    const scored = scoreVersion({ plan, profile, lang: options.lang, targets: options.targets ?? null, limits: options.limits });
    const warnings: ParseWarning[] = scored.ruleFailures.map((f) => ({
      code: 'rule-failed',
      message: `规则 ${f.rule} 运行出错，本次未检查该项（程序缺陷，请反馈给维护人员）：${f.message}`,
    }));
    for (const t of scored.truncated) {
      warnings.push({ code: 'findings-limit', message: `规则 ${t.rule} 发现 ${t.total} 项问题，超过每条规则 ${t.kept} 项的上限，只列出前 ${t.kept} 项（请先核对这些问题，或拆分提交）` });
    }
    if (scored.formsLeftOut > 0) {
      warnings.push({
        code: 'forms-limit',
        message: `本次提交共有 ${scored.formsChecked + scored.formsLeftOut} 张不同的表，超过上限 ${scored.formsChecked} 张：只检查了先收到的 ${scored.formsChecked} 张，其余 ${scored.formsLeftOut} 张未检查`,
      });
    }
    return {
      key: group.key,
      unit: group.unit,
      year: group.year,
      names: group.names,
      profile: profile.name,
      docs: plan.documents.map((d) => inputIndex.get(d.input.path)!),
      plan,
      findings: scored.findings,
      canonical: scored.canonical,
      // Each document's forms against the findings of its own report (those rest on its cells).
      rescored: plan.documents.map((d, i) => {
        const onCell = scoreFindingsByCell(scored.findings[i] ?? []);
        return d.input.forms.map((form) => rescoreForm(form, onCell, profile));
      }),
      warnings,
    };
  });
  return { submissions, alone };
}

export function summarize(findings: { severity: Finding['severity'] }[]): Report['summary'] {
  const s = { errors: 0, warnings: 0, infos: 0 };
  for (const f of findings) {
    if (f.severity === 'error') s.errors++;
    else if (f.severity === 'warning') s.warnings++;
    else s.infos++;
  }
  return s;
}

/** Where a version stands among the submission's versions: its number and what it is compared with. */
export interface VersionContext {
  id: string;
  version: number;
  at: string;
  previous: Versions['previous'];
  diff: VersionDiff | null;
}

/** How many entries of each list one report carries (the record has them all). */
const LISTED = 100;

function repeatedFormNotes(s: ScoredSubmission, doc: number): ParseWarning[] {
  const path = s.plan.documents[doc].input.path;
  return s.plan.copies
    .filter((c) => c.path === path && c.copyOf.path === path)
    .map((c) => ({
      code: 'repeated-form',
      message: `本文件中“${c.title}”重复出现 ${c.count + 1} 次，内容完全相同：只检查第一份（第 ${c.copyOf.form + 1} 张表），其余 ${c.count} 份视为副本`,
    }));
}

/**
 * The report of every document of a scored submission. A document that holds the same form
 * several times lists it once in `forms` (the repeats are counted in `versions.copies`), and its
 * page draws only the tables of the forms it lists.
 */
export function buildReports(
  s: ScoredSubmission,
  docs: ArrivedDoc[],
  context: VersionContext,
  options: { lang: Lang; generatedAt: string },
): { doc: number; report: Report; blocks: Block[] | undefined }[] {
  const plan = s.plan;
  const summary = summarize(s.canonical.map((c) => c.finding));
  const documents: VersionDocument[] = plan.documents.map((d, i) => ({
    path: d.input.path,
    sha256: d.input.sha256,
    arrivedAt: d.input.arrival.at,
    role: d.role,
    forms: d.input.forms.length,
    alsoAs: docs[s.docs[i]].alsoAs ?? [],
  }));
  const files = documents.map((d) => d.path);
  return plan.documents.map((planned, i) => {
    const doc = docs[s.docs[i]];
    // Repeats of a form inside this document are left out of its forms; indices are remapped.
    const keep = planned.forms.map((f) => !(f.role === 'copy' && f.copyOf && f.copyOf.doc === i));
    const newIndex: number[] = [];
    let n = 0;
    for (const k of keep) newIndex.push(k ? n++ : -1);
    const forms = doc.forms
      .map((form, fi) => {
        const rescored = s.rescored[i]?.[fi];
        return rescored ? { ...form, rescored } : form;
      })
      .filter((_, fi) => keep[fi]);
    const findings = s.findings[i].map((f) => (f.form === null ? f : { ...f, form: newIndex[f.form] >= 0 ? newIndex[f.form] : null }));
    const droppedTables = new Set(doc.forms.filter((_, fi) => !keep[fi]).flatMap((f) => f.tables));
    const blocks = droppedTables.size ? doc.blocks?.filter((b) => b.type !== 'table' || !droppedTables.has(b.index)) : doc.blocks;
    const mine = (p: string) => p === planned.input.path;
    const listed = <T extends { path: string }>(list: T[]) => [...list.filter((x) => mine(x.path)), ...list.filter((x) => !mine(x.path))].slice(0, LISTED);
    const versions: Versions = {
      version: context.version,
      at: context.at,
      role: planned.role,
      documents: listed(documents),
      copies: listed(plan.copies),
      superseded: listed(plan.superseded),
      omitted: {
        documents: Math.max(0, documents.length - LISTED),
        copies: Math.max(0, plan.copies.length - LISTED),
        superseded: Math.max(0, plan.superseded.length - LISTED),
      },
      previous: context.previous,
      diff: context.diff,
      summary,
    };
    // Built in the schema's shape (test/report-schema-shape.test.ts); validated where it is written.
    const report: Report = {
      schemaVersion: SCHEMA_VERSION,
      tool: { name: 'jxaudit', version: TOOL_VERSION },
      source: { ...doc.source, path: doc.path },
      submission: { id: context.id, unit: s.unit, year: s.year, files: files.length > LISTED ? listed(documents).map((d) => d.path) : files, version: context.version },
      versions,
      profile: s.profile,
      lang: options.lang,
      generatedAt: options.generatedAt,
      forms,
      findings,
      summary: summarize(findings),
      error: null,
      warnings: [...doc.warnings, ...repeatedFormNotes(s, i), ...s.warnings],
    };
    return { doc: s.docs[i], report, blocks };
  });
}

/** The report of a document outside any submission: unreadable, or no form recognised. */
export function aloneReport(doc: ReadDoc, options: { lang: Lang; generatedAt: string; profile: string | null }): Report {
  // Built in the schema's shape (test/report-schema-shape.test.ts); validated where it is written.
  return {
    schemaVersion: SCHEMA_VERSION,
    tool: { name: 'jxaudit', version: TOOL_VERSION },
    source: { ...doc.source, path: doc.path },
    submission: null,
    versions: null,
    profile: options.profile,
    lang: options.lang,
    generatedAt: options.generatedAt,
    forms: doc.forms,
    findings: [],
    summary: summarize([]),
    error: doc.error,
    warnings: doc.warnings,
  };
}
