import type { Block, Location, Report } from '@jxaudit/model';
import { html, lines, raw, type Html } from '@jxaudit/ingest/report/escape.ts';

/*
 * The rebuilt tables of a document with the cells of findings marked, for the submission page.
 * From the document's blocks when the output folder keeps them; otherwise from every located
 * value of the report (the cells the forms were read from), which shows the recognised cells.
 */

export interface GridCell {
  row: number;
  col: number;
  rowSpan: number;
  colSpan: number;
  text: string;
}

export interface GridModel {
  table: number;
  rows: number;
  cols: number;
  cells: GridCell[];
  partial: boolean;
}

export function cellKey(doc: number, table: number, row: number, col: number): string {
  return `d${doc}t${table}r${row}c${col}`;
}

function isLocation(v: unknown): v is Location {
  if (typeof v !== 'object' || v === null) return false;
  const o = v as Record<string, unknown>;
  return typeof o.file === 'string' && typeof o.text === 'string' && 'table' in o && 'row' in o && 'col' in o;
}

/** Every Location held anywhere in the report's forms and findings. */
function locationsOf(report: Report): Location[] {
  const out: Location[] = [];
  const walk = (v: unknown, depth: number) => {
    if (depth > 8 || typeof v !== 'object' || v === null) return;
    if (isLocation(v)) {
      out.push(v);
      return;
    }
    for (const x of Array.isArray(v) ? v : Object.values(v)) walk(x, depth + 1);
  };
  walk(report.forms, 0);
  walk(report.findings.map((f) => f.at), 0);
  return out;
}

export function gridsOf(report: Report, blocks: Block[] | null): GridModel[] {
  if (blocks?.some((b) => b.type === 'table')) {
    return blocks.flatMap((b) =>
      b.type === 'table'
        ? [{ table: b.index, rows: b.rows, cols: b.cols, cells: b.cells.map((c) => ({ row: c.row, col: c.col, rowSpan: c.rowSpan, colSpan: c.colSpan, text: c.text })), partial: false }]
        : [],
    );
  }
  const byTable = new Map<number, Map<string, GridCell>>();
  for (const loc of locationsOf(report)) {
    if (loc.file !== report.source.path || loc.table === null || loc.row === null || loc.col === null) continue;
    let cells = byTable.get(loc.table);
    if (!cells) byTable.set(loc.table, (cells = new Map()));
    const k = `${loc.row},${loc.col}`;
    if (!cells.has(k)) cells.set(k, { row: loc.row, col: loc.col, rowSpan: 1, colSpan: 1, text: loc.text });
  }
  return [...byTable]
    .sort((a, b) => a[0] - b[0])
    .map(([table, cells]) => {
      const list = [...cells.values()];
      return { table, rows: Math.max(...list.map((c) => c.row)) + 1, cols: Math.max(...list.map((c) => c.col)) + 1, cells: list, partial: true };
    });
}

/** The origin cell covering (row, col). */
export function originOf(grid: GridModel, row: number, col: number): GridCell | null {
  return grid.cells.find((c) => row >= c.row && row < c.row + c.rowSpan && col >= c.col && col < c.col + c.colSpan) ?? null;
}

export interface CellMark {
  /** Class names for the cell (severity and decision state). */
  className: string;
  /** Anchors (finding ids) of the findings resting on it. */
  findings: string[];
}

export function renderGrid(doc: number, grid: GridModel, marks: Map<string, CellMark>): Html {
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
      const key = cellKey(doc, grid.table, r, c);
      const mark = marks.get(key);
      const spans = raw(`${cell.rowSpan > 1 ? ` rowspan="${cell.rowSpan}"` : ''}${cell.colSpan > 1 ? ` colspan="${cell.colSpan}"` : ''}`);
      const title = `表${grid.table + 1} 第${r + 1}行 第${c + 1}列`;
      tds.push(
        mark
          ? html`<td${spans} class="cell marked ${mark.className}" id="c-${key}" data-key="${key}" data-findings="${mark.findings.join(' ')}" tabindex="0" title="${title}">${lines(cell.text)}</td>`
          : html`<td${spans} class="cell">${lines(cell.text)}</td>`,
      );
    }
    rows.push(html`<tr>${tds}</tr>`);
  }
  const head = html`<tr><th></th>${Array.from({ length: grid.cols }, (_, c) => html`<th scope="col">${c + 1}</th>`)}</tr>`;
  return html`<figure class="grid-wrap" id="d${doc}-t${grid.table}"><figcaption>表${grid.table + 1}${
    grid.partial ? html` <small class="partial">（只显示识别出的单元格）</small>` : ''
  }</figcaption><table class="grid"><thead>${head}</thead><tbody>${rows}</tbody></table></figure>`;
}

export const GRID_CSS = `
figure.grid-wrap { margin: 6px 0 18px; overflow-x: auto; }
figcaption { font-weight: bold; margin-bottom: 4px; }
figcaption .partial { font-weight: normal; color: #8a5a00; }
table.grid { border-collapse: collapse; background: #fff; font-size: 12px; }
table.grid td, table.grid th { border: 1px solid #999; padding: 2px 5px; vertical-align: top; min-width: 2em; }
table.grid thead th, table.grid th.rownum { background: #eee; color: #666; font-weight: normal; font-size: 11px; text-align: center; }
table.grid td.empty { background: #f7f7f7; }
td.marked { cursor: pointer; outline: 2px solid var(--line); outline-offset: -2px; }
td.marked.sev-error { background: var(--err-bg); outline-color: var(--err); }
td.marked.sev-warning { background: var(--warn-bg); outline-color: var(--warn); }
td.marked.sev-info { background: var(--info-bg); outline-color: var(--info); }
td.marked.state-confirmed { background: #f6c9c5; outline: 2px solid #7a1c16; }
td.marked.state-waived { background: #eef6ef; outline: 2px dashed #2e6b36; }
td.marked.state-needs-info { background: #fff3d6; outline: 2px dotted #8a5a00; }
td.marked.active, td.marked:focus { outline: 3px solid #3b82f6 !important; box-shadow: 0 0 0 4px rgba(59,130,246,.35); }
`;
