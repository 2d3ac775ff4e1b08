/**
 * The differential oracle: mammoth reads the same .docx, and the streaming reader's paragraph and
 * cell text must equal mammoth's after the normalisation both share (cleaned lines, whitespace
 * runs as one space). Cells are compared w:tc by w:tc, replaying mammoth's own vertical-merge
 * algorithm (it absorbs a continuation into the cell above, counting columns without
 * w:gridBefore, and keeps every cell of a table with a stray element between rows), so that a
 * merge mammoth gets wrong is not mistaken for a text difference.
 *
 * Where the two readers are meant to differ (VARIANTS.md: mammoth reads only mc:Fallback, drops
 * w:cr, puts text boxes inside the cell that anchors them, keeps the text between a field's begin
 * and separate, ignores w:hMerge), a document that uses those constructs is compared on what
 * both read the same; the construct itself is tested against its expected text in docx.test.ts.
 */
import { parseDocx } from '../../src/docx/index.ts';
import { streamDocx } from '../../src/docx/index.ts';
import { mammothHtml } from '../../src/docx/fallback.ts';
import { htmlTableTexts, htmlToBlocks } from '../../src/docx/html.ts';
import type { XCell, XTable } from '../../src/docx/stream.ts';
import { cleanLines } from '../../src/docx/text.ts';

/** The normalisation both readers' text goes through before it is compared. */
export const normalise = (lines: string[]): string => lines.map((l) => l.replace(/\s+/g, ' ').trim()).filter((l) => l !== '').join('\n');

/** Which w:tc mammoth absorbed into which origin: its own algorithm. */
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

export interface OracleDifference {
  where: string;
  stream: string;
  mammoth: string;
}

/** Every difference between the streaming reader and mammoth on one .docx ([] when they agree). */
export async function oracleDifferences(bytes: Uint8Array, file = 'oracle.docx'): Promise<OracleDifference[]> {
  const diffs: OracleDifference[] = [];
  const streamed = streamDocx(bytes);
  const read = await parseDocx(bytes, file);
  if (!streamed.ok || !read.ok) throw new Error(`the streaming reader refused ${file}`);
  const converted = await mammothHtml(streamed.doc);
  if (!converted.ok) throw new Error(`mammoth refused ${file}: ${converted.error.code}`);

  // paragraphs outside tables, in document order
  const ours = read.blocks.flatMap((b) => (b.type === 'paragraph' ? [b.text] : []));
  const theirs = htmlToBlocks(converted.html, file).blocks.flatMap((b) => (b.type === 'paragraph' ? [b.text] : []));
  if (normalise(ours) !== normalise(theirs)) diffs.push({ where: 'paragraphs', stream: normalise(ours), mammoth: normalise(theirs) });

  // cells, w:tc by w:tc
  const tables = streamed.result.tables;
  const hTables = htmlTableTexts(converted.html);
  if (hTables.length !== tables.length) {
    diffs.push({ where: 'tables', stream: String(tables.length), mammoth: String(hTables.length) });
    return diffs;
  }
  tables.forEach((t, ti) => {
    const owners = mammothOwners(t);
    const hRows = hTables[ti];
    if (hRows.length !== t.rows.length) {
      diffs.push({ where: `table ${ti} rows`, stream: String(t.rows.length), mammoth: String(hRows.length) });
      return;
    }
    t.rows.forEach((row, ri) => {
      // an old-Word horizontal merge is one cell here, several w:tc (the first holding the text) to mammoth
      const kept = row.cells.filter((c) => !owners.has(c)).flatMap((c) => [c, ...Array.from({ length: c.tcs - 1 }, () => null)]);
      const hCells = hRows[ri];
      if (kept.length !== hCells.length) {
        diffs.push({ where: `table ${ti} row ${ri} cells`, stream: String(kept.length), mammoth: String(hCells.length) });
        return;
      }
      kept.forEach((c, ci) => {
        const a = c ? normalise(c.paragraphs.flatMap(cleanLines)) : '';
        const b = normalise(hCells[ci]);
        if (a !== b) diffs.push({ where: `table ${ti} row ${ri} cell ${ci}`, stream: a, mammoth: b });
      });
    });
  });
  return diffs;
}
