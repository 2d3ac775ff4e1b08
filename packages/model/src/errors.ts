import { z } from 'zod';

/** The closed list of reasons a file cannot be read (REPORT.md). */
export const ReadErrorCodeSchema = z.enum([
  'empty',
  'unsupported-format',
  'encrypted',
  'corrupt-zip',
  'not-word',
  'too-large',
  'timeout',
  'unsafe-xml',
  'too-deep',
  'undecodable',
  'binary',
  'no-form',
  'not-found',
  'not-regular-file',
  'needs-converter',
  'convert-failed',
]);
export type ReadErrorCode = z.infer<typeof ReadErrorCodeSchema>;

export const ReadErrorSchema = z.object({
  code: ReadErrorCodeSchema,
  /** Chinese, for the clerk or auditor: what is wrong and what to do. */
  message: z.string(),
  /** The same in English. */
  messageEn: z.string(),
});
export type ReadError = z.infer<typeof ReadErrorSchema>;

export const ParseWarningSchema = z.object({
  code: z.string(),
  message: z.string(),
});
export type ParseWarning = z.infer<typeof ParseWarningSchema>;
