/**
 * One streaming pass over word/document.xml (or a notes part): paragraphs, tables with their
 * structure (tblGrid, gridBefore/gridAfter, gridSpan, hMerge, vMerge restart/continue/bare,
 * deleted rows, nested tables) and the text of every paragraph and cell, with no tree.
 *
 * The document is read as Word shows it with every tracked change accepted: w:ins and w:moveTo
 * are text, w:del, w:delText, w:moveFrom and deleted rows are not, a deleted paragraph mark joins
 * its paragraph to the next. Content controls, smart tags, w:customXml, hyperlinks, bookmarks and
 * proofing marks wrap text without changing it. A field reads as its result, never its
 * instruction. Of mc:AlternateContent one branch is read: the first mc:Choice whose namespaces
 * are understood, else mc:Fallback. Text boxes are not part of the paragraph or cell that anchors
 * them: their paragraphs follow the anchoring paragraph (in a cell: follow the table).
 */
import type { Attrs, XmlHandler } from './scan.ts';

export type VMerge = 'restart' | 'continue' | null;

export interface XCell {
  /** w:gridSpan (≥ 1), widened by the old-Word w:hMerge continuations it absorbed. */
  span: number;
  /** `continue` covers both `w:val="continue"` and a bare `<w:vMerge/>`. */
  vMerge: VMerge;
  /** Raw paragraph texts (line breaks as "\n"), nested tables and text boxes excluded. */
  paragraphs: string[];
  /** How many w:tc this cell stands for (> 1 after w:hMerge). */
  tcs: number;
}

export interface XRow {
  gridBefore: number;
  gridAfter: number;
  cells: XCell[];
}

export interface XTable {
  /** Pre-order index among the document's tables (nested tables after their parent). */
  index: number;
  parent: number | null;
  gridCols: number;
  /** Rows; deleted rows (w:trPr/w:del) left out. */
  rows: XRow[];
  /**
   * A non-row element (e.g. a bookmark) between rows or a non-cell element between cells: mammoth
   * then drops every vMerge of the table (kept so the tests' mammoth oracle can replay it).
   */
  hasStrayElements: boolean;
}

/** What the pass yields, in document order. */
export type Item = { kind: 'paragraph'; text: string } | { kind: 'table'; index: number } | { kind: 'chunk'; rid: string };

export interface StreamResult {
  /** Body-level items in order (text-box content of body paragraphs after its paragraph). */
  items: Item[];
  tables: XTable[];
  /** Items of text boxes anchored inside a top-level table (by table index): they follow that table. */
  after: Map<number, Item[]>;
  /** Footnote/endnote references in the order met: `footnote:1`, `endnote:2`. */
  noteRefs: string[];
  /** In a notes part: each note's items by `footnote:ID` / `endnote:ID`. */
  notes: Map<string, Item[]>;
  /** Constructs seen that this pass does not read (e.g. `w:altChunk`), with how often. */
  unread: Map<string, number>;
  /** Fields left open at the end (their instruction never closed): their text may be missing. */
  unclosedFields: number;
}

/** Tables nested deeper than this are refused (Word users never get near it; hostile files do). */
export const MAX_TABLE_DEPTH = 64;
/** Elements nested deeper than this are refused. */
export const MAX_ELEMENT_DEPTH = 4096;

export class TooDeepError extends Error {
  constructor(
    readonly what: 'tables' | 'elements',
    readonly limit: number,
  ) {
    super(`${what} nested more than ${limit} deep`);
  }
}

/** What a checkbox content control reads as, as Word draws it: ☒ checked, ☐ not. */
export const CHECKED = '☒';
export const UNCHECKED = '☐';

/** Subtrees that hold no document text (properties, deletions, revision history, section setup). */
const SKIP = new Set([
  'w:del',
  'w:moveFrom',
  'w:delText',
  'w:delInstrText',
  'w:sectPr',
  'w:sdtEndPr',
  'w:tblPr',
  'w:tblPrEx',
  'w:pPrChange',
  'w:rPrChange',
  'w:tblPrChange',
  'w:trPrChange',
  'w:tcPrChange',
  'w:tblGridChange',
  'w:sectPrChange',
  'w:numberingChange',
  'wp:docPr',
  'wp:cNvGraphicFramePr',
  'v:imagedata',
  'w:comments',
]);

/** Elements open() acts on (all others only count for the mammoth oracle's stray check). */
const HANDLED = new Set([
  ...SKIP,
  ...'w:body w:footnote w:endnote w:p w:r w:t w:tab w:ptab w:br w:cr w:noBreakHyphen w:softHyphen w:sym w:instrText w:fldChar w:checkBox w:checked w:default w:footnoteReference w:endnoteReference w:tbl w:tblGrid w:gridCol w:tr w:trPr w:gridBefore w:gridAfter w:tc w:tcPr w:gridSpan w:vMerge w:hMerge w:cellDel w:sdt w:sdtPr w14:checkbox w14:checked w:dataBinding w:sdtContent mc:AlternateContent mc:Choice mc:Fallback w:txbxContent w:altChunk w:rPr w:pPr'.split(' '),
]);

/** Elements close() acts on. */
const CLOSE_HANDLED = new Set('w:t w:instrText w:p w:tc w:tr w:tbl w:sdt mc:AlternateContent w:txbxContent w:body w:footnote w:endnote'.split(' '));

/** Wrappers that are transparent to structure: their content counts as their parent's. */
const TRANSPARENT = new Set(['w:sdt', 'w:sdtContent', 'w:customXml', 'w:ins', 'w:moveTo', 'w:smartTag', 'mc:AlternateContent', 'mc:Choice', 'mc:Fallback', 'w:hyperlink', 'w:fldSimple', 'w:dir', 'w:bdo']);

/** Elements mammoth turns into a node of its own: between rows or cells, they make its table "stray". */
const MAMMOTH_NODES = new Set(['w:p', 'w:r', 'w:t', 'w:tab', 'w:br', 'w:sym', 'w:hyperlink', 'w:tbl', 'w:bookmarkStart', 'w:noBreakHyphen', 'w:softHyphen', 'w:footnoteReference', 'w:endnoteReference', 'w:commentReference']);


/**
 * The characters of the Symbol font's private-use code points Word writes in w:sym (F0xx), for
 * the symbols a budget form uses: comparison signs, ±, ×, ÷, arrows, bullets, degrees.
 */
const SYMBOL_FONT: Record<number, string> = {
  0x20: ' ', 0x21: '!', 0x22: '∀', 0x23: '#', 0x24: '∃', 0x25: '%', 0x26: '&', 0x27: '∋', 0x28: '(', 0x29: ')', 0x2a: '∗', 0x2b: '+', 0x2c: ',', 0x2d: '−', 0x2e: '.', 0x2f: '/',
  0x30: '0', 0x31: '1', 0x32: '2', 0x33: '3', 0x34: '4', 0x35: '5', 0x36: '6', 0x37: '7', 0x38: '8', 0x39: '9', 0x3a: ':', 0x3b: ';', 0x3c: '<', 0x3d: '=', 0x3e: '>', 0x3f: '?',
  0x40: '≅', 0x41: 'Α', 0x42: 'Β', 0x43: 'Χ', 0x44: 'Δ', 0x45: 'Ε', 0x46: 'Φ', 0x47: 'Γ', 0x48: 'Η', 0x49: 'Ι', 0x4a: 'ϑ', 0x4b: 'Κ', 0x4c: 'Λ', 0x4d: 'Μ', 0x4e: 'Ν', 0x4f: 'Ο',
  0x50: 'Π', 0x51: 'Θ', 0x52: 'Ρ', 0x53: 'Σ', 0x54: 'Τ', 0x55: 'Υ', 0x56: 'ς', 0x57: 'Ω', 0x58: 'Ξ', 0x59: 'Ψ', 0x5a: 'Ζ', 0x5b: '[', 0x5c: '∴', 0x5d: ']', 0x5e: '⊥', 0x5f: '_',
  0x61: 'α', 0x62: 'β', 0x63: 'χ', 0x64: 'δ', 0x65: 'ε', 0x66: 'φ', 0x67: 'γ', 0x68: 'η', 0x69: 'ι', 0x6a: 'ϕ', 0x6b: 'κ', 0x6c: 'λ', 0x6d: 'μ', 0x6e: 'ν', 0x6f: 'ο',
  0x70: 'π', 0x71: 'θ', 0x72: 'ρ', 0x73: 'σ', 0x74: 'τ', 0x75: 'υ', 0x76: 'ϖ', 0x77: 'ω', 0x78: 'ξ', 0x79: 'ψ', 0x7a: 'ζ', 0x7b: '{', 0x7c: '|', 0x7d: '}', 0x7e: '∼',
  0xa1: 'ϒ', 0xa2: '′', 0xa3: '≤', 0xa4: '⁄', 0xa5: '∞', 0xa6: 'ƒ', 0xa7: '♣', 0xa8: '♦', 0xa9: '♥', 0xaa: '♠', 0xab: '↔', 0xac: '←', 0xad: '↑', 0xae: '→', 0xaf: '↓',
  0xb0: '°', 0xb1: '±', 0xb2: '″', 0xb3: '≥', 0xb4: '×', 0xb5: '∝', 0xb6: '∂', 0xb7: '•', 0xb8: '÷', 0xb9: '≠', 0xba: '≡', 0xbb: '≈', 0xbc: '…', 0xbd: '⏐', 0xbe: '⎯', 0xbf: '↵',
  0xc0: 'ℵ', 0xc1: 'ℑ', 0xc2: 'ℜ', 0xc3: '℘', 0xc4: '⊗', 0xc5: '⊕', 0xc6: '∅', 0xc7: '∩', 0xc8: '∪', 0xc9: '⊃', 0xca: '⊇', 0xcb: '⊄', 0xcc: '⊂', 0xcd: '⊆', 0xce: '∈', 0xcf: '∉',
  0xd0: '∠', 0xd1: '∇', 0xd2: '®', 0xd3: '©', 0xd4: '™', 0xd5: '∏', 0xd6: '√', 0xd7: '⋅', 0xd8: '¬', 0xd9: '∧', 0xda: '∨', 0xdb: '⇔', 0xdc: '⇐', 0xdd: '⇑', 0xde: '⇒', 0xdf: '⇓',
  0xe0: '◊', 0xe1: '〈', 0xe2: '®', 0xe3: '©', 0xe4: '™', 0xe5: '∑', 0xf1: '〉', 0xf2: '∫',
};

/** The character of a w:sym, or null when its font and code are not known. */
export function symbolChar(font: string | undefined, code: string | undefined): string | null {
  if (!code || !/^[0-9a-fA-F]{1,4}$/.test(code)) return null;
  const n = Number.parseInt(code, 16);
  const low = n >= 0xf000 ? n - 0xf000 : n;
  if (/^symbol$/i.test((font ?? '').trim())) return SYMBOL_FONT[low] ?? null;
  // a font-independent code point (not in the private-use area) is its own character
  if (n < 0xe000 && n >= 0x20) return String.fromCharCode(n);
  return null;
}

interface Para {
  text: string;
  markDeleted: boolean;
  /** Text-box items anchored in this paragraph: they follow it. */
  extras: Item[];
}

interface Container {
  kind: 'body' | 'cell' | 'textbox' | 'note' | 'other';
  items: Item[];
  /** A paragraph whose mark was deleted: its text starts the next paragraph of this container. */
  carry: string | null;
  /** Field stack height when the container opened (fields never cross a cell or a text box). */
  fields: number;
}

interface TableState {
  table: XTable;
  row: (XRow & { deleted: boolean }) | null;
  cell: (XCell & { deleted: boolean; hMerge: 'restart' | 'continue' | null }) | null;
}

interface Field {
  phase: 'instr' | 'result';
  instr: string;
  checkbox: boolean | null;
}

interface Sdt {
  checkbox: boolean | null;
}

function intVal(a: Attrs, fallback: number): number {
  const v = a.get('w:val');
  if (v === undefined) return fallback;
  const x = Number.parseInt(v, 10);
  return Number.isFinite(x) ? x : fallback;
}

/** An OOXML on/off value: absent or 1/true/on means on. */
const onOff = (v: string | undefined) => v === undefined || v === '1' || v === 'true' || v === 'on';

/** The reader, as a handler for XmlScanner, of the main document or of a notes part. */
export class WordReader implements XmlHandler {
  readonly result: StreamResult = {
    items: [],
    tables: [],
    after: new Map(),
    noteRefs: [],
    notes: new Map(),
    unread: new Map(),
    unclosedFields: 0,
  };

  private readonly names: string[] = [];
  /** > 0 while inside a skipped subtree: the depth (names.length) of the element that started it. */
  private skipAt = 0;
  private readonly paras: Para[] = [];
  private readonly containers: Container[] = [];
  private readonly tables: TableState[] = [];
  private readonly fields: Field[] = [];
  private readonly sdts: Sdt[] = [];
  /** Per open mc:AlternateContent: whether a branch has been taken. */
  private readonly alternates: boolean[] = [];
  private inText = false;
  private inInstr = false;
  private noteKey: string | null = null;

  /** Resolves the prefixes mc:Choice requires (set by whoever drives the scanner). */
  namespaceOf: (prefix: string) => string | undefined = () => undefined;

  private get para(): Para | undefined {
    return this.paras[this.paras.length - 1];
  }

  private get container(): Container | undefined {
    return this.containers[this.containers.length - 1];
  }

  private unread(what: string): void {
    this.result.unread.set(what, (this.result.unread.get(what) ?? 0) + 1);
  }

  private skipSubtree(): void {
    this.skipAt = this.names.length;
  }

  /** Whether the element being opened sits in a run (directly, or through mc:AlternateContent). */
  private inRun(parent: string | undefined): boolean {
    return parent === 'w:r' || (parent !== undefined && TRANSPARENT.has(parent) && this.owner() === 'w:r');
  }

  /** The nearest ancestor (of the element being opened) that is not a transparent wrapper. */
  private owner(): string | undefined {
    for (let i = this.names.length - 2; i >= 0; i--) if (!TRANSPARENT.has(this.names[i])) return this.names[i];
    return undefined;
  }

  private append(s: string): void {
    const p = this.para;
    if (!p) return;
    for (const f of this.fields) if (f.phase === 'instr') return;
    p.text += s;
  }

  open(name: string, a: Attrs): void {
    this.names.push(name);
    if (this.names.length > MAX_ELEMENT_DEPTH) throw new TooDeepError('elements', MAX_ELEMENT_DEPTH);
    if (this.skipAt) return;
    const parent = this.names[this.names.length - 2];
    if (!HANDLED.has(name)) {
      // paragraph properties hold nothing to read but the deleted mark (w:pPr/w:rPr, handled)
      if (parent === 'w:pPr') return this.skipSubtree();
      // bookmarks, proofing marks, permissions, comment ranges, hyperlinks, smart tags,
      // w:customXml, drawings and VML shapes: nothing of their own, their content is read
      if (this.tables.length) this.noteTableChild(name, a);
      return;
    }
    if (SKIP.has(name)) {
      // the mark of a deleted (or moved-away) paragraph: the paragraph joins the next one
      if ((name === 'w:del' || name === 'w:moveFrom') && parent === 'w:rPr' && this.names[this.names.length - 3] === 'w:pPr') {
        const p = this.para;
        if (p) p.markDeleted = true;
      } else if (name === 'w:del' && parent === 'w:trPr') {
        const row = this.tables[this.tables.length - 1]?.row;
        if (row) row.deleted = true;
      }
      this.skipSubtree();
      return;
    }
    const t = this.tables[this.tables.length - 1];
    switch (name) {
      case 'w:body':
        this.openContainer('body');
        return;
      case 'w:footnote':
      case 'w:endnote': {
        const type = a.get('w:type');
        if (type !== undefined && type !== 'normal') return this.skipSubtree();
        this.noteKey = `${name.slice(2)}:${a.get('w:id') ?? ''}`;
        this.openContainer('note');
        return;
      }
      case 'w:p':
        this.noteTableChild(name, a);
        this.openParagraph();
        return;
      case 'w:r':
        return;
      case 'w:t':
        if (this.inRun(parent)) this.inText = true;
        return;
      case 'w:tab':
      case 'w:ptab':
        if (this.inRun(parent)) this.append('\t');
        return;
      case 'w:br': {
        // a line break; page and column breaks read as nothing, as Word lays them out
        const type = a.get('w:type');
        if (this.inRun(parent) && (type === undefined || type === 'textWrapping')) this.append('\n');
        return;
      }
      case 'w:cr':
        if (this.inRun(parent)) this.append('\n');
        return;
      case 'w:noBreakHyphen':
        if (this.inRun(parent)) this.append('\u2011');
        return;
      case 'w:softHyphen':
        if (this.inRun(parent)) this.append('\u00ad');
        return;
      case 'w:sym':
        if (this.inRun(parent)) {
          const c = symbolChar(a.get('w:font'), a.get('w:char'));
          if (c !== null) this.append(c);
          else this.unread('w:sym');
        }
        return;
      case 'w:instrText':
        if (this.inRun(parent)) {
          const f = this.fields[this.fields.length - 1];
          if (!f || f.phase !== 'instr') this.skipSubtree();
          else this.inInstr = true;
        } else this.skipSubtree();
        return;
      case 'w:fldChar':
        this.fieldChar(a.get('w:fldCharType'));
        return;
      case 'w:checkBox':
        return;
      case 'w:checked':
      case 'w:default':
        if (parent === 'w:checkBox' && this.names[this.names.length - 4] === 'w:fldChar') {
          const f = this.fields[this.fields.length - 1];
          if (f && (name === 'w:checked' || f.checkbox === null)) f.checkbox = onOff(a.get('w:val'));
        }
        return;
      case 'w:footnoteReference':
      case 'w:endnoteReference': {
        const id = a.get('w:id');
        if (id !== undefined && this.inRun(parent)) this.result.noteRefs.push(`${name === 'w:footnoteReference' ? 'footnote' : 'endnote'}:${id}`);
        return this.skipSubtree();
      }
      case 'w:tbl':
        this.noteTableChild(name, a);
        this.openTable();
        return;
      case 'w:tblGrid':
        return;
      case 'w:gridCol':
        if (parent === 'w:tblGrid' && t) t.table.gridCols++;
        return;
      case 'w:tr':
        this.noteTableChild(name, a);
        if (t && this.owner() === 'w:tbl') t.row = { gridBefore: 0, gridAfter: 0, cells: [], deleted: false };
        return;
      case 'w:trPr':
        return;
      case 'w:gridBefore':
      case 'w:gridAfter':
        if (parent === 'w:trPr' && t?.row) {
          const v = Math.max(0, intVal(a, 0));
          if (name === 'w:gridBefore') t.row.gridBefore = v;
          else t.row.gridAfter = v;
        }
        return;
      case 'w:tc':
        this.noteTableChild(name, a);
        if (t?.row && this.owner() === 'w:tr') {
          if (t.row.deleted) return this.skipSubtree();
          t.cell = { span: 1, vMerge: null, paragraphs: [], tcs: 1, deleted: false, hMerge: null };
          this.openContainer('cell');
        }
        return;
      case 'w:tcPr':
        return;
      case 'w:gridSpan':
        if (parent === 'w:tcPr' && t?.cell) t.cell.span = Math.max(1, intVal(a, 1));
        return;
      case 'w:vMerge':
        if (parent === 'w:tcPr' && t?.cell) t.cell.vMerge = a.get('w:val') === 'restart' ? 'restart' : 'continue';
        return;
      case 'w:hMerge':
        if (parent === 'w:tcPr' && t?.cell) t.cell.hMerge = a.get('w:val') === 'restart' ? 'restart' : 'continue';
        return;
      case 'w:cellDel':
        if (parent === 'w:tcPr' && t?.cell) t.cell.deleted = true;
        return;
      case 'w:sdt':
        this.noteTableChild(name, a);
        this.sdts.push({ checkbox: null });
        return;
      case 'w:sdtPr':
        return;
      case 'w14:checkbox': {
        const s = this.sdts[this.sdts.length - 1];
        if (s && parent === 'w:sdtPr') s.checkbox = false;
        return;
      }
      case 'w14:checked': {
        const s = this.sdts[this.sdts.length - 1];
        if (s && parent === 'w14:checkbox') s.checkbox = a.get('w14:val') === '1' || a.get('w14:val') === 'true';
        return;
      }
      case 'w:dataBinding':
        // the content shown is Word's cached copy of the bound custom XML, which is what is read
        return;
      case 'w:sdtContent': {
        const s = this.sdts[this.sdts.length - 1];
        if (s && s.checkbox !== null && this.para) {
          this.append(s.checkbox ? CHECKED : UNCHECKED);
          this.skipSubtree();
        }
        return;
      }
      case 'mc:AlternateContent':
        this.noteTableChild(name, a);
        this.alternates.push(false);
        return;
      case 'mc:Choice': {
        const taken = this.alternates[this.alternates.length - 1];
        if (taken === undefined || taken || !this.understood(a.get('Requires'))) return this.skipSubtree();
        this.alternates[this.alternates.length - 1] = true;
        return;
      }
      case 'mc:Fallback': {
        const taken = this.alternates[this.alternates.length - 1];
        if (taken === undefined || taken) return this.skipSubtree();
        this.alternates[this.alternates.length - 1] = true;
        return;
      }
      case 'w:txbxContent':
        this.openContainer('textbox');
        return;
      case 'w:altChunk': {
        // content imported from another file: read from its part after the pass (docx/chunk.ts)
        const rid = a.get('r:id');
        const c = this.container;
        this.noteTableChild(name, a);
        if (rid !== undefined && c && c.kind !== 'cell') c.items.push({ kind: 'chunk', rid });
        else this.unread('w:altChunk');
        return this.skipSubtree();
      }
      case 'w:rPr':
      case 'w:pPr':
        // properties: nothing to read but a deleted paragraph mark (w:pPr/w:rPr/w:del, above)
        if (name === 'w:rPr' && parent !== 'w:pPr') this.skipSubtree();
        return;
      default:
        return;
    }
  }

  /** Whether every namespace prefix an mc:Choice requires is one this reader understands. */
  private understood(requires: string | undefined): boolean {
    if (!requires) return false;
    return requires
      .trim()
      .split(/\s+/)
      .every((prefix) => {
        const uri = this.namespaceOf(prefix);
        return uri !== undefined && UNDERSTOOD_URIS.has(uri);
      });
  }

  /** Records, for the mammoth oracle, an element between rows or cells that mammoth reads as a stray node. */
  private noteTableChild(name: string, a: Attrs): void {
    const t = this.tables[this.tables.length - 1];
    if (!t || !(MAMMOTH_NODES.has(name) || name === 'w:tr' || name === 'w:tc')) return;
    const owner = this.owner();
    const stray = owner === 'w:tbl' ? name !== 'w:tr' : owner === 'w:tr' ? name !== 'w:tc' : false;
    if (stray && !(name === 'w:bookmarkStart' && a.get('w:name') === '_GoBack')) t.table.hasStrayElements = true;
  }

  private fieldChar(type: string | undefined): void {
    if (type === 'begin') {
      this.fields.push({ phase: 'instr', instr: '', checkbox: null });
    } else if (type === 'separate') {
      const f = this.fields[this.fields.length - 1];
      if (f) f.phase = 'result';
    } else if (type === 'end') {
      const f = this.fields.pop();
      if (f && f.phase === 'instr' && /^\s*FORMCHECKBOX\b/.test(f.instr)) this.append(f.checkbox ? CHECKED : UNCHECKED);
    }
  }

  private openContainer(kind: Container['kind']): void {
    this.containers.push({ kind, items: [], carry: null, fields: this.fields.length });
  }

  private openParagraph(): void {
    const c = this.container;
    const carried = c?.carry ?? '';
    if (c) c.carry = null;
    this.paras.push({ text: carried, markDeleted: false, extras: [] });
  }

  private openTable(): void {
    const c = this.container;
    if (c?.carry != null) {
      c.items.push({ kind: 'paragraph', text: c.carry });
      c.carry = null;
    }
    if (this.tables.length >= MAX_TABLE_DEPTH) throw new TooDeepError('tables', MAX_TABLE_DEPTH);
    const outer = this.tables[this.tables.length - 1];
    const table: XTable = { index: this.result.tables.length, parent: outer ? outer.table.index : null, gridCols: 0, rows: [], hasStrayElements: false };
    this.result.tables.push(table);
    this.tables.push({ table, row: null, cell: null });
    // a table in a cell is a block of its own (after its parent), not cell content
    if (c && c.kind !== 'cell') c.items.push({ kind: 'table', index: table.index });
  }

  text(s: string): void {
    if (this.skipAt) return;
    if (this.inText) this.append(s);
    else if (this.inInstr) {
      const f = this.fields[this.fields.length - 1];
      if (f) f.instr += s;
    }
  }

  close(name: string): void {
    const depth = this.names.length;
    this.names.pop();
    if (this.skipAt) {
      if (depth > this.skipAt) return;
      this.skipAt = 0;
      return;
    }
    if (!CLOSE_HANDLED.has(name)) return;
    switch (name) {
      case 'w:t':
        this.inText = false;
        return;
      case 'w:instrText':
        this.inInstr = false;
        return;
      case 'w:p':
        return this.closeParagraph();
      case 'w:tc':
        return this.closeCell();
      case 'w:tr': {
        const t = this.tables[this.tables.length - 1];
        if (t?.row && this.owner2('w:tbl')) {
          if (!t.row.deleted) t.table.rows.push({ gridBefore: t.row.gridBefore, gridAfter: t.row.gridAfter, cells: t.row.cells });
          t.row = null;
        }
        return;
      }
      case 'w:tbl':
        this.tables.pop();
        return;
      case 'w:sdt':
        this.sdts.pop();
        return;
      case 'mc:AlternateContent':
        this.alternates.pop();
        return;
      case 'w:txbxContent': {
        const box = this.closeContainer();
        if (!box) return;
        const p = this.para;
        if (p) p.extras.push(...box.items);
        else this.container?.items.push(...box.items);
        return;
      }
      case 'w:body':
        this.closeContainer(this.result.items);
        this.result.unclosedFields = this.fields.length;
        return;
      case 'w:footnote':
      case 'w:endnote': {
        if (this.noteKey === null) return;
        const note = this.closeContainer();
        if (note) this.result.notes.set(this.noteKey, note.items);
        this.noteKey = null;
        return;
      }
      default:
        return;
    }
  }

  /** Whether the element just closed (no longer on the stack) sat, through wrappers, in `owner`. */
  private owner2(owner: string): boolean {
    for (let i = this.names.length - 1; i >= 0; i--) if (!TRANSPARENT.has(this.names[i])) return this.names[i] === owner;
    return false;
  }

  private closeParagraph(): void {
    const p = this.paras.pop();
    const c = this.container;
    if (!p || !c) return;
    if (p.markDeleted && p.extras.length === 0) {
      c.carry = p.text;
      return;
    }
    if (c.kind === 'cell') {
      const t = this.tables[this.tables.length - 1];
      t?.cell?.paragraphs.push(p.text);
      if (p.extras.length) this.hoist(p.extras);
    } else {
      c.items.push({ kind: 'paragraph', text: p.text }, ...p.extras);
    }
  }

  /** Text-box content anchored in a cell: it follows the top-level table. */
  private hoist(items: Item[]): void {
    const top = this.tables[0]?.table.index;
    if (top === undefined) return;
    const list = this.result.after.get(top) ?? [];
    list.push(...items);
    this.result.after.set(top, list);
  }

  private closeContainer(into?: Item[]): Container | undefined {
    const c = this.containers.pop();
    if (!c) return undefined;
    if (c.carry !== null) {
      if (c.kind === 'cell') this.tables[this.tables.length - 1]?.cell?.paragraphs.push(c.carry);
      else c.items.push({ kind: 'paragraph', text: c.carry });
      c.carry = null;
    }
    // a field cannot cross a cell or a text box: one left open inside is dropped there
    if (c.kind !== 'body' && c.kind !== 'note' && this.fields.length > c.fields) this.fields.length = c.fields;
    if (into) into.push(...c.items);
    return c;
  }

  private closeCell(): void {
    const t = this.tables[this.tables.length - 1];
    const cell = t?.cell;
    if (!t || !cell) return;
    const c = this.containers[this.containers.length - 1];
    if (c?.kind === 'cell') {
      this.closeContainer();
      if (c.items.length) this.hoist(c.items.filter((i) => i.kind === 'paragraph'));
    }
    t.cell = null;
    if (!t.row || cell.deleted) return;
    const prev = t.row.cells[t.row.cells.length - 1];
    if (cell.hMerge === 'continue' && prev) {
      // old Word's horizontal merge: the cell widens the one before it
      prev.span += cell.span;
      prev.tcs += 1;
      prev.paragraphs.push(...cell.paragraphs);
      return;
    }
    t.row.cells.push({ span: cell.span, vMerge: cell.vMerge, paragraphs: cell.paragraphs, tcs: 1 });
  }
}

const UNDERSTOOD_URIS = new Set(
  [
    'http://schemas.openxmlformats.org/wordprocessingml/2006/main',
    'http://purl.oclc.org/ooxml/wordprocessingml/main',
    'http://schemas.microsoft.com/office/word/2010/wordml',
    'http://schemas.microsoft.com/office/word/2012/wordml',
    'http://schemas.microsoft.com/office/word/2010/wordprocessingShape',
    'http://schemas.microsoft.com/office/word/2010/wordprocessingGroup',
    'http://schemas.microsoft.com/office/word/2010/wordprocessingCanvas',
    'http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing',
    'http://schemas.microsoft.com/office/word/2010/wordprocessingDrawing',
    'http://schemas.openxmlformats.org/drawingml/2006/main',
    'http://schemas.microsoft.com/office/drawing/2010/main',
    'urn:schemas-microsoft-com:vml',
    'http://schemas.openxmlformats.org/officeDocument/2006/math',
  ],
);
