/**
 * Opening a .docx: the zip directory, the bound on what may be inflated, the main part named by
 * _rels/.rels. Shared by the streaming reader and the mammoth fallback.
 */
import type { ReadError } from '@jxaudit/model';
import { readError } from '../errors.ts';
import { inflateEntry, readZipDirectory, ZipError, type InflateBudget, type ZipEntry } from './zip.ts';

const MIB = 1024 * 1024;
const fmtBytes = (n: number) => (n >= MIB ? `${(n / MIB).toFixed(1)} MiB` : `${n} B`);

/** Zip parts a reader may need: XML and relationship parts (pictures and embedded files are never inflated). */
export function isNeededPart(name: string): boolean {
  return name === '[Content_Types].xml' || /^_rels\/\.rels$/.test(name) || (/^word\//.test(name) && /\.(xml|rels)$/i.test(name));
}

/** The main document part named by _rels/.rels, else word/document.xml. */
function mainPartName(rels: string | undefined): string {
  const m = rels && /<Relationship\b[^>]*Type="[^"]*\/officeDocument"[^>]*>/.exec(rels);
  const target = m && /Target="([^"]+)"/.exec(m[0]);
  return target ? target[1].replace(/^\//, '') : 'word/document.xml';
}

export function decodeXml(bytes: Uint8Array): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes);
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes);
  return new TextDecoder('utf-8').decode(bytes);
}

export const UNSAFE_XML = /<!\s*(DOCTYPE|ENTITY)\b/i;

/** The zip of a .docx with its directory read and the bound checked. */
export interface OpenedDocx {
  bytes: Uint8Array;
  entries: ZipEntry[];
  byName: Map<string, ZipEntry>;
  budget: InflateBudget;
  mainName: string;
  rels: string | undefined;
}

/** Reads the zip directory, checks the declared sizes against the bound, finds the main part. */
export function openDocx(bytes: Uint8Array, max: number): { ok: true; doc: OpenedDocx } | { ok: false; error: ReadError } {
  let entries: ZipEntry[];
  try {
    entries = readZipDirectory(bytes);
  } catch (e) {
    return { ok: false, error: zipFailure(e) };
  }
  const byName = new Map(entries.map((e) => [e.name, e]));
  const declared = entries.filter((e) => isNeededPart(e.name)).reduce((s, e) => s + e.uncompressedSize, 0);
  if (declared > max) {
    return { ok: false, error: readError('too-large', { zh: `压缩包声明解压后 ${fmtBytes(declared)}，上限 ${fmtBytes(max)}`, en: `the zip declares ${fmtBytes(declared)} inflated, the bound is ${fmtBytes(max)}` }) };
  }
  const budget: InflateBudget = { remaining: max, limit: max };
  try {
    const relsEntry = byName.get('_rels/.rels');
    const rels = relsEntry ? decodeXml(inflateEntry(bytes, relsEntry, budget)) : undefined;
    if (rels !== undefined && UNSAFE_XML.test(rels)) {
      return { ok: false, error: readError('unsafe-xml', { zh: '_rels/.rels 含有 DTD/实体定义', en: '_rels/.rels holds a DTD or entity declarations' }) };
    }
    const mainName = mainPartName(rels);
    if (!byName.has(mainName)) return { ok: false, error: notWord(entries, mainName) };
    return { ok: true, doc: { bytes, entries, byName, budget, mainName, rels } };
  } catch (e) {
    return { ok: false, error: zipFailure(e) };
  }
}

/** not-word, saying what the zip is instead when it can tell (Excel, PowerPoint, OpenDocument). */
function notWord(entries: ZipEntry[], mainName: string): ReadError {
  const has = (re: RegExp) => entries.some((e) => re.test(e.name));
  const what = has(/^xl\//)
    ? { zh: '这是 Excel 工作簿（.xlsx）', en: 'it is an Excel workbook (.xlsx)' }
    : has(/^ppt\//)
      ? { zh: '这是 PowerPoint 演示文稿（.pptx）', en: 'it is a PowerPoint presentation (.pptx)' }
      : has(/^mimetype$/) && has(/^content\.xml$/)
        ? { zh: '这是 OpenDocument 文档（如 .odt），请另存为 .docx', en: 'it is an OpenDocument file (e.g. .odt); save it as .docx' }
        : null;
  const names = entries.slice(0, 5).map((e) => e.name).join(', ');
  const held = { zh: `压缩包中包含：${names || '（空）'}`, en: `no ${mainName} in the zip; it holds: ${names || '(nothing)'}` };
  return readError('not-word', what ? { zh: `${what.zh}；${held.zh}`, en: `${what.en}; ${held.en}` } : held);
}

export function zipFailure(e: unknown): ReadError {
  if (e instanceof ZipError) {
    return readError(e.kind === 'corrupt' ? 'corrupt-zip' : e.kind, { zh: e.messageZh, en: e.message });
  }
  const msg = e instanceof Error ? e.message : String(e);
  return readError('corrupt-zip', { zh: msg, en: msg });
}
