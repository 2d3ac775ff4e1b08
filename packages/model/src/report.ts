import { z } from 'zod';
import { BlockSchema } from './grid.ts';
import { ReadErrorSchema, ParseWarningSchema } from './errors.ts';
import { FindingSchema } from './finding.ts';
import { FormSchema } from './form.ts';

export const SCHEMA_VERSION = 1 as const;

export const EncodingSchema = z.enum(['utf-8', 'utf-8-bom', 'gb18030', 'utf-16le', 'utf-16be']);
export type Encoding = z.infer<typeof EncodingSchema>;
export const EncodingMethodSchema = z.enum(['bom', 'strict-utf8', 'strict-gb18030', 'detector']);
export type EncodingMethod = z.infer<typeof EncodingMethodSchema>;
export const LayoutSchema = z.enum(['tika', 'tabbed', 'pipe', 'docx']);
export type Layout = z.infer<typeof LayoutSchema>;

export const SourceSchema = z.object({
  path: z.string(),
  sha256: z.string(),
  bytes: z.number().int().nonnegative(),
  format: z.enum(['docx', 'txt']).nullable(),
  encoding: EncodingSchema.nullable(),
  encodingMethod: EncodingMethodSchema.nullable(),
  replacementChars: z.number().int().nonnegative(),
  layout: LayoutSchema.nullable(),
  /** Which reader read a .docx: the streaming pass, or mammoth as its automatic fallback. */
  reader: z.enum(['docx-stream', 'mammoth']).optional(),
});
export type Source = z.infer<typeof SourceSchema>;

export const SubmissionSchema = z.object({
  id: z.string(),
  unit: z.string().nullable(),
  year: z.number().int().nullable(),
  files: z.array(z.string()),
});
export type Submission = z.infer<typeof SubmissionSchema>;

export const SummarySchema = z.object({
  errors: z.number().int().nonnegative(),
  warnings: z.number().int().nonnegative(),
  infos: z.number().int().nonnegative(),
});
export type Summary = z.infer<typeof SummarySchema>;

export const ReportSchema = z.object({
  schemaVersion: z.literal(SCHEMA_VERSION),
  tool: z.object({ name: z.literal('jxaudit'), version: z.string() }),
  source: SourceSchema,
  submission: SubmissionSchema.nullable(),
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

/** What `jxaudit dump --json` prints: what was read, before any form is recognised. */
export const DumpSchema = z.object({
  source: SourceSchema,
  blocks: z.array(BlockSchema),
  warnings: z.array(ParseWarningSchema),
  error: ReadErrorSchema.nullable(),
});
export type Dump = z.infer<typeof DumpSchema>;
