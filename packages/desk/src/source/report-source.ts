import { readdir, stat } from 'node:fs/promises';
import { basename, join, relative, resolve, sep } from 'node:path';
import { readFile } from 'node:fs/promises';
import { RescoredSchema, type Block, type DocumentRole, type FormKind, type Report, type Rescored, type Severity, type Summary, type VersionDiff, type VersionFinding } from '@jxaudit/model';
import { STATE_DIR, readStoredDoc, readSubmission, readVersionFindings, readVersionReports } from '@jxaudit/ingest';

/*
 * The report source: what the desk knows of the output folder. Every page asks it, never the
 * folder. It reads the submission records the service writes (OUT/.jxaudit/submissions/<id>.json,
 * one per unit × year, every version with its documents, reports and diff) through ingest's
 * readers, and the document store for the tables. Records unchanged since the last look are not
 * read again.
 */

export interface DocumentRef {
  /** Index within its version, for URLs (/s/ID/v/N/files/INDEX/…). */
  index: number;
  /** The path as shown in reports. */
  file: string;
  name: string;
  sha256: string;
  /** current, or a copy of a current form, or superseded by a later document (a 修改稿). */
  role: DocumentRole;
  /** Absolute paths of the version's report files: for the server only, never built from a request. */
  reportJson: string | null;
  reportHtml: string | null;
}

export interface FindingRef {
  fingerprint: string;
  rule: string;
  severity: Severity;
  /** The kind of the form it was found on (null: the submission as a whole). */
  kind: FormKind | null;
}

/** A form's 自评总分 and 复核总分 as its report gives them (forms[].rescored). */
export interface FormScoreRef {
  kind: FormKind;
  title: string;
  rescored: Rescored;
}

export interface SubmissionVersion {
  number: number;
  documents: DocumentRef[];
  /** When it was checked. */
  at: string;
  /** Counts of the difference from the version before (null for the first). */
  diff: { fixed: number; new: number; unchanged: number } | null;
}

export interface SubmissionEntry {
  id: string;
  unit: string | null;
  year: number | null;
  /** The current (newest) version's number. */
  version: number;
  versions: SubmissionVersion[];
  /** The current version's documents. */
  documents: DocumentRef[];
  counts: Summary;
  /** The current version's findings, each once. */
  findings: FindingRef[];
  updatedAt: string;
}

export interface DocumentReport {
  doc: DocumentRef;
  report: Report;
}

export interface ReportSource {
  list(): Promise<SubmissionEntry[]>;
  get(id: string): Promise<SubmissionEntry | null>;
  /** The reports of a version's documents (the current version by default), in document order. */
  reports(entry: SubmissionEntry, version?: number): Promise<DocumentReport[]>;
  /** A version's findings (the current version by default), each once, as the record keeps them. */
  findings(entry: SubmissionEntry, version?: number): Promise<VersionFinding[]>;
  /** The full difference of a version from the one before (null for the first). */
  diff(entry: SubmissionEntry, version: number): Promise<VersionDiff | null>;
  /** The blocks (tables) a document was read into, from the document store. */
  blocks(doc: DocumentRef): Promise<Block[] | null>;
  /**
   * The scores of the forms of the current version's current documents (copies and earlier
   * versions left out), for statistics: read from the reports without validating the whole
   * report (only what is taken is checked), and not kept.
   */
  formScores(entry: SubmissionEntry): Promise<FormScoreRef[]>;
}

interface Cached {
  mtimeMs: number;
  size: number;
  entry: SubmissionEntry;
}

export interface FolderSourceOptions {
  /** The folder is looked at again at most this often (ms); pages in between use what was read. */
  refreshMs?: number;
}

/** The report source over an output folder's submission records. */
export function openReportSource(out: string, options: FolderSourceOptions = {}): ReportSource {
  const root = resolve(out);
  const recordsDir = join(root, STATE_DIR, 'submissions');
  const refreshMs = options.refreshMs ?? 2000;
  let cache = new Map<string, Cached>();
  let entries: SubmissionEntry[] = [];
  let scannedAt = -Infinity;
  let scanning: Promise<void> | null = null;
  // Versions never change once written: their diffs are read once, their reports and findings
  // kept for the most recently viewed versions, stored documents likewise by sha256.
  const diffs = new Map<string, VersionDiff | null>();
  const recent = new Map<string, Promise<unknown>>();
  function remember<T>(key: string, load: () => Promise<T>): Promise<T> {
    const hit = recent.get(key);
    if (hit) {
      recent.delete(key);
      recent.set(key, hit);
      return hit as Promise<T>;
    }
    const value = load();
    recent.set(key, value);
    value.catch(() => recent.delete(key));
    while (recent.size > 48) recent.delete(recent.keys().next().value!);
    return value;
  }

  async function entryOf(id: string): Promise<SubmissionEntry | null> {
    const record = await readSubmission(root, id);
    const current = record?.versions[record.versions.length - 1];
    if (!record || !current) return null;
    const versions = record.versions.map((v) => ({
      number: v.version,
      at: v.at,
      diff: v.diff,
      documents: v.documents.map((d, index) => ({
        index,
        file: d.path,
        name: basename(d.path.replace(/\\/g, '/')),
        sha256: d.sha256,
        role: d.role,
        reportJson: d.report ? join(root, d.report.json) : null,
        reportHtml: d.report ? join(root, d.report.html) : null,
      })),
    }));
    const findings = (await readVersionFindings(root, id, current.version)).map((f) => ({ fingerprint: f.fingerprint, rule: f.rule, severity: f.severity, kind: (f.kind ?? null) as FormKind | null }));
    return {
      id: record.id,
      unit: record.unit,
      year: record.year,
      version: current.version,
      versions,
      documents: versions[versions.length - 1]!.documents,
      counts: current.summary,
      findings,
      updatedAt: current.at,
    };
  }

  async function rescan(): Promise<void> {
    let names: string[];
    try {
      names = (await readdir(recordsDir)).filter((n) => n.endsWith('.json'));
    } catch {
      names = [];
    }
    const next = new Map<string, Cached>();
    for (const name of names) {
      const id = name.slice(0, -'.json'.length);
      let info;
      try {
        info = await stat(join(recordsDir, name));
      } catch {
        continue;
      }
      const prev = cache.get(id);
      if (prev && prev.mtimeMs === info.mtimeMs && prev.size === info.size) {
        next.set(id, prev);
        continue;
      }
      const entry = await entryOf(id);
      if (entry) next.set(id, { mtimeMs: info.mtimeMs, size: info.size, entry });
    }
    cache = next;
    entries = [...next.values()].map((c) => c.entry);
    scannedAt = Date.now();
  }

  async function fresh(): Promise<void> {
    if (Date.now() - scannedAt < refreshMs) return;
    scanning ??= rescan().finally(() => (scanning = null));
    await scanning;
  }

  return {
    async list() {
      await fresh();
      return entries;
    },
    async get(id) {
      await fresh();
      return cache.get(id)?.entry ?? null;
    },
    async reports(entry, version) {
      const number = version ?? entry.version;
      const v = entry.versions.find((x) => x.number === number);
      if (!v) return [];
      const reports = await remember(`r\u0000${entry.id}\u0000${number}\u0000${v.at}`, () => readVersionReports(root, entry.id, number));
      return v.documents.flatMap((doc) => {
        const r = reports.find((x) => x.sha256 === doc.sha256 && x.path === doc.file)?.report;
        return r ? [{ doc, report: r }] : [];
      });
    },
    async findings(entry, version) {
      const number = version ?? entry.version;
      const at = entry.versions.find((x) => x.number === number)?.at ?? '';
      return remember(`f\u0000${entry.id}\u0000${number}\u0000${at}`, () => readVersionFindings(root, entry.id, number));
    },
    async diff(entry, version) {
      const key = `${entry.id}\u0000${version}`;
      if (diffs.has(key)) return diffs.get(key)!;
      const v = entry.versions.find((x) => x.number === version);
      let diff: VersionDiff | null = null;
      if (v?.diff) {
        const reports = await readVersionReports(root, entry.id, version);
        diff = reports.find((r) => r.report?.versions?.diff)?.report?.versions?.diff ?? null;
      }
      diffs.set(key, diff);
      return diff;
    },
    async formScores(entry) {
      const out: FormScoreRef[] = [];
      for (const doc of entry.documents) {
        if (doc.role !== 'current' || !doc.reportJson || !insideFolder(root, doc.reportJson)) continue;
        let report: { forms?: Array<{ kind?: unknown; title?: unknown; rescored?: unknown }> };
        try {
          report = JSON.parse(await readFile(doc.reportJson, 'utf8'));
        } catch {
          continue;
        }
        for (const form of Array.isArray(report?.forms) ? report.forms : []) {
          const rescored = RescoredSchema.safeParse(form?.rescored);
          if (!rescored.success || typeof form.kind !== 'string') continue;
          out.push({ kind: form.kind as FormKind, title: typeof form.title === 'string' ? form.title : '', rescored: rescored.data });
        }
      }
      return out;
    },
    async blocks(doc) {
      const stored = await remember(`d\u0000${doc.sha256}`, () => readStoredDoc(root, doc.sha256, { anyVersion: true }));
      return stored?.blocks ?? null;
    },
  };
}

/** True when `path` lies inside `root` (the server checks every file it opens). */
export function insideFolder(root: string, path: string): boolean {
  const rel = relative(resolve(root), resolve(path));
  return rel !== '' && !rel.startsWith('..') && !rel.startsWith(sep) && !rel.includes(`..${sep}`);
}
