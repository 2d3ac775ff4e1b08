import { z } from 'zod';
import { LocationSchema } from './location.ts';

/** A merged cell, stored once at its origin with its spans (docling's TableData). */
export const CellSchema = z.object({
  row: z.number().int().nonnegative(),
  col: z.number().int().nonnegative(),
  rowSpan: z.number().int().positive(),
  colSpan: z.number().int().positive(),
  /** 1-based line of the cell's first text line in the decoded .txt; null for .docx. */
  line: z.number().int().nullable(),
  /** The cell's paragraphs, artefacts stripped, each trimmed of trailing whitespace. */
  paragraphs: z.array(z.string()),
  /** paragraphs joined with "\n". */
  text: z.string(),
  /** Workbooks only: the A1 address of the origin cell. */
  address: z.string().optional(),
  /** Workbooks only: the cell's row or column is hidden in Excel (read all the same). */
  hidden: z.boolean().optional(),
  /** Workbooks only: the formula (without "="), when the cell holds one. */
  formula: z.string().optional(),
  /** Workbooks only: the stored number (a formula's cached result), when numeric. */
  number: z.number().optional(),
});
export type Cell = z.infer<typeof CellSchema>;

export const TableBlockSchema = z.object({
  type: z.literal('table'),
  /** 0-based index of the table among the file's tables. */
  index: z.number().int().nonnegative(),
  rows: z.number().int().nonnegative(),
  cols: z.number().int().nonnegative(),
  /** Origin cells only, row-major; covered positions are implied by the spans. */
  cells: z.array(CellSchema),
  /** Table index of the enclosing table when this one was nested inside a cell, else null. */
  parent: z.number().int().nullable().optional(),
  /** Workbooks only: the sheet the table was read from, and the 0-based sheet row/column of grid (0, 0). */
  sheet: z.string().optional(),
  origin: z.object({ row: z.number().int().nonnegative(), col: z.number().int().nonnegative() }).optional(),
  /** Workbooks only: grid rows and columns hidden in Excel. */
  hiddenRows: z.array(z.number().int()).optional(),
  hiddenCols: z.array(z.number().int()).optional(),
});
export type TableBlock = z.infer<typeof TableBlockSchema>;
/** A grid is a table block: the name used where meaning, not layout, matters. */
export type Grid = TableBlock;

export const ParagraphBlockSchema = z.object({
  type: z.literal('paragraph'),
  text: z.string(),
  at: LocationSchema,
});
export type ParagraphBlock = z.infer<typeof ParagraphBlockSchema>;

export const BlockSchema = z.discriminatedUnion('type', [ParagraphBlockSchema, TableBlockSchema]);
export type Block = z.infer<typeof BlockSchema>;

/**
 * The position view of a grid: for every (row, col) the origin cell covering it, or null
 * for a position no cell covers (a short row). Computed, never stored.
 */
export function positionIndex(grid: Grid): (Cell | null)[][] {
  const view: (Cell | null)[][] = Array.from({ length: grid.rows }, () =>
    Array.from({ length: grid.cols }, () => null),
  );
  for (const cell of grid.cells) {
    for (let r = cell.row; r < Math.min(grid.rows, cell.row + cell.rowSpan); r++) {
      for (let c = cell.col; c < Math.min(grid.cols, cell.col + cell.colSpan); c++) {
        view[r][c] = cell;
      }
    }
  }
  return view;
}

interface GridView {
  positions: (Cell | null)[][];
  /** Origin cells by their row, left to right. */
  byRow: Cell[][];
}

/** Views of grids already looked into (a grid is not changed once read; callers get copies of row lists). */
const views = new WeakMap<Grid, GridView>();

function gridView(grid: Grid): GridView {
  let v = views.get(grid);
  if (!v) {
    const byRow: Cell[][] = Array.from({ length: grid.rows }, () => []);
    for (const cell of grid.cells) byRow[cell.row]?.push(cell);
    for (const cells of byRow) cells.sort((a, b) => a.col - b.col);
    v = { positions: positionIndex(grid), byRow };
    views.set(grid, v);
  }
  return v;
}

/** The origin cell covering (row, col), or null. */
export function cellAt(grid: Grid, row: number, col: number): Cell | null {
  return gridView(grid).positions[row]?.[col] ?? null;
}

/** Origin cells of one grid row (cells whose origin is in that row), left to right. */
export function cellsStartingInRow(grid: Grid, row: number): Cell[] {
  return (gridView(grid).byRow[row] ?? []).slice();
}

/** Every distinct cell that covers some position of the row, left to right. */
export function cellsCoveringRow(grid: Grid, row: number): Cell[] {
  const out: Cell[] = [];
  for (const cell of gridView(grid).positions[row] ?? []) if (cell && !out.includes(cell)) out.push(cell);
  return out;
}
