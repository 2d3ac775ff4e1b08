import type { Block, Layout, ParseWarning } from '@jxaudit/model';
import { buildGrid } from './grid.ts';
import { parsePipeLayout } from './pipe.ts';
import { normaliseText, stripArtefacts, type RawSegment } from './raw.ts';
import { parseTabbedLayout } from './tabbed.ts';
import { parseTikaLayout } from './tika.ts';

export { buildGrid } from './grid.ts';
export type { RawCell, RawRow, RawSegment } from './raw.ts';

export type TxtLayout = Exclude<Layout, 'docx' | 'xlsx'>;

export interface TxtParseResult {
  layout: TxtLayout;
  blocks: Block[];
  warnings: ParseWarning[];
}

/** Detects the layout (tika, tabbed, pipe) and reads the text into blocks. */
export function parseTxt(text: string, file: string): TxtParseResult {
  const { layout, votes } = detectLayout(text);
  const segments = layout === 'tika' ? parseTikaLayout(text) : layout === 'tabbed' ? parseTabbedLayout(text) : parsePipeLayout(text);
  const blocks = toBlocks(segments, file, layout);
  const warnings: ParseWarning[] = [];
  const runnerUp = (Object.entries(votes) as [TxtLayout, number][]).filter(([l]) => l !== layout).sort((a, b) => b[1] - a[1])[0];
  if (runnerUp && runnerUp[1] > 0 && runnerUp[1] >= votes[layout] / 3) {
    warnings.push({
      code: 'txt-layout-mixed',
      message: `文本中表格的排版不统一：按 ${layout} 排版读取（${votes[layout]} 行），另有 ${runnerUp[1]} 行像 ${runnerUp[0]} 排版，可能读错。Mixed table layouts: read as ${layout} (${votes[layout]} lines); ${runnerUp[1]} lines look like ${runnerUp[0]}.`,
    });
  }
  return { layout, blocks, warnings };
}

/**
 * Votes by line: a tika line is a TAB followed by text without further TABs; a tabbed line has a
 * TAB between cells; a pipe line has `|` between cells or ends a cell with `|`. No votes: tika
 * (plain paragraphs read the same in every layout).
 */
export function detectLayout(text: string): { layout: TxtLayout; votes: Record<TxtLayout, number> } {
  const votes: Record<TxtLayout, number> = { tika: 0, tabbed: 0, pipe: 0 };
  for (const raw of normaliseText(text).split('\n')) {
    const line = stripArtefacts(raw);
    const tabs = line.split('\t').length - 1;
    if (tabs === 1 && line.startsWith('\t')) votes.tika++;
    else if (tabs >= 1) votes.tabbed++;
    else if (/\S\s*\|\s*\S/.test(line) || /\|\s*$/.test(line)) votes.pipe++;
  }
  const layout = (['tika', 'tabbed', 'pipe'] as const).reduce((best, l) => (votes[l] > votes[best] ? l : best), 'tika' as TxtLayout);
  return { layout, votes };
}

function toBlocks(segments: RawSegment[], file: string, layout: TxtLayout): Block[] {
  const blocks: Block[] = [];
  let tableIndex = 0;
  for (const segment of segments) {
    if (segment.kind === 'paragraph') {
      if (!segment.text) continue;
      blocks.push({
        type: 'paragraph',
        text: segment.text,
        at: { file, table: null, row: null, col: null, line: segment.line, paragraph: blocks.length, text: segment.text },
      });
    } else {
      blocks.push(buildGrid(segment.rows, tableIndex++, { mergeRepeats: layout !== 'tika' }));
    }
  }
  return blocks;
}
