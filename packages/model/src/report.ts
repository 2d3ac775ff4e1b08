import { z } from 'zod';
import { BlockSchema } from './grid.ts';
import { ReadErrorSchema, ParseWarningSchema } from './errors.ts';
import { FindingSchema } from './finding.ts';
import { FormSchema } from './form.ts';
import { SourceSchema } from './source.ts';
import { SummaryCountsSchema, VersionsSchema } from './versions.ts';

export * from './source.ts';

/** The schema version reports are written with (docs/report-schema.md). `parseReport` also reads 1. */
export const SCHEMA_VERSION = 2 as const;

export const SubmissionSchema = z.object({
  /** Stable across versions and re-runs: it names the unit and year, not the files. */
  id: z.string(),
  unit: z.string().nullable(),
  year: z.number().int().nullable(),
  /** The paths (as shown) of the version's documents, this report's among them. */
  files: z.array(z.string()),
  /** The version checked (1, 2, …). */
  version: z.number().int().positive(),
});
export type Submission = z.infer<typeof SubmissionSchema>;

export const SummarySchema = SummaryCountsSchema;
export type Summary = z.infer<typeof SummarySchema>;

export const ReportSchema = z.object({
  schemaVersion: z.literal(SCHEMA_VERSION),
  tool: z.object({ name: z.literal('jxaudit'), version: z.string() }),
  source: SourceSchema,
  submission: SubmissionSchema.nullable(),
  /** The version checked: its documents, copies, superseded forms and what changed; null outside a submission. */
  versions: VersionsSchema.nullable(),
  profile: z.string().nullable(),
  /** zh or en: the language of messages. */
  lang: z.enum(['zh', 'en']).default('zh'),
  generatedAt: z.string(),
  forms: z.array(FormSchema),
  findings: z.array(FindingSchema),
  summary: SummarySchema,
  error: ReadErrorSchema.nullable(),
  warnings: z.array(ParseWarningSchema),
});
export type Report = z.infer<typeof ReportSchema>;

/** A report written with schemaVersion 1 (before versions): no `versions`, no `submission.version`. */
const ReportV1Schema = ReportSchema.extend({
  schemaVersion: z.literal(1),
  submission: SubmissionSchema.omit({ version: true }).nullable(),
  versions: z.undefined().optional(),
});

export type ParsedReport = { ok: true; report: Report } | { ok: false; error: string };

/**
 * Reads a report file's JSON (text or parsed value) of schema 1 or 2 into the current shape: a
 * schema-1 report gets `versions: null` and `submission.version: 1`. Every reader of report files
 * goes through here. Errors as values: a half-written or foreign file is `{ ok: false }`.
 */
export function parseReport(json: string | unknown): ParsedReport {
  let data: unknown = json;
  if (typeof json === 'string') {
    try {
      data = JSON.parse(json);
    } catch (err) {
      return { ok: false, error: `not JSON: ${(err as Error).message}` };
    }
  }
  const version = data && typeof data === 'object' ? (data as { schemaVersion?: unknown }).schemaVersion : undefined;
  if (version === 1) {
    const old = ReportV1Schema.safeParse(data);
    if (!old.success) return { ok: false, error: old.error.message };
    const { submission, ...rest } = old.data;
    return { ok: true, report: { ...rest, schemaVersion: SCHEMA_VERSION, submission: submission ? { ...submission, version: 1 } : null, versions: null } };
  }
  const parsed = ReportSchema.safeParse(data);
  return parsed.success ? { ok: true, report: parsed.data } : { ok: false, error: parsed.error.message };
}

/** parseReport that throws (for callers where a bad report is a bug). */
export function loadReport(json: string | unknown): Report {
  const parsed = parseReport(json);
  if (!parsed.ok) throw new Error(`not a jxaudit report: ${parsed.error}`);
  return parsed.report;
}

/** What `jxaudit dump --json` prints: what was read, before any form is recognised. */
export const DumpSchema = z.object({
  source: SourceSchema,
  blocks: z.array(BlockSchema),
  warnings: z.array(ParseWarningSchema),
  error: ReadErrorSchema.nullable(),
});
export type Dump = z.infer<typeof DumpSchema>;
