/**
 * Excel workbooks (.xlsx, .xlsm) into the same blocks as a .docx (INPUTS.md, issue 14): each
 * sheet's used range is a table, merged ranges one cell with their spans, hidden rows and columns
 * kept and marked, empty trailing rows and columns dropped. Caption rows above a sheet's table (a
 * single filled cell: 附件1, the form's title, the year line) become paragraphs, as they are in
 * Word. Every cell's text is what Excel shows (its number format applied); a formula cell also
 * keeps its formula and cached result, for the workbook's own evidence rules.
 *
 * Bounds before exceljs sees the bytes: the inflated size of the workbook's XML parts (each part
 * inflated under a budget, so a zip that lies about its sizes stops at the bound), DTDs refused,
 * and the number of rows of a sheet.
 */
// exceljs loads when a workbook is read: `check` of a .docx or .txt never compiles it.
import type ExcelJS from 'exceljs';
import type { Block, Cell, ParagraphBlock, ParseWarning, ReadError, TableBlock } from '@jxaudit/model';
import { readError } from '../errors.ts';
import { UNSAFE_XML, decodeXml, zipFailure } from '../docx/open.ts';
import { inflateEntry, inflateEntryChunks, readZipDirectory, type InflateBudget, type ZipEntry } from '../docx/zip.ts';
import { displayText, numberOf } from './display.ts';

export interface XlsxLimits {
  /** Bound on the sum of inflated sizes of the workbook's XML parts. */
  maxInflatedBytes: number;
  /** Rows of one sheet above which the workbook is refused (a form has tens of rows). */
  maxRows: number;
  /** Cells of one sheet's used range above which the workbook is refused. */
  maxCells: number;
}

export const XLSX_LIMITS: XlsxLimits = {
  maxInflatedBytes: 32 * 1024 * 1024,
  maxRows: 20_000,
  maxCells: 400_000,
};

export type XlsxParseResult =
  | { ok: true; blocks: Block[]; warnings: ParseWarning[] }
  | { ok: false; error: ReadError };

const MIB = 1024 * 1024;
const fmtBytes = (n: number) => (n >= MIB ? `${(n / MIB).toFixed(1)} MiB` : `${n} B`);

/** True when the zip directory holds an Excel workbook part. */
export function isWorkbookZip(entries: ZipEntry[]): boolean {
  return entries.some((e) => /^xl\/workbook\.xml$/i.test(e.name) || /^xl\/workbook\.bin$/i.test(e.name));
}

/** Column number (1-based) to letters: 1 → A, 27 → AA. */
export function columnLetters(col: number): string {
  let s = '';
  for (let n = col; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

/** A1 address of a 1-based row and column. */
export function a1(row: number, col: number): string {
  return `${columnLetters(col)}${row}`;
}

/** "B3:D7" → 1-based bounds. */
function parseRange(ref: string): { top: number; left: number; bottom: number; right: number } | null {
  const m = /^\$?([A-Z]+)\$?(\d+)(?::\$?([A-Z]+)\$?(\d+))?$/i.exec(ref.trim());
  if (!m) return null;
  const col = (letters: string) => [...letters.toUpperCase()].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);
  const r1 = Number(m[2]);
  const c1 = col(m[1]);
  const r2 = m[4] ? Number(m[4]) : r1;
  const c2 = m[3] ? col(m[3]) : c1;
  return { top: Math.min(r1, r2), left: Math.min(c1, c2), bottom: Math.max(r1, r2), right: Math.max(c1, c2) };
}

/** Thrown by the row counter once a sheet is known to be over the bound. */
class TooManyRows extends Error {
  constructor(readonly rows: number) {
    super(`over ${rows} rows`);
  }
}

/**
 * Counts the `<row` elements of a sheet part while it is inflated, and stops as soon as the count
 * passes the bound: a sheet of a million rows costs the first few thousand.
 */
function countRowsBounded(bytes: Uint8Array, entry: ZipEntry, budget: InflateBudget, max: number): number {
  let n = 0;
  let tail = '';
  const decoder = new TextDecoder('utf-8');
  inflateEntryChunks(bytes, entry, budget, (chunk) => {
    const text = tail + decoder.decode(chunk, { stream: true });
    for (let i = text.indexOf('<row'); i >= 0 && i + 4 < text.length; i = text.indexOf('<row', i + 4)) {
      const next = text.charCodeAt(i + 4);
      if (next === 32 || next === 62 || next === 47) n++; // "<row " "<row>" "<row/"
    }
    // keep the last characters: a "<row" may be cut between chunks (never counted twice: the tail is shorter than "<row ")
    tail = text.slice(-4);
    if (n > max) throw new TooManyRows(n);
  });
  return n;
}

/** Checks the parts exceljs will read: inflated size, DTDs, rows per sheet. Null when fine. */
function checkParts(bytes: Uint8Array, entries: ZipEntry[], limits: XlsxLimits): ReadError | null {
  const parts = entries.filter((e) => /\.(xml|rels)$/i.test(e.name));
  const declared = parts.reduce((s, e) => s + e.uncompressedSize, 0);
  if (declared > limits.maxInflatedBytes) {
    return readError('too-large', { zh: `工作簿声明解压后 ${fmtBytes(declared)}，上限 ${fmtBytes(limits.maxInflatedBytes)}`, en: `the workbook declares ${fmtBytes(declared)} inflated, the bound is ${fmtBytes(limits.maxInflatedBytes)}` });
  }
  const budget: InflateBudget = { remaining: limits.maxInflatedBytes, limit: limits.maxInflatedBytes };
  for (const e of parts) {
    const sheetName = /^xl\/worksheets\/([^/]+)\.xml$/i.exec(e.name)?.[1];
    if (sheetName !== undefined) {
      try {
        countRowsBounded(bytes, e, budget, limits.maxRows);
      } catch (err) {
        if (!(err instanceof TooManyRows)) throw err;
        return readError('too-large', {
          zh: `工作表 ${sheetName} 超过 ${limits.maxRows} 行（自评表只有几十行；请删除无关的数据表后重新提交）`,
          en: `sheet ${sheetName} has more than ${limits.maxRows} rows (a form has tens of rows; remove unrelated data sheets and resubmit)`,
        });
      }
      continue;
    }
    const xml = decodeXml(inflateEntry(bytes, e, budget));
    if (UNSAFE_XML.test(xml.slice(0, 4096))) {
      return readError('unsafe-xml', { zh: `${e.name} 含有 DTD/实体定义`, en: `${e.name} holds a DTD or entity declarations` });
    }
  }
  return null;
}

interface SheetCell {
  row: number;
  col: number;
  text: string;
  formula?: string;
  number?: number;
}

/** Reads a workbook's bytes into blocks. Never throws for bad input. */
export async function parseXlsx(bytes: Uint8Array, file: string, limitsIn?: Partial<XlsxLimits>): Promise<XlsxParseResult> {
  const limits = { ...XLSX_LIMITS, ...limitsIn };
  let entries: ZipEntry[];
  try {
    entries = readZipDirectory(bytes);
  } catch (e) {
    return { ok: false, error: zipFailure(e) };
  }
  if (!isWorkbookZip(entries)) {
    const names = entries.slice(0, 5).map((e) => e.name).join(', ');
    return { ok: false, error: readError('not-word', { zh: `压缩包中没有 Excel 工作簿（xl/workbook.xml），包含：${names || '（空）'}`, en: `no Excel workbook (xl/workbook.xml) in the zip; it holds: ${names || '(nothing)'}` }) };
  }
  if (entries.some((e) => /^xl\/workbook\.bin$/i.test(e.name))) {
    return { ok: false, error: readError('unsupported-format', { zh: '这是 Excel 二进制工作簿（.xlsb），请在 Excel/WPS 中另存为 .xlsx', en: 'it is an Excel binary workbook (.xlsb); save it as .xlsx in Excel or WPS' }) };
  }
  try {
    const bad = checkParts(bytes, entries, limits);
    if (bad) return { ok: false, error: bad };
  } catch (e) {
    return { ok: false, error: zipFailure(e) };
  }

  const warnings: ParseWarning[] = [];
  if (entries.some((e) => /^xl\/vbaProject\.bin$/i.test(e.name))) {
    warnings.push({ code: 'macros-ignored', message: '工作簿含有宏（VBA），宏不会被运行，只读取单元格内容 (the workbook holds VBA macros; they are never run, only cell contents are read)' });
  }
  const { default: Excel } = await import('exceljs');
  const workbook = new Excel.Workbook();
  try {
    await workbook.xlsx.load(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) as unknown as ArrayBuffer);
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e);
    return { ok: false, error: readError('corrupt-zip', { zh: `读取 Excel 工作簿时出错：${msg}`, en: `reading the Excel workbook failed: ${msg}` }) };
  }

  const blocks: Block[] = [];
  let tableIndex = 0;
  for (const sheet of workbook.worksheets) {
    if (sheet.state === 'veryHidden' || sheet.state === 'hidden') {
      warnings.push({ code: 'hidden-sheet', message: `工作表“${sheet.name}”是隐藏的，仍已读取 (sheet “${sheet.name}” is hidden; read all the same)` });
    }
    const read = readSheet(sheet, file, tableIndex, blocks.length, limits);
    if ('error' in read) return { ok: false, error: read.error };
    blocks.push(...read.blocks);
    tableIndex += read.blocks.filter((b) => b.type === 'table').length;
  }
  return { ok: true, blocks, warnings };
}

function readSheet(
  sheet: ExcelJS.Worksheet,
  file: string,
  tableIndex: number,
  firstBlock: number,
  limits: XlsxLimits,
): { blocks: Block[] } | { error: ReadError } {
  // Merged ranges, by their master cell.
  const merges = new Map<string, { top: number; left: number; bottom: number; right: number }>();
  const covered = new Set<string>();
  for (const ref of (sheet.model as { merges?: string[] }).merges ?? []) {
    const r = parseRange(ref);
    if (!r) continue;
    merges.set(`${r.top}:${r.left}`, r);
    for (let row = r.top; row <= r.bottom; row++) for (let col = r.left; col <= r.right; col++) if (row !== r.top || col !== r.left) covered.add(`${row}:${col}`);
  }

  // Every filled cell (merged cells: the master only), with its text as shown.
  const cells = new Map<string, SheetCell>();
  let bottom = 0;
  let right = 0;
  let top = Number.POSITIVE_INFINITY;
  let left = Number.POSITIVE_INFINITY;
  sheet.eachRow({ includeEmpty: false }, (row, r) => {
    row.eachCell({ includeEmpty: false }, (cell, c) => {
      if (covered.has(`${r}:${c}`)) return;
      const value = cell.value as unknown;
      const text = displayText(value, cell.numFmt);
      const formula = cell.formula || undefined;
      const number = numberOf(value);
      if (text.trim() === '' && !formula) return;
      const sc: SheetCell = { row: r, col: c, text };
      if (formula) sc.formula = formula.replace(/^=/, '');
      if (number !== null) sc.number = number;
      cells.set(`${r}:${c}`, sc);
      const m = merges.get(`${r}:${c}`);
      top = Math.min(top, r);
      left = Math.min(left, c);
      bottom = Math.max(bottom, m ? m.bottom : r);
      right = Math.max(right, m ? m.right : c);
    });
  });
  if (cells.size === 0) return { blocks: [] };
  if ((bottom - top + 1) * (right - left + 1) > limits.maxCells) {
    return {
      error: readError('too-large', {
        zh: `工作表“${sheet.name}”的已用区域 ${a1(top, left)}:${a1(bottom, right)} 超过 ${limits.maxCells} 个单元格`,
        en: `the used range ${a1(top, left)}:${a1(bottom, right)} of sheet “${sheet.name}” exceeds ${limits.maxCells} cells`,
      }),
    };
  }

  // Caption rows: above the table, rows with a single filled cell (附件1, the title, the year line).
  const filledIn = (r: number) => {
    let n = 0;
    for (let c = left; c <= right; c++) if (cells.has(`${r}:${c}`)) n++;
    return n;
  };
  const blocks: Block[] = [];
  let first = top;
  while (first <= bottom && filledIn(first) <= 1) {
    for (let c = left; c <= right; c++) {
      const cell = cells.get(`${first}:${c}`);
      if (!cell) continue;
      const paragraph: ParagraphBlock = {
        type: 'paragraph',
        text: cell.text,
        at: { file, table: null, row: null, col: null, line: null, paragraph: firstBlock + blocks.length, text: cell.text, sheet: sheet.name, address: a1(first, c) },
      };
      blocks.push(paragraph);
    }
    // a caption merged over several rows ends where its merge ends
    const m = [...Array(right - left + 1).keys()].map((i) => merges.get(`${first}:${left + i}`)).find((x) => x && cells.has(`${first}:${x.left}`));
    first = m ? m.bottom + 1 : first + 1;
  }
  if (first > bottom) return { blocks };

  const hiddenRow = (r: number) => sheet.getRow(r).hidden === true;
  const hiddenCol = (c: number) => sheet.getColumn(c).hidden === true;
  const grid: Cell[] = [];
  const hiddenRows: number[] = [];
  const hiddenCols: number[] = [];
  for (let c = left; c <= right; c++) if (hiddenCol(c)) hiddenCols.push(c - left);
  for (let r = first; r <= bottom; r++) {
    if (hiddenRow(r)) hiddenRows.push(r - first);
    for (let c = left; c <= right; c++) {
      if (covered.has(`${r}:${c}`)) {
        // covered by a merge whose master lies above the table (a caption merged into it): its own cell
        const master = [...merges.values()].find((m) => r >= m.top && r <= m.bottom && c >= m.left && c <= m.right);
        if (!master || master.top >= first) continue;
      }
      const sc = cells.get(`${r}:${c}`);
      const m = merges.get(`${r}:${c}`);
      const rowSpan = m ? Math.min(m.bottom, bottom) - r + 1 : 1;
      const colSpan = m ? Math.min(m.right, right) - c + 1 : 1;
      const text = sc?.text ?? '';
      const paragraphs = text === '' ? [] : text.split(/\r?\n/).map((p) => p.replace(/\s+$/, ''));
      const cell: Cell = { row: r - first, col: c - left, rowSpan, colSpan, line: null, paragraphs, text: paragraphs.join('\n'), address: a1(r, c) };
      let hidden = false;
      for (let rr = r; rr < r + rowSpan && !hidden; rr++) hidden = hiddenRow(rr);
      for (let cc = c; cc < c + colSpan && !hidden; cc++) hidden = hiddenCol(cc);
      if (hidden) cell.hidden = true;
      if (sc?.formula) cell.formula = sc.formula;
      if (sc?.number !== undefined) cell.number = sc.number;
      grid.push(cell);
    }
  }
  const table: TableBlock = {
    type: 'table',
    index: tableIndex,
    rows: bottom - first + 1,
    cols: right - left + 1,
    cells: grid,
    sheet: sheet.name,
    origin: { row: first - 1, col: left - 1 },
  };
  if (hiddenRows.length) table.hiddenRows = hiddenRows;
  if (hiddenCols.length) table.hiddenCols = hiddenCols;
  blocks.push(table);
  return { blocks };
}
