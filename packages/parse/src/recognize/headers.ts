import { labelKey, squash } from './text.ts';

/** What a column holds, whatever its printed header says. */
export type Concept =
  | 'budgetInitial'
  | 'budgetFull'
  | 'executed'
  | 'points'
  | 'rate'
  | 'score'
  | 'reason'
  | 'level1'
  | 'level2'
  | 'name'
  | 'target'
  | 'actual'
  | 'comparator'
  | 'unit';

/** Header synonyms (TEMPLATES.md), compared after labelKey() and removal of letter/unit marks. */
const SYNONYMS: Record<Concept, string[]> = {
  budgetInitial: ['年初预算数', '年初预算'],
  budgetFull: ['全年预算数', '调整后预算数', '调整后预算', '预算数'],
  executed: ['全年执行数', '预算执行数', '执行数', '实际支出', '实际执行数'],
  points: ['分值', '权重', '指标分值'],
  rate: ['执行率', '预算执行率'],
  score: ['得分', '自评得分'],
  reason: ['偏差原因分析及改进措施', '未完成原因分析', '偏差原因', '原因分析', '原因', '偏差原因分析'],
  level1: ['一级指标'],
  level2: ['二级指标'],
  name: ['三级指标'],
  target: ['年度指标值', '指标值', '年度目标值', '预期指标值'],
  actual: ['实际完成值', '完成值', '实际完成情况', '全年实际值'],
  comparator: ['指标性质'],
  unit: ['度量单位', '计量单位'],
};

const BY_KEY = new Map<string, Concept>();
for (const [concept, words] of Object.entries(SYNONYMS) as [Concept, string[]][]) {
  for (const w of words) BY_KEY.set(w, concept);
}

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
  const concept = BY_KEY.get(bare);
  if (concept) return { concept, lettered };
  // a weight or formula in the header: 得分(20分*执行率), 预算执行率(B/A×100%)
  const m = /^([^()]+)\((.*)\)$/.exec(bare);
  const outer = m ? BY_KEY.get(m[1]) : undefined;
  if (!m || !outer) return null;
  const weight = /^(\d+(?:\.\d+)?)分/.exec(m[2]);
  return { concept: outer, lettered: lettered || /^[A-Z][/÷][A-Z]/.test(m[2]), weight: weight ? Number(weight[1]) : undefined };
}

/** Concepts that only a money-block header holds. */
export const MONEY_CONCEPTS: Concept[] = ['budgetInitial', 'budgetFull', 'executed', 'rate'];

/** Labels of the descriptive rows (key → form field). */
const INFO_LABELS: Record<string, 'unit' | 'projectName' | 'implementer'> = {
  预算部门名称: 'unit',
  '预算部门、单位名称': 'unit',
  预算部门单位名称: 'unit',
  部门名称: 'unit',
  单位名称: 'unit',
  预算单位名称: 'unit',
  主管部门: 'unit',
  '主管部门(单位)': 'unit',
  主管部门及代码: 'unit',
  项目名称: 'projectName',
  项目支出名称: 'projectName',
  专项资金名称: 'projectName',
  实施单位: 'implementer',
  '实施单位(盖章)': 'implementer',
};

export function infoField(text: string): 'unit' | 'projectName' | 'implementer' | null {
  return INFO_LABELS[labelKey(text)] ?? null;
}

/** Goal-block headers: the expected column and the actual column. */
const GOAL_EXPECTED = new Set(['预期目标', '项目年度目标', '年度目标', '年度预期目标', '年初设定目标', '总体目标']);
const GOAL_ACTUAL = new Set(['实际完成情况', '年度目标完成情况', '实际完成', '目标完成情况', '全年实际完成情况']);

export function goalColumn(text: string): 'expected' | 'actual' | null {
  const key = labelKey(text);
  if (GOAL_EXPECTED.has(key)) return 'expected';
  if (GOAL_ACTUAL.has(key)) return 'actual';
  return null;
}

/** "产出指标(50分)" → { label: "产出指标", points: 50 }; "数量\n指标" → { label: "数量指标", points: null }. */
export function splitWeight(text: string): { label: string; points: number | null } {
  const key = squash(text);
  const m = /^(.*?)[(（](\d+(?:\.\d+)?)分[)）]$/.exec(key);
  if (m) return { label: m[1], points: Number(m[2]) };
  return { label: key, points: null };
}
