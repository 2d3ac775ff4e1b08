/**
 * Workbook forms for the rules on Excel's evidence: a project form carrying `workbook.cells`
 * given compactly by address — a number, a text, or [formula, cached result, shown text?].
 */
import type { Form, WorkbookCell } from '@jxaudit/model';
import { projectForm } from './forms.ts';
import { parseAddress } from '../../src/workbook.ts';

export type CellSpec = number | string | [formula: string, cached: number, shown?: string];

export function workbookForm(cells: Record<string, CellSpec>, sheet = '附件2'): Form {
  const list: WorkbookCell[] = [];
  for (const [address, spec] of Object.entries(cells)) {
    const at = parseAddress(address)!;
    const base = { sheet, address, table: 0, row: at.row - 1, col: at.col - 1 };
    if (typeof spec === 'number') list.push({ ...base, text: String(spec), number: spec });
    else if (typeof spec === 'string') list.push({ ...base, text: spec });
    else list.push({ ...base, text: spec[2] ?? String(spec[1]), formula: spec[0], number: spec[1] });
  }
  return { ...projectForm({ funds: [], indicators: [] }), workbook: { cells: list } };
}
