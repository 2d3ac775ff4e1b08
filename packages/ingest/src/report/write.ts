import { readdir, readFile, stat } from 'node:fs/promises';
import { isAbsolute, join, relative as relativePath, resolve, sep } from 'node:path';
import { ReportSchema, parseReport, type Block, type Report } from '@jxaudit/model';
import type { Lang } from '@jxaudit/score';
import { writeFileAtomic } from '../fs/atomic.ts';
import { renderFindingsCsv } from './csv.ts';
import { renderReportHtml } from './html.ts';
import { renderIndexHtml, type IndexEntry } from './index-html.ts';

export interface BatchEntry {
  report: Report;
  /** Path of the input below the directory given (or its file name): the report files are named after it. */
  relative: string;
  /**
   * The file's blocks as read (readDocument's `blocks`). With them the page draws every table in
   * full; without them it draws each form's table from the forms' located values only.
   */
  blocks?: Block[];
}

export interface WrittenReport {
  /** Absolute paths of the files written. */
  json: string;
  html: string;
}

const REPORT_JSON = '.report.json';

/** `<out>/<relative>` kept inside `out`: a relative path that climbs out falls back to its file name. */
export function reportBase(out: string, relative: string): string {
  const root = resolve(out);
  const candidate = resolve(root, relative);
  if (isAbsolute(relative) || !candidate.startsWith(root + sep)) {
    return join(root, relative.split(/[\\/]/).filter(Boolean).pop() ?? 'report');
  }
  return candidate;
}

/**
 * Writes <relative>.report.json (validated) and <relative>.report.html under `out`, atomically
 * (temp file + rename). The page is in the report's language (`report.lang`, else `lang`).
 */
export async function writeReportFiles(out: string, entry: BatchEntry, lang: Lang): Promise<WrittenReport> {
  const report = ReportSchema.parse(entry.report);
  const base = reportBase(out, entry.relative);
  const json = `${base}${REPORT_JSON}`;
  const htmlPath = `${base}.report.html`;
  await writeFileAtomic(json, JSON.stringify(report, null, 2) + '\n');
  await writeFileAtomic(htmlPath, renderReportHtml(report, { lang: report.lang ?? lang, blocks: entry.blocks }));
  return { json, html: htmlPath };
}

/** Every *.report.json below `dir` (dot-folders such as .jxaudit skipped), as paths relative to `root`. */
async function findReportJsons(root: string, dir: string): Promise<string[]> {
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw err;
  }
  const found: string[] = [];
  for (const e of entries) {
    if (e.name.startsWith('.')) continue;
    const full = join(dir, e.name);
    if (e.isDirectory()) found.push(...(await findReportJsons(root, full)));
    else if (e.isFile() && e.name.endsWith(REPORT_JSON)) found.push(relativePath(root, full));
  }
  return found;
}

/** What the index and the CSV read of a report: its forms without their rows, cells and facts. */
function indexView(report: Report): Report {
  return {
    ...report,
    forms: report.forms.map((f) => ({
      ...f,
      funds: [],
      composition: null,
      goals: { expected: [], actual: [] },
      indicators: [],
      facts: [],
      quantities: [],
      rateClaims: [],
      malformed: [],
      sentences: undefined,
    })),
  };
}

interface CachedReport {
  mtimeMs: number;
  size: number;
  entry: IndexEntry;
}

/**
 * Per output folder, the reports already read, by file: a long-running worker rebuilds its index
 * after every few documents, and must not re-read and re-validate every earlier report each time.
 */
const readCache = new Map<string, Map<string, CachedReport>>();

async function readIndexEntry(root: string, file: string): Promise<IndexEntry | null> {
  let text: string;
  try {
    text = await readFile(join(root, file), 'utf8');
  } catch {
    return null;
  }
  const parsed = parseReport(text);
  if (!parsed.ok) return null;
  const relative = file.slice(0, -REPORT_JSON.length).split(sep).join('/');
  return { relative, report: indexView(parsed.report) };
}

/**
 * Reads the reports of `out` for the index: a file removed or half-written by another process
 * meanwhile is skipped; a file unchanged (size and mtime) since the last call is not read again.
 */
export async function readBatchReports(out: string): Promise<IndexEntry[]> {
  const root = resolve(out);
  const files = await findReportJsons(root, root);
  const previous = readCache.get(root) ?? new Map<string, CachedReport>();
  const current = new Map<string, CachedReport>();
  const entries: IndexEntry[] = [];
  for (const file of files) {
    let info;
    try {
      info = await stat(join(root, file));
    } catch {
      continue;
    }
    const cached = previous.get(file);
    if (cached && cached.mtimeMs === info.mtimeMs && cached.size === info.size) {
      current.set(file, cached);
      entries.push(cached.entry);
      continue;
    }
    const entry = await readIndexEntry(root, file);
    if (!entry) continue;
    current.set(file, { mtimeMs: info.mtimeMs, size: info.size, entry });
    entries.push(entry);
  }
  readCache.set(root, current);
  entries.sort((a, b) => (a.relative < b.relative ? -1 : a.relative > b.relative ? 1 : 0));
  return entries;
}

/**
 * Rebuilds index.html and findings.csv of `out` from every *.report.json below it (atomic writes;
 * safe to call from several processes: each call reads the folder, the folder is the truth).
 */
export async function rebuildBatchIndex(out: string, lang: Lang): Promise<void> {
  const entries = await readBatchReports(out);
  await writeFileAtomic(join(out, 'findings.csv'), renderFindingsCsv(entries, lang));
  await writeFileAtomic(join(out, 'index.html'), renderIndexHtml(entries, lang));
}

/** check --out: every entry's report files, then the batch index. */
export async function writeBatchOutputs(out: string, entries: BatchEntry[], lang: Lang): Promise<void> {
  for (const entry of entries) await writeReportFiles(out, entry, lang);
  await rebuildBatchIndex(out, lang);
}
