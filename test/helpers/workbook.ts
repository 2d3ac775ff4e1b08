/**
 * The sample's two forms rebuilt as a real Excel workbook, built by the tests from the tables of
 * fixtures/seed/yanfeng-2021.docx: one sheet per form (附件1, 附件2), the caption lines above each
 * table as merged rows, the tables' merged cells as merged ranges, plain numbers as numbers with a
 * number format printing the decimals the form printed, percentages as fractions formatted `0%` /
 * `0.00%`, and formulas (with their cached results) for the totals and the execution rates.
 *
 * Variants: `typedTotal` types 附件2's 全年执行数 total as a constant beside its two SUM siblings;
 * `staleTotal` gives 附件1's 总分 得分 a formula that also counts the execution score, its cached
 * value left at the printed 86 (as when a cell was edited and the file saved without recalculating).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import type { Block, TableBlock } from '@jxaudit/model';
import { readDocument } from '@jxaudit/parse';
import { SEED } from './golden.ts';

export { SEED };


export interface WorkbookOptions {
  typedTotal?: boolean;
  staleTotal?: boolean;
}

const col = (c: number): string => {
  let s = '';
  for (let n = c; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
};

/** Sheet address of grid (row, col) when the table starts at sheet row `top` (1-based). */
const at = (top: number, r: number, c: number) => `${col(c + 1)}${top + r}`;

function numeric(text: string): { value: number; numFmt?: string } | null {
  const t = text.trim();
  let m = /^(-?\d+)(?:\.(\d+))?$/.exec(t);
  if (m) return { value: Number(t), numFmt: m[2] ? `0.${'0'.repeat(m[2].length)}` : undefined };
  m = /^(-?\d+)(?:\.(\d+))?%$/.exec(t);
  if (m) return { value: Number(t.slice(0, -1)) / 100, numFmt: m[2] ? `0.${'0'.repeat(m[2].length)}%` : '0%' };
  return null;
}

/** The table's cell text at (row, col), by its origin. */
function textAt(table: TableBlock, r: number, c: number): string {
  return table.cells.find((x) => x.row === r && x.col === c)?.text ?? '';
}

/** Finds a grid row by the text of one of its cells. */
function rowOf(table: TableBlock, re: RegExp): number {
  const cell = table.cells.find((x) => re.test(x.text.replace(/\s/g, '')));
  if (!cell) throw new Error(`no row ${re}`);
  return cell.row;
}

function writeTable(ws: ExcelJS.Worksheet, captions: string[], table: TableBlock): number {
  captions.forEach((text, i) => {
    ws.getCell(i + 1, 1).value = text;
    ws.mergeCells(i + 1, 1, i + 1, table.cols);
  });
  const top = captions.length + 1;
  for (const cell of table.cells) {
    const target = ws.getCell(top + cell.row, cell.col + 1);
    const num = numeric(cell.text);
    if (num) {
      target.value = num.value;
      if (num.numFmt) target.numFmt = num.numFmt;
    } else if (cell.text.trim() !== '') {
      target.value = cell.text;
      if (cell.text.includes('\n')) target.alignment = { wrapText: true };
    }
    if (cell.rowSpan > 1 || cell.colSpan > 1) ws.mergeCells(top + cell.row, cell.col + 1, top + cell.row + cell.rowSpan - 1, cell.col + cell.colSpan);
  }
  return top;
}

/** A formula whose cached result is the value the form printed there (checked against the recomputation). */
function formula(ws: ExcelJS.Worksheet, address: string, f: string, numFmt?: string): void {
  const cell = ws.getCell(address);
  const printed = cell.value as number;
  if (typeof printed !== 'number') throw new Error(`${address}: no number to put a formula on`);
  cell.value = { formula: f, result: printed } as ExcelJS.CellFormulaValue;
  if (numFmt) cell.numFmt = numFmt;
}

const num = (ws: ExcelJS.Worksheet, a: string): number => {
  const v = ws.getCell(a).value as unknown;
  if (typeof v === 'number') return v;
  if (v && typeof v === 'object' && 'result' in v) return Number((v as { result: unknown }).result);
  return 0;
};

function sumColumn(ws: ExcelJS.Worksheet, c: string, from: number, to: number): number {
  let s = 0;
  for (let r = from; r <= to; r++) s += num(ws, `${c}${r}`);
  return s;
}

function sameAtPrinted(a: number, b: number): boolean {
  return Math.abs(a - b) < 0.005;
}

/** The tables and their caption paragraphs of the sample .docx. */
export async function sampleTables(): Promise<{ captions: string[]; table: TableBlock }[]> {
  const bytes = readFileSync(join(SEED, 'yanfeng-2021.docx'));
  const read = await readDocument({ path: 'yanfeng-2021.docx', bytes });
  const out: { captions: string[]; table: TableBlock }[] = [];
  let pending: string[] = [];
  for (const b of read.blocks as Block[]) {
    if (b.type === 'paragraph') {
      pending.push(b.text);
      if (pending.length > 3) pending.shift();
    } else if (b.parent == null) {
      out.push({ captions: pending, table: b });
      pending = [];
      if (out.length === 2) break;
    }
  }
  return out;
}

/** The workbook's bytes. */
export async function buildSampleWorkbook(options: WorkbookOptions = {}): Promise<Buffer> {
  const [dept, project] = await sampleTables();
  const wb = new ExcelJS.Workbook();
  wb.creator = 'jxaudit tests';

  // 附件1: the department form
  const ws1 = wb.addWorksheet('附件1');
  const t1 = writeTable(ws1, dept.captions, dept.table);
  const money1 = rowOf(dept.table, /^年度资金总额$/);
  const total1 = rowOf(dept.table, /^总分$/);
  const firstIndicator1 = money1 + 8; // the first indicator row (r10 in the sample)
  const ind1 = rowOf(dept.table, /^财政供养人员控制率是否完成$/);
  if (ind1 !== firstIndicator1) throw new Error('unexpected layout of 附件1');
  const [from1, to1] = [t1 + ind1, t1 + total1 - 1];
  formula(ws1, at(t1, money1, 7), `${at(t1, money1, 5)}/${at(t1, money1, 4)}`, '0%');
  const points1 = sumColumn(ws1, 'G', from1, to1);
  const score1 = sumColumn(ws1, 'H', from1, to1);
  if (!sameAtPrinted(points1, num(ws1, at(t1, total1, 6))) || !sameAtPrinted(score1, num(ws1, at(t1, total1, 7)))) throw new Error('附件1 totals do not recompute');
  formula(ws1, at(t1, total1, 6), `SUM(G${from1}:G${to1})`);
  if (options.staleTotal) formula(ws1, at(t1, total1, 7), `SUM(${at(t1, money1, 8)},H${from1}:H${to1})`);
  else formula(ws1, at(t1, total1, 7), `SUM(H${from1}:H${to1})`);

  // 附件2: the project form
  const ws2 = wb.addWorksheet('附件2');
  const t2 = writeTable(ws2, project.captions, project.table);
  const money2 = rowOf(project.table, /^年度资金总额$/);
  const lastPart2 = money2 + 2;
  if (!/其他资金/.test(textAt(project.table, lastPart2, 1))) throw new Error('unexpected layout of 附件2');
  for (const c of [3, 4, 5]) {
    const letter = col(c + 1);
    const [from, to] = [t2 + money2 + 1, t2 + lastPart2];
    if (!sameAtPrinted(sumColumn(ws2, letter, from, to), num(ws2, at(t2, money2, c)))) throw new Error(`附件2 ${letter} does not sum`);
    if (c === 5 && options.typedTotal) continue; // typed over: a constant where its siblings are formulas
    formula(ws2, at(t2, money2, c), `SUM(${letter}${from}:${letter}${to})`);
  }
  for (let r = money2; r <= lastPart2; r++) {
    const fmt = (ws2.getCell(at(t2, r, 7)).numFmt as string | undefined) ?? '0%';
    formula(ws2, at(t2, r, 7), `${at(t2, r, 5)}/${at(t2, r, 4)}`, fmt);
  }
  const total2 = rowOf(project.table, /^总分$/);
  const ind2 = money2 + 6;
  const [from2, to2] = [t2 + ind2, t2 + total2 - 1];
  if (!sameAtPrinted(sumColumn(ws2, 'G', from2, to2), num(ws2, at(t2, total2, 6)))) throw new Error('附件2 points do not sum');
  formula(ws2, at(t2, total2, 6), `SUM(G${from2}:G${to2})`);
  if (sameAtPrinted(sumColumn(ws2, 'H', from2, to2), num(ws2, at(t2, total2, 7)))) formula(ws2, at(t2, total2, 7), `SUM(H${from2}:H${to2})`);

  return Buffer.from(await wb.xlsx.writeBuffer());
}
