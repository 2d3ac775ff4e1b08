import { createHash } from 'node:crypto';
import { readdir, readFile, stat } from 'node:fs/promises';
import { basename, join, relative, resolve, sep } from 'node:path';
import { ReportSchema, type Block, type Report, type Severity, type Summary } from '@jxaudit/model';

/*
 * The report source: what the desk knows of the output folder. Every page asks it, never the
 * folder, so that the day the submission records land (one id per unit × year, versions with
 * their documents and diff) switching to them is a change of this module only.
 *
 * Today it groups the *.report.json files below OUT by their submission's unit and year (the
 * grouping check already did); a submission has one version holding all its documents.
 */

export interface DocumentRef {
  /** Index within its version, for URLs (/s/ID/v/N/files/INDEX/…). */
  index: number;
  /** The input path as the report gives it. */
  file: string;
  name: string;
  sha256: string;
  /** Absolute paths of the report files: for the server only, never built from a request. */
  reportJson: string;
  reportHtml: string | null;
  generatedAt: string;
  unreadable: boolean;
}

export interface FindingRef {
  fingerprint: string;
  rule: string;
  severity: Severity;
}

export interface VersionDiff {
  fixed: string[];
  new: string[];
  unchanged: string[];
}

export interface SubmissionVersion {
  number: number;
  documents: DocumentRef[];
  /** When its newest report was written. */
  at: string;
  /** Compared with the version before it (null for the first). */
  diff: VersionDiff | null;
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
  /** The full reports of a version's documents (the current version by default), in document order. */
  reports(entry: SubmissionEntry, version?: number): Promise<DocumentReport[]>;
  /** The blocks (tables) a document was read into, when the output folder keeps them. */
  blocks(doc: DocumentRef): Promise<Block[] | null>;
}

const REPORT_JSON = '.report.json';

interface Light {
  file: string;
  mtimeMs: number;
  size: number;
  key: string;
  unit: string | null;
  year: number | null;
  doc: Omit<DocumentRef, 'index'>;
  summary: Summary;
  findings: FindingRef[];
}

async function findReportJsons(dir: string, found: string[] = []): Promise<string[]> {
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch {
    return found;
  }
  for (const e of entries) {
    if (e.name.startsWith('.')) continue;
    const full = join(dir, e.name);
    if (e.isDirectory()) await findReportJsons(full, found);
    else if (e.isFile() && e.name.endsWith(REPORT_JSON)) found.push(full);
  }
  return found;
}

async function readReport(path: string): Promise<Report | null> {
  try {
    const parsed = ReportSchema.safeParse(JSON.parse(await readFile(path, 'utf8')));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

function submissionKey(report: Report): { key: string; unit: string | null; year: number | null } {
  const unit = report.submission?.unit ?? report.forms.find((f) => f.unit)?.unit ?? null;
  const year = report.submission?.year ?? report.forms.find((f) => f.year !== null)?.year ?? null;
  const basis = unit ? `unit\u0000${unit}\u0000${year ?? ''}` : `file\u0000${report.source.sha256}`;
  return { key: 's' + createHash('sha256').update(basis).digest('hex').slice(0, 20), unit, year };
}

function lightOf(file: string, mtimeMs: number, size: number, report: Report): Light {
  const { key, unit, year } = submissionKey(report);
  const htmlPath = file.slice(0, -REPORT_JSON.length) + '.report.html';
  return {
    file,
    mtimeMs,
    size,
    key,
    unit,
    year,
    doc: {
      file: report.source.path,
      name: basename(report.source.path.replace(/\\/g, '/')),
      sha256: report.source.sha256,
      reportJson: file,
      reportHtml: htmlPath,
      generatedAt: report.generatedAt,
      unreadable: report.error !== null,
    },
    summary: report.summary,
    findings: report.findings.map((f) => ({ fingerprint: f.fingerprint, rule: f.rule, severity: f.severity })),
  };
}

export interface FolderSourceOptions {
  /** The folder is rescanned at most this often (ms); pages in between use what was read. */
  refreshMs?: number;
}

/** The report source over an output folder's *.report.json files. */
export function openReportSource(out: string, options: FolderSourceOptions = {}): ReportSource {
  const root = resolve(out);
  const refreshMs = options.refreshMs ?? 2000;
  let lights = new Map<string, Light>();
  let entries: SubmissionEntry[] = [];
  let byId = new Map<string, SubmissionEntry>();
  let scannedAt = -Infinity;
  let scanning: Promise<void> | null = null;

  async function rescan(): Promise<void> {
    const files = await findReportJsons(root);
    const next = new Map<string, Light>();
    for (const file of files) {
      let info;
      try {
        info = await stat(file);
      } catch {
        continue;
      }
      const prev = lights.get(file);
      if (prev && prev.mtimeMs === info.mtimeMs && prev.size === info.size) {
        next.set(file, prev);
        continue;
      }
      const report = await readReport(file);
      if (report) next.set(file, lightOf(file, info.mtimeMs, info.size, report));
    }
    lights = next;
    const groups = new Map<string, Light[]>();
    for (const l of [...next.values()].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0))) {
      const list = groups.get(l.key) ?? [];
      list.push(l);
      groups.set(l.key, list);
    }
    entries = [...groups].map(([id, list]) => {
      const documents = list.map((l, index) => ({ index, ...l.doc }));
      const seen = new Set<string>();
      const findings = list.flatMap((l) => l.findings).filter((f) => (seen.has(f.fingerprint) ? false : (seen.add(f.fingerprint), true)));
      const updatedAt = list.map((l) => l.doc.generatedAt).sort().pop() ?? '';
      const counts = {
        errors: findings.filter((f) => f.severity === 'error').length,
        warnings: findings.filter((f) => f.severity === 'warning').length,
        infos: findings.filter((f) => f.severity === 'info').length,
      };
      return {
        id,
        unit: list[0]!.unit,
        year: list[0]!.year,
        version: 1,
        versions: [{ number: 1, documents, at: updatedAt, diff: null }],
        documents,
        counts,
        findings,
        updatedAt,
      };
    });
    byId = new Map(entries.map((e) => [e.id, e]));
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
      return byId.get(id) ?? null;
    },
    async reports(entry, version) {
      const v = entry.versions.find((x) => x.number === (version ?? entry.version));
      if (!v) return [];
      const reports = await Promise.all(v.documents.map(async (doc) => ({ doc, report: await readReport(doc.reportJson) })));
      return reports.filter((r): r is DocumentReport => r.report !== null);
    },
    async blocks() {
      return null;
    },
  };
}

/** True when `path` lies inside `root` (the server checks every file it opens). */
export function insideFolder(root: string, path: string): boolean {
  const rel = relative(resolve(root), resolve(path));
  return rel !== '' && !rel.startsWith('..') && !rel.startsWith(sep) && !rel.includes(`..${sep}`);
}
