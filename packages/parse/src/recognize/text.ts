import type { Cell, Grid, Location } from '@jxaudit/model';

/** Literal artefacts some converters leave in cell text ("[bookmark: _GoBack]"). */
const ARTEFACT = /\[bookmark:[^\]]*\]/g;
/** Whitespace of every kind: ASCII, U+3000 ideographic space, NBSP, zero-width, BOM. */
const SPACE = /[\s\u3000\u00a0\u200b\ufeff]+/g;

/** Removes converter artefacts, keeps everything else. */
export function stripArtefacts(text: string): string {
  return text.replace(ARTEFACT, '');
}

/** Trims every kind of whitespace (U+3000 and NBSP included) from both ends. */
export function trimAll(text: string): string {
  return text.replace(/^[\s\u3000\u00a0\u200b\ufeff]+|[\s\u3000\u00a0\u200b\ufeff]+$/g, '');
}

/** Artefacts and all whitespace removed: the form used to compare labels ("年初\n预算数" → "年初预算数"). */
export function squash(text: string): string {
  return stripArtefacts(text).replace(SPACE, '');
}

/**
 * A label ready for matching: whitespace dropped, full-width brackets and colons made ASCII,
 * a trailing colon removed ("实施单位（盖章）：" → "实施单位(盖章)").
 */
export function labelKey(text: string): string {
  let key = LABEL_KEYS.get(text);
  if (key === undefined) {
    key = squash(text)
      .replace(/[（【〔]/g, '(')
      .replace(/[）】〕]/g, ')')
      .replace(/：/g, ':')
      .replace(/:+$/, '');
    if (LABEL_KEYS.size >= 50_000) LABEL_KEYS.clear();
    LABEL_KEYS.set(text, key);
  }
  return key;
}
const LABEL_KEYS = new Map<string, string>();

/** The lines of a cell, artefacts stripped and trimmed, empty ones dropped. */
export function cellLines(cell: Cell): string[] {
  const lines = cell.paragraphs.length > 0 ? cell.paragraphs.flatMap((p) => p.split('\n')) : cell.text.split('\n');
  return lines.map((l) => trimAll(stripArtefacts(l))).filter((l) => l !== '');
}

/** A cell's text as one value: lines joined without separator, trimmed ("项目支\n出名称" → "项目支出名称"). */
export function cellValue(cell: Cell | null): string {
  if (!cell) return '';
  return cellLines(cell).join('');
}

/** The location of a grid cell: its origin position, its txt line, its raw text. */
export function cellLocation(file: string, grid: Grid, cell: Cell): Location {
  return {
    file,
    table: grid.index,
    row: cell.row,
    col: cell.col,
    line: cell.line,
    paragraph: null,
    text: cell.text,
    // a workbook cell: the sheet and A1 address Excel shows
    ...(cell.address !== undefined && grid.sheet !== undefined ? { sheet: grid.sheet, address: cell.address } : {}),
  };
}
