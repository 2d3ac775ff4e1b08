/**
 * The WordprocessingML side of the reader: walks word/document.xml (parsed with cheerio in XML
 * mode) the way mammoth does (w:sdt content read, w:ins kept, w:del and w:moveFrom dropped,
 * mc:AlternateContent read through its Fallback) and reads what mammoth gets wrong or loses:
 * the table structure (tblGrid, gridBefore/gridAfter, gridSpan, vMerge restart/continue/bare,
 * deleted rows) and, as a fallback, the text of paragraphs and cells.
 */
import * as cheerio from 'cheerio';

/** The few fields of a domhandler node we use (cheerio's nodes, typed structurally). */
export interface XNode {
  type: string;
  name?: string;
  data?: string;
  attribs?: Record<string, string>;
  children?: XNode[];
}

/** The prefixes this reader matches on, by namespace URI (transitional and strict OOXML). */
const CANONICAL_PREFIX: Record<string, string> = {
  'http://schemas.openxmlformats.org/wordprocessingml/2006/main': 'w',
  'http://purl.oclc.org/ooxml/wordprocessingml/main': 'w',
  'http://schemas.openxmlformats.org/markup-compatibility/2006': 'mc',
  'urn:schemas-microsoft-com:vml': 'v',
  'http://schemas.microsoft.com/office/word/2010/wordml': 'w14',
};

/** What a checkbox content control reads as, as Word draws it: ☒ checked, ☐ not. */
export const CHECKED = '☒';
export const UNCHECKED = '☐';

/**
 * Parses XML and renames elements and attributes to the canonical prefixes above, whatever
 * prefixes (or default namespace) the producer chose, so `w:tbl` means the WordprocessingML table.
 */
export function parseXml(xml: string): XNode {
  const $ = cheerio.load(xml, { xml: true });
  const root = $.root()[0] as unknown as XNode;
  const rename = (qname: string, scope: Map<string, string>, isAttr: boolean): string => {
    const i = qname.indexOf(':');
    if (i < 0 && isAttr) return qname;
    const prefix = i < 0 ? '' : qname.slice(0, i);
    if (prefix === 'xmlns' || prefix === 'xml') return qname;
    const uri = scope.get(prefix);
    const canonical = uri !== undefined ? CANONICAL_PREFIX[uri] : undefined;
    return canonical === undefined ? qname : `${canonical}:${qname.slice(i + 1)}`;
  };
  const walk = (n: XNode, scope: Map<string, string>): void => {
    let inner = scope;
    if (n.attribs) {
      const decls = Object.entries(n.attribs).filter(([k]) => k === 'xmlns' || k.startsWith('xmlns:'));
      if (decls.length) {
        inner = new Map(scope);
        for (const [k, v] of decls) inner.set(k === 'xmlns' ? '' : k.slice(6), v);
      }
      if (n.name) n.name = rename(n.name, inner, false);
      const renamed: Record<string, string> = {};
      for (const [k, v] of Object.entries(n.attribs)) renamed[rename(k, inner, true)] = v;
      n.attribs = renamed;
    }
    for (const k of n.children ?? []) walk(k, inner);
  };
  walk(root, new Map());
  return root;
}

const isTag = (n: XNode): boolean => n.type === 'tag' || n.type === 'script' || n.type === 'style';

export function kids(n: XNode): XNode[] {
  return (n.children ?? []).filter(isTag);
}

export function child(n: XNode, name: string): XNode | undefined {
  return kids(n).find((k) => k.name === name);
}

/** Elements whose content is not document text (properties, deletions, field codes, the mc:Choice branch). */
const SKIP = new Set([
  'w:del',
  'w:moveFrom',
  'w:delText',
  'w:instrText',
  'w:delInstrText',
  'w:pPr',
  'w:rPr',
  'w:tblPr',
  'w:tblGrid',
  'w:trPr',
  'w:tcPr',
  'w:sectPr',
  'w:sdtPr',
  'w:sdtEndPr',
  'mc:Choice',
  'w:footnoteReference',
  'w:endnoteReference',
  'w:commentReference',
]);

/** Children as mammoth reads them: w:sdt → its content, mc:AlternateContent → its Fallback. */
export function contentChildren(n: XNode): XNode[] {
  const out: XNode[] = [];
  for (const k of kids(n)) {
    if (SKIP.has(k.name ?? '')) continue;
    if (k.name === 'w:sdt') {
      const box = checkboxOf(k);
      const content = child(k, 'w:sdtContent');
      if (box) out.push(box);
      else if (content) out.push(...contentChildren(content));
    } else if (k.name === 'mc:AlternateContent') {
      const fallback = child(k, 'mc:Fallback');
      if (fallback) out.push(...contentChildren(fallback));
    } else if (k.name === 'w:customXml' || k.name === 'w:ins' || k.name === 'w:moveTo' || k.name === 'w:smartTag') {
      out.push(...contentChildren(k));
    } else {
      out.push(k);
    }
  }
  return out;
}

/** A checkbox content control (w14:checkbox) as one synthetic `jx:checkbox` node, else null. */
function checkboxOf(sdt: XNode): XNode | null {
  const pr = child(sdt, 'w:sdtPr');
  const box = pr && child(pr, 'w14:checkbox');
  if (!box) return null;
  const val = box && child(box, 'w14:checked')?.attribs?.['w14:val'];
  return { type: 'tag', name: 'jx:checkbox', attribs: { checked: val === '1' || val === 'true' ? '1' : '0' } };
}

/** The text of one paragraph: runs joined, tabs kept, breaks as "\n", deletions dropped. */
export function paragraphText(p: XNode): string {
  let s = '';
  const walk = (n: XNode): void => {
    for (const k of contentChildren(n)) {
      switch (k.name) {
        case 'w:t':
          for (const t of k.children ?? []) if (t.type === 'text') s += t.data ?? '';
          break;
        case 'w:tab':
        case 'w:ptab':
          s += '\t';
          break;
        case 'w:br': {
          // a line break; page and column breaks read as nothing, as mammoth reads them
          const type = k.attribs?.['w:type'];
          if (type === undefined || type === 'textWrapping') s += '\n';
          break;
        }
        case 'w:cr':
          s += '\n';
          break;
        case 'jx:checkbox':
          s += k.attribs?.checked === '1' ? CHECKED : UNCHECKED;
          break;
        case 'w:noBreakHyphen':
          s += '\u2011';
          break;
        case 'w:softHyphen':
          s += '\u00ad';
          break;
        case 'w:p':
          // a paragraph of a text box inside this paragraph
          s += '\n';
          walk(k);
          s += '\n';
          break;
        case 'w:tbl':
          break;
        default:
          walk(k);
      }
    }
  };
  walk(p);
  return s;
}

/** Paragraph texts of a block container (body, cell), nested tables excluded. */
export function blockParagraphs(n: XNode): string[] {
  const out: string[] = [];
  for (const k of contentChildren(n)) {
    if (k.name === 'w:p') out.push(paragraphText(k));
    else if (k.name !== 'w:tbl') out.push(...blockParagraphs(k));
  }
  return out;
}

export type VMerge = 'restart' | 'continue' | null;

export interface XCell {
  node: XNode;
  /** w:gridSpan (≥ 1). */
  span: number;
  /** `continue` covers both `w:val="continue"` and a bare `<w:vMerge/>`. */
  vMerge: VMerge;
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
  node: XNode;
  gridCols: number;
  /** Rows, deleted rows (w:trPr/w:del) left out as mammoth does. */
  rows: XRow[];
  /** A non-row element (e.g. a bookmark) between rows or a non-cell element between cells: mammoth then drops every vMerge of the table. */
  hasStrayElements: boolean;
}

function intAttr(n: XNode | undefined, fallback: number): number {
  const v = n?.attribs?.['w:val'];
  if (v === undefined) return fallback;
  const x = Number.parseInt(v, 10);
  return Number.isFinite(x) ? x : fallback;
}

/** Elements mammoth ignores silently between rows and cells (no "non-row element" effect). */
const IGNORED_BETWEEN = new Set(['w:bookmarkEnd', 'w:proofErr', 'w:commentRangeStart', 'w:commentRangeEnd', 'w:permStart', 'w:permEnd', 'w:moveFromRangeStart', 'w:moveFromRangeEnd', 'w:moveToRangeStart', 'w:moveToRangeEnd']);

function isStray(k: XNode): boolean {
  if (IGNORED_BETWEEN.has(k.name ?? '')) return false;
  if (k.name === 'w:bookmarkStart') return k.attribs?.['w:name'] !== '_GoBack';
  return true;
}

/** Every table of the body, in document (pre-)order, with its structure. */
export function readTables(body: XNode): XTable[] {
  const tables: XTable[] = [];
  const visit = (n: XNode, parent: number | null): void => {
    for (const k of contentChildren(n)) {
      if (k.name === 'w:tbl') readTable(k, parent);
      else visit(k, parent);
    }
  };
  const readTable = (tbl: XNode, parent: number | null): void => {
    const grid = child(tbl, 'w:tblGrid');
    const t: XTable = {
      index: tables.length,
      parent,
      node: tbl,
      gridCols: grid ? kids(grid).filter((g) => g.name === 'w:gridCol').length : 0,
      rows: [],
      hasStrayElements: false,
    };
    tables.push(t);
    for (const trNode of contentChildren(tbl)) {
      if (trNode.name !== 'w:tr') {
        if (isStray(trNode)) t.hasStrayElements = true;
        continue;
      }
      const trPr = child(trNode, 'w:trPr');
      if (trPr && child(trPr, 'w:del')) continue;
      const row: XRow = {
        gridBefore: Math.max(0, intAttr(trPr && child(trPr, 'w:gridBefore'), 0)),
        gridAfter: Math.max(0, intAttr(trPr && child(trPr, 'w:gridAfter'), 0)),
        cells: [],
      };
      for (const tcNode of contentChildren(trNode)) {
        if (tcNode.name !== 'w:tc') {
          if (isStray(tcNode)) t.hasStrayElements = true;
          continue;
        }
        const tcPr = child(tcNode, 'w:tcPr');
        const vm = tcPr && child(tcPr, 'w:vMerge');
        let vMerge: VMerge = null;
        if (vm) vMerge = vm.attribs?.['w:val'] === 'restart' ? 'restart' : 'continue';
        row.cells.push({ node: tcNode, span: Math.max(1, intAttr(tcPr && child(tcPr, 'w:gridSpan'), 1)), vMerge });
        // nested tables get the next indices, in document order
        visit(tcNode, t.index);
      }
      t.rows.push(row);
    }
  };
  visit(body, null);
  return tables;
}

/** The body element of a parsed document.xml, or null. */
export function findBody(root: XNode): XNode | null {
  const doc = kids(root).find((k) => k.name === 'w:document');
  return (doc && child(doc, 'w:body')) ?? null;
}
