import { z } from 'zod';

export const EncodingSchema = z.enum(['utf-8', 'utf-8-bom', 'gb18030', 'utf-16le', 'utf-16be']);
export type Encoding = z.infer<typeof EncodingSchema>;
export const EncodingMethodSchema = z.enum(['bom', 'strict-utf8', 'strict-gb18030', 'detector']);
export type EncodingMethod = z.infer<typeof EncodingMethodSchema>;
export const LayoutSchema = z.enum(['tika', 'tabbed', 'pipe', 'docx', 'xlsx']);
export type Layout = z.infer<typeof LayoutSchema>;

/** The file a report or a stored document describes (REPORT.md `source`). */
export const SourceSchema = z.object({
  path: z.string(),
  sha256: z.string(),
  bytes: z.number().int().nonnegative(),
  format: z.enum(['docx', 'txt', 'xlsx']).nullable(),
  encoding: EncodingSchema.nullable(),
  encodingMethod: EncodingMethodSchema.nullable(),
  replacementChars: z.number().int().nonnegative(),
  layout: LayoutSchema.nullable(),
  /** Which reader read a .docx: the streaming pass, or mammoth as its automatic fallback. */
  reader: z.enum(['docx-stream', 'mammoth', 'exceljs']).optional(),
  /**
   * A legacy or foreign format (.doc, .wps, .xls, .et, .rtf, a .doc that is HTML) converted before
   * reading: what the content was, and the converter that turned it into `format`.
   */
  converted: z
    .object({ from: z.string(), converter: z.string(), version: z.string().nullable() })
    .optional(),
});
export type Source = z.infer<typeof SourceSchema>;
