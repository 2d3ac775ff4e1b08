import { z } from 'zod';

/** Where a value came from: a cell of a table, a line of a text file, a sentence of the narrative. */
export const LocationSchema = z.object({
  file: z.string(),
  /** 0-based table index in the file; null outside tables. */
  table: z.number().int().nullable(),
  /** 0-based grid row/col of the origin cell; null outside tables. */
  row: z.number().int().nullable(),
  col: z.number().int().nullable(),
  /** 1-based line in the decoded text (txt only), else null. */
  line: z.number().int().nullable(),
  /** 0-based block index (paragraph blocks of the narrative), else null. */
  paragraph: z.number().int().nullable(),
  /** Raw text of the cell or sentence fragment. */
  text: z.string(),
  /** Workbooks only: the sheet's name and the cell's A1 address ("附件1", "D5"), as Excel shows them. */
  sheet: z.string().optional(),
  address: z.string().optional(),
});
export type Location = z.infer<typeof LocationSchema>;

export function location(partial: Partial<Location> & { file: string; text: string }): Location {
  return {
    table: null,
    row: null,
    col: null,
    line: null,
    paragraph: null,
    ...partial,
  };
}
