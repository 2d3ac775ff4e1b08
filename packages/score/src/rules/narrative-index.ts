import type { Rule } from '../types.ts';

/** Report-vs-table rules (RULES.md §4 C). */
export const narrativeRules: Rule[] = [];
