import { z } from 'zod';
import { BlockSchema } from './grid.ts';
import { ParseWarningSchema, ReadErrorSchema } from './errors.ts';
import { SeveritySchema } from './finding.ts';
import { FormKindSchema, FormSchema } from './form.ts';
import { LocationSchema } from './location.ts';
import { SourceSchema } from './source.ts';

/*
 * Submissions as they arrive (docs/submissions.md): a submission is a unit and a year; each
 * scoring of it is a version. These schemas are what a report says about its version
 * (`Report.versions`) and what OUT/.jxaudit holds on disk (the submission record, the document
 * store). The pure model that fills them is submission.ts.
 */

export const SummaryCountsSchema = z.object({
  errors: z.number().int().nonnegative(),
  warnings: z.number().int().nonnegative(),
  infos: z.number().int().nonnegative(),
});

/**
 * A form's part in a version: `current` (checked), `copy` (the same content as a form seen
 * first: ignored), `superseded` (an earlier version of a form a later document revised: left out
 * of the cross-checks).
 */
export const FormRoleSchema = z.enum(['current', 'copy', 'superseded']);
export type FormRole = z.infer<typeof FormRoleSchema>;

/**
 * A document's part in a version: `current` when one of its forms is checked, else `copy` (all
 * its forms are copies) or `superseded` (some were revised since).
 */
export const DocumentRoleSchema = z.enum(['current', 'copy', 'superseded']);
export type DocumentRole = z.infer<typeof DocumentRoleSchema>;

/** One form of one document: the document's path as shown in reports and the form's index in it. */
export const FormPointerSchema = z.object({ path: z.string(), form: z.number().int().nonnegative() });
export type FormPointer = z.infer<typeof FormPointerSchema>;

/** A document of a version: identical bytes are one document. */
export const VersionDocumentSchema = z.object({
  /** As shown in reports: relative to the folder checked, or the file name (never absolute). */
  path: z.string(),
  sha256: z.string(),
  /** When it arrived: the watched folder's claim or the enqueue walk; under `check` the file's mtime. */
  arrivedAt: z.string().nullable(),
  role: DocumentRoleSchema,
  /** Number of forms recognised in it (copies inside it included). */
  forms: z.number().int().nonnegative(),
  /** Other paths with the same bytes (a file sent twice under two names). */
  alsoAs: z.array(z.string()).default([]),
});
export type VersionDocument = z.infer<typeof VersionDocumentSchema>;

/** Forms of one document that repeat a form seen first (all of the same kind and content). */
export const CopyEntrySchema = z.object({
  path: z.string(),
  kind: FormKindSchema,
  title: z.string(),
  /** Indices of the copies in their document (at most 100 listed; `count` is exact). */
  forms: z.array(z.number().int().nonnegative()),
  count: z.number().int().positive(),
  /** The form kept. */
  copyOf: FormPointerSchema,
});
export type CopyEntry = z.infer<typeof CopyEntrySchema>;

/** A form left out of the cross-checks because a later form of the same identity revised it. */
export const SupersededEntrySchema = z.object({
  path: z.string(),
  form: z.number().int().nonnegative(),
  kind: FormKindSchema,
  title: z.string(),
  supersededBy: FormPointerSchema,
});
export type SupersededEntry = z.infer<typeof SupersededEntrySchema>;

/** A finding of an earlier version no longer reported: all a page needs to show it without the old report. */
export const FixedFindingSchema = z.object({
  fingerprint: z.string(),
  rule: z.string(),
  severity: SeveritySchema,
  /** The kind of form it was on, null for a finding on the submission. */
  kind: FormKindSchema.nullable(),
  message: z.string(),
  declared: z.number().nullable(),
  computed: z.number().nullable(),
  at: z.array(LocationSchema),
});
export type FixedFinding = z.infer<typeof FixedFindingSchema>;

/**
 * What changed since the previous version checked, over the submission's findings (each once):
 * by fingerprint; a finding whose cells moved (a line added above it, the same form in another
 * file) but whose rule, form kind and cell texts are the same counts as unchanged, listed in `moved`.
 */
export const VersionDiffSchema = z.object({
  fixed: z.array(FixedFindingSchema),
  /** Fingerprints of this version's findings that the previous one did not have. */
  new: z.array(z.string()),
  /** Fingerprints of this version's findings the previous one had too. */
  unchanged: z.array(z.string()),
  /** Unchanged findings whose fingerprint changed: the previous one and the current one. */
  moved: z.array(z.object({ previous: z.string(), current: z.string() })).default([]),
  counts: z.object({ fixed: z.number().int(), new: z.number().int(), unchanged: z.number().int() }),
});
export type VersionDiff = z.infer<typeof VersionDiffSchema>;

/** The version a report checked (REPORT.md `versions`). */
export const VersionsSchema = z.object({
  /** This version's number (1, 2, …), as `submission.version`. */
  version: z.number().int().positive(),
  /** When it was checked. */
  at: z.string(),
  /** This report's document's part in the version. */
  role: DocumentRoleSchema,
  /** Every document of the version. */
  documents: z.array(VersionDocumentSchema),
  /** Forms ignored because they repeat a form seen first. */
  copies: z.array(CopyEntrySchema),
  /** Forms left out of the cross-checks because a later form revised them. */
  superseded: z.array(SupersededEntrySchema),
  /** Entries left out of the three lists above (a report lists at most 100 of each; the record has them all). */
  omitted: z
    .object({ documents: z.number().int().nonnegative(), copies: z.number().int().nonnegative(), superseded: z.number().int().nonnegative() })
    .default({ documents: 0, copies: 0, superseded: 0 }),
  /** The previous version checked, or null for the first. */
  previous: z.object({ version: z.number().int().positive(), at: z.string(), summary: SummaryCountsSchema }).nullable(),
  /** Null for the first version. */
  diff: VersionDiffSchema.nullable(),
  /** The submission's counts (each finding once), beside this report's own `summary`. */
  summary: SummaryCountsSchema,
});
export type Versions = z.infer<typeof VersionsSchema>;

// ---- on disk: OUT/.jxaudit/submissions/<id>.json ----

export const RecordDocumentSchema = VersionDocumentSchema.extend({
  /** This document's report files of this version, relative to OUT (immutable: never overwritten). */
  report: z.object({ json: z.string(), html: z.string() }).nullable(),
  /** Its document store entry, relative to OUT (.jxaudit/docs/<sha256>.json), null when not stored. */
  doc: z.string().nullable(),
});
export type RecordDocument = z.infer<typeof RecordDocumentSchema>;

export const RecordVersionSchema = z.object({
  version: z.number().int().positive(),
  at: z.string(),
  profile: z.string().nullable(),
  documents: z.array(RecordDocumentSchema),
  copies: z.array(CopyEntrySchema),
  superseded: z.array(SupersededEntrySchema),
  /** The submission's findings of this version, each once. */
  summary: SummaryCountsSchema,
  /** Relative to OUT: the version's findings, each once (FindingsFileSchema). */
  findings: z.string(),
  previous: z.number().int().positive().nullable(),
  diff: z.object({ fixed: z.number().int(), new: z.number().int(), unchanged: z.number().int() }).nullable(),
  /** Limits reached, repeated forms… (the same notes the reports carry). */
  warnings: z.array(ParseWarningSchema).default([]),
});
export type RecordVersion = z.infer<typeof RecordVersionSchema>;

export const SUBMISSION_RECORD_VERSION = 1 as const;

/** OUT/.jxaudit/submissions/<id>.json: a unit and year, and every version checked (oldest first). */
export const SubmissionRecordSchema = z.object({
  schemaVersion: z.literal(SUBMISSION_RECORD_VERSION),
  id: z.string(),
  /** The fullest name seen (雁峰区雁峰街道办事处 over 雁峰街道). */
  unit: z.string().nullable(),
  year: z.number().int().nullable(),
  /** Every name of the unit seen in its forms. */
  names: z.array(z.string()),
  /** The scoring key (year and unitBucket): files that may belong together are scored under it. */
  key: z.string(),
  versions: z.array(RecordVersionSchema),
});
export type SubmissionRecord = z.infer<typeof SubmissionRecordSchema>;

/** A finding of a version as the record keeps it (enough to diff and to show it). */
export const VersionFindingSchema = FixedFindingSchema.extend({
  /** The document (path as shown) whose report holds it. */
  path: z.string(),
});
export type VersionFinding = z.infer<typeof VersionFindingSchema>;

/** OUT/.jxaudit/submissions/<id>/v<N>/findings.json */
export const FindingsFileSchema = z.object({
  id: z.string(),
  version: z.number().int().positive(),
  findings: z.array(VersionFindingSchema),
});
export type FindingsFile = z.infer<typeof FindingsFileSchema>;

// ---- on disk: OUT/.jxaudit/docs/<sha256>.json ----

export const STORED_DOC_VERSION = 1 as const;

/** What was read and recognised from one document, so a rescoring never parses again. */
export const StoredDocSchema = z.object({
  schemaVersion: z.literal(STORED_DOC_VERSION),
  sha256: z.string(),
  /** The tool version that read it: a rescoring by another version reads the file again. */
  tool: z.string(),
  readAt: z.string(),
  /** `source.path`, the forms' and blocks' `file`: the path shown when it was read. */
  source: SourceSchema,
  forms: z.array(FormSchema),
  blocks: z.array(BlockSchema),
  warnings: z.array(ParseWarningSchema),
  error: ReadErrorSchema.nullable(),
});
export type StoredDoc = z.infer<typeof StoredDocSchema>;
