import { labelKey, squash } from './text.ts';
import { vocab, type Concept } from './vocabulary.ts';

export type { Concept } from './vocabulary.ts';

/** Letter marks of the later national layout: (A), (B), (B/A), (C=B/A). */
const LETTER_MARK = /\([A-Z](?:[=＝]?[A-Z]?[/÷][A-Z])?\)/g;
/** Unit marks inside a header: (万元), (元), (%), (分). */
const UNIT_MARK = /\((?:万元|元|%|％|分)\)/g;

export interface HeaderMatch {
  concept: Concept;
  /** The header carried a letter mark such as (A) or (B/A). */
  lettered: boolean;
  /** The weight the header names: 得分(20分*执行率) → 20. */
  weight?: number;
}

/** The concept a header cell names, or null. */
export function headerConcept(text: string): HeaderMatch | null {
  const key = labelKey(text);
  if (!key) return null;
  const unlettered = key.replace(LETTER_MARK, '');
  const lettered = unlettered !== key;
  const bare = unlettered.replace(UNIT_MARK, '');
  const headers = vocab().headers;
  const concept = headers.get(bare);
  if (concept) return { concept, lettered };
  // a weight or formula in the header: 得分(20分*执行率), 预算执行率(B/A×100%)
  const m = /^([^()]+)\((.*)\)$/.exec(bare);
  const outer = m ? headers.get(m[1]) : undefined;
  if (!m || !outer) return null;
  const weight = /^(\d+(?:\.\d+)?)分/.exec(m[2]);
  return { concept: outer, lettered: lettered || /^[A-Z][/÷][A-Z]/.test(m[2]), weight: weight ? Number(weight[1]) : undefined };
}

/** Concepts that only a money-block header holds. */
export const MONEY_CONCEPTS: Concept[] = ['budgetInitial', 'budgetFull', 'executed', 'rate'];

/** The form field a descriptive row's label names (预算部门名称, 主管部门, 项目名称, 实施单位…), or null. */
export function infoField(text: string): 'unit' | 'projectName' | 'implementer' | null {
  return vocab().info.get(labelKey(text))?.field ?? null;
}

/** The label names the unit of a department form (预算部门名称, 单位名称…). */
export function departmentUnitLabel(text: string): boolean {
  return vocab().info.get(labelKey(text))?.department === true;
}

/** Goal-block headers: the expected column and the actual column. */
export function goalColumn(text: string): 'expected' | 'actual' | null {
  const key = labelKey(text);
  const v = vocab();
  if (v.goalsExpected.has(key)) return 'expected';
  if (v.goalsActual.has(key)) return 'actual';
  return null;
}

/** "产出指标(50分)" → { label: "产出指标", points: 50 }; "数量\n指标" → { label: "数量指标", points: null }. */
export function splitWeight(text: string): { label: string; points: number | null } {
  const key = squash(text);
  const m = /^(.*?)[(（](\d+(?:\.\d+)?)分[)）]$/.exec(key);
  if (m) return { label: m[1], points: Number(m[2]) };
  return { label: key, points: null };
}
