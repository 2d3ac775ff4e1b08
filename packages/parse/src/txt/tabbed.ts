import { hasArtefact, isBlankLine, normaliseText, rawCell, stripArtefacts, type RawCell, type RawRow, type RawSegment } from './raw.ts';

/**
 * The tabbed layout (Word/WPS "save as plain text", a spreadsheet pasted as text): one row per
 * line, cells separated by TABs. A spreadsheet quotes a cell that holds a line break
 * ("年度\n指标值"), so a quoted field may run over several lines; Word marks a line break inside
 * a cell with a vertical tab. A line without a TAB, or a blank line, ends the table.
 */
export function parseTabbedLayout(text: string): RawSegment[] {
  const lines = normaliseText(text).split('\n');
  const segments: RawSegment[] = [];
  let rows: RawRow[] = [];
  const endTable = () => {
    if (rows.length) segments.push({ kind: 'table', rows });
    rows = [];
  };

  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (hasArtefact(line) && isBlankLine(stripArtefacts(line))) continue;
    // A row may open with a quoted cell whose first line holds no TAB yet ("绩效\n指标"\t一级指标 …).
    const quotedStart = !line.includes('\t') && line.startsWith('"') && hasClosingQuote(lines, i, 1);
    if (line.includes('\t') || quotedStart) {
      const { cells, nextLine } = readRow(lines, i);
      if (cells.length > 1 || !quotedStart) {
        rows.push({ cells });
        i = nextLine - 1;
        continue;
      }
    }
    endTable();
    const paragraph = stripArtefacts(line).trim();
    if (paragraph) segments.push({ kind: 'paragraph', text: paragraph, line: i + 1 });
  }
  endTable();
  return segments;
}

/** Reads the row starting at `start` (0-based); a quoted field may continue on the next lines. */
function readRow(lines: string[], start: number): { cells: RawCell[]; nextLine: number } {
  const cells: RawCell[] = [];
  let i = start;
  let pos = 0;
  let line = lines[i];
  for (;;) {
    const cellLine = i + 1;
    let value: string;
    if (line[pos] === '"' && hasClosingQuote(lines, i, pos + 1)) {
      value = '';
      pos++;
      for (;;) {
        const q = line.indexOf('"', pos);
        if (q === -1) {
          value += line.slice(pos) + '\n';
          i++;
          line = lines[i];
          pos = 0;
          continue;
        }
        if (line[q + 1] === '"') {
          value += line.slice(pos, q) + '"';
          pos = q + 2;
          continue;
        }
        value += line.slice(pos, q);
        pos = q + 1;
        const tab = line.indexOf('\t', pos);
        value += tab === -1 ? line.slice(pos) : line.slice(pos, tab);
        pos = tab === -1 ? line.length : tab;
        break;
      }
    } else {
      const tab = line.indexOf('\t', pos);
      value = tab === -1 ? line.slice(pos) : line.slice(pos, tab);
      pos = tab === -1 ? line.length : tab;
    }
    cells.push(rawCell(stripArtefacts(value).split(/\n|\u000b/), cellLine));
    if (pos >= line.length) return { cells, nextLine: i + 1 };
    pos++; // the TAB
  }
}

/** A field that opens with a quote is quoted only if the quote closes before the table ends. */
function hasClosingQuote(lines: string[], lineIndex: number, from: number): boolean {
  for (let i = lineIndex, pos = from; i < lines.length && i < lineIndex + 50; i++, pos = 0) {
    const rest = lines[i].slice(pos).replace(/""/g, '');
    const q = rest.indexOf('"');
    if (q !== -1) return rest[q + 1] === undefined || rest[q + 1] === '\t';
    if (i > lineIndex && isBlankLine(lines[i])) return false;
  }
  return false;
}
