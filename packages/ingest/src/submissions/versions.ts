import { join, resolve } from 'node:path';
import {
  diffFindings,
  sameUnit,
  submissionId,
  type Block,
  type Finding,
  type Form,
  type RecordVersion,
  type Report,
  type SubmissionRecord,
  type VersionFinding,
} from '@jxaudit/model';
import type { Lang } from '@jxaudit/score';
import { writeFileAtomic } from '../fs/atomic.ts';
import { renderReportHtml } from '../report/html.ts';
import { reportBase } from '../report/write.ts';
import { buildReports, summarize, type ArrivedDoc, type ScoredBatch, type ScoredSubmission, type VersionContext } from './score.ts';
import {
  readKeyIndex,
  readSubmission,
  readVersionFindings,
  versionDirRelative,
  writeKeyIndex,
  writeSubmission,
} from './store.ts';

/** A document's report of a version. */
export interface VersionedReport {
  /** Index of the document in the input. */
  doc: number;
  report: Report;
  blocks: Block[] | undefined;
  id: string;
  version: number;
}

/** The version's findings as the record keeps them: with the kind of form and the document holding each. */
function digests(s: ScoredSubmission): VersionFinding[] {
  return s.canonical.map(({ doc, finding }) => {
    const planned = s.plan.documents[doc];
    const form: Form | undefined = finding.form === null ? undefined : planned.input.forms[finding.form];
    return digestOf(finding, form?.kind ?? null, planned.input.path);
  });
}

function digestOf(f: Finding, kind: Form['kind'] | null, path: string): VersionFinding {
  return { fingerprint: f.fingerprint, rule: f.rule, severity: f.severity, kind, message: f.message, declared: f.declared, computed: f.computed, at: f.at, path };
}

/** Fresh ids for submissions without history (`check` without --out): one per unit and year, qualified when a scoring key holds two units. */
function freshIds(batch: ScoredBatch, taken: Set<string> = new Set()): string[] {
  return batch.submissions.map((s) => {
    const fallback = s.plan.documents[0]?.input.sha256 ?? '0';
    const plain = submissionId(s.unit, s.year, fallback);
    if (!taken.has(plain)) {
      taken.add(plain);
      return plain;
    }
    let id = submissionId(s.unit, s.year, fallback, true);
    for (let n = 2; taken.has(id); n++) id = `${submissionId(s.unit, s.year, fallback, true)}-${n}`;
    taken.add(id);
    return id;
  });
}

/** Reports of a batch with no history: every submission is at version 1. */
export function reportsWithoutHistory(batch: ScoredBatch, docs: ArrivedDoc[], options: { lang: Lang; at: string }): VersionedReport[] {
  const ids = freshIds(batch);
  return batch.submissions.flatMap((s, k) =>
    buildReports(s, docs, { id: ids[k], version: 1, at: options.at, previous: null, diff: null }, { lang: options.lang, generatedAt: options.at }).map((r) => ({
      ...r,
      id: ids[k],
      version: 1,
    })),
  );
}

export interface WrittenVersionReport extends VersionedReport {
  /** Absolute paths of OUT/<path>.report.json|html: the latest report of the file. */
  json: string;
  html: string;
  /** The first report ever written for these bytes in OUT (the jx-reports job id says so). */
  first: boolean;
}

function sameDocuments(a: string[], b: string[]): boolean {
  return a.length === b.length && [...a].sort().join() === [...b].sort().join();
}

/**
 * Gives each scored submission its id and version number from OUT's records, computes what
 * changed since the previous version, writes the version's reports (immutable, under
 * .jxaudit/submissions/<id>/v<N>/) and the latest ones (OUT/<path>.report.*), its findings and
 * the record. A submission whose documents are those of its last version is that version again
 * (a re-run), not a new one. Callers serialise per scoring key (the queue does).
 */
export async function writeVersions(
  out: string,
  batch: ScoredBatch,
  docs: ArrivedDoc[],
  options: { lang: Lang; at?: string; firstReport?: (sha256: string) => Promise<boolean> },
): Promise<WrittenVersionReport[]> {
  const root = resolve(out);
  const at = options.at ?? new Date().toISOString();
  const written: WrittenVersionReport[] = [];
  const records = new Map<string, SubmissionRecord>();
  const taken = new Set<string>();
  // Every record under the keys of this batch: ids are matched by unit and year, never by files.
  for (const key of new Set(batch.submissions.map((s) => s.key))) {
    for (const id of await readKeyIndex(root, key)) {
      const record = await readSubmission(root, id);
      if (record) records.set(id, record);
      taken.add(id);
    }
  }
  const claimed = new Set<string>();
  const fresh = freshIds({ ...batch, submissions: batch.submissions }, new Set(taken));
  const byKey = new Map<string, string[]>();

  for (const [k, s] of batch.submissions.entries()) {
    const match = [...records.values()].find(
      (r) => !claimed.has(r.id) && r.key === s.key && r.year === s.year && s.names.some((n) => r.names.some((m) => sameUnit(n, m))),
    );
    const id = match?.id ?? fresh[k];
    claimed.add(id);
    const record: SubmissionRecord = match ?? { schemaVersion: 1, id, unit: s.unit, year: s.year, names: [], key: s.key, versions: [] };
    const shas = s.plan.documents.map((d) => d.input.sha256);
    const last = record.versions[record.versions.length - 1];
    const rerun = last !== undefined && sameDocuments(last.documents.map((d) => d.sha256), shas) && last.profile === s.profile;
    const version = rerun ? last.version : (last?.version ?? 0) + 1;
    const base = rerun ? record.versions[record.versions.length - 2] : last;
    const current = digests(s);
    const diff = base ? diffFindings(await readVersionFindings(root, id, base.version), current) : null;
    const context: VersionContext = { id, version, at, previous: base ? { version: base.version, at: base.at, summary: base.summary } : null, diff };
    const reports = buildReports(s, docs, context, { lang: options.lang, generatedAt: at });

    const dir = versionDirRelative(id, version);
    const documents: RecordVersion['documents'] = [];
    for (const r of reports) {
      const doc = docs[r.doc];
      const html = renderReportHtml(r.report, { lang: r.report.lang ?? options.lang, blocks: r.blocks });
      const json = JSON.stringify(r.report, null, 2) + '\n';
      const archived = reportBase(join(root, dir), doc.path);
      await writeFileAtomic(`${archived}.report.json`, json);
      await writeFileAtomic(`${archived}.report.html`, html);
      const latest = reportBase(root, doc.path);
      await writeFileAtomic(`${latest}.report.json`, json);
      await writeFileAtomic(`${latest}.report.html`, html);
      const first = options.firstReport ? await options.firstReport(doc.source.sha256) : version === 1;
      written.push({ ...r, id, version, json: `${latest}.report.json`, html: `${latest}.report.html`, first });
      const entry = r.report.versions!.documents.find((d) => d.sha256 === doc.source.sha256);
      documents.push({
        path: doc.path,
        sha256: doc.source.sha256,
        arrivedAt: doc.arrival.at,
        role: entry?.role ?? 'current',
        forms: doc.forms.length,
        alsoAs: doc.alsoAs ?? [],
        report: { json: toPosix(relativeTo(root, `${archived}.report.json`)), html: toPosix(relativeTo(root, `${archived}.report.html`)) },
        doc: toPosix(`.jxaudit/docs/${doc.source.sha256}.json`),
      });
    }
    await writeFileAtomic(join(root, dir, 'findings.json'), JSON.stringify({ id, version, findings: current }) + '\n');

    const entry: RecordVersion = {
      version,
      at,
      profile: s.profile,
      documents,
      copies: s.plan.copies,
      superseded: s.plan.superseded,
      summary: summarize(current),
      findings: `${dir}/findings.json`,
      previous: base?.version ?? null,
      diff: diff ? diff.counts : null,
      warnings: s.warnings,
    };
    const names = [...new Set([...record.names, ...s.names])];
    const unit = [record.unit, s.unit].filter((u): u is string => !!u).sort((a, b) => b.length - a.length)[0] ?? null;
    const versions = rerun ? [...record.versions.slice(0, -1), entry] : [...record.versions, entry];
    await writeSubmission(root, { ...record, unit, names, versions });
    byKey.set(s.key, [...(byKey.get(s.key) ?? []), id]);
  }
  for (const [key, ids] of byKey) await writeKeyIndex(root, key, [...(await readKeyIndex(root, key)), ...ids]);
  return written;
}

function relativeTo(root: string, path: string): string {
  return path.startsWith(root + '/') || path.startsWith(root + '\\') ? path.slice(root.length + 1) : path;
}
function toPosix(path: string): string {
  return path.split('\\').join('/');
}

/** Writes a report and its page to OUT/<path>.report.* (the latest report of the file). */
export async function writeLatestReport(out: string, path: string, report: Report, blocks: Block[] | undefined, lang: Lang): Promise<{ json: string; html: string }> {
  const base = reportBase(resolve(out), path);
  await writeFileAtomic(`${base}.report.json`, JSON.stringify(report, null, 2) + '\n');
  await writeFileAtomic(`${base}.report.html`, renderReportHtml(report, { lang: report.lang ?? lang, blocks }));
  return { json: `${base}.report.json`, html: `${base}.report.html` };
}
