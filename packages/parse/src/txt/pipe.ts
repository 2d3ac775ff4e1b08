import { isBlankLine, rawCell, splitLines, type RawCell, type RawRow, type RawSegment } from './raw.ts';

/**
 * The pipe layout (text copied from web pages): either one row per line with cells separated by
 * `|` (`| 分值 | 10 |`, Markdown separator lines skipped), or one cell per line, each cell ending
 * in `|`, a blank line ending the row and two blank lines (or a paragraph) ending the table.
 */
export function parsePipeLayout(text: string): RawSegment[] {
  const segments: RawSegment[] = [];
  let rows: RawRow[] = [];
  let cellPerLine = false;
  let row: RawCell[] = [];
  let pending: { text: string; line: number }[] = [];
  let blankRun = 0;

  const flushTable = () => {
    if (rows.length) segments.push({ kind: 'table', rows });
    rows = [];
    cellPerLine = false;
  };
  const endRow = () => {
    if (pending.length && row.length === 0) {
      // Lines that never closed a cell with `|`: paragraphs, and the table ends before them.
      flushTable();
      for (const p of pending) if (p.text.trim()) segments.push({ kind: 'paragraph', text: p.text.trim(), line: p.line });
    } else if (pending.length) {
      row.push(rawCell(pending.map((p) => p.text), pending[0].line));
    }
    pending = [];
    if (row.length) rows.push({ cells: row });
    row = [];
  };

  for (const { text: line, line: lineNo, artefactOnly } of splitLines(text)) {
    if (artefactOnly) continue;
    const trimmed = line.trim();
    if (isBlankLine(line)) {
      endRow();
      blankRun++;
      if (!cellPerLine || blankRun >= 2) flushTable();
      continue;
    }
    blankRun = 0;
    if (isRowLine(trimmed)) {
      endRow();
      if (cellPerLine) flushTable();
      if (!isSeparatorLine(trimmed)) rows.push({ cells: splitRowLine(trimmed).map((t) => rawCell(t.split(/<br\s*\/?>/i), lineNo)) });
      continue;
    }
    if (rows.length && !cellPerLine) flushTable();
    if (trimmed.endsWith('|')) {
      cellPerLine = true;
      pending.push({ text: line.replace(/\|\s*$/, ''), line: lineNo });
      row.push(rawCell(pending.map((p) => p.text), pending[0].line));
      pending = [];
      continue;
    }
    pending.push({ text: line, line: lineNo });
  }
  endRow();
  flushTable();
  return segments;
}

/** `| a | b |`, `a | b`, or a single-cell row `| 总分 |`: cells on one line. */
function isRowLine(trimmed: string): boolean {
  const inner = trimmed.replace(/^\|/, '').replace(/\|$/, '');
  return inner.includes('|') || (trimmed.length > 1 && trimmed.startsWith('|') && trimmed.endsWith('|'));
}

function isSeparatorLine(trimmed: string): boolean {
  return /^\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?$/.test(trimmed);
}

function splitRowLine(trimmed: string): string[] {
  return trimmed
    .replace(/^\|/, '')
    .replace(/\|$/, '')
    .split('|')
    .map((cell) => cell.trim());
}
