import type { Block, Layout, ParseWarning } from '@jxaudit/model';

export interface TxtParseResult {
  layout: Exclude<Layout, 'docx'>;
  blocks: Block[];
  warnings: ParseWarning[];
}

/** Detects the layout (tika, tabbed, pipe) and reads the text into blocks. PLACEHOLDER until the reader lands. */
export function parseTxt(text: string, file: string): TxtParseResult {
  const blocks: Block[] = [];
  text.split(/\r\n|\r|\n/).forEach((line, i) => {
    if (line.trim()) blocks.push({ type: 'paragraph', text: line.trim(), at: { file, table: null, row: null, col: null, line: i + 1, paragraph: blocks.length, text: line.trim() } });
  });
  return { layout: 'tika', blocks, warnings: [] };
}
