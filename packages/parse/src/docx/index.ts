/**
 * .docx → blocks. The zip is read by our own bounded reader (docx/zip.ts) before mammoth sees
 * anything; the table structure comes from word/document.xml (docx/xml.ts, docx/grid.ts),
 * because mammoth ignores w:gridBefore and drops every rowspan of a table with a stray element
 * between rows; the content of paragraphs and cells comes from mammoth's HTML, aligned cell by
 * cell with the XML (and read from the XML where the two cannot be aligned).
 */
import * as cheerio from 'cheerio';
import mammoth from 'mammoth';
import { zipSync } from 'fflate';
import type { Block, Cell, ParseWarning, ReadError, TableBlock } from '@jxaudit/model';
import { readError } from '../errors.ts';
import { inflateEntry, readZipDirectory, ZipError, type InflateBudget, type ZipEntry } from './zip.ts';
import { CHECKED, UNCHECKED, blockParagraphs, contentChildren, findBody, paragraphText, parseXml, readTables, type XCell, type XNode, type XTable } from './xml.ts';
import { MAX_POSITIONS, mammothOwners, placeTable } from './grid.ts';

export interface DocxLimits {
  /** Bound on the sum of inflated sizes of the zip entries mammoth will read. */
  maxInflatedBytes: number;
  /** Above this many characters of document.xml, mammoth is skipped and the XML reader alone is used. */
  mammothMaxXmlChars: number;
}

/** Default bound on the inflated XML parts (pictures are never inflated); real self-evaluations hold well under 1 MiB. */
export const DEFAULT_MAX_INFLATED_BYTES = 32 * 1024 * 1024;
/** Above this size of document.xml (characters), mammoth is skipped and the XML reader alone is used. */
export const MAMMOTH_MAX_XML_CHARS = 8 * 1024 * 1024;

export type DocxParseResult = { ok: true; blocks: Block[]; warnings: ParseWarning[] } | { ok: false; error: ReadError };

const fail = (error: ReadError): DocxParseResult => ({ ok: false, error });

const MIB = 1024 * 1024;
const fmtBytes = (n: number) => (n >= MIB ? `${(n / MIB).toFixed(1)} MiB` : `${n} B`);

/** Zip parts the reader needs: XML and relationship parts (pictures and embedded files are never inflated). */
function isNeededPart(name: string): boolean {
  return name === '[Content_Types].xml' || /^_rels\/\.rels$/.test(name) || (/^word\//.test(name) && /\.(xml|rels)$/i.test(name));
}

/** The main document part named by _rels/.rels, else word/document.xml. */
function mainPartName(rels: string | undefined): string {
  const m = rels && /<Relationship\b[^>]*Type="[^"]*\/officeDocument"[^>]*>/.exec(rels);
  const target = m && /Target="([^"]+)"/.exec(m[0]);
  return target ? target[1].replace(/^\//, '') : 'word/document.xml';
}

function decodeXml(bytes: Uint8Array): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes);
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes);
  return new TextDecoder('utf-8').decode(bytes);
}

const UNSAFE_XML = /<!\s*(DOCTYPE|ENTITY)\b/i;

/** Strips reader artefacts (`[bookmark: _GoBack]`, `[image: …]`) and trailing whitespace. */
export function cleanText(s: string): string {
  return s.replace(/\[(?:bookmark|image):[^\]\n]*\]/g, '').replace(/[\s\u3000]+$/u, '');
}

/** One source paragraph (may hold line breaks) → its non-empty cleaned lines. */
function cleanLines(s: string): string[] {
  return s
    .split('\n')
    .map(cleanText)
    .filter((l) => l.trim() !== '');
}

/** Reads a .docx into blocks with every merged cell rebuilt. */
export async function parseDocx(bytes: Uint8Array, file: string, limits?: Partial<DocxLimits>): Promise<DocxParseResult> {
  const max = limits?.maxInflatedBytes ?? DEFAULT_MAX_INFLATED_BYTES;

  // 1. the zip directory, the parts we need, bounded
  let entries: ZipEntry[];
  try {
    entries = readZipDirectory(bytes);
  } catch (e) {
    return fail(zipFailure(e));
  }
  const byName = new Map(entries.map((e) => [e.name, e]));
  const parts = new Map<string, Uint8Array>();
  const needed = entries.filter((e) => isNeededPart(e.name));
  const declared = needed.reduce((s, e) => s + e.uncompressedSize, 0);
  if (declared > max) {
    return fail(readError('too-large', { zh: `压缩包声明解压后 ${fmtBytes(declared)}，上限 ${fmtBytes(max)}`, en: `the zip declares ${fmtBytes(declared)} inflated, the bound is ${fmtBytes(max)}` }));
  }
  const budget: InflateBudget = { remaining: max, limit: max };
  try {
    const relsEntry = byName.get('_rels/.rels');
    const rels = relsEntry ? decodeXml(inflateEntry(bytes, relsEntry, budget)) : undefined;
    const mainName = mainPartName(rels);
    if (!byName.has(mainName)) return fail(notWord(entries, mainName));
    if (relsEntry && rels !== undefined) {
      if (UNSAFE_XML.test(rels)) {
        return fail(readError('unsafe-xml', { zh: '_rels/.rels 含有 DTD/实体定义', en: '_rels/.rels holds a DTD or entity declarations' }));
      }
      parts.set(relsEntry.name, new TextEncoder().encode(rels));
    }
    const order = [byName.get(mainName)!, ...needed.filter((e) => e.name !== mainName && e.name !== '_rels/.rels')];
    for (const e of order) {
      if (e.name.endsWith('/')) continue;
      const data = inflateEntry(bytes, e, budget);
      if (UNSAFE_XML.test(decodeXml(data))) {
        return fail(readError('unsafe-xml', { zh: `${e.name} 含有 DTD/实体定义`, en: `${e.name} holds a DTD or entity declarations` }));
      }
      parts.set(e.name, data);
    }
    const docXml = decodeXml(parts.get(mainName)!);
    return await convert(parts, docXml, file, limits?.mammothMaxXmlChars ?? MAMMOTH_MAX_XML_CHARS);
  } catch (e) {
    if (e instanceof ZipError) return fail(zipFailure(e));
    const msg = e instanceof Error ? e.message : String(e);
    return fail(readError('corrupt-zip', { zh: `无法解析文档内容：${msg}`, en: `the document content cannot be parsed: ${msg}` }));
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

function zipFailure(e: unknown): ReadError {
  if (e instanceof ZipError) {
    return readError(e.kind === 'corrupt' ? 'corrupt-zip' : e.kind, { zh: e.messageZh, en: e.message });
  }
  const msg = e instanceof Error ? e.message : String(e);
  return readError('corrupt-zip', { zh: msg, en: msg });
}

interface HNode {
  type: string;
  name?: string;
  data?: string;
  attribs?: Record<string, string>;
  children?: HNode[];
}

/** mammoth's note links: the reference mark in the text ([1]) and the back arrow (↑) of the note. */
const isNoteLink = (n: HNode): boolean => n.name === 'a' && /^#(footnote|endnote|comment)-/.test(n.attribs?.href ?? '');

const BLOCK_TAGS = new Set(['p', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6']);

/** Inline text of an HTML element: text nodes joined, <br> as "\n", nested tables and lists left out. */
function inlineText(n: HNode): string {
  let s = '';
  for (const k of n.children ?? []) {
    if (k.type === 'text') s += k.data ?? '';
    else if (k.type === 'tag') {
      if (k.name === 'br') s += '\n';
      else if (isNoteLink(k)) continue;
      else if (k.name === 'input' && k.attribs?.type === 'checkbox') s += k.attribs.checked !== undefined ? CHECKED : UNCHECKED;
      else if (k.name === 'table' || k.name === 'ol' || k.name === 'ul') continue;
      else if (BLOCK_TAGS.has(k.name ?? '')) s += '\n' + inlineText(k) + '\n';
      else s += inlineText(k);
    }
  }
  return s;
}

/** Paragraph texts (raw) of an HTML container, tables excluded, in order. */
function htmlParagraphs(n: HNode): string[] {
  const out: string[] = [];
  for (const k of n.children ?? []) {
    if (k.type === 'text') {
      if ((k.data ?? '').trim()) out.push(k.data ?? '');
    } else if (k.type === 'tag') {
      if (k.name === 'table') continue;
      if (BLOCK_TAGS.has(k.name ?? '')) out.push(inlineText(k));
      else if (k.name === 'li') {
        out.push(inlineText(k));
        out.push(...htmlParagraphs({ type: 'tag', children: (k.children ?? []).filter((c) => c.name === 'ol' || c.name === 'ul') }));
      } else if (k.name === 'br') continue;
      else out.push(...htmlParagraphs(k));
    }
  }
  return out;
}

/** A table's own rows (thead/tbody/tfoot/direct tr), not those of nested tables. */
function htmlRows(table: HNode): HNode[] {
  const rows: HNode[] = [];
  for (const k of table.children ?? []) {
    if (k.type !== 'tag') continue;
    if (k.name === 'tr') rows.push(k);
    else if (k.name === 'thead' || k.name === 'tbody' || k.name === 'tfoot') rows.push(...(k.children ?? []).filter((r) => r.type === 'tag' && r.name === 'tr'));
  }
  return rows;
}

const rowCells = (tr: HNode): HNode[] => (tr.children ?? []).filter((c) => c.type === 'tag' && (c.name === 'td' || c.name === 'th'));

function collectTables(n: HNode, out: HNode[]): void {
  for (const k of n.children ?? []) {
    if (k.type !== 'tag') continue;
    if (k.name === 'table') out.push(k);
    collectTables(k, out);
  }
}

async function convert(parts: Map<string, Uint8Array>, docXml: string, file: string, mammothMaxXmlChars: number): Promise<DocxParseResult> {
  const warnings: ParseWarning[] = [];
  const root = parseXml(docXml);
  const body = findBody(root);
  if (!body) {
    return fail(readError('corrupt-zip', { zh: 'Word 正文 word/document.xml 中没有正文内容（w:body）', en: 'word/document.xml has no body (w:body)' }));
  }
  const xTables = readTables(body);

  // mammoth on a clean copy holding only the bounded, checked parts; a very large document is
  // read from its XML alone (mammoth needs ~70 bytes of memory per byte of XML)
  let htmlBody: HNode = { type: 'tag', children: [] };
  const hTables: HNode[] = [];
  const useMammoth = docXml.length <= mammothMaxXmlChars;
  if (useMammoth) {
    const zippable: Record<string, Uint8Array> = {};
    for (const [name, data] of parts) zippable[name] = data;
    const clean = zipSync(zippable, { level: 0 });
    const result = await mammoth.convertToHtml(
      { buffer: Buffer.from(clean.buffer, clean.byteOffset, clean.byteLength) },
      { convertImage: mammoth.images.imgElement(() => Promise.resolve({ src: '' })) },
    );
    const seen = new Set<string>();
    for (const m of result.messages) {
      if (/^Unrecognised (paragraph|run) style/.test(m.message)) continue;
      if (seen.has(m.message)) continue;
      seen.add(m.message);
      warnings.push({ code: 'mammoth', message: m.message });
    }
    const $ = cheerio.load(result.value);
    htmlBody = $('body')[0] as unknown as HNode;
    collectTables(htmlBody, hTables);
  } else {
    warnings.push({ code: 'docx-xml-only', message: `word/document.xml holds ${docXml.length} characters; read from its XML alone, without mammoth (文档正文很大，已直接读取 document.xml)` });
  }

  const xmlText = new Map<XCell, string[]>();
  const cellXmlParagraphs = (c: XCell): string[] => {
    let v = xmlText.get(c);
    if (!v) {
      v = blockParagraphs(c.node).flatMap(cleanLines);
      xmlText.set(c, v);
    }
    return v;
  };

  const aligned = useMammoth && hTables.length === xTables.length;
  if (useMammoth && !aligned) {
    warnings.push({ code: 'docx-xml-fallback', message: `mammoth produced ${hTables.length} tables where document.xml holds ${xTables.length}; the document was read from its XML alone (表格数量不一致，已直接读取 document.xml)` });
  }
  const budget = { positions: MAX_POSITIONS };
  const grids: TableBlock[] = xTables.map((t) => buildGrid(t, aligned ? hTables[t.index] : null, cellXmlParagraphs, warnings, budget));

  // blocks in document order
  const blocks: Block[] = [];
  const pushParagraphs = (raw: string[]): void => {
    for (const text of raw.flatMap(cleanLines)) {
      blocks.push({ type: 'paragraph', text, at: { file, table: null, row: null, col: null, line: null, paragraph: blocks.length, text } });
    }
  };
  const pushed = new Set<number>();
  const pushTable = (index: number): void => {
    if (pushed.has(index)) return;
    pushed.add(index);
    blocks.push(grids[index]);
    for (const g of grids) if (g.parent === index) pushTable(g.index);
  };
  if (aligned) {
    const indexOf = new Map(hTables.map((t, i) => [t, i]));
    const walk = (n: HNode): void => {
      for (const k of n.children ?? []) {
        if (k.type === 'text') {
          if ((k.data ?? '').trim()) pushParagraphs([k.data ?? '']);
        } else if (k.type === 'tag') {
          if (k.name === 'table') pushTable(indexOf.get(k)!);
          else if (BLOCK_TAGS.has(k.name ?? '') || k.name === 'li') {
            pushParagraphs([inlineText(k)]);
            walk({ type: 'tag', children: (k.children ?? []).filter((c) => c.type === 'tag' && (c.name === 'ol' || c.name === 'ul' || c.name === 'table')) });
          } else walk(k);
        }
      }
    };
    walk(htmlBody);
  } else {
    const byNode = new Map(xTables.map((t) => [t.node, t]));
    const walk = (n: XNode, inParagraph: boolean): void => {
      for (const k of contentChildren(n)) {
        if (k.name === 'w:tbl') {
          const t = byNode.get(k);
          if (t && t.parent === null) pushTable(t.index);
        } else if (k.name === 'w:p' && !inParagraph) {
          pushParagraphs([paragraphText(k)]);
          walk(k, true); // tables in its text boxes follow it
        } else walk(k, inParagraph);
      }
    };
    walk(body, false);
  }
  // a table the walk did not reach (it should not happen) is kept rather than lost
  for (const g of grids) if (!pushed.has(g.index)) pushTable(g.index);
  return { ok: true, blocks, warnings };
}

function buildGrid(
  t: XTable,
  hTable: HNode | null,
  xmlParagraphs: (c: XCell) => string[],
  warnings: ParseWarning[],
  budget: { positions: number },
): TableBlock {
  const placed = placeTable(t, (c) => xmlParagraphs(c).length === 0, budget.positions);
  budget.positions -= placed.rows * placed.cols;
  warnings.push(...placed.warnings);

  // align mammoth's cells with the XML cells, row by row
  const content = new Map<XCell, string[]>();
  const mOwners = mammothOwners(t);
  if (hTable) {
    const hRows = htmlRows(hTable);
    let mode: 'merged' | 'all' | null = null;
    if (hRows.length === t.rows.length) {
      const counts = hRows.map((r) => rowCells(r).length);
      if (t.rows.every((r, i) => r.cells.filter((c) => !mOwners.has(c)).length === counts[i])) mode = 'merged';
      else if (t.rows.every((r, i) => r.cells.length === counts[i])) mode = 'all';
    }
    if (mode) {
      t.rows.forEach((r, i) => {
        const tds = rowCells(hRows[i]);
        const kept = mode === 'merged' ? r.cells.filter((c) => !mOwners.has(c)) : r.cells;
        kept.forEach((c, j) => content.set(c, htmlParagraphs(tds[j]).flatMap(cleanLines)));
      });
    } else {
      warnings.push({ code: 'docx-xml-fallback', message: `table ${t.index}: mammoth's rows and cells do not line up with document.xml; its text was read from the XML (表格结构不一致，已直接读取 document.xml)` });
    }
    const hasContinuations = placed.ownerOf.size > 0;
    if (t.hasStrayElements && hasContinuations) {
      warnings.push({ code: 'mammoth-merge-dropped', message: `table ${t.index}: an element between rows made mammoth drop the table's vertical merges; they were rebuilt from document.xml (书签等元素位于表格行之间，纵向合并已按 document.xml 重建)` });
    } else if (!t.hasStrayElements) {
      let differs = false;
      for (const [c, o] of placed.ownerOf) if (mOwners.get(c) !== o) differs = true;
      for (const [c, o] of mOwners) if (placed.ownerOf.get(c) !== o) differs = true;
      if (differs) {
        warnings.push({ code: 'mammoth-merge-misplaced', message: `table ${t.index}: mammoth placed vertical merges on the wrong columns (it ignores w:gridBefore); they were rebuilt from document.xml (纵向合并位置有误，已按 document.xml 重建)` });
      }
    }
  }

  const cells: Cell[] = placed.cells.map((pc) => {
    const paragraphs = pc.sources.flatMap((s) => content.get(s) ?? xmlParagraphs(s));
    return { row: pc.row, col: pc.col, rowSpan: pc.rowSpan, colSpan: pc.colSpan, line: null, paragraphs, text: paragraphs.join('\n') };
  });
  return { type: 'table', index: t.index, rows: placed.rows, cols: placed.cols, cells, parent: t.parent };
}
