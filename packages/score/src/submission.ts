import { createHash } from 'node:crypto';
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

function compact(s: string): string {
  return s.replace(/[\s\u3000\u00a0]/g, '');
}

/** Equal without whitespace, or one contained in the other (雁峰街道 ⊂ 雁峰区雁峰街道办事处). */
export function sameUnit(a: string, b: string): boolean {
  const x = compact(a);
  const y = compact(b);
  if (!x || !y) return false;
  return x === y || x.includes(y) || y.includes(x);
}

/** The place a report names in its title ("2021年度雁峰街道绩效评价报告" → "雁峰街道"). */
export function placeInTitle(title: string): string | null {
  const t = compact(title)
    .replace(/^\d{4}年度?/, '')
    .replace(/[（(].*?[）)]/g, '');
  const m = /^(.+?(?:街道办事处|街道|办事处|乡|镇|区|县|市|局|委员会|委|办公室|中心|院|所|站|队|馆|厅))/.exec(t);
  return m ? m[1] : null;
}

interface FileKey {
  unit: string | null;
  year: number | null;
  /** Only a title place, not a declared unit (a report whose unit is null). */
  titlePlace: string | null;
}

function keyOf(forms: Form[]): FileKey {
  const unit = forms.find((f) => f.unit)?.unit ?? null;
  const year = forms.find((f) => f.year !== null)?.year ?? null;
  const report = forms.find((f) => f.kind === 'report');
  const titlePlace = unit === null && report ? placeInTitle(report.title) : null;
  return { unit, year, titlePlace };
}

function joinable(a: FileKey, b: FileKey): boolean {
  if (a.year === null || b.year === null || a.year !== b.year) return false;
  if (a.unit && b.unit) return sameUnit(a.unit, b.unit);
  // A report whose unit is null joins a file whose unit contains the place its title names.
  if (a.unit && b.titlePlace) return compact(a.unit).includes(compact(b.titlePlace));
  if (b.unit && a.titlePlace) return compact(b.unit).includes(compact(a.titlePlace));
  return false;
}

/**
 * Files whose forms have the same year and unit (equal without whitespace, or one contained in
 * the other) form one submission (REPORT.md). A file alone is its own submission.
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
    // The longest declared name is the full official one (雁峰区雁峰街道办事处 over 雁峰街道).
    const units = members.map((i) => keys[i].unit).filter((u): u is string => u !== null);
    const unit = units.sort((a, b) => compact(b).length - compact(a).length)[0] ?? null;
    const year = members.map((i) => keys[i].year).find((y) => y !== null) ?? null;
    return { id, unit, year, members };
  });
}
