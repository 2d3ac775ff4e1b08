import type { Block, Location, Report } from '@jxaudit/model';
import type { Html } from '@jxaudit/ingest/report/escape.ts';
import {
  cellKey as sharedCellKey,
  coveringCell,
  gridsFromBlocks,
  gridsFromLocations,
  renderTableHtml,
  type CellMark,
  type GridModel,
} from '@jxaudit/ingest/report/table-html.ts';

export type { CellMark };

/*
 * The rebuilt tables of a document with the cells of findings marked, for the submission page,
 * drawn by the report page's table renderer (@jxaudit/ingest report/table-html.ts).
 * From the document's blocks when the output folder keeps them; otherwise from every located
 * value of the report (the cells the forms were read from), which shows the recognised cells.
 */

export type { GridModel } from '@jxaudit/ingest/report/table-html.ts';

/** The page key of a cell: `d<doc>t<table>r<row>c<col>` (a submission page shows several documents). */
export function cellKey(doc: number, table: number, row: number, col: number): string {
  return `d${doc}${sharedCellKey(table, row, col)}`;
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
  const grids = blocks?.some((b) => b.type === 'table')
    ? gridsFromBlocks(blocks)
    : gridsFromLocations(locationsOf(report).filter((loc) => loc.file === report.source.path));
  return [...grids.values()];
}

/** The origin cell covering (row, col). */
export const originOf = coveringCell;

/** A document's table with the cells of findings marked (severity, decision state), by the report page's renderer. */
export function renderGrid(doc: number, grid: GridModel, marks: ReadonlyMap<string, CellMark>): Html {
  return renderTableHtml(grid, marks, 'zh', { keyPrefix: `d${doc}`, cellIdPrefix: 'c-', note: grid.partial ? '（只显示识别出的单元格）' : undefined });
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
