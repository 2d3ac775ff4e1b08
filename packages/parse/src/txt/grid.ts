import type { Cell, TableBlock } from '@jxaudit/model';
import type { RawCell, RawRow } from './raw.ts';

export interface GridOptions {
  /** Tabbed and pipe exports may repeat a merged cell's text in every row it covers. */
  mergeRepeats: boolean;
}

/** Header labels of the columns that hold a hierarchy (a label spanning several rows below it). */
const HIERARCHY_HEADER = /^(绩效指标|一级指标|二级指标)$/;
/** A row that totals the table: its label takes the room, its figures sit under the last columns. */
const TOTAL_LABEL = /^(总分|合计|总计|得分合计|总得分|自评总分)$/;

const compact = (text: string) => text.replace(/\s+/g, '');

interface Placed {
  raw: RawCell;
  col: number;
  colSpan: number;
}

/**
 * Rows of raw cells into a grid (origin cells with spans). What the text lost is rebuilt where it
 * can be known: an empty cell under a label in a hierarchy column (the first column of a
 * section, 绩效指标/一级指标/二级指标) continues that label downwards; short rows are laid out
 * against the widest row (a label column stays one column wide, the 总分 row's figures go under
 * the last columns, a row under a full-width header keeps its cells under their headers, the
 * other cells share the width evenly). Horizontal spans are a best guess: the text cannot tell them.
 */
export function buildGrid(rows: RawRow[], index: number, options: GridOptions): TableBlock {
  const cols = Math.max(0, ...rows.map((r) => r.cells.length));
  const cells: Cell[] = [];
  const cover: (Cell | null)[][] = [];
  let hierarchyCols = new Set<number>([0]);

  rows.forEach((row, r) => {
    const next = rows[r + 1];
    const label = r > 0 ? cover[r - 1][0] : null;
    const continuesLabel = label !== null && label.colSpan === 1 && continuesAbove(row.cells[0], label, options);
    const placed = placeRow(row, cols, {
      continuesLabel,
      startsLabel: startsLabel(row, next, options),
      sectionHeaderCells: continuesLabel && label ? rows[label.row].cells.length : 0,
    });
    const line: (Cell | null)[] = Array.from({ length: cols }, () => null);
    let leading = true;
    const headerCols: number[] = [];
    for (const p of placed) {
      const above = r > 0 ? cover[r - 1][p.col] : null;
      const continues =
        leading &&
        hierarchyCols.has(p.col) &&
        above !== null &&
        above.col === p.col &&
        above.colSpan === p.colSpan &&
        above.row + above.rowSpan === r &&
        continuesAbove(p.raw, above, options);
      if (continues && above) {
        above.rowSpan++;
        for (let c = p.col; c < p.col + p.colSpan; c++) line[c] = above;
        continue;
      }
      leading = false;
      if (HIERARCHY_HEADER.test(compact(p.raw.lines.join('')))) headerCols.push(p.col);
      const paragraphs = p.raw.lines.map((l) => l.trimEnd()).filter((l) => l !== '');
      const cell: Cell = { row: r, col: p.col, rowSpan: 1, colSpan: p.colSpan, line: p.raw.line, paragraphs, text: paragraphs.join('\n') };
      cells.push(cell);
      for (let c = p.col; c < p.col + p.colSpan; c++) line[c] = cell;
    }
    cover.push(line);
    if (headerCols.length) hierarchyCols = new Set([0, ...headerCols]);
  });

  cells.sort((a, b) => a.row - b.row || a.col - b.col);
  return { type: 'table', index, rows: rows.length, cols, cells };
}

/** An empty cell under a label continues it; so does, in exports that repeat merged cells, the same text again. */
function continuesAbove(raw: RawCell | undefined, above: Cell | null, options: GridOptions): boolean {
  if (!raw || !above || above.text === '') return false;
  if (raw.blank) return true;
  return options.mergeRepeats && compact(raw.lines.join('\n')) === compact(above.text);
}

/** The first cell of this row is a label the next row continues (年度预算申请（万元）, 年度总体目标 …). */
function startsLabel(row: RawRow, next: RawRow | undefined, options: GridOptions): boolean {
  const first = row.cells[0];
  const below = next?.cells[0];
  if (!first || first.blank || !below) return false;
  if (below.blank) return true;
  return options.mergeRepeats && compact(below.lines.join('\n')) === compact(first.lines.join('\n'));
}

interface RowContext {
  /** The first cell continues the label of the section (the column-0 cell above). */
  continuesLabel: boolean;
  /** The first cell is a label the next row continues. */
  startsLabel: boolean;
  /** Cells in the first row of the section whose label this row continues; 0 when none. */
  sectionHeaderCells: number;
}

function placeRow(row: RawRow, cols: number, context: RowContext): Placed[] {
  const k = row.cells.length;
  if (k === cols) return row.cells.map((raw, col) => ({ raw, col, colSpan: 1 }));
  const first = row.cells[0];
  if (TOTAL_LABEL.test(compact(first.lines.join('')))) {
    const labelSpan = cols - (k - 1);
    return row.cells.map((raw, i) => (i === 0 ? { raw, col: 0, colSpan: labelSpan } : { raw, col: labelSpan + i - 1, colSpan: 1 }));
  }
  // Under a full-width header (the indicator block) a short row lost its trailing cells: keep the
  // cells under their headers and leave the missing positions uncovered.
  if (context.continuesLabel && context.sectionHeaderCells === cols) return row.cells.map((raw, col) => ({ raw, col, colSpan: 1 }));
  if (context.continuesLabel || context.startsLabel) return [{ raw: first, col: 0, colSpan: 1 }, ...spread(row.cells.slice(1), 1, cols - 1)];
  return spread(row.cells, 0, cols);
}

/** Cells share the width as evenly as they can; the first ones take the odd columns. */
function spread(cells: RawCell[], from: number, width: number): Placed[] {
  if (cells.length === 0) return [];
  const base = Math.floor(width / cells.length);
  const extra = width % cells.length;
  const placed: Placed[] = [];
  let col = from;
  cells.forEach((raw, i) => {
    const colSpan = base + (i < extra ? 1 : 0);
    placed.push({ raw, col, colSpan });
    col += colSpan;
  });
  return placed;
}
