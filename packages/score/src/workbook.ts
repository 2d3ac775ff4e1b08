/**
 * Excel's own evidence (issue 14): a small formula language — SUM, ROUND, + − × ÷, unary minus,
 * percent, parentheses, numbers, cell references and ranges (with an optional sheet name) —
 * parsed and recomputed over the number cells a workbook form carries (`Form.workbook`).
 * Anything else (other functions, text, errors) is "not recomputable" and left alone.
 */
import type { Form, Location, WorkbookCell } from '@jxaudit/model';

export interface Ref {
  sheet: string | null;
  row: number;
  col: number;
}
export interface RangeRef {
  sheet: string | null;
  top: number;
  left: number;
  bottom: number;
  right: number;
}

export type Node =
  | { t: 'num'; v: number }
  | { t: 'ref'; ref: Ref }
  | { t: 'range'; range: RangeRef }
  | { t: 'neg'; x: Node }
  | { t: 'pct'; x: Node }
  | { t: 'bin'; op: '+' | '-' | '*' | '/'; a: Node; b: Node }
  | { t: 'fn'; name: 'SUM' | 'ROUND'; args: Node[] };

const colNumber = (letters: string) => [...letters.toUpperCase()].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);

export function columnLetters(col: number): string {
  let s = '';
  for (let n = col; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

/** "D7" → 1-based row and column. */
export function parseAddress(a: string): { row: number; col: number } | null {
  const m = /^\$?([A-Z]{1,3})\$?(\d+)$/i.exec(a);
  return m ? { row: Number(m[2]), col: colNumber(m[1]) } : null;
}

export function address(row: number, col: number): string {
  return `${columnLetters(col)}${row}`;
}

/** Parses a formula (without "="); null when it uses anything outside the small language. */
export function parseFormula(src: string): Node | null {
  let i = 0;
  const s = src.replace(/^=/, '');
  const ws = () => {
    while (i < s.length && /\s/.test(s[i])) i++;
  };
  const peek = () => {
    ws();
    return s[i];
  };
  const cellAt = (): { row: number; col: number } | null => {
    const m = /^\$?([A-Za-z]{1,3})\$?(\d+)/.exec(s.slice(i));
    if (!m) return null;
    i += m[0].length;
    return { row: Number(m[2]), col: colNumber(m[1]) };
  };
  const reference = (sheet: string | null): Node | null => {
    const a = cellAt();
    if (!a) return null;
    if (s[i] === ':') {
      i++;
      const b = cellAt();
      if (!b) return null;
      return { t: 'range', range: { sheet, top: Math.min(a.row, b.row), left: Math.min(a.col, b.col), bottom: Math.max(a.row, b.row), right: Math.max(a.col, b.col) } };
    }
    return { t: 'ref', ref: { sheet, ...a } };
  };
  const primary = (): Node | null => {
    ws();
    const ch = s[i];
    if (ch === undefined) return null;
    if (ch === '(') {
      i++;
      const e = expr();
      if (!e || peek() !== ')') return null;
      i++;
      return e;
    }
    const num = /^\d+(?:\.\d*)?(?:[eE][+-]?\d+)?|^\.\d+/.exec(s.slice(i));
    if (num) {
      i += num[0].length;
      return { t: 'num', v: Number(num[0]) };
    }
    if (ch === "'") {
      const end = s.indexOf("'!", i + 1);
      if (end < 0) return null;
      const sheet = s.slice(i + 1, end).replace(/''/g, "'");
      i = end + 2;
      return reference(sheet);
    }
    const word = /^[A-Za-z_\u0080-\uffff][\w.\u0080-\uffff]*/.exec(s.slice(i));
    if (!word) return null;
    const after = s[i + word[0].length];
    if (after === '!') {
      i += word[0].length + 1;
      return reference(word[0]);
    }
    if (after === '(') {
      const name = word[0].toUpperCase();
      if (name !== 'SUM' && name !== 'ROUND') return null;
      i += word[0].length + 1;
      const args: Node[] = [];
      if (peek() !== ')') {
        for (;;) {
          const a = expr();
          if (!a) return null;
          args.push(a);
          if (peek() === ',') {
            i++;
            continue;
          }
          break;
        }
      }
      if (peek() !== ')') return null;
      i++;
      if (name === 'ROUND' && args.length !== 2) return null;
      return { t: 'fn', name, args };
    }
    return reference(null);
  };
  const factor = (): Node | null => {
    const ch = peek();
    if (ch === '-' || ch === '+') {
      i++;
      const x = factor();
      return x && (ch === '-' ? { t: 'neg', x } : x);
    }
    let x = primary();
    while (x && peek() === '%') {
      i++;
      x = { t: 'pct', x };
    }
    return x;
  };
  const term = (): Node | null => {
    let a = factor();
    while (a) {
      const op = peek();
      if (op !== '*' && op !== '/') break;
      i++;
      const b = factor();
      if (!b) return null;
      a = { t: 'bin', op, a, b };
    }
    return a;
  };
  const expr = (): Node | null => {
    let a = term();
    while (a) {
      const op = peek();
      if (op !== '+' && op !== '-') break;
      i++;
      const b = term();
      if (!b) return null;
      a = { t: 'bin', op, a, b };
    }
    return a;
  };
  const node = expr();
  ws();
  return node && i === s.length ? node : null;
}

/** The number cells of a workbook form, by sheet and address. */
export class SheetCells {
  readonly byKey = new Map<string, WorkbookCell>();
  readonly sheets = new Set<string>();
  constructor(
    readonly file: string,
    cells: WorkbookCell[],
  ) {
    for (const c of cells) {
      this.byKey.set(`${c.sheet}!${c.address.toUpperCase()}`, c);
      this.sheets.add(c.sheet);
    }
  }
  get(sheet: string, row: number, col: number): WorkbookCell | undefined {
    return this.byKey.get(`${sheet}!${address(row, col)}`);
  }
  location(c: WorkbookCell): Location {
    return { file: this.file, table: c.table, row: c.row, col: c.col, line: null, paragraph: null, text: c.text, sheet: c.sheet, address: c.address };
  }
}

/** Rounds half away from zero at `d` decimals (d may exceed 0 or be 0), robust to binary noise. */
export function roundAt(x: number, d: number): number {
  const f = 10 ** d;
  const y = Math.abs(x) * f;
  const r = Math.round(y + y * 1e-12);
  return (Math.sign(x) * r) / f;
}

/**
 * Recomputes a formula over the cells; null when it cannot (a sheet not read, a reference to a
 * cell holding text in arithmetic is read as empty = 0, as Excel's cached result would then be an
 * error and the cell not a number).
 */
export function evaluate(node: Node, cells: SheetCells, sheet: string): number | null {
  const value = (ref: Ref): number | null => {
    const sh = ref.sheet ?? sheet;
    if (!cells.sheets.has(sh)) return null;
    return cells.get(sh, ref.row, ref.col)?.number ?? 0;
  };
  const go = (n: Node): number | null => {
    switch (n.t) {
      case 'num':
        return n.v;
      case 'ref':
        return value(n.ref);
      case 'range':
        return null; // a range outside SUM
      case 'neg': {
        const x = go(n.x);
        return x === null ? null : -x;
      }
      case 'pct': {
        const x = go(n.x);
        return x === null ? null : x / 100;
      }
      case 'bin': {
        const a = go(n.a);
        const b = go(n.b);
        if (a === null || b === null) return null;
        if (n.op === '+') return a + b;
        if (n.op === '-') return a - b;
        if (n.op === '*') return a * b;
        return b === 0 ? null : a / b;
      }
      case 'fn': {
        if (n.name === 'ROUND') {
          const x = go(n.args[0]);
          const d = go(n.args[1]);
          return x === null || d === null ? null : roundAt(x, Math.trunc(d));
        }
        let sum = 0;
        for (const a of n.args) {
          if (a.t === 'range') {
            const sh = a.range.sheet ?? sheet;
            if (!cells.sheets.has(sh)) return null;
            for (let r = a.range.top; r <= a.range.bottom; r++) for (let c = a.range.left; c <= a.range.right; c++) sum += cells.get(sh, r, c)?.number ?? 0;
          } else {
            const x = go(a);
            if (x === null) return null;
            sum += x;
          }
        }
        return sum;
      }
    }
  };
  return go(node);
}

/** The decimals a cell shows, on the scale it shows (a percentage: of the percent figure); null when it shows no number. */
export function shownDecimals(text: string): { decimals: number; percent: boolean } | null {
  const m = /^[^\d-]*-?[\d,]*\d(?:\.(\d+))?\s*(%|％)?[^\d]*$/.exec(text.trim());
  if (!m) return null;
  return { decimals: m[1]?.length ?? 0, percent: m[2] !== undefined };
}

/** Whether two numbers agree at the precision a cell shows. */
export function agreeAsShown(a: number, b: number, text: string): boolean {
  const shown = shownDecimals(text);
  if (!shown) return Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));
  const d = shown.decimals + (shown.percent ? 2 : 0);
  return roundAt(a, d) === roundAt(b, d);
}

/** Rounds at the precision a cell shows (on the stored scale: a percentage keeps its fraction). */
export function asShown(x: number, text: string): number {
  const shown = shownDecimals(text);
  if (!shown) return x;
  return roundAt(x, shown.decimals + (shown.percent ? 2 : 0));
}

/** The workbook forms of a rule's context, with their cells indexed. */
export function workbookForms<T extends { form: Form; file: string }>(forms: T[]): (T & { cells: SheetCells })[] {
  return forms.filter((f) => f.form.workbook && f.form.workbook.cells.length > 0).map((f) => ({ ...f, cells: new SheetCells(f.file, f.form.workbook!.cells) }));
}

/** A single-range SUM: its range, or null. */
export function singleRangeSum(node: Node | null): RangeRef | null {
  if (!node || node.t !== 'fn' || node.name !== 'SUM' || node.args.length !== 1) return null;
  const a = node.args[0];
  return a.t === 'range' ? a.range : null;
}

export function rangeText(r: RangeRef): string {
  return `${r.sheet ? `${r.sheet}!` : ''}${address(r.top, r.left)}:${address(r.bottom, r.right)}`;
}
