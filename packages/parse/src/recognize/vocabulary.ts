import { readFileSync } from 'node:fs';
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Node } from 'yaml';
import { labelKey } from './text.ts';

/**
 * The words the recogniser knows — header synonyms, row and block labels, unit labels, title
 * endings — as data (packages/parse/templates/builtin.yaml), and the user's additions in the same
 * format (`--templates FILE`). Loaded once, validated; a bad file is a TemplatesError naming the
 * line, in Chinese and English.
 */

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

/** The sections of a templates file and the keys each takes. */
const SCHEMA = {
  headers: ['budgetInitial', 'budgetFull', 'executed', 'points', 'rate', 'score', 'reason', 'level1', 'level2', 'name', 'target', 'actual', 'comparator', 'unit'],
  labels: ['departmentUnit', 'unit', 'projectName', 'implementer'],
  goals: ['expected', 'actual'],
  rows: ['totals', 'fundTotal', 'notes'],
  blocks: ['money'],
  titles: ['form', 'department', 'sichuan', 'report'],
} as const;
type Schema = typeof SCHEMA;

/** A templates file as data: section → key → words. */
export type Templates = { [S in keyof Schema]?: { [K in Schema[S][number]]?: string[] } };

/** The compiled lookups the recogniser uses. */
export interface Vocabulary {
  headers: Map<string, Concept>;
  info: Map<string, { field: 'unit' | 'projectName' | 'implementer'; department: boolean }>;
  goalsExpected: Set<string>;
  goalsActual: Set<string>;
  totals: Set<string>;
  fundTotal: Set<string>;
  notes: string[];
  moneyBlocks: string[];
  titleForm: string[];
  titleDepartment: string[];
  titleSichuan: string[];
  titleReport: string[];
}

/** A templates file that cannot be used: what is wrong, on which line (1-based; null: the whole file). */
export class TemplatesError extends Error {
  constructor(
    readonly line: number | null,
    readonly zh: string,
    readonly en: string,
  ) {
    super(line === null ? en : `line ${line}: ${en}`);
    this.name = 'TemplatesError';
  }

  /** "第3行：…" */
  get messageZh(): string {
    return this.line === null ? this.zh : `第${this.line}行：${this.zh}`;
  }
}

/** Longest a word may be (a title ending, a label): longer is a paste gone wrong. */
const MAX_WORD = 60;

/** Parses and validates the text of a templates file. Throws TemplatesError. */
export function parseTemplates(text: string): Templates {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  const lineOf = (node: Node | null | undefined, fallback: number | null = null): number | null =>
    node?.range ? lines.linePos(node.range[0]).line : fallback;
  if (doc.errors.length > 0) {
    const e = doc.errors[0];
    const line = e.linePos?.[0]?.line ?? lines.linePos(e.pos[0]).line;
    throw new TemplatesError(line, `YAML 格式有误（${e.code}），请检查缩进、冒号和方括号`, `not valid YAML (${e.code}): check indentation, colons and brackets`);
  }
  const out: Templates = {};
  const root = doc.contents;
  if (root === null || (isScalar(root) && (root.value === null || root.value === ''))) return out;
  if (!isMap(root)) throw new TemplatesError(lineOf(root, 1), '文件应由栏目组成，例如 “headers:”', 'the file must be a mapping of sections, such as "headers:"');
  const sections = Object.keys(SCHEMA) as (keyof Schema)[];
  for (const pair of root.items) {
    const keyNode = pair.key as Node;
    const name = String(isScalar(keyNode) ? keyNode.value : keyNode);
    const line = lineOf(keyNode);
    if (!(sections as string[]).includes(name)) {
      throw new TemplatesError(line, `未知的栏目“${name}”，可用的栏目：${sections.join('、')}`, `unknown section "${name}"; sections: ${sections.join(', ')}`);
    }
    const section = name as keyof Schema;
    const value = pair.value as Node | null;
    if (value === null || (isScalar(value) && value.value === null)) continue;
    if (!isMap(value)) throw new TemplatesError(lineOf(value, line), `栏目“${name}”下应为“含义: [词语, …]”的列表`, `section "${name}" must map keys to lists of words`);
    const known = SCHEMA[section] as readonly string[];
    const target = ((out as Record<string, Record<string, string[]>>)[section] ??= {});
    for (const item of value.items) {
      const k = item.key as Node;
      const key = String(isScalar(k) ? k.value : k);
      const keyLine = lineOf(k, line);
      if (!known.includes(key)) {
        throw new TemplatesError(keyLine, `栏目“${name}”下没有“${key}”，可用：${known.join('、')}`, `section "${name}" has no key "${key}"; keys: ${known.join(', ')}`);
      }
      const words = wordsOf(item.value as Node | null, keyLine, `${name}.${key}`, lineOf);
      (target[key] ??= []).push(...words);
    }
  }
  return out;
}

function wordsOf(node: Node | null, line: number | null, where: string, lineOf: (n: Node | null | undefined, f?: number | null) => number | null): string[] {
  if (node === null || (isScalar(node) && node.value === null)) return [];
  const items: Node[] = isSeq(node) ? (node.items as Node[]) : [node];
  return items.map((n) => {
    const at = lineOf(n, line);
    if (!isScalar(n) || (typeof n.value !== 'string' && typeof n.value !== 'number')) {
      throw new TemplatesError(at, `“${where}”的每一项应为一段文字`, `every entry of "${where}" must be a text`);
    }
    const word = String(n.value).trim();
    if (word === '' || labelKey(word) === '') throw new TemplatesError(at, `“${where}”里有一项是空的`, `an entry of "${where}" is empty`);
    if (word.length > MAX_WORD) throw new TemplatesError(at, `“${where}”里的“${word.slice(0, 20)}…”太长（最多${MAX_WORD}字）`, `an entry of "${where}" is longer than ${MAX_WORD} characters`);
    return word;
  });
}

/** Templates merged: the words of each key, later files adding to earlier ones. */
export function mergeTemplates(...all: Templates[]): Templates {
  const out: Templates = {};
  for (const t of all) {
    for (const [section, keys] of Object.entries(t) as [keyof Schema, Record<string, string[]>][]) {
      const target = ((out as Record<string, Record<string, string[]>>)[section] ??= {});
      for (const [key, words] of Object.entries(keys ?? {})) target[key] = [...(target[key] ?? []), ...words];
    }
  }
  return out;
}

/** The lookups of templates (the built-in words and, when given, the user's). */
export function compileVocabulary(t: Templates): Vocabulary {
  const list = <S extends keyof Schema>(s: S, k: Schema[S][number]): string[] => ((t[s] as Record<string, string[]> | undefined)?.[k] ?? []).map(labelKey);
  const headers = new Map<string, Concept>();
  for (const concept of SCHEMA.headers) for (const w of list('headers', concept)) if (!headers.has(w)) headers.set(w, concept);
  const info: Vocabulary['info'] = new Map();
  for (const w of list('labels', 'departmentUnit')) info.set(w, { field: 'unit', department: true });
  for (const field of ['unit', 'projectName', 'implementer'] as const) for (const w of list('labels', field)) if (!info.has(w)) info.set(w, { field, department: false });
  return {
    headers,
    info,
    goalsExpected: new Set(list('goals', 'expected')),
    goalsActual: new Set(list('goals', 'actual')),
    totals: new Set(list('rows', 'totals')),
    fundTotal: new Set(list('rows', 'fundTotal')),
    notes: list('rows', 'notes'),
    moneyBlocks: list('blocks', 'money'),
    titleForm: list('titles', 'form'),
    titleDepartment: list('titles', 'department'),
    titleSichuan: list('titles', 'sichuan'),
    titleReport: list('titles', 'report'),
  };
}

/** The built-in templates (packages/parse/templates: builtin.yaml, then traditional.yaml), read and validated once. */
const BUILTIN_FILES = ['builtin.yaml', 'traditional.yaml'];
export const BUILTIN_TEMPLATES: Templates = mergeTemplates(...BUILTIN_FILES.map((name) => parseTemplates(readBuiltin(name))));

/** packages/parse/templates/NAME from the sources; ./templates/NAME beside the CLI bundle (scripts/build-cli.mjs copies them). */
function readBuiltin(name: string): string {
  const places = [`../../templates/${name}`, `./templates/${name}`];
  for (const place of places) {
    try {
      return readFileSync(new URL(place, import.meta.url), 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    }
  }
  throw new Error(`templates/${name} not found beside ${import.meta.url}`);
}
const BUILTIN = compileVocabulary(BUILTIN_TEMPLATES);

/** The vocabulary of built-in words plus a user's templates. */
export function vocabularyWith(user: Templates | null | undefined): Vocabulary {
  if (!user) return BUILTIN;
  let v = compiled.get(user);
  if (!v) compiled.set(user, (v = compileVocabulary(mergeTemplates(BUILTIN_TEMPLATES, user))));
  return v;
}
const compiled = new WeakMap<Templates, Vocabulary>();

let current: Vocabulary = BUILTIN;

/** The vocabulary of the recognition running now. */
export function vocab(): Vocabulary {
  return current;
}

/** Runs a (synchronous) recognition with a vocabulary. */
export function withVocabulary<T>(v: Vocabulary | undefined, fn: () => T): T {
  if (!v || v === current) return fn();
  const before = current;
  current = v;
  try {
    return fn();
  } finally {
    current = before;
  }
}
