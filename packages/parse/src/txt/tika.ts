import { isBlankLine, rawCell, splitLines, type RawCell, type RawRow, type RawSegment } from './raw.ts';

/**
 * The tika layout (Apache Tika's text of a Word file): a cell starts with a TAB, further
 * paragraphs of the cell follow on lines without a TAB, a lone TAB is an empty cell, a blank line
 * ends a row, two or more blank lines (or a paragraph line) end a table.
 */
export function parseTikaLayout(text: string): RawSegment[] {
  const segments: RawSegment[] = [];
  let rows: RawRow[] = [];
  let row: RawCell[] = [];
  let blankRun = 0;

  const endRow = () => {
    if (row.length) rows.push({ cells: row });
    row = [];
  };
  const endTable = () => {
    endRow();
    if (rows.length) segments.push(...tableOrParagraphs(rows));
    rows = [];
  };

  for (const { text: line, line: lineNo, artefactOnly } of splitLines(text)) {
    if (artefactOnly) continue;
    if (line.startsWith('\t')) {
      if (blankRun >= 2) endTable();
      row.push(rawCell([line.slice(1)], lineNo));
      blankRun = 0;
    } else if (isBlankLine(line)) {
      endRow();
      blankRun++;
    } else if (row.length) {
      row[row.length - 1].lines.push(line);
    } else {
      endTable();
      segments.push({ kind: 'paragraph', text: line.trim(), line: lineNo });
      blankRun = 0;
    }
  }
  endTable();
  return segments;
}

/** One cell alone is no table: a paragraph indented with a TAB reads exactly like it. */
function tableOrParagraphs(rows: RawRow[]): RawSegment[] {
  if (rows.length === 1 && rows[0].cells.length === 1) {
    const cell = rows[0].cells[0];
    return cell.lines
      .map((text, i) => ({ kind: 'paragraph' as const, text: text.trim(), line: cell.line + i }))
      .filter((p) => p.text !== '');
  }
  return [{ kind: 'table', rows }];
}
