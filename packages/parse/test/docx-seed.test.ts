import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { cellAt, type Block, type TableBlock } from '@jxaudit/model';
import { parseDocx } from '../src/docx/index.ts';

const seed = (name: string) => fileURLToPath(new URL(`../../../fixtures/seed/${name}`, import.meta.url));

async function blocksOf(name: string): Promise<Block[]> {
  const r = await parseDocx(readFileSync(seed(name)), name);
  if (!r.ok) throw new Error(`${name}: ${r.error.code}`);
  return r.blocks;
}

const tables = (blocks: Block[]): TableBlock[] => blocks.filter((b): b is TableBlock => b.type === 'table');
const find = (t: TableBlock, text: string) => t.cells.find((c) => c.text === text);

describe('the sample yanfeng-2021.docx', () => {
  it('reads 附件1, 附件2 and the report in order, without warnings', async () => {
    const r = await parseDocx(readFileSync(seed('yanfeng-2021.docx')), 'yanfeng-2021.docx');
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.warnings).toEqual([]);
    const heads = r.blocks.filter((b) => b.type === 'table' || /^附件\d$|绩效评价报告$/.test(b.text));
    expect(heads.map((b) => (b.type === 'table' ? `table ${b.index}` : b.text))).toEqual([
      '附件1',
      'table 0',
      '附件2',
      'table 1',
      '2021年度雁峰街道绩效评价报告',
    ]);
  });

  it('rebuilds table 0 (部门整体支出绩效自评表) with its merges', async () => {
    const [t0] = tables(await blocksOf('yanfeng-2021.docx'));
    expect(t0.cols).toBe(9);
    expect(t0.rows).toBe(27);
    expect(t0.cells[0]).toEqual({ row: 0, col: 0, rowSpan: 1, colSpan: 2, line: null, paragraphs: ['预算部门名称'], text: '预算部门名称' });
    expect(find(t0, '雁峰区雁峰街道办事处')).toMatchObject({ row: 0, col: 2, colSpan: 7 });

    const label = find(t0, '绩\n效\n指\n标');
    expect(label).toMatchObject({ col: 0, rowSpan: 17, colSpan: 1 });
    const output = find(t0, '产出指标\n(50分)');
    expect(output).toMatchObject({ row: label!.row + 1, col: 1, rowSpan: 9, colSpan: 1 });
    // every position of the block points back to the label cell
    for (let r = label!.row; r < label!.row + 17; r++) expect(cellAt(t0, r, 0)).toBe(label);

    const total = find(t0, '总分');
    expect(total).toMatchObject({ row: 26, col: 0, colSpan: 6 });
    expect(t0.cells.filter((c) => c.row === 26).map((c) => c.text)).toEqual(['总分', '100', '86', '']);
    // the cell that holds the literal "[bookmark: _GoBack]" comes out clean
    expect(t0.cells.some((c) => c.text.includes('[bookmark'))).toBe(false);
    expect(cellAt(t0, 2, 3)?.text).toBe('2021.29');
  });

  it('gives the same blocks from the three split files as from the whole file', async () => {
    const whole = await blocksOf('yanfeng-2021.docx');
    const parts = [
      ...(await blocksOf('yanfeng-2021-attach1.docx')),
      ...(await blocksOf('yanfeng-2021-attach2.docx')),
      ...(await blocksOf('yanfeng-2021-report.docx')),
    ];
    const wholeTables = tables(whole);
    const partTables = tables(parts);
    expect(partTables).toHaveLength(wholeTables.length);
    partTables.forEach((t, i) => {
      const w = wholeTables[i];
      expect({ rows: t.rows, cols: t.cols, parent: t.parent }).toEqual({ rows: w.rows, cols: w.cols, parent: w.parent });
      expect(t.cells).toEqual(w.cells);
    });
    const paragraphs = (bs: Block[]) => bs.flatMap((b) => (b.type === 'paragraph' ? [b.text] : []));
    expect(paragraphs(parts)).toEqual(paragraphs(whole));
    expect(paragraphs(whole).length).toBeGreaterThan(40);
  });

  it('gives the same blocks through the mammoth fallback, and the same text as mammoth (the oracle)', async () => {
    const bytes = readFileSync(seed('yanfeng-2021.docx'));
    const streamed = await parseDocx(bytes, 'yanfeng-2021.docx');
    const viaMammoth = await parseDocx(bytes, 'yanfeng-2021.docx', { forceFallback: true });
    expect(streamed.ok && streamed.reader).toBe('docx-stream');
    expect(viaMammoth.ok && viaMammoth.reader).toBe('mammoth');
    expect(viaMammoth.ok && viaMammoth.blocks).toEqual(streamed.ok && streamed.blocks);
  });
});
