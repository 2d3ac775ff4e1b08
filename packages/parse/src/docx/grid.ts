/**
 * Places the cells of one Word table on its grid, from the XML structure: gridBefore shifts a
 * row's first cell, gridSpan widens a cell, a vMerge continuation extends the origin cell above
 * it (a continuation with nothing to continue becomes an origin itself), a span past the last
 * grid column is clamped. An occupancy matrix keeps every position owned by one cell.
 */
import type { ParseWarning } from '@jxaudit/model';
import type { XCell, XTable } from './stream.ts';

/** Word allows 63 columns; a grid wider than this is hostile or broken and is cut. */
export const MAX_COLS = 256;
/** Grid positions one document may hold in all (the sample holds 468). */
export const MAX_POSITIONS = 4_000_000;

export interface PlacedCell {
  row: number;
  col: number;
  rowSpan: number;
  colSpan: number;
  /** The w:tc elements whose content belongs to this cell: the origin first, then continuations. */
  sources: XCell[];
}

export interface PlacedTable {
  rows: number;
  cols: number;
  cells: PlacedCell[];
  /** For every w:tc that continues a merge, the w:tc of its origin (to compare with mammoth). */
  ownerOf: Map<XCell, XCell>;
  warnings: ParseWarning[];
}

/**
 * @param maxPositions how many grid positions (rows × cols) this table may use: the document's
 *   remaining budget (a hostile file of millions of tiny rows must not allocate gigabytes)
 */
export function placeTable(t: XTable, isEmpty: (c: XCell) => boolean, maxPositions = MAX_POSITIONS): PlacedTable {
  const warnings: ParseWarning[] = [];
  const where = (r: number) => `table ${t.index}, row ${r + 1}`;
  let cols = t.gridCols;
  if (cols === 0) {
    for (const row of t.rows) cols = Math.max(cols, row.gridBefore + row.cells.reduce((s, c) => s + c.span, 0));
  }
  // a cell that starts past the declared grid widens the grid (tblGrid written too short)
  t.rows.forEach((row, r) => {
    let pos = row.gridBefore;
    for (const c of row.cells) {
      if (pos >= cols && pos < MAX_COLS) {
        warnings.push({ code: 'docx-grid-widened', message: `${where(r)}: a cell starts at grid column ${pos + 1}, past the ${cols} columns of w:tblGrid; the grid was widened (表格网格列数不足，已按单元格扩展)` });
        cols = pos + 1;
      }
      pos += c.span;
    }
  });
  if (cols > MAX_COLS) {
    warnings.push({ code: 'docx-grid-too-wide', message: `table ${t.index}: ${cols} grid columns; only the first ${MAX_COLS} are read (Word allows 63) (表格列数异常，只读取前 ${MAX_COLS} 列)` });
    cols = MAX_COLS;
  }
  let rows = t.rows.length;
  const fit = cols > 0 ? Math.floor(maxPositions / cols) : rows;
  if (rows > fit) {
    warnings.push({ code: 'docx-table-truncated', message: `table ${t.index}: ${rows} rows × ${cols} columns exceed what one document may hold; only the first ${fit} rows are read (表格过大，只读取前 ${fit} 行)` });
    rows = fit;
  }
  const flat = new Int32Array(rows * cols).fill(-1);
  const occ = Array.from({ length: rows }, (_, r) => flat.subarray(r * cols, (r + 1) * cols));
  const cells: PlacedCell[] = [];
  const ownerOf = new Map<XCell, XCell>();

  t.rows.slice(0, rows).forEach((row, r) => {
    const starts: number[] = [];
    row.cells.reduce((p, c) => (starts.push(p), p + c.span), row.gridBefore);
    let pos = row.gridBefore;
    for (const xc of row.cells) {
      const start = pos;
      pos += xc.span;
      if (start >= cols) {
        // only past MAX_COLS (a hostile or broken grid): nowhere to put it
        warnings.push({ code: 'docx-grid-too-wide', message: `${where(r)}: a cell at grid column ${start + 1} lies past the ${cols} columns read; skipped (单元格超出可读取的列数，已跳过)` });
        continue;
      }
      let width = xc.span;
      if (start + width > cols) {
        warnings.push({ code: 'docx-span-clamped', message: `${where(r)}: a cell spans ${width} columns from column ${start + 1}, past the ${cols} grid columns; clamped to ${cols - start} (单元格跨列超出表格，已截断)` });
        width = cols - start;
      }
      if (xc.vMerge === 'continue') {
        const ownerIdx = r > 0 ? occ[r - 1][start] : -1;
        const owner = ownerIdx >= 0 ? cells[ownerIdx] : undefined;
        const attachable = owner !== undefined && owner.col === start && owner.row + owner.rowSpan === r;
        // a continuation narrower than its origin, with text in the columns it leaves: the merge
        // ends here (a cell is a rectangle), rather than hiding that text under the origin
        const blocked =
          attachable &&
          width < owner.colSpan &&
          row.cells.some((o, j) => o !== xc && starts[j] >= start + width && starts[j] < owner.col + owner.colSpan && !isEmpty(o));
        if (attachable && !blocked) {
          owner.rowSpan++;
          for (let c = owner.col; c < owner.col + owner.colSpan; c++) if (occ[r][c] === -1) occ[r][c] = ownerIdx;
          owner.sources.push(xc);
          ownerOf.set(xc, owner.sources[0]);
          continue;
        }
        if (blocked) {
          warnings.push({ code: 'docx-merge-narrowed', message: `${where(r)}, column ${start + 1}: a vertical-merge continuation is narrower than the merged cell above and text sits beside it; the merge ends above this row (纵向合并的续接单元格比上方窄且旁边有内容，合并在此行之前结束)` });
        } else {
          warnings.push({ code: 'docx-orphan-continuation', message: `${where(r)}, column ${start + 1}: a vertical-merge continuation has no cell above to continue; read as a cell of its own (纵向合并的续接单元格上方无起始单元格，按独立单元格读取)` });
        }
      }
      if (occ[r][start] !== -1) {
        // lands on a position an extended merge already covers (a continuation narrower than its origin)
        const covering = cells[occ[r][start]];
        if (isEmpty(xc)) continue;
        let free = start;
        while (free < cols && occ[r][free] !== -1) free++;
        if (free >= cols) {
          covering.sources.push(xc);
          warnings.push({ code: 'docx-cell-overlap', message: `${where(r)}, column ${start + 1}: a cell lies under a merged cell; its text was added to that cell (单元格与合并单元格重叠，内容并入合并单元格)` });
          continue;
        }
        warnings.push({ code: 'docx-cell-shifted', message: `${where(r)}: a cell at column ${start + 1} lies under a merged cell; placed at column ${free + 1} (单元格与合并单元格重叠，已右移)` });
        let w = 0;
        while (w < width && free + w < cols && occ[r][free + w] === -1) w++;
        place(r, free, w, xc);
        continue;
      }
      let w = 0;
      while (w < width && occ[r][start + w] === -1) w++;
      place(r, start, w, xc);
    }
  });

  function place(r: number, c: number, w: number, xc: XCell): void {
    const idx = cells.length;
    cells.push({ row: r, col: c, rowSpan: 1, colSpan: Math.max(1, w), sources: [xc] });
    for (let k = c; k < c + Math.max(1, w) && k < cols; k++) occ[r][k] = idx;
  }

  cells.sort((a, b) => a.row - b.row || a.col - b.col);
  return { rows, cols, cells, ownerOf, warnings };
}
