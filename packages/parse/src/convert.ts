import type { ReadError } from '@jxaudit/model';

/** What a legacy or foreign file is, by its content, and what it is converted to. */
export type LegacyKind = 'doc' | 'xls' | 'rtf';
export type ConvertTarget = 'docx' | 'xlsx';

export type ConvertResult = { ok: true; bytes: Uint8Array; converter: string; version: string | null } | { ok: false; error: ReadError };

/**
 * Turns a legacy file (.doc/.wps, .xls/.et, .rtf) into .docx/.xlsx bytes. The parse package
 * never runs a process itself: ingest supplies LibreOffice (`packages/ingest/src/convert/`).
 */
export interface Converter {
  convert(bytes: Uint8Array, from: LegacyKind, to: ConvertTarget): Promise<ConvertResult>;
}

export const LEGACY_TARGET: Record<LegacyKind, ConvertTarget> = { doc: 'docx', xls: 'xlsx', rtf: 'docx' };

export const LEGACY_WORDS: Record<LegacyKind, { zh: string; en: string }> = {
  doc: { zh: 'Word 97-2003 或 WPS 文字文档（.doc/.wps）', en: 'a Word 97-2003 or WPS Writer document (.doc/.wps)' },
  xls: { zh: 'Excel 97-2003 或 WPS 表格工作簿（.xls/.et）', en: 'an Excel 97-2003 or WPS Spreadsheets workbook (.xls/.et)' },
  rtf: { zh: 'RTF 文档', en: 'an RTF document' },
};
