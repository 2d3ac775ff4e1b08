import type { Form } from '@jxaudit/model';

export interface SubmissionGroupInput {
  file: string;
  sha256: string;
  forms: Form[];
}

export interface SubmissionGroup {
  /** Stable: hash of the member files' sha256s, sorted. */
  id: string;
  unit: string | null;
  year: number | null;
  /** Indices into the input, in input order. */
  members: number[];
}

/**
 * Files whose forms have the same year and unit (equal without whitespace, or one contained in
 * the other) form one submission (REPORT.md). PLACEHOLDER: every file alone.
 */
export function groupSubmissions(files: SubmissionGroupInput[]): SubmissionGroup[] {
  return files.map((f, i) => ({ id: f.sha256, unit: f.forms[0]?.unit ?? null, year: f.forms[0]?.year ?? null, members: [i] }));
}
