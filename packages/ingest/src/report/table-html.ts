import type { Block, Location, Severity, TableBlock } from '@jxaudit/model';
import type { Lang } from '@jxaudit/score';
import { html, lines, raw, type Html } from './escape.ts';
import { locationText, severityBadge } from './text.ts';

/*
 * A rebuilt table as HTML: merged cells drawn once with their spans, row and column numbers in
 * header cells (the column row repeats on every printed page), the cells findings rest on marked
 * with their worst severity (colour and a symbol) and the findings' indices. Shared by the report
 * page and the review desk: blocks + marks in, escaped HTML out.
 */

export interface GridCell {
  row: number;
  col: number;
  rowSpan: number;
  colSpan: number;
  text: string;
}

export interface GridModel {
  index: number;
  rows: number;
  cols: number;
  cells: GridCell[];
  /** Drawn from located values only (no blocks given). */
  partial: boolean;
}

/** What marks a cell: the worst severity of the findings resting on it and their indices in the report. */
export interface CellMark {
  severity: Severity;
  /** The findings' indices in the report (the review desk: their anchors). */
  findings: (number | string)[];
  /** More classes for the cell (the review desk: the decision state). */
  className?: string;
}

/** The page key of a cell: `t<table>r<row>c<col>` (0-based). */
export function cellKey(table: number, row: number, col: number): string {
  return `t${table}r${row}c${col}`;
}

export function gridFromBlock(block: TableBlock): GridModel {
  return {
    index: block.index,
    rows: block.rows,
    cols: block.cols,
    cells: block.cells.map((c) => ({ row: c.row, col: c.col, rowSpan: c.rowSpan, colSpan: c.colSpan, text: c.text })),
    partial: false,
  };
}

export function gridsFromBlocks(blocks: readonly Block[]): Map<number, GridModel> {
  const grids = new Map<number, GridModel>();
  for (const b of blocks) if (b.type === 'table') grids.set(b.index, gridFromBlock(b));
  return grids;
}

/** Tables drawn from the located values alone: each known cell in its place, the rest blank. */
export function gridsFromLocations(locations: readonly Location[]): Map<number, GridModel> {
  const byTable = new Map<number, Map<string, GridCell>>();
  for (const loc of locations) {
    if (loc.table === null || loc.row === null || loc.col === null) continue;
    let cells = byTable.get(loc.table);
    if (!cells) byTable.set(loc.table, (cells = new Map()));
    const k = `${loc.row},${loc.col}`;
    if (!cells.has(k)) cells.set(k, { row: loc.row, col: loc.col, rowSpan: 1, colSpan: 1, text: loc.text });
  }
  const grids = new Map<number, GridModel>();
  for (const [index, cells] of [...byTable].sort((a, b) => a[0] - b[0])) {
    const list = [...cells.values()];
    grids.set(index, {
      index,
      rows: Math.max(...list.map((c) => c.row)) + 1,
      cols: Math.max(...list.map((c) => c.col)) + 1,
      cells: list,
      partial: true,
    });
  }
  return grids;
}

/** The origin cell covering (row, col), or null. */
export function coveringCell(grid: GridModel, row: number, col: number): GridCell | null {
  return grid.cells.find((c) => row >= c.row && row < c.row + c.rowSpan && col >= c.col && col < c.col + c.colSpan) ?? null;
}

export interface TableHtmlOptions {
  /** The caption after "表N"; default none. */
  note?: string;
  /** Prefixed to every cell key and the figure id, for a page holding several documents' tables (the review desk: `d<doc>`). */
  keyPrefix?: string;
  /** The id of a marked cell is this + its key; default `loc-`. */
  cellIdPrefix?: string;
}

/** One table as a <figure>: caption, column numbers (a repeating header), rows with row numbers. */
export function renderTableHtml(grid: GridModel, marks: ReadonlyMap<string, CellMark>, lang: Lang, options: TableHtmlOptions = {}): Html {
  const covered: (GridCell | null)[][] = Array.from({ length: grid.rows }, () => Array.from({ length: grid.cols }, () => null));
  for (const cell of grid.cells) {
    for (let r = cell.row; r < Math.min(grid.rows, cell.row + cell.rowSpan); r++) {
      for (let c = cell.col; c < Math.min(grid.cols, cell.col + cell.colSpan); c++) covered[r]![c] = cell;
    }
  }
  const rows: Html[] = [];
  for (let r = 0; r < grid.rows; r++) {
    const tds: Html[] = [html`<th class="rownum" scope="row">${r + 1}</th>`];
    for (let c = 0; c < grid.cols; c++) {
      const cell = covered[r]![c];
      if (!cell) {
        tds.push(raw('<td class="cell empty"></td>'));
        continue;
      }
      if (cell.row !== r || cell.col !== c) continue;
      const key = `${options.keyPrefix ?? ''}${cellKey(grid.index, r, c)}`;
      const mark = marks.get(key);
      const spans = raw(`${cell.rowSpan > 1 ? ` rowspan="${cell.rowSpan}"` : ''}${cell.colSpan > 1 ? ` colspan="${cell.colSpan}"` : ''}`);
      if (mark) {
        const where = locationText({ file: '', table: grid.index, row: r, col: c, line: null, paragraph: null, text: '' }, lang);
        tds.push(
          html`<td${spans} class="cell marked sev-${mark.severity}${mark.className ? ` ${mark.className}` : ''}" id="${options.cellIdPrefix ?? 'loc-'}${key}" data-key="${key}" data-loc="${where}" data-findings="${mark.findings.join(' ')}" tabindex="0" title="${where} · ${severityBadge(mark.severity, lang)}">${lines(cell.text)}</td>`,
        );
      } else {
        tds.push(html`<td${spans} class="cell" data-key="${key}">${lines(cell.text)}</td>`);
      }
    }
    rows.push(html`<tr>${tds}</tr>`);
  }
  const colHead = html`<tr><th class="corner"></th>${Array.from({ length: grid.cols }, (_, c) => html`<th scope="col">${c + 1}</th>`)}</tr>`;
  const caption = lang === 'zh' ? `表${grid.index + 1}` : `Table ${grid.index + 1}`;
  return html`<figure class="grid-wrap" id="${options.keyPrefix ?? ''}table-${grid.index}"><figcaption>${caption}${options.note ? html` <small class="partial">${options.note}</small>` : ''}</figcaption>
<table class="grid" data-table="${grid.index}"><thead>${colHead}</thead><tbody>${rows}</tbody></table></figure>`;
}
