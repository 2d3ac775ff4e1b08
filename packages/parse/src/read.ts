import { createHash } from 'node:crypto';
import type { Block, ParseWarning, ReadError, Source } from '@jxaudit/model';
import { decodeText, needsDecoders, prepareDecoders } from './decode.ts';
import { parseDocx, type DocxLimits } from './docx/index.ts';
import { looksLikeZip, readZipDirectory } from './docx/zip.ts';
import { isWorkbookZip, parseXlsx, type XlsxLimits } from './xlsx/index.ts';
import { LEGACY_TARGET, LEGACY_WORDS, type Converter, type LegacyKind } from './convert.ts';
import { readError } from './errors.ts';
import { extensionOf } from './formats.ts';
import { parseTxt } from './txt/index.ts';

export interface ReadInput {
  /** The path as given (recorded in every location). */
  path: string;
  bytes: Uint8Array;
}

export interface ReadOptions {
  /** Largest input accepted, in bytes. */
  maxBytes?: number;
  docx?: Partial<DocxLimits>;
  xlsx?: Partial<XlsxLimits>;
  /** Converts .doc/.wps/.xls/.et/.rtf to .docx/.xlsx (LibreOffice, supplied by ingest); without it they are `needs-converter`. */
  convert?: Converter;
}

export interface ReadResult {
  source: Source;
  blocks: Block[];
  warnings: ParseWarning[];
  error: ReadError | null;
}

export const DEFAULT_MAX_BYTES = 50 * 1024 * 1024;

/** What the first bytes say the file is. */
export type Sniffed =
  | { kind: 'empty' }
  | { kind: 'zip' }
  | { kind: 'ole'; encrypted: boolean; what: { zh: string; en: string }; legacy?: LegacyKind }
  | { kind: 'other-binary'; what: { zh: string; en: string }; legacy?: LegacyKind }
  | { kind: 'text' };

const startsWith = (b: Uint8Array, sig: number[]): boolean => sig.every((x, i) => b[i] === x);
const ascii = (s: string): number[] => [...s].map((c) => c.charCodeAt(0));

const OLE_SIG = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

/**
 * True when an OLE compound file has a directory entry (128-byte aligned, UTF-16LE name) that
 * names a stream `name`. Scanning entries, not the whole file, keeps the text of a .doc about
 * "EncryptedPackage" from passing for an encrypted package.
 */
function oleHasStream(b: Uint8Array, name: string): boolean {
  const want = name.length * 2 + 2;
  for (let o = 512; o + 128 <= b.length; o += 128) {
    if (b[o + 64] !== want || b[o + 65] !== 0) continue;
    if (b[o + 66] !== 2 && b[o + 66] !== 1) continue;
    let ok = true;
    for (let i = 0; i < name.length && ok; i++) ok = b[o + 2 * i] === name.charCodeAt(i) && b[o + 2 * i + 1] === 0;
    if (ok) return true;
  }
  return false;
}

/** Sniffs the format from content only. */
export function sniff(b: Uint8Array): Sniffed {
  if (b.length === 0) return { kind: 'empty' };
  if (looksLikeZip(b)) return { kind: 'zip' };
  if (startsWith(b, OLE_SIG)) {
    if (oleHasStream(b, 'EncryptedPackage') || oleHasStream(b, 'EncryptionInfo')) {
      return { kind: 'ole', encrypted: true, what: { zh: '加密的 Word 文档', en: 'an encrypted Word document' } };
    }
    if (oleHasStream(b, 'WordDocument')) return { kind: 'ole', encrypted: false, what: { zh: '旧版 Word 97-2003 文档（.doc）或 WPS 文档（.wps）', en: 'a legacy Word 97-2003 (.doc) or WPS (.wps) document' }, legacy: 'doc' };
    if (oleHasStream(b, 'Workbook') || oleHasStream(b, 'Book')) return { kind: 'ole', encrypted: false, what: LEGACY_WORDS.xls, legacy: 'xls' };
    return { kind: 'ole', encrypted: false, what: { zh: 'OLE 复合文档（如旧版 .doc/.xls/.wps）', en: 'an OLE compound file (legacy .doc/.xls/.wps)' } };
  }
  if (startsWith(b, ascii('%PDF'))) return { kind: 'other-binary', what: { zh: 'PDF 文件', en: 'a PDF file' } };
  if (startsWith(b, [0x89, 0x50, 0x4e, 0x47])) return { kind: 'other-binary', what: { zh: 'PNG 图片', en: 'a PNG image' } };
  if (startsWith(b, [0xff, 0xd8, 0xff])) return { kind: 'other-binary', what: { zh: 'JPEG 图片', en: 'a JPEG image' } };
  if (startsWith(b, ascii('GIF8'))) return { kind: 'other-binary', what: { zh: 'GIF 图片', en: 'a GIF image' } };
  if (startsWith(b, ascii('{\\rtf'))) return { kind: 'other-binary', what: { zh: 'RTF 文档', en: 'an RTF document' }, legacy: 'rtf' };
  if (startsWith(b, [0x52, 0x61, 0x72, 0x21])) return { kind: 'other-binary', what: { zh: 'RAR 压缩包', en: 'a RAR archive' } };
  if (startsWith(b, [0x37, 0x7a, 0xbc, 0xaf])) return { kind: 'other-binary', what: { zh: '7z 压缩包', en: 'a 7z archive' } };
  const markup = markupKind(b);
  if (markup) return { kind: 'other-binary', what: markup };
  return { kind: 'text' };
}

/**
 * Documents that are text but not plain text: a web page or a Word "XML document"/"single file
 * web page" saved under a .doc/.docx/.txt name (common with exports from office systems).
 */
function markupKind(b: Uint8Array): { zh: string; en: string } | null {
  let head: string;
  if ((b[0] === 0xff && b[1] === 0xfe) || (b[0] === 0xfe && b[1] === 0xff)) {
    head = new TextDecoder(b[0] === 0xff ? 'utf-16le' : 'utf-16be').decode(b.subarray(2, 2050));
  } else {
    head = new TextDecoder('latin1').decode(b.subarray(0, 2048));
  }
  head = head.replace(/^\uFEFF|^\u00EF\u00BB\u00BF/, '').trimStart().toLowerCase();
  if (/^mime-version:/.test(head) || (/^(from|date|subject|content-type):/m.test(head) && head.includes('multipart/related'))) {
    return { zh: '单个文件网页（.mht/.mhtml）', en: 'a single-file web page (.mht/.mhtml)' };
  }
  if (head.startsWith('<?xml')) {
    if (head.includes('w:worddocument') || head.includes('schemas.microsoft.com/office/word/2003/wordml')) {
      return { zh: 'Word 2003 XML 文档', en: 'a Word 2003 XML document' };
    }
    if (head.includes('<pkg:package')) return { zh: 'Word XML 文档（平面 XML）', en: 'a Word XML document (flat OPC)' };
  }
  if (/^(<!doctype html|<html[\s>])/.test(head) || /^<\?xml[^>]*>\s*(<!doctype html|<html[\s>])/.test(head)) {
    return { zh: '网页文件（HTML）', en: 'a web page (HTML)' };
  }
  return null;
}

const WORD_EXT = new Set(['docx', 'docm', 'dotx', 'dotm']);
const EXCEL_EXT = new Set(['xlsx', 'xlsm', 'xltx', 'xltm']);

/** Whether a zip's directory names an Excel workbook (a damaged directory: not known, read as Word). */
function zipIsWorkbook(bytes: Uint8Array): boolean {
  try {
    return isWorkbookZip(readZipDirectory(bytes));
  } catch {
    return false;
  }
}

/**
 * Bytes into blocks: sniffs the format (by content first, extension second), decodes text,
 * reads .docx. Never throws for bad input: the error is in `error`.
 */
export async function readDocument(input: ReadInput, options: ReadOptions = {}): Promise<ReadResult> {
  const sha256 = createHash('sha256').update(input.bytes).digest('hex');
  const source: Source = {
    path: input.path,
    sha256,
    bytes: input.bytes.length,
    format: null,
    encoding: null,
    encodingMethod: null,
    replacementChars: 0,
    layout: null,
  };
  const failed = (error: ReadError, warnings: ParseWarning[] = []): ReadResult => ({ source, blocks: [], warnings, error });
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  if (input.bytes.length > maxBytes) {
    return failed(readError('too-large', { zh: `文件 ${input.bytes.length} 字节，上限 ${maxBytes} 字节`, en: `${input.bytes.length} bytes, the limit is ${maxBytes}` }));
  }
  const ext = extensionOf(input.path);
  const base = input.path.split(/[\\/]/).pop() ?? '';
  if (base.startsWith('~$') && input.bytes.length > 0 && input.bytes.length <= 4096 && !looksLikeZip(input.bytes)) {
    return failed(
      readError('unsupported-format', {
        zh: `${base} 是 Word/WPS 打开文档时生成的临时锁定文件，不是自评表，可直接忽略或删除`,
        en: `${base} is the lock file Word/WPS writes while a document is open, not a self-evaluation; ignore or delete it`,
      }),
    );
  }
  const sniffed = sniff(input.bytes);
  const warnings: ParseWarning[] = [];
  const mismatch = (actual: string) =>
    warnings.push({
      code: 'extension-mismatch',
      message: `文件扩展名为 .${ext || '（无）'}，但内容是 ${actual}，已按内容读取 (the extension is .${ext || '(none)'} but the content is ${actual}; read by content)`,
    });

  switch (sniffed.kind) {
    case 'empty':
      return failed(readError('empty'));
    case 'ole':
      if (sniffed.encrypted) return failed(readError('encrypted', sniffed.what));
      if (sniffed.legacy) return readConverted(input, options, source, sniffed.legacy);
      return failed(readError('unsupported-format', { zh: `内容是${sniffed.what.zh}`, en: `the content is ${sniffed.what.en}` }));
    case 'other-binary':
      if (sniffed.legacy) return readConverted(input, options, source, sniffed.legacy);
      return failed(readError('unsupported-format', { zh: `内容是${sniffed.what.zh}${ext ? `，扩展名却是 .${ext}` : ''}`, en: `the content is ${sniffed.what.en}${ext ? `, though the extension is .${ext}` : ''}` }));
    case 'zip': {
      if (zipIsWorkbook(input.bytes)) {
        source.format = 'xlsx';
        source.layout = 'xlsx';
        source.reader = 'exceljs';
        if (!EXCEL_EXT.has(ext)) mismatch('Excel 工作簿（.xlsx）/ an Excel workbook (.xlsx)');
        const xlsx = await parseXlsx(input.bytes, input.path, options.xlsx);
        if (!xlsx.ok) return failed(xlsx.error, warnings);
        return { source, blocks: xlsx.blocks, warnings: [...warnings, ...xlsx.warnings], error: null };
      }
      source.format = 'docx';
      source.layout = 'docx';
      if (!WORD_EXT.has(ext)) mismatch('Word 文档（.docx）/ a Word document (.docx)');
      let docx;
      try {
        docx = await parseDocx(input.bytes, input.path, options.docx);
      } catch (e) {
        const msg = e instanceof Error ? e.message : String(e);
        return failed(readError('corrupt-zip', { zh: `读取 Word 文档时出错：${msg}`, en: `reading the Word document failed: ${msg}` }), warnings);
      }
      if (!docx.ok) return failed(docx.error, warnings);
      source.reader = docx.reader;
      return { source, blocks: docx.blocks, warnings: [...warnings, ...docx.warnings], error: null };
    }
    case 'text': {
      source.format = 'txt';
      try {
        if (needsDecoders(input.bytes)) await prepareDecoders();
        const decoded = decodeText(input.bytes);
        if (!decoded.ok) return failed(decoded.error);
        if (WORD_EXT.has(ext) || ext === 'doc') mismatch('纯文本 / plain text');
        source.encoding = decoded.encoding;
        source.encodingMethod = decoded.method;
        source.replacementChars = decoded.replacementChars;
        const txt = parseTxt(decoded.text, input.path);
        source.layout = txt.layout;
        return { source, blocks: txt.blocks, warnings: [...warnings, ...(decoded.warnings ?? []), ...txt.warnings], error: null };
      } catch (e) {
        const msg = e instanceof Error ? e.message : String(e);
        return failed(readError('unsupported-format', { zh: `读取文本时出错：${msg}`, en: `reading the text failed: ${msg}` }), warnings);
      }
    }
  }
}

/**
 * A legacy file through the converter, then read as the .docx/.xlsx it became. The report keeps
 * the original's path, hash and size, and names the converter in `source.converted`.
 */
async function readConverted(input: ReadInput, options: ReadOptions, source: Source, legacy: LegacyKind): Promise<ReadResult> {
  const what = LEGACY_WORDS[legacy];
  const to = LEGACY_TARGET[legacy];
  if (!options.convert) {
    return { source, blocks: [], warnings: [], error: readError('needs-converter', { zh: `内容是${what.zh}`, en: `the content is ${what.en}` }) };
  }
  const converted = await options.convert.convert(input.bytes, legacy, to);
  if (!converted.ok) return { source, blocks: [], warnings: [], error: converted.error };
  const inner = await readDocument({ path: input.path, bytes: converted.bytes }, { ...options, convert: undefined, maxBytes: Number.MAX_SAFE_INTEGER });
  const out: Source = {
    ...inner.source,
    path: source.path,
    sha256: source.sha256,
    bytes: source.bytes,
    converted: { from: legacy, converter: converted.converter, version: converted.version },
  };
  // the converted bytes are named after the original: their extension says nothing
  const warnings = inner.warnings.filter((w) => w.code !== 'extension-mismatch');
  return { source: out, blocks: inner.blocks, warnings, error: inner.error };
}
