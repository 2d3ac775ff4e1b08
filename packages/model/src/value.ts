import type { Value } from './value-schema.ts';

/**
 * Reads a cell or phrase as one quantity (RULES.md §2). Pure.
 * PLACEHOLDER signature: the full parser is being written (full-width forms, 万元/亿元/元, percents,
 * comparators and their Chinese words, qualifiers, ranges, 是/否, qualitative tiers).
 */
export function parseValue(raw: string): Value {
  const text = raw.trim();
  return { raw: text, kind: text ? 'text' : 'empty', value: null, unit: null, comparator: null, approx: false, tier: null, decimals: null, range: null };
}
