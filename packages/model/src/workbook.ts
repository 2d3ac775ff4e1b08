import { z } from 'zod';

/**
 * A number or formula cell of a workbook form: what Excel stores beside what it shows. Forms read
 * from a workbook carry these (`Form.workbook`) so that the rules can check Excel's own evidence:
 * formulas recomputed over the cells they name, totals typed over where their siblings are formulas.
 */
export const WorkbookCellSchema = z.object({
  sheet: z.string(),
  /** A1 address. */
  address: z.string(),
  /** The table and grid position of the cell (as in Location). */
  table: z.number().int(),
  row: z.number().int(),
  col: z.number().int(),
  /** What Excel shows. */
  text: z.string(),
  /** The formula without "=", when the cell holds one. */
  formula: z.string().optional(),
  /** The stored number, or the formula's cached result. */
  number: z.number().optional(),
});
export type WorkbookCell = z.infer<typeof WorkbookCellSchema>;

export const WorkbookEvidenceSchema = z.object({
  /** Every number or formula cell of the sheets the form was read from. */
  cells: z.array(WorkbookCellSchema),
});
export type WorkbookEvidence = z.infer<typeof WorkbookEvidenceSchema>;
