/**
 * Places the cells of one Word table on its grid, from the XML structure: gridBefore shifts a
 * row's first cell, gridSpan widens a cell, a vMerge continuation extends the origin cell above
 * it (a continuation with nothing to continue becomes an origin itself), a span past the last
 * grid column is clamped. An occupancy matrix keeps every position owned by one cell.
 */
import type { ParseWarning } from '@jxaudit/model';
import type { XCell, XTable } from './xml.ts';

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

export function placeTable(t: XTable, isEmpty: (c: XCell) => boolean): PlacedTable {
  const warnings: ParseWarning[] = [];
  const where = (r: number) => `table ${t.index}, row ${r + 1}`;
  let cols = t.gridCols;
  if (cols === 0) {
    for (const row of t.rows) cols = Math.max(cols, row.gridBefore + row.cells.reduce((s, c) => s + c.span, 0));
  }
  // a cell that starts past the declared grid widens the grid (tblGrid written too short)
  for (const row of t.rows) {
    let pos = row.gridBefore;
    for (const c of row.cells) {
      if (pos >= cols) {
        warnings.push({ code: 'docx-grid-widened', message: `${where(t.rows.indexOf(row))}: a cell starts at grid column ${pos + 1}, past the ${cols} columns of w:tblGrid; the grid was widened (表格网格列数不足，已按单元格扩展)` });
        cols = pos + 1;
      }
      pos += c.span;
    }
  }
  const rows = t.rows.length;
  const occ: number[][] = Array.from({ length: rows }, () => new Array<number>(cols).fill(-1));
  const cells: PlacedCell[] = [];
  const ownerOf = new Map<XCell, XCell>();

  t.rows.forEach((row, r) => {
    let pos = row.gridBefore;
    for (const xc of row.cells) {
      const start = pos;
      pos += xc.span;
      let width = xc.span;
      if (start + width > cols) {
        warnings.push({ code: 'docx-span-clamped', message: `${where(r)}: a cell spans ${width} columns from column ${start + 1}, past the ${cols} grid columns; clamped to ${cols - start} (单元格跨列超出表格，已截断)` });
        width = cols - start;
      }
      if (xc.vMerge === 'continue') {
        const ownerIdx = r > 0 ? occ[r - 1][start] : -1;
        const owner = ownerIdx >= 0 ? cells[ownerIdx] : undefined;
        if (owner && owner.col === start && owner.row + owner.rowSpan === r) {
          owner.rowSpan++;
          for (let c = owner.col; c < owner.col + owner.colSpan; c++) if (occ[r][c] === -1) occ[r][c] = ownerIdx;
          owner.sources.push(xc);
          ownerOf.set(xc, owner.sources[0]);
          continue;
        }
        warnings.push({ code: 'docx-orphan-continuation', message: `${where(r)}, column ${start + 1}: a vertical-merge continuation has no cell above to continue; read as a cell of its own (纵向合并的续接单元格上方无起始单元格，按独立单元格读取)` });
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

/**
 * Which w:tc mammoth absorbed into which origin: its own algorithm (it counts columns without
 * gridBefore, and keeps every cell when the table has a stray element between rows).
 */
export function mammothOwners(t: XTable): Map<XCell, XCell> {
  const owners = new Map<XCell, XCell>();
  if (t.hasStrayElements) return owners;
  const columns = new Map<number, XCell>();
  for (const row of t.rows) {
    let idx = 0;
    for (const c of row.cells) {
      const o = columns.get(idx);
      if (c.vMerge === 'continue' && o) owners.set(c, owners.get(o) ?? o);
      else columns.set(idx, c);
      idx += c.span;
    }
  }
  return owners;
}
