import type { Report } from '@jxaudit/model';
import type { Lang } from '@jxaudit/score';

export interface BatchEntry {
  report: Report;
  /** Path of the input below the directory given (or its file name): the report files are named after it. */
  relative: string;
}

/** Writes <name>.report.json/.html for each entry and updates index.html and findings.csv. PLACEHOLDER. */
export async function writeBatchOutputs(_out: string, _entries: BatchEntry[], _lang: Lang): Promise<void> {}
