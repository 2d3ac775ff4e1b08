import type { Rule } from './types.ts';
import { narrativeRules } from './rules/narrative-index.ts';

/** Money-block and indicator-block rules (RULES.md §4 A, B). */
export const tableRules: Rule[] = [];

/** Every rule of the catalog, in catalog order. */
export const allRules: Rule[] = [...tableRules, ...narrativeRules];

export function ruleById(id: string): Rule | undefined {
  return allRules.find((r) => r.meta.id === id);
}
