import type { Cell, Dump, EncodingMethod, Layout, Source, TableBlock } from '@jxaudit/model';
import { showInvisible } from './report/escape.ts';

export interface DumpTextOptions {
  lang?: 'zh' | 'en';
  /** Widest a grid column is drawn, in display columns (a CJK character is two). */
  maxColumnWidth?: number;
  /** Most lines shown for one cell; the last shown line ends in … when text is cut. */
  maxCellLines?: number;
}

type DocxReader = NonNullable<Source['reader']>;

const WORDS = {
  zh: {
    source: '来源',
    bytes: '字节',
    format: '格式',
    encoding: '编码',
    replacement: '替换字符',
    layout: '版式',
    unknown: '未知',
    method: { bom: '按 BOM 标记', 'strict-utf8': '严格 UTF-8 解码', 'strict-gb18030': '严格 GB18030 解码且像中文', detector: '编码检测' } satisfies Record<EncodingMethod, string>,
    layoutName: {
      tika: 'tika（单元格以制表符开头，空行分行）',
      tabbed: 'tabbed（一行一行，制表符分列）',
      pipe: 'pipe（竖线 | 分列）',
      docx: 'docx（Word 表格）',
      xlsx: 'xlsx（Excel 工作表，每个工作表的已用区域为一个表格）',
    } satisfies Record<Layout, string>,
    reader: { 'docx-stream': '直接读取', mammoth: '备用方式读取（文档结构异常）', exceljs: 'Excel 工作簿读取' } satisfies Record<DocxReader, string>,
    counts: (p: number, t: number) => `${p} 个段落，${t} 个表格`,
    error: '无法读取',
    paragraph: '段落',
    table: '表格',
    tableHead: (t: TableBlock) => `表格 ${t.index}：${t.rows} 行 × ${t.cols} 列，${t.cells.length} 个单元格${t.parent != null ? `（嵌套在表格 ${t.parent} 中）` : ''}`,
    line: (n: number) => `第${n}行`,
    warnings: (n: number) => `警告（${n}）`,
    noWarnings: '警告：无',
    legend: '左侧 r = 网格行号，上方数字 = 网格列号；合并单元格画成一个格子。',
  },
  en: {
    source: 'source',
    bytes: 'bytes',
    format: 'format',
    encoding: 'encoding',
    replacement: 'replacement chars',
    layout: 'layout',
    unknown: 'unknown',
    method: { bom: 'byte-order mark', 'strict-utf8': 'strict UTF-8 decode', 'strict-gb18030': 'strict GB18030 decode that looks Chinese', detector: 'detector' } satisfies Record<EncodingMethod, string>,
    layoutName: {
      tika: 'tika (cells start with a TAB, a blank line ends a row)',
      tabbed: 'tabbed (one row per line, TAB-separated)',
      pipe: 'pipe (cells separated by |)',
      docx: 'docx (Word tables)',
      xlsx: 'xlsx (Excel sheets, each sheet’s used range a table)',
    } satisfies Record<Layout, string>,
    reader: { 'docx-stream': 'streaming reader', mammoth: 'fallback reader (mammoth)', exceljs: 'workbook reader (exceljs)' } satisfies Record<DocxReader, string>,
    counts: (p: number, t: number) => `${p} paragraphs, ${t} tables`,
    error: 'cannot read',
    paragraph: 'paragraph',
    table: 'table',
    tableHead: (t: TableBlock) => `table ${t.index}: ${t.rows} rows × ${t.cols} columns, ${t.cells.length} cells${t.parent != null ? ` (nested in table ${t.parent})` : ''}`,
    line: (n: number) => `line ${n}`,
    warnings: (n: number) => `warnings (${n})`,
    noWarnings: 'warnings: none',
    legend: 'r = grid row on the left, grid column numbers on top; merged cells are drawn as one box.',
  },
};

/** Draws what was read: the source, paragraphs with their lines, tables as text grids with spans visible, warnings. */
export function renderDumpText(dump: Dump, options: DumpTextOptions = {}): string {
  const w = WORDS[options.lang ?? 'zh'];
  const out: string[] = [];
  const { source } = dump;
  out.push(`${w.source}  ${source.path}`);
  out.push(`  ${w.format} ${source.format ?? w.unknown} · ${source.bytes} ${w.bytes} · sha256 ${source.sha256.slice(0, 12)}…`);
  if (source.format === 'txt' || source.encoding) {
    const how = source.encodingMethod ? `（${w.method[source.encodingMethod]}）` : '';
    out.push(`  ${w.encoding} ${source.encoding ?? w.unknown}${options.lang === 'en' ? how.replace('（', ' (').replace('）', ')') : how} · ${w.replacement} ${source.replacementChars}`);
  }
  out.push(`  ${w.layout} ${source.layout ? w.layoutName[source.layout] : w.unknown}${source.reader ? ` · ${w.reader[source.reader]}` : ''}`);
  if (dump.error) {
    out.push('', `${w.error}: [${dump.error.code}] ${options.lang === 'en' ? dump.error.messageEn : dump.error.message}`);
    if (options.lang !== 'en') out.push(`  ${dump.error.messageEn}`);
  }

  const tables = dump.blocks.filter((b) => b.type === 'table').length;
  out.push('', w.counts(dump.blocks.length - tables, tables));
  if (tables) out.push(w.legend);
  const whereWidth = Math.max(0, ...dump.blocks.map((b) => (b.type === 'paragraph' ? paragraphPlace(b.at.line, b.at.paragraph).length : 0)));
  let lastWasTable = false;
  for (const block of dump.blocks) {
    if (block.type === 'paragraph') {
      if (lastWasTable) out.push('');
      out.push(`${paragraphPlace(block.at.line, block.at.paragraph).padEnd(whereWidth)}  ${showInvisible(block.text).replace(/\n/g, ' ⏎ ')}`);
      lastWasTable = false;
    } else {
      out.push('', w.tableHead(block), ...drawGrid(block, options));
      lastWasTable = true;
    }
  }

  out.push('');
  if (dump.warnings.length === 0) out.push(w.noWarnings);
  else {
    out.push(w.warnings(dump.warnings.length));
    for (const warning of dump.warnings) out.push(`  - ${warning.code}: ${warning.message}`);
  }
  return out.join('\n');
}

/** L<line> for text files, ¶<block index> for .docx. */
function paragraphPlace(line: number | null, paragraph: number | null): string {
  return line != null ? `L${line}` : `¶${paragraph ?? ''}`;
}

/** Display width: East Asian wide and full-width characters take two columns. */
export function displayWidth(text: string): number {
  let width = 0;
  for (const ch of text) width += charWidth(ch.codePointAt(0)!);
  return width;
}

function charWidth(cp: number): number {
  if (cp < 0x20 || (cp >= 0x7f && cp < 0xa0) || (cp >= 0x300 && cp <= 0x36f) || cp === 0x200b) return 0;
  if (
    (cp >= 0x1100 && cp <= 0x115f) ||
    (cp >= 0x2e80 && cp <= 0x303e) ||
    (cp >= 0x3041 && cp <= 0x33ff) ||
    (cp >= 0x3400 && cp <= 0x4dbf) ||
    (cp >= 0x4e00 && cp <= 0x9fff) ||
    (cp >= 0xa000 && cp <= 0xa4cf) ||
    (cp >= 0xac00 && cp <= 0xd7a3) ||
    (cp >= 0xf900 && cp <= 0xfaff) ||
    (cp >= 0xfe30 && cp <= 0xfe4f) ||
    (cp >= 0xff00 && cp <= 0xff60) ||
    (cp >= 0xffe0 && cp <= 0xffe6) ||
    (cp >= 0x1f300 && cp <= 0x1f64f) ||
    (cp >= 0x20000 && cp <= 0x3fffd)
  ) {
    return 2;
  }
  return 1;
}

/** Breaks a paragraph into lines of at most `width` display columns. */
function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let current = '';
  let currentWidth = 0;
  for (const ch of text.replace(/\t/g, ' ')) {
    const cw = charWidth(ch.codePointAt(0)!);
    if (currentWidth + cw > width && current) {
      lines.push(current);
      current = '';
      currentWidth = 0;
    }
    current += ch;
    currentWidth += cw;
  }
  if (current || lines.length === 0) lines.push(current);
  return lines;
}

function cellLines(cell: Cell, width: number, maxLines: number): string[] {
  const lines = cell.paragraphs.length ? cell.paragraphs.flatMap((p) => wrap(showInvisible(p), width)) : cell.text ? wrap(showInvisible(cell.text), width) : [];
  if (lines.length <= maxLines) return lines;
  const kept = lines.slice(0, maxLines);
  let last = kept[maxLines - 1];
  while (last && displayWidth(last) + 1 > width) last = [...last].slice(0, -1).join('');
  kept[maxLines - 1] = `${last}…`;
  return kept;
}

const JUNCTION: Record<string, string> = {
  '1111': '┼', '1101': '├', '1110': '┤', '0111': '┬', '1011': '┴', '0101': '┌', '0110': '┐',
  '1001': '└', '1010': '┘', '1100': '│', '0011': '─', '1000': '│', '0100': '│', '0010': '─', '0001': '─', '0000': ' ',
};

/**
 * The grid as box drawing: a border is drawn only between positions that belong to different
 * cells, so a merged cell shows as one box and its text may run through the rows it spans.
 */
function drawGrid(table: TableBlock, options: DumpTextOptions): string[] {
  const { rows, cols } = table;
  if (rows === 0 || cols === 0) return [];
  const maxWidth = Math.max(2, options.maxColumnWidth ?? 12);
  const maxLines = Math.max(1, options.maxCellLines ?? 6);
  const cover: (Cell | null)[][] = Array.from({ length: rows }, () => Array.from({ length: cols }, () => null));
  for (const cell of table.cells) {
    for (let r = cell.row; r < Math.min(rows, cell.row + cell.rowSpan); r++) {
      for (let c = cell.col; c < Math.min(cols, cell.col + cell.colSpan); c++) cover[r][c] = cell;
    }
  }
  const span = (cell: Cell) => ({ rowEnd: Math.min(rows, cell.row + cell.rowSpan), colEnd: Math.min(cols, cell.col + cell.colSpan) });
  const natural = (cell: Cell) => Math.max(0, ...(cell.paragraphs.length ? cell.paragraphs : [cell.text]).map(displayWidth));

  // Column widths: single-column cells first, then wider cells share what they still need among their columns.
  const width = Array.from({ length: cols }, (_, c) => Math.max(String(c).length, 2));
  const bySpan = [...table.cells].sort((a, b) => a.colSpan - b.colSpan);
  for (const cell of bySpan) {
    const { colEnd } = span(cell);
    const wanted = Math.min(natural(cell), maxWidth * (colEnd - cell.col));
    let available = -3;
    for (let c = cell.col; c < colEnd; c++) available += width[c] + 3;
    const deficit = wanted - available;
    for (let c = cell.col, k = 0; deficit > 0 && c < colEnd; c++, k++) {
      width[c] += Math.floor(deficit / (colEnd - cell.col)) + (k < deficit % (colEnd - cell.col) ? 1 : 0);
    }
  }
  const colX = [0];
  for (let c = 0; c < cols; c++) colX.push(colX[c] + width[c] + 3);
  const innerWidth = (cell: Cell) => colX[span(cell).colEnd] - colX[cell.col] - 3;

  // Row heights: the same, downwards.
  const text = new Map(table.cells.map((cell) => [cell, cellLines(cell, innerWidth(cell), maxLines)]));
  const height = Array.from({ length: rows }, () => 1);
  for (const cell of [...table.cells].sort((a, b) => a.rowSpan - b.rowSpan)) {
    const { rowEnd } = span(cell);
    if (cell.row >= rows) continue;
    let available = -1;
    for (let r = cell.row; r < rowEnd; r++) available += height[r] + 1;
    const lines = text.get(cell)!.length;
    if (lines > available) height[rowEnd - 1] += lines - available;
  }
  const rowY = [0];
  for (let r = 0; r < rows; r++) rowY.push(rowY[r] + height[r] + 1);

  // A canvas of display columns; the second half of a wide character holds ''.
  const canvas: string[][] = Array.from({ length: rowY[rows] + 1 }, () => Array.from({ length: colX[cols] + 1 }, () => ' '));
  const put = (y: number, x: number, s: string) => {
    for (const ch of s) {
      const cw = charWidth(ch.codePointAt(0)!);
      if (cw === 0) continue;
      canvas[y][x] = ch;
      if (cw === 2) canvas[y][x + 1] = '';
      x += cw;
    }
  };
  // A border separates two different cells, or a cell from the outside; positions no cell covers stay open.
  const at = (r: number, c: number) => (r >= 0 && r < rows && c >= 0 && c < cols ? cover[r][c] : null);
  const horizontal = (i: number, c: number) => c >= 0 && c < cols && at(i - 1, c) !== at(i, c);
  const vertical = (r: number, j: number) => r >= 0 && r < rows && at(r, j - 1) !== at(r, j);

  for (let i = 0; i <= rows; i++) {
    for (let c = 0; c < cols; c++) {
      if (horizontal(i, c)) for (let x = colX[c] + 1; x < colX[c + 1]; x++) canvas[rowY[i]][x] = '─';
    }
    for (let j = 0; j <= cols; j++) {
      const key = [vertical(i - 1, j), vertical(i, j), horizontal(i, j - 1), horizontal(i, j)].map((b) => (b ? '1' : '0')).join('');
      canvas[rowY[i]][colX[j]] = JUNCTION[key];
    }
  }
  for (let r = 0; r < rows; r++) {
    for (let j = 0; j <= cols; j++) {
      if (vertical(r, j)) for (let y = rowY[r] + 1; y < rowY[r + 1]; y++) canvas[y][colX[j]] = '│';
    }
  }
  for (const cell of table.cells) {
    if (cell.row >= rows || cell.col >= cols) continue;
    text.get(cell)!.forEach((line, k) => put(rowY[cell.row] + 1 + k, colX[cell.col] + 2, line));
  }

  // Gutter: the grid row number on each row's first line; column numbers on top.
  const gutter = String(rows - 1).length + 2;
  const header = Array.from({ length: colX[cols] + 1 }, () => ' ');
  for (let c = 0; c < cols; c++) {
    const label = String(c);
    for (let k = 0; k < label.length; k++) header[colX[c] + 2 + k] = label[k];
  }
  const lines = [' '.repeat(gutter) + header.join('').trimEnd()];
  canvas.forEach((row, y) => {
    const r = rowY.indexOf(y - 1);
    const label = r >= 0 && r < rows ? `r${r}` : '';
    lines.push(label.padStart(gutter - 1) + ' ' + row.join('').trimEnd());
  });
  return lines;
}
