/**
 * .docx → blocks. The zip is read by our own bounded reader (docx/zip.ts); word/document.xml is
 * inflated chunk by chunk straight into the streaming scanner (docx/scan.ts) and the
 * WordprocessingML reader (docx/stream.ts), which yields paragraphs, table structure and the text
 * of every cell in one pass, with no tree; docx/grid.ts places the cells. mammoth is the fallback
 * reader (docx/fallback.ts), chosen automatically when the streaming pass fails on something it
 * does not expect; its HTML is read with cheerio (docx/html.ts).
 */
import type { Block, Cell, ParseWarning, ReadError, TableBlock } from '@jxaudit/model';
import { readError } from '../errors.ts';
import { inflateEntry, inflateEntryChunks, ZipError, type ZipEntry } from './zip.ts';
import { decodeXml, openDocx, zipFailure, type OpenedDocx } from './open.ts';
import { MalformedXmlError, UnsafeXmlError, XmlScanner } from './scan.ts';
import { TooDeepError, WordReader, type Item, type StreamResult, type XCell, type XTable } from './stream.ts';
import { MAX_POSITIONS, placeTable } from './grid.ts';
import { cleanLines } from './text.ts';

export { cleanText } from './text.ts';

export interface DocxLimits {
  /** Bound on the sum of inflated sizes of the zip entries read. */
  maxInflatedBytes: number;
  /** Above this many characters of document.xml, the mammoth fallback is not tried (mammoth needs ~70 bytes of memory per byte of XML). */
  mammothMaxXmlChars: number;
  /** Test hook: read with mammoth whatever the streaming pass says (the oracle and the fallback's own tests). */
  forceFallback?: boolean;
}

/** Default bound on the inflated XML parts (pictures are never inflated); real self-evaluations hold well under 1 MiB. */
export const DEFAULT_MAX_INFLATED_BYTES = 32 * 1024 * 1024;
/** Above this size of document.xml (characters), the mammoth fallback is not tried. */
export const MAMMOTH_MAX_XML_CHARS = 8 * 1024 * 1024;

/** Which reader produced the blocks: the streaming pass, or mammoth as its fallback. */
export type DocxReader = 'docx-stream' | 'mammoth';

export type DocxParseResult = { ok: true; blocks: Block[]; warnings: ParseWarning[]; reader: DocxReader } | { ok: false; error: ReadError };

const fail = (error: ReadError): DocxParseResult => ({ ok: false, error });

/** The part a relationship of `type` (footnotes, endnotes) of the main part points to. */
function relatedPart(rels: string | undefined, mainName: string, type: string): string | null {
  const re = new RegExp(`<Relationship\\b[^>]*Type="[^"]*/${type}"[^>]*>`);
  const m = rels && re.exec(rels);
  const target = m && /Target="([^"]+)"/.exec(m[0]);
  if (!target) return null;
  if (target[1].startsWith('/')) return target[1].slice(1);
  const dir = mainName.includes('/') ? mainName.slice(0, mainName.lastIndexOf('/') + 1) : '';
  return dir + target[1];
}

/**
 * The length of the longest prefix of `bytes` that ends on a UTF-8 character boundary (a
 * character cut by the end of an inflated chunk waits for the next one).
 */
export function utf8Boundary(bytes: Uint8Array): number {
  const n = bytes.length;
  let k = n - 1;
  while (k >= 0 && k > n - 4 && (bytes[k] & 0xc0) === 0x80) k--;
  if (k < 0) return n;
  const lead = bytes[k];
  const need = lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : lead >= 0xc0 ? 2 : 1;
  return n - k < need ? k : n;
}

/**
 * Streams one part through the scanner into a WordReader; the characters read are counted.
 * UTF-8 chunks are decoded whole, cut on character boundaries (TextDecoder's stream mode is
 * several times slower); UTF-16 (rare) goes through TextDecoder.
 */
function streamPart(doc: OpenedDocx, entry: ZipEntry): { result: StreamResult; chars: number } {
  const reader = new WordReader();
  const scanner = new XmlScanner(reader);
  reader.namespaceOf = (prefix) => scanner.namespaceOf(prefix);
  let utf16: TextDecoder | null = null;
  let first = true;
  let carry: Uint8Array | null = null;
  let chars = 0;
  const feed = (text: string): void => {
    chars += text.length;
    scanner.push(text);
  };
  inflateEntryChunks(doc.bytes, entry, doc.budget, (chunk) => {
    if (first) {
      first = false;
      if ((chunk[0] === 0xff && chunk[1] === 0xfe) || (chunk[0] === 0xfe && chunk[1] === 0xff)) utf16 = new TextDecoder(chunk[0] === 0xff ? 'utf-16le' : 'utf-16be');
    }
    if (utf16) return feed((utf16 as TextDecoder).decode(chunk, { stream: true }));
    let bytes = chunk;
    if (carry) {
      bytes = new Uint8Array(carry.length + chunk.length);
      bytes.set(carry);
      bytes.set(chunk, carry.length);
      carry = null;
    }
    const cut = utf8Boundary(bytes);
    if (cut < bytes.length) carry = bytes.slice(cut);
    feed(Buffer.from(bytes.buffer, bytes.byteOffset, cut).toString('utf8'));
  });
  if (utf16) feed((utf16 as TextDecoder).decode());
  else if (carry) feed(Buffer.from(carry as Uint8Array).toString('utf8'));
  scanner.end();
  return { result: reader.result, chars };
}

/** The streaming pass over a WordprocessingML string (a whole document.xml): for tests and tools. */
export function streamXml(xml: string): StreamResult {
  const reader = new WordReader();
  const scanner = new XmlScanner(reader);
  reader.namespaceOf = (prefix) => scanner.namespaceOf(prefix);
  scanner.push(xml);
  scanner.end();
  return reader.result;
}

/** The streaming pass's own result for a .docx (structure, and text per w:tc): for the mammoth oracle. */
export function streamDocx(bytes: Uint8Array, max = DEFAULT_MAX_INFLATED_BYTES): { ok: true; result: StreamResult; doc: OpenedDocx } | { ok: false; error: ReadError } {
  const opened = openDocx(bytes, max);
  if (!opened.ok) return opened;
  try {
    return { ok: true, result: streamPart(opened.doc, opened.doc.byName.get(opened.doc.mainName)!).result, doc: opened.doc };
  } catch (e) {
    return { ok: false, error: knownFailure(e) ?? zipFailure(e) };
  }
}

/** The part a relationship id of the main part points to. */
function relationTarget(rels: string | undefined, mainName: string, rid: string): string | null {
  if (!rels) return null;
  for (const m of rels.matchAll(/<Relationship\b[^>]*>/g)) {
    if (/TargetMode="External"/.test(m[0]) || !new RegExp(`\\bId="${rid.replace(/[^\w-]/g, '')}"`).test(m[0])) continue;
    const target = /Target="([^"]+)"/.exec(m[0])?.[1];
    if (!target) return null;
    if (target.startsWith('/')) return target.slice(1);
    const dir = mainName.includes('/') ? mainName.slice(0, mainName.lastIndexOf('/') + 1) : '';
    return dir + target;
  }
  return null;
}

/**
 * Blocks numbered again in document order, once tables of imported chunks sit among the
 * document's own: every table gets its rank among the tables, parents follow, and every
 * paragraph's location its position.
 */
function renumber(blocks: Block[], chunkTables: Map<TableBlock, number>): Block[] {
  const key = (space: number, index: number) => `${space}:${index}`;
  const next = new Map<string, number>();
  let n = 0;
  for (const b of blocks) if (b.type === 'table') next.set(key(chunkTables.get(b) ?? 0, b.index), n++);
  return blocks.map((b, i) => {
    if (b.type === 'paragraph') return { ...b, at: { ...b.at, paragraph: i } };
    const space = chunkTables.get(b) ?? 0;
    return { ...b, index: next.get(key(space, b.index))!, parent: b.parent == null ? b.parent : (next.get(key(space, b.parent)) ?? null) };
  });
}

/** Reads a .docx into blocks with every merged cell rebuilt. */
export async function parseDocx(bytes: Uint8Array, file: string, limits?: Partial<DocxLimits>): Promise<DocxParseResult> {
  const max = limits?.maxInflatedBytes ?? DEFAULT_MAX_INFLATED_BYTES;

  const opened = openDocx(bytes, max);
  if (!opened.ok) return fail(opened.error);
  const doc = opened.doc;
  const byName = doc.byName;

  // 2. one streaming pass over the main part (and the notes its text refers to)
  let streamed: { blocks: Block[]; warnings: ParseWarning[] } | null = null;
  let failure: unknown = null;
  let mainChars = 0;
  try {
    const main = streamPart(doc, byName.get(doc.mainName)!);
    mainChars = main.chars;
    // the chunk reader (and cheerio) is loaded only for a document that imports a chunk
    const chunks = hasChunks(main.result) ? (await import('./chunk.ts')).chunkBlocks : null;
    streamed = assemble(doc, main.result, file, chunks);
  } catch (e) {
    // what is wrong with the file (unsafe, too deep, damaged) is final: mammoth is no way around it
    const known = knownFailure(e);
    if (known) return fail(known);
    failure = e;
  }
  if (streamed && !limits?.forceFallback) return { ok: true, ...streamed, reader: 'docx-stream' };

  // 3. the fallback: mammoth over the same bounded parts, its HTML read with cheerio
  const why = failure instanceof Error ? failure.message : failure === null ? 'asked for' : String(failure);
  const maxChars = limits?.mammothMaxXmlChars ?? MAMMOTH_MAX_XML_CHARS;
  if (mainChars > maxChars || byName.get(doc.mainName)!.uncompressedSize > maxChars * 3) {
    return fail(readError('corrupt-zip', { zh: `无法解析文档内容：${why}`, en: `the document content cannot be parsed: ${why}` }));
  }
  try {
    // the fallback inflates the parts again, after the first pass let go of them
    doc.budget.remaining = max;
    const { readWithMammoth } = await import('./fallback.ts');
    const r = await readWithMammoth(doc, file);
    if (!r.ok) return fail(r.error);
    const warnings: ParseWarning[] = [];
    if (failure !== null) {
      warnings.push({ code: 'docx-reader-fallback', message: `the streaming reader failed (${why}); the document was read with mammoth (文档结构异常，已改用备用方式读取，合并单元格可能不准确)` });
    }
    return { ok: true, blocks: r.blocks, warnings: [...warnings, ...r.warnings], reader: 'mammoth' };
  } catch (e) {
    const known = knownFailure(e);
    if (known) return fail(known);
    if (e instanceof RangeError && /call stack/i.test(e.message)) {
      return fail(readError('too-deep', { zh: '文档结构嵌套过深，无法读取', en: 'the document nests too deep to be read' }));
    }
    const msg = e instanceof Error ? e.message : String(e);
    return fail(readError('corrupt-zip', { zh: `无法解析文档内容：${msg}`, en: `the document content cannot be parsed: ${msg}` }));
  }
}

/** The failures that are about the file, not the reader: a damaged zip, unsafe XML, absurd nesting. */
function knownFailure(e: unknown): ReadError | null {
  if (e instanceof ZipError) return zipFailure(e);
  if (e instanceof UnsafeXmlError) {
    return readError('unsafe-xml', { zh: `文档含有 DTD/实体定义（${e.message}）`, en: `the document holds a DTD or entity declarations (${e.message})` });
  }
  if (e instanceof TooDeepError) {
    return e.what === 'tables'
      ? readError('too-deep', { zh: `表格嵌套超过 ${e.limit} 层`, en: `tables nested more than ${e.limit} deep` })
      : readError('too-deep', { zh: `XML 元素嵌套超过 ${e.limit} 层`, en: `XML elements nested more than ${e.limit} deep` });
  }
  if (e instanceof MalformedXmlError) {
    return readError('corrupt-zip', { zh: `无法解析文档内容：${e.message}`, en: `the document content cannot be parsed: ${e.message}` });
  }
  return null;
}

/** The streaming pass's result → blocks in document order, with the referenced notes at the end. */
type ChunkReader = (name: string, bytes: Uint8Array, file: string) => { blocks: Block[]; warnings: ParseWarning[] } | null;

const hasChunks = (r: StreamResult): boolean => r.items.some((i) => i.kind === 'chunk') || [...r.after.values()].some((items) => items.some((i) => i.kind === 'chunk'));

function assemble(doc: OpenedDocx, main: StreamResult, file: string, chunkBlocks: ChunkReader | null): { blocks: Block[]; warnings: ParseWarning[] } {
  const warnings: ParseWarning[] = [];
  const budget = { positions: MAX_POSITIONS };
  const grids = new Map<number, TableBlock>();
  const tables: XTable[] = [...main.tables];

  // the main part's relationships, read only when the text refers to another part
  let docRelsRead = false;
  let docRelsText: string | undefined;
  const docRels = (): string | undefined => {
    if (!docRelsRead) {
      docRelsRead = true;
      const relsEntry = doc.byName.get(doc.mainName.replace(/([^/]*)$/, '_rels/$1.rels'));
      docRelsText = relsEntry ? decodeXml(inflateEntry(doc.bytes, relsEntry, doc.budget)) : undefined;
    }
    return docRelsText;
  };

  // footnotes and endnotes referenced from the text: paragraphs after the body, in reference order
  const notes: Item[] = [];
  if (main.noteRefs.length) {
    const byKey = new Map<string, Item[]>();
    for (const type of ['footnotes', 'endnotes']) {
      const name = relatedPart(docRels(), doc.mainName, type);
      const entry = name ? doc.byName.get(name) : undefined;
      if (!entry) continue;
      const part = streamPart(doc, entry).result;
      // a table inside a note gets the next indices
      const shift = tables.length;
      for (const t of part.tables) tables.push({ ...t, index: t.index + shift, parent: t.parent === null ? null : t.parent + shift });
      for (const [key, items] of part.notes) byKey.set(key, items.map((i) => (i.kind === 'table' ? { kind: 'table', index: i.index + shift } : i)));
    }
    for (const key of main.noteRefs) notes.push(...(byKey.get(key) ?? []));
  }

  const cellParagraphs = new Map<XCell, string[]>();
  const paragraphsOf = (c: XCell): string[] => {
    let v = cellParagraphs.get(c);
    if (!v) {
      v = c.paragraphs.flatMap(cleanLines);
      cellParagraphs.set(c, v);
    }
    return v;
  };
  for (const t of tables) {
    const placed = placeTable(t, (c) => paragraphsOf(c).length === 0, budget.positions);
    budget.positions -= placed.rows * placed.cols;
    warnings.push(...placed.warnings);
    const cells: Cell[] = placed.cells.map((pc) => {
      const paragraphs = pc.sources.length === 1 ? paragraphsOf(pc.sources[0]) : pc.sources.flatMap(paragraphsOf);
      return { row: pc.row, col: pc.col, rowSpan: pc.rowSpan, colSpan: pc.colSpan, line: null, paragraphs, text: paragraphs.join('\n') };
    });
    grids.set(t.index, { type: 'table', index: t.index, rows: placed.rows, cols: placed.cols, cells, parent: t.parent });
  }
  const children = new Map<number, number[]>();
  for (const t of tables) if (t.parent !== null) children.set(t.parent, [...(children.get(t.parent) ?? []), t.index]);

  let blocks: Block[] = [];
  /** Tables of imported chunks: their indices are their own until all blocks are renumbered. */
  const chunkTables = new Map<TableBlock, number>();
  let chunks = 0;
  let unreadChunks = main.unread.get('w:altChunk') ?? 0;
  const pushed = new Set<number>();
  const pushTable = (index: number): void => {
    if (pushed.has(index)) return;
    pushed.add(index);
    const g = grids.get(index);
    if (!g) return;
    blocks.push(g);
    for (const k of children.get(index) ?? []) pushTable(k);
  };
  const emit = (items: Item[]): void => {
    for (const item of items) {
      if (item.kind === 'paragraph') {
        for (const text of cleanLines(item.text)) {
          blocks.push({ type: 'paragraph', text, at: { file, table: null, row: null, col: null, line: null, paragraph: blocks.length, text } });
        }
      } else if (item.kind === 'chunk') {
        const read = readChunk(item.rid);
        if (!read) {
          unreadChunks++;
          continue;
        }
        chunks++;
        warnings.push(...read.warnings);
        for (const b of read.blocks) {
          if (b.type === 'table') chunkTables.set(b, chunks);
          blocks.push(b);
        }
      } else {
        pushTable(item.index);
        const after = main.after.get(item.index);
        if (after) emit(after);
      }
    }
  };
  const readChunk = (rid: string): { blocks: Block[]; warnings: ParseWarning[] } | null => {
    const name = relationTarget(docRels(), doc.mainName, rid);
    const entry = name ? doc.byName.get(name) : undefined;
    if (!name || !entry || !chunkBlocks) return null;
    return chunkBlocks(name, inflateEntry(doc.bytes, entry, doc.budget), file);
  };
  emit(main.items);
  emit(notes);
  // a table no item reached (it should not happen) is kept rather than lost
  for (const t of tables) if (!pushed.has(t.index) && t.parent === null) pushTable(t.index);
  if (chunks > 0) blocks = renumber(blocks, chunkTables);

  if (chunks > 0) {
    warnings.push({ code: 'docx-altchunk-read', message: `${chunks} part(s) imported from a web page (w:altChunk) were read as part of the document (文档中从网页导入的内容已一并读取)` });
  }
  if (unreadChunks > 0) {
    warnings.push({
      code: 'docx-altchunk',
      message: `the document imports ${unreadChunks} part(s) of another file (w:altChunk) that were not read; open it in Word or WPS and save it as .docx so they become part of the document (文档中有从其他文件导入的内容未被读取，请在 Word/WPS 中打开后另存为 .docx 再提交)`,
    });
  }
  if (main.unread.has('w:sym')) {
    warnings.push({ code: 'docx-symbol-unread', message: `${main.unread.get('w:sym')} symbol(s) (w:sym) in a font with no known character mapping were left out (部分特殊符号无法识别，已略去)` });
  }
  if (main.unclosedFields > 0) {
    warnings.push({ code: 'docx-field-unclosed', message: `${main.unclosedFields} field(s) were never closed; text after an unclosed field instruction may be missing (文档中的域代码不完整，其后的内容可能缺失)` });
  }
  return { blocks, warnings };
}

