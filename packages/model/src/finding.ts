import { z } from 'zod';
import { LocationSchema } from './location.ts';

export const SeveritySchema = z.enum(['error', 'warning', 'info']);
export type Severity = z.infer<typeof SeveritySchema>;

export const FindingSchema = z.object({
  /** A rule id of RULES.md §4. */
  rule: z.string(),
  severity: SeveritySchema,
  /** Index into this report's forms; null for findings on the submission. */
  form: z.number().int().nullable(),
  /** For an auditor: what is wrong, the figures, where. Chinese by default, English with --lang en. */
  message: z.string(),
  /** The printed figure and the recomputed one, where the rule compares figures, else null. */
  declared: z.number().nullable(),
  computed: z.number().nullable(),
  /** Every cell or sentence the finding rests on; the first is the main one. */
  at: z.array(LocationSchema),
  /** Rule-specific extras: terms, formula, tolerance, direction. */
  detail: z.record(z.string(), z.unknown()),
  /** sha256 of rule, unit, year, form kind, and the texts and grid positions of `at`. */
  fingerprint: z.string(),
});
export type Finding = z.infer<typeof FindingSchema>;
