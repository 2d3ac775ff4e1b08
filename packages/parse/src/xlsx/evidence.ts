import type { Block, Form, TableBlock, WorkbookCell } from '@jxaudit/model';

/**
 * Gives every form read from a workbook the number and formula cells of the sheets it was read
 * from (`Form.workbook`), for the rules on Excel's own evidence (typed-total, formula-stale,
 * formula-range-gap). Forms of a .docx or .txt are returned unchanged.
 */
export function attachWorkbookEvidence(forms: Form[], blocks: Block[]): Form[] {
  const tables = blocks.filter((b): b is TableBlock => b.type === 'table' && b.sheet !== undefined);
  if (tables.length === 0) return forms;
  const bySheet = new Map<string, WorkbookCell[]>();
  for (const t of tables) {
    const list = bySheet.get(t.sheet!) ?? [];
    for (const c of t.cells) {
      if (c.address === undefined || (c.formula === undefined && c.number === undefined)) continue;
      const cell: WorkbookCell = { sheet: t.sheet!, address: c.address, table: t.index, row: c.row, col: c.col, text: c.text };
      if (c.formula !== undefined) cell.formula = c.formula;
      if (c.number !== undefined) cell.number = c.number;
      list.push(cell);
    }
    bySheet.set(t.sheet!, list);
  }
  return forms.map((form) => {
    const sheets = new Set(tables.filter((t) => form.tables.includes(t.index)).map((t) => t.sheet!));
    if (sheets.size === 0) return form;
    return { ...form, workbook: { cells: [...sheets].flatMap((s) => bySheet.get(s) ?? []) } };
  });
}
