/** What a layout reader finds before the grid is rebuilt: rows of cells, and plain paragraphs. */
export interface RawCell {
  /** The cell's text lines, artefacts stripped, not yet trimmed. */
  lines: string[];
  /** 1-based line of the cell's first line in the decoded text. */
  line: number;
  /**
   * Nothing but ASCII blanks: in tika a lone TAB, in tabbed/pipe an empty field. Such a cell may be
   * the continuation of a vertically merged cell. A cell holding U+3000 is content, not blank.
   */
  blank: boolean;
}

export interface RawRow {
  cells: RawCell[];
}

export type RawSegment =
  | { kind: 'paragraph'; text: string; line: number }
  | { kind: 'table'; rows: RawRow[] };

const ARTEFACT = /\[(?:bookmark|image):[^\]\n]*\]/g;

/** Tika's `[bookmark: _GoBack]` and `[image: …]` markers, wherever they appear. */
export function stripArtefacts(line: string): string {
  return line.replace(ARTEFACT, '');
}

export function hasArtefact(line: string): boolean {
  return line.search(ARTEFACT) !== -1;
}

/** CRLF and CR become LF; a leading BOM and form feeds (page breaks) go, so line numbers stay those of an editor. */
export function normaliseText(text: string): string {
  return text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n').replace(/\f/g, '');
}

export function rawCell(lines: string[], line: number): RawCell {
  return { lines, line, blank: lines.every((l) => /^[ \t]*$/.test(l)) };
}

/** A blank line: nothing, or only whitespace (U+3000 and NBSP included). */
export function isBlankLine(line: string): boolean {
  return line.trim() === '';
}

/**
 * Lines split on LF, with artefact-only lines marked: they are neither text nor row separators.
 * Returns [text, 1-based line number] pairs.
 */
export function splitLines(text: string): { text: string; line: number; artefactOnly: boolean }[] {
  return normaliseText(text)
    .split('\n')
    .map((raw, i) => {
      const stripped = stripArtefacts(raw);
      return { text: stripped, line: i + 1, artefactOnly: stripped !== raw && stripped.trim() === '' && !stripped.startsWith('\t') };
    });
}
