/**
 * HTML → blocks, with cheerio: paragraphs in order and tables rebuilt from rowspan/colspan on an
 * occupancy grid (nested tables get their own block, after their parent). Reads mammoth's HTML
 * when the .docx falls back to mammoth; nothing here knows Word.
 */
import * as cheerio from 'cheerio';
import type { Block, Cell, ParseWarning, TableBlock } from '@jxaudit/model';
import { MAX_COLS, MAX_POSITIONS } from './grid.ts';
import { CHECKED, UNCHECKED } from './stream.ts';
import { cleanLines } from './text.ts';

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

const spanOf = (n: HNode, attr: string): number => {
  const v = Number.parseInt(n.attribs?.[attr] ?? '1', 10);
  return Number.isFinite(v) && v >= 1 ? v : 1;
};

/** Places an HTML table's cells on a grid (the HTML table model: a rowspan covers the positions below it). */
function placeHtmlTable(table: HNode, index: number, parent: number | null, budget: { positions: number }, warnings: ParseWarning[]): TableBlock {
  const rows = htmlRows(table);
  const occupied: boolean[][] = rows.map(() => []);
  const cells: Cell[] = [];
  let cols = 0;
  rows.forEach((tr, r) => {
    let c = 0;
    for (const td of rowCells(tr)) {
      while (occupied[r][c]) c++;
      if (c >= MAX_COLS) break;
      const colSpan = Math.min(spanOf(td, 'colspan'), MAX_COLS - c);
      const rowSpan = Math.min(spanOf(td, 'rowspan'), rows.length - r);
      for (let dr = 0; dr < rowSpan; dr++) for (let dc = 0; dc < colSpan; dc++) occupied[r + dr][c + dc] = true;
      const paragraphs = htmlParagraphs(td).flatMap(cleanLines);
      cells.push({ row: r, col: c, rowSpan, colSpan, line: null, paragraphs, text: paragraphs.join('\n') });
      c += colSpan;
      cols = Math.max(cols, c);
    }
  });
  let kept = rows.length;
  if (rows.length * cols > budget.positions) {
    kept = cols > 0 ? Math.floor(budget.positions / cols) : 0;
    warnings.push({ code: 'docx-table-truncated', message: `table ${index}: only the first ${kept} rows are read (表格过大，只读取前 ${kept} 行)` });
  }
  budget.positions -= kept * cols;
  const inside = cells.filter((c) => c.row < kept).map((c) => ({ ...c, rowSpan: Math.min(c.rowSpan, kept - c.row) }));
  inside.sort((a, b) => a.row - b.row || a.col - b.col);
  return { type: 'table', index, rows: kept, cols, cells: inside, parent };
}

/**
 * Every table of an HTML document in pre-order (nested tables after their parent), each as its
 * rows of cells, each cell as its cleaned paragraphs: what the mammoth oracle compares.
 */
export function htmlTableTexts(html: string): string[][][][] {
  const $ = cheerio.load(html);
  const out: string[][][][] = [];
  const visit = (table: HNode): void => {
    const rows = htmlRows(table);
    out.push(rows.map((tr) => rowCells(tr).map((td) => htmlParagraphs(td).flatMap(cleanLines))));
    for (const tr of rows) for (const td of rowCells(tr)) collectTables(td).forEach(visit);
  };
  const collectTables = (n: HNode): HNode[] => (n.children ?? []).flatMap((k) => (k.type !== 'tag' ? [] : k.name === 'table' ? [k] : collectTables(k)));
  collectTables(($('body')[0] ?? $.root()[0]) as unknown as HNode).forEach(visit);
  return out;
}

/** Blocks of an HTML document (or fragment): paragraphs and tables in document order. */
export function htmlToBlocks(html: string, file: string): { blocks: Block[]; warnings: ParseWarning[] } {
  const warnings: ParseWarning[] = [];
  const $ = cheerio.load(html);
  const body = ($('body')[0] ?? $.root()[0]) as unknown as HNode;
  const blocks: Block[] = [];
  const budget = { positions: MAX_POSITIONS };
  let nextIndex = 0;
  const pushParagraphs = (raw: string): void => {
    for (const text of cleanLines(raw)) {
      blocks.push({ type: 'paragraph', text, at: { file, table: null, row: null, col: null, line: null, paragraph: blocks.length, text } });
    }
  };
  // a table, then the tables nested in its cells (pre-order numbering, parents first)
  const pushTable = (table: HNode, parent: number | null): void => {
    const index = nextIndex++;
    blocks.push(placeHtmlTable(table, index, parent, budget, warnings));
    const nested: HNode[] = [];
    const collect = (n: HNode): void => {
      for (const k of n.children ?? []) {
        if (k.type !== 'tag') continue;
        if (k.name === 'table') nested.push(k);
        else collect(k);
      }
    };
    for (const tr of htmlRows(table)) for (const td of rowCells(tr)) collect(td);
    for (const t of nested) pushTable(t, index);
  };
  const walk = (n: HNode): void => {
    for (const k of n.children ?? []) {
      if (k.type === 'text') {
        if ((k.data ?? '').trim()) pushParagraphs(k.data ?? '');
      } else if (k.type === 'tag') {
        if (k.name === 'table') pushTable(k, null);
        else if (k.name === 'script' || k.name === 'style' || k.name === 'head') continue;
        else if (BLOCK_TAGS.has(k.name ?? '') || k.name === 'li') {
          pushParagraphs(inlineText(k));
          walk({ type: 'tag', children: (k.children ?? []).filter((c) => c.type === 'tag' && (c.name === 'ol' || c.name === 'ul' || c.name === 'table')) });
        } else walk(k);
      }
    }
  };
  walk(body);
  return { blocks, warnings };
}
