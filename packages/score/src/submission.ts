import { createHash } from 'node:crypto';
import { formOwner, fullerUnitName, sameUnit, unitInTitle, unitKey, type Form } from '@jxaudit/model';

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

interface FileKey {
  unit: string | null;
  year: number | null;
}

/** A file's unit: the owner (model `formOwner`) of its first form that names one, else the subject of its report's title. */
function keyOf(forms: Form[]): FileKey {
  const owned = forms.map(formOwner).find((u): u is string => u !== null) ?? null;
  const report = forms.find((f) => f.kind === 'report');
  const unit = owned ?? (report ? unitInTitle(report.title) : null);
  const year = forms.find((f) => f.year !== null)?.year ?? null;
  return { unit, year };
}

function joinable(a: FileKey, b: FileKey): boolean {
  if (a.year === null || b.year === null || a.year !== b.year) return false;
  return a.unit !== null && b.unit !== null && sameUnit(a.unit, b.unit);
}

/**
 * Files whose forms have the same year and unit (model `sameUnit`) form one submission
 * (REPORT.md). A file alone is its own submission.
 */
export function groupSubmissions(files: SubmissionGroupInput[]): SubmissionGroup[] {
  const keys = files.map((f) => keyOf(f.forms));
  const groupOf = files.map((_, i) => i);
  const find = (i: number): number => (groupOf[i] === i ? i : (groupOf[i] = find(groupOf[i])));
  for (let i = 0; i < files.length; i++) {
    for (let j = i + 1; j < files.length; j++) {
      if (joinable(keys[i], keys[j])) groupOf[find(j)] = find(i);
    }
  }
  const groups = new Map<number, number[]>();
  files.forEach((_, i) => {
    const root = find(i);
    const list = groups.get(root) ?? [];
    list.push(i);
    groups.set(root, list);
  });
  return [...groups.values()].map((members) => {
    const hashes = members.map((i) => files[i].sha256).sort();
    const id = createHash('sha256').update(hashes.join('\n')).digest('hex');
    const units = members.map((i) => keys[i].unit).filter((u): u is string => u !== null && unitKey(u) !== '');
    const unit = units.length ? units.reduce(fullerUnitName) : null;
    const year = members.map((i) => keys[i].year).find((y) => y !== null) ?? null;
    return { id, unit, year, members };
  });
}
