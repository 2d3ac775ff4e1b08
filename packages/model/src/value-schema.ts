import { z } from 'zod';

export const ValueKindSchema = z.enum(['amount', 'percent', 'number', 'boolean', 'qualitative', 'text', 'empty']);
export type ValueKind = z.infer<typeof ValueKindSchema>;

export const TierSchema = z.enum(['achieved', 'basic', 'partial', 'not']);
export type Tier = z.infer<typeof TierSchema>;

export const ComparatorSchema = z.enum(['≥', '≤', '=', '>', '<']);
export type Comparator = z.infer<typeof ComparatorSchema>;

/** A cell or phrase read as one quantity (RULES.md §2, REPORT.md Value). */
export const ValueSchema = z.object({
  /** The text, whitespace trimmed. */
  raw: z.string(),
  kind: ValueKindSchema,
  /**
   * amount: 万元 ("10亿元" → 100000); percent: a fraction (95% → 0.95); number: as printed;
   * boolean: true/false (是/有 → true, 否/无 → false); else null.
   */
  value: z.union([z.number(), z.boolean()]).nullable(),
  /** Normalized unit: "%", "万元", or a count unit as printed ("户", "人次"); null when none. */
  unit: z.string().nullable(),
  /** Null when none is printed (rules read null as ≥). */
  comparator: ComparatorSchema.nullable(),
  /** 约/余/多/以上/近/左右/超 present. */
  approx: z.boolean(),
  /** Qualitative words only. */
  tier: TierSchema.nullable(),
  /**
   * Decimals printed in the number as written (148% → 0, 133.86% → 2, 7.6亿元 → 1), before any
   * unit conversion; null when there is no number.
   */
  decimals: z.number().int().nullable(),
  /** For ranges ("80%-90%", "5～10个"): both bounds in the value's unit; else null. */
  range: z.tuple([z.number(), z.number()]).nullable().optional(),
});
export type Value = z.infer<typeof ValueSchema>;

/** The numeric value of amount, percent and number kinds; null otherwise. */
export function numericValue(v: Value): number | null {
  return typeof v.value === 'number' ? v.value : null;
}
