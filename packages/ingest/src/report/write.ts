import type { Report } from '@jxaudit/model';
import type { Lang } from '@jxaudit/score';

export interface BatchEntry {
  report: Report;
  /** Path of the input below the directory given (or its file name): the report files are named after it. */
  relative: string;
}

export interface WrittenReport {
  /** Absolute paths of the files written. */
  json: string;
  html: string;
}

/**
 * Writes <relative>.report.json (validated) and <relative>.report.html under `out`, atomically
 * (temp file + rename). PLACEHOLDER until the report writers land.
 */
export async function writeReportFiles(out: string, entry: BatchEntry, _lang: Lang): Promise<WrittenReport> {
  return { json: `${out}/${entry.relative}.report.json`, html: `${out}/${entry.relative}.report.html` };
}

/**
 * Rebuilds index.html and findings.csv of `out` from every *.report.json below it (atomic writes;
 * safe to call from several processes: each call reads the folder, the folder is the truth).
 * PLACEHOLDER until the report writers land.
 */
export async function rebuildBatchIndex(_out: string, _lang: Lang): Promise<void> {}

/** check --out: every entry's report files, then the batch index. */
export async function writeBatchOutputs(out: string, entries: BatchEntry[], lang: Lang): Promise<void> {
  for (const entry of entries) await writeReportFiles(out, entry, lang);
  await rebuildBatchIndex(out, lang);
}
