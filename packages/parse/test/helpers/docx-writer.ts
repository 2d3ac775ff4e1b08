/**
 * A small test-side .docx writer: builds WordprocessingML by hand and zips it with fflate, so a
 * test can state exactly the XML structure it exercises (merges, bookmarks, split runs …).
 *
 *   import { buildDocx, p, tbl, tr, tc } from './helpers/docx-writer.ts';
 *   const bytes = buildDocx({
 *     body:
 *       p('附件1') +
 *       tbl([
 *         tr([tc('预算部门名称', { span: 2 }), tc('雁峰区雁峰街道办事处', { span: 3 })]),
 *         tr([tc('年度预算', { vMerge: 'restart' }), '全年预算数', '全年执行数', '得分', '分值']),
 *         tr([tc('', { vMerge: 'continue' }), '5033.66', '5033.66', '10', '10']),
 *       ], { cols: 5 }),
 *   });
 *
 * Every helper returns an XML string, so helpers nest and raw XML can be mixed in anywhere.
 * Text is XML-escaped by the helpers; strings passed as `xml` are inserted verbatim.
 */
import * as CFB from 'cfb';
import { zipSync, strToU8, type Zippable } from 'fflate';

export const W_NS = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';

/** XML-escapes text for element content and attribute values. */
export function esc(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** One run `<w:r><w:t>text</w:t></w:r>` (spaces preserved; "\t" becomes `<w:tab/>`). */
export function run(text: string): string {
  const parts = text.split('\t').map((t) => (t ? `<w:t xml:space="preserve">${esc(t)}</w:t>` : ''));
  return `<w:r>${parts.join('<w:tab/>')}</w:r>`;
}

/**
 * A paragraph. A string gives one run; an array gives one run per element, e.g.
 * `p(['20', '21.29'])` writes "2021.29" split across two `<w:r>`. Use `pXml` for raw content.
 */
export function p(text: string | string[] = ''): string {
  const runs = Array.isArray(text) ? text : text ? [text] : [];
  return `<w:p>${runs.map(run).join('')}</w:p>`;
}

/** A paragraph around raw inline XML (runs, `ins(...)`, `del(...)`, bookmarks, `sdtRun(...)`). */
export function pXml(inner: string): string {
  return `<w:p>${inner}</w:p>`;
}

/** Tracked insertion (kept by readers) around runs: `pXml(run('原') + ins('新增'))`. */
export function ins(text: string): string {
  return `<w:ins w:id="901" w:author="t" w:date="2021-01-01T00:00:00Z">${run(text)}</w:ins>`;
}

/** Tracked deletion (dropped by readers). */
export function del(text: string): string {
  return `<w:del w:id="902" w:author="t" w:date="2021-01-01T00:00:00Z"><w:r><w:delText xml:space="preserve">${esc(text)}</w:delText></w:r></w:del>`;
}

/** A block-level content control (`w:sdt`) around paragraphs/tables XML. */
export function sdt(blockXml: string, tag = 'field'): string {
  return `<w:sdt><w:sdtPr><w:tag w:val="${esc(tag)}"/></w:sdtPr><w:sdtContent>${blockXml}</w:sdtContent></w:sdt>`;
}

/** A run-level content control around a text. */
export function sdtRun(text: string, tag = 'field'): string {
  return `<w:sdt><w:sdtPr><w:tag w:val="${esc(tag)}"/></w:sdtPr><w:sdtContent>${run(text)}</w:sdtContent></w:sdt>`;
}

/** A bookmark start+end pair. Between rows of a table it makes mammoth drop the table's rowspans (unless named `_GoBack`). */
export function bookmark(name: string, id = 1): string {
  return `<w:bookmarkStart w:id="${id}" w:name="${esc(name)}"/><w:bookmarkEnd w:id="${id}"/>`;
}

export interface CellSpec {
  /** Horizontal merge: `w:gridSpan`. */
  span?: number;
  /** Vertical merge: `restart`, `continue` (`w:val="continue"`) or `bare` (`<w:vMerge/>`, also a continuation). */
  vMerge?: 'restart' | 'continue' | 'bare';
  /** Raw block XML for the cell body instead of text (e.g. a nested `tbl(...)`); an empty paragraph is appended after a table. */
  xml?: string;
}

/**
 * A table cell. `content` is one paragraph (string), several paragraphs (string[]), or
 * several paragraphs each split into runs (string[][]).
 */
export function tc(content: string | string[] | string[][] = '', spec: CellSpec = {}): string {
  const pr: string[] = [];
  if (spec.span && spec.span > 1) pr.push(`<w:gridSpan w:val="${spec.span}"/>`);
  if (spec.vMerge === 'restart') pr.push('<w:vMerge w:val="restart"/>');
  else if (spec.vMerge === 'continue') pr.push('<w:vMerge w:val="continue"/>');
  else if (spec.vMerge === 'bare') pr.push('<w:vMerge/>');
  let body: string;
  if (spec.xml !== undefined) {
    body = spec.xml;
    if (!/<\/w:p>\s*$/.test(body)) body += '<w:p/>';
  } else if (Array.isArray(content)) {
    body = content.length ? content.map((para) => p(para)).join('') : '<w:p/>';
  } else {
    body = p(content);
  }
  return `<w:tc><w:tcPr><w:tcW w:w="1000" w:type="dxa"/>${pr.join('')}</w:tcPr>${body}</w:tc>`;
}

export interface RowSpec {
  /** `w:gridBefore`: grid columns skipped before the first cell. */
  gridBefore?: number;
  /** `w:gridAfter`: grid columns left empty after the last cell. */
  gridAfter?: number;
  /** `w:tblHeader` (repeated header row; mammoth writes it as <thead>/<th>). */
  header?: boolean;
  /** `w:trPr/w:del`: a deleted row (tracked change). */
  deleted?: boolean;
}

/** A table row; plain strings are shorthand for `tc(string)`, other strings must be `tc(...)` XML. */
export function tr(cells: string[], spec: RowSpec = {}): string {
  const pr: string[] = [];
  if (spec.gridBefore) pr.push(`<w:gridBefore w:val="${spec.gridBefore}"/>`);
  if (spec.gridAfter) pr.push(`<w:gridAfter w:val="${spec.gridAfter}"/>`);
  if (spec.header) pr.push('<w:tblHeader/>');
  if (spec.deleted) pr.push('<w:del w:id="903" w:author="t" w:date="2021-01-01T00:00:00Z"/>');
  const xml = cells.map((c) => (c.startsWith('<w:tc>') ? c : tc(c))).join('');
  return `<w:tr>${pr.length ? `<w:trPr>${pr.join('')}</w:trPr>` : ''}${xml}</w:tr>`;
}

/**
 * A table: `rows` are `tr(...)` strings or any other XML to place between rows (e.g.
 * `bookmark('x')`). `cols` is the number of `w:gridCol` in `w:tblGrid`.
 */
export function tbl(rows: string[], opts: { cols: number }): string {
  const grid = Array.from({ length: opts.cols }, () => '<w:gridCol w:w="1000"/>').join('');
  return `<w:tbl><w:tblPr><w:tblW w:w="0" w:type="auto"/></w:tblPr><w:tblGrid>${grid}</w:tblGrid>${rows.join('')}</w:tbl>`;
}

/** The whole word/document.xml around a body. */
export function documentXml(body: string): string {
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
    `<w:document xmlns:w="${W_NS}" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" ` +
    'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006">' +
    `<w:body>${body}<w:sectPr/></w:body></w:document>`
  );
}

const CONTENT_TYPES =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
  '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
  '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
  '<Default Extension="xml" ContentType="application/xml"/>' +
  '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>' +
  '</Types>';

const ROOT_RELS =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
  '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
  '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>' +
  '</Relationships>';

const DOC_RELS =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
  '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"></Relationships>';

export interface BuildDocxOptions {
  /** WordprocessingML body content (paragraphs and tables), wrapped by `documentXml`. */
  body?: string;
  /** The complete word/document.xml instead of `body` (e.g. to add a DOCTYPE). */
  documentXml?: string;
  /** More zip entries, or replacements of the default ones ([Content_Types].xml, _rels/.rels, word/_rels/document.xml.rels, word/document.xml). */
  extraEntries?: Record<string, string | Uint8Array>;
  /** Default entries to leave out (e.g. `['word/document.xml']` for a zip that is not Word). */
  omit?: string[];
}

/** Zips a minimal but valid .docx (deflated). */
export function buildDocx(opts: BuildDocxOptions): Uint8Array {
  const entries: Record<string, string | Uint8Array> = {
    '[Content_Types].xml': CONTENT_TYPES,
    '_rels/.rels': ROOT_RELS,
    'word/_rels/document.xml.rels': DOC_RELS,
    'word/document.xml': opts.documentXml ?? documentXml(opts.body ?? ''),
    ...opts.extraEntries,
  };
  const zippable: Zippable = {};
  for (const [name, data] of Object.entries(entries)) {
    if (opts.omit?.includes(name)) continue;
    zippable[name] = typeof data === 'string' ? strToU8(data) : data;
  }
  // a fixed modification time: fixtures built from the same description are the same bytes
  return zipSync(zippable, { level: 6, mtime: FIXED_MTIME });
}

const FIXED_MTIME = new Date(Date.UTC(2024, 0, 1));

export interface RawZipEntry {
  name: string;
  /** The entry's data as stored in the zip (already deflated when method is 8). */
  data: Uint8Array;
  /** 0 stored, 8 deflate. */
  method: 0 | 8;
  /** Declared uncompressed size (may lie, to build hostile archives). */
  size: number;
  crc32?: number;
}

/**
 * Writes a zip from pre-compressed entries with the sizes you declare: for hostile archives
 * (a decompression bomb whose header lies about its size) that zipSync cannot produce.
 */
export function rawZip(entries: RawZipEntry[]): Uint8Array {
  const enc = new TextEncoder();
  const locals: Uint8Array[] = [];
  const centrals: Uint8Array[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = enc.encode(e.name);
    const local = new Uint8Array(30 + name.length);
    const lv = new DataView(local.buffer);
    lv.setUint32(0, 0x04034b50, true);
    lv.setUint16(4, 20, true);
    lv.setUint16(6, 0x0800, true);
    lv.setUint16(8, e.method, true);
    lv.setUint32(14, e.crc32 ?? 0, true);
    lv.setUint32(18, e.data.length, true);
    lv.setUint32(22, e.size, true);
    lv.setUint16(26, name.length, true);
    local.set(name, 30);
    const central = new Uint8Array(46 + name.length);
    const cv = new DataView(central.buffer);
    cv.setUint32(0, 0x02014b50, true);
    cv.setUint16(4, 20, true);
    cv.setUint16(6, 20, true);
    cv.setUint16(8, 0x0800, true);
    cv.setUint16(10, e.method, true);
    cv.setUint32(16, e.crc32 ?? 0, true);
    cv.setUint32(20, e.data.length, true);
    cv.setUint32(24, e.size, true);
    cv.setUint16(28, name.length, true);
    cv.setUint32(42, offset, true);
    central.set(name, 46);
    locals.push(local, e.data);
    centrals.push(central);
    offset += local.length + e.data.length;
  }
  const cdSize = centrals.reduce((s, c) => s + c.length, 0);
  const eocd = new Uint8Array(22);
  const ev = new DataView(eocd.buffer);
  ev.setUint32(0, 0x06054b50, true);
  ev.setUint16(8, entries.length, true);
  ev.setUint16(10, entries.length, true);
  ev.setUint32(12, cdSize, true);
  ev.setUint32(16, offset, true);
  const parts = [...locals, ...centrals, eocd];
  const out = new Uint8Array(parts.reduce((s, p) => s + p.length, 0));
  let p = 0;
  for (const part of parts) {
    out.set(part, p);
    p += part.length;
  }
  return out;
}

/** An OLE compound file holding the given streams (what Word writes for a .doc or a password-protected .docx). */
export function compoundFile(streams: Record<string, Uint8Array>): Uint8Array {
  const cfb = CFB.utils.cfb_new();
  for (const [name, data] of Object.entries(streams)) CFB.utils.cfb_add(cfb, name, data);
  return new Uint8Array(CFB.write(cfb, { type: 'buffer' }) as Buffer);
}

/** A password-protected .docx as Word saves it: a compound file with EncryptionInfo and EncryptedPackage streams. */
export function encryptedDocx(): Uint8Array {
  return compoundFile({
    EncryptionInfo: new Uint8Array([4, 0, 4, 0, 0x40, 0, 0, 0, ...new Array<number>(200).fill(1)]),
    EncryptedPackage: new Uint8Array(8192).fill(0x5a),
  });
}

/** A legacy Word 97-2003 .doc: a compound file with a WordDocument stream. */
export function legacyDoc(): Uint8Array {
  return compoundFile({ WordDocument: new Uint8Array(2048).fill(0x20), '1Table': new Uint8Array(512) });
}

/** A complex field (w:fldChar begin/separate/end): `instr` is its instruction (w:instrText), `result` the text Word shows. */
export function field(instr: string, result: string): string {
  return (
    '<w:r><w:fldChar w:fldCharType="begin"/></w:r>' +
    `<w:r><w:instrText xml:space="preserve">${esc(instr)}</w:instrText></w:r>` +
    '<w:r><w:fldChar w:fldCharType="separate"/></w:r>' +
    run(result) +
    '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
  );
}

/** A simple field (w:fldSimple) with its result. */
export function fldSimple(instr: string, result: string): string {
  return `<w:fldSimple w:instr="${esc(instr)}">${run(result)}</w:fldSimple>`;
}

/** A symbol (w:sym), e.g. `sym('F0B3')` for ≥ in the Symbol font. */
export function sym(char: string, font = 'Symbol'): string {
  return `<w:r><w:sym w:font="${esc(font)}" w:char="${esc(char)}"/></w:r>`;
}

/**
 * A floating text box as Word 2010+ writes it, in a run: mc:AlternateContent with a DrawingML
 * mc:Choice (wps) and a VML mc:Fallback, both holding the same `w:txbxContent` (block XML).
 */
export function textBox(blockXml: string): string {
  const wp = 'http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing';
  const a = 'http://schemas.openxmlformats.org/drawingml/2006/main';
  const wps = 'http://schemas.microsoft.com/office/word/2010/wordprocessingShape';
  return (
    `<w:r><mc:AlternateContent><mc:Choice xmlns:wps="${wps}" Requires="wps"><w:drawing><wp:anchor xmlns:wp="${wp}"><wp:docPr id="1" name="文本框 1"/>` +
    `<a:graphic xmlns:a="${a}"><a:graphicData uri="${wps}"><wps:wsp><wps:txbx><w:txbxContent>${blockXml}</w:txbxContent></wps:txbx></wps:wsp></a:graphicData></a:graphic>` +
    '</wp:anchor></w:drawing></mc:Choice><mc:Fallback><w:pict><v:shape xmlns:v="urn:schemas-microsoft-com:vml" style="position:absolute">' +
    `<v:textbox><w:txbxContent>${blockXml}</w:txbxContent></v:textbox></v:shape></w:pict></mc:Fallback></mc:AlternateContent></w:r>`
  );
}

/** A cell of old Word's horizontal merge (w:hMerge restart/continue). */
export function hMergeCell(text: string, hMerge: 'restart' | 'continue'): string {
  return `<w:tc><w:tcPr><w:tcW w:w="1000" w:type="dxa"/><w:hMerge${hMerge === 'restart' ? ' w:val="restart"' : ''}/></w:tcPr>${p(text)}</w:tc>`;
}
