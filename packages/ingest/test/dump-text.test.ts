import type { Cell, Dump, Source, TableBlock } from '@jxaudit/model';
import { describe, expect, it } from 'vitest';
import { displayWidth, renderDumpText } from '../src/dump-text.ts';

const cell = (row: number, col: number, text: string, rowSpan = 1, colSpan = 1): Cell => ({
  row,
  col,
  rowSpan,
  colSpan,
  line: null,
  paragraphs: text ? text.split('\n') : [],
  text,
});

const txtSource: Source = {
  path: 'inbox/雁峰街道.txt',
  sha256: 'ab'.repeat(32),
  bytes: 1234,
  format: 'txt',
  encoding: 'gb18030',
  encodingMethod: 'strict-gb18030',
  replacementChars: 2,
  layout: 'tika',
};

/** The head of 附件1: a unit row with a wide value, and 绩效指标 merged over two rows. */
const smallTable: TableBlock = {
  type: 'table',
  index: 0,
  rows: 3,
  cols: 3,
  cells: [cell(0, 0, '预算部门名称'), cell(0, 1, '雁峰区雁峰街道办事处', 1, 2), cell(1, 0, '绩效\n指标', 2), cell(1, 1, '分值'), cell(1, 2, '得分'), cell(2, 1, '5'), cell(2, 2, '4')],
};

const dump: Dump = {
  source: txtSource,
  blocks: [{ type: 'paragraph', text: '附件1', at: { file: 'inbox/雁峰街道.txt', table: null, row: null, col: null, line: 1, paragraph: 0, text: '附件1' } }, smallTable],
  warnings: [{ code: 'txt-layout-mixed', message: '文本中表格的排版不统一' }],
  error: null,
};

const gridLines = (text: string) => text.split('\n').filter((l) => /[│┌└├]/.test(l));

describe('renderDumpText', () => {
  it('prints the source, the paragraphs with their lines, the grid with merged cells drawn merged, and the warnings', () => {
    expect(renderDumpText(dump)).toBe(
      [
        '来源  inbox/雁峰街道.txt',
        '  格式 txt · 1234 字节 · sha256 abababababab…',
        '  编码 gb18030（严格 GB18030 解码且像中文） · 替换字符 2',
        '  版式 tika（单元格以制表符开头，空行分行）',
        '',
        '1 个段落，1 个表格',
        '左侧 r = 网格行号，上方数字 = 网格列号；合并单元格画成一个格子。',
        'L1  附件1',
        '',
        '表格 0：3 行 × 3 列，7 个单元格',
        '     0              1           2',
        '   ┌──────────────┬──────────────────────┐',
        'r0 │ 预算部门名称 │ 雁峰区雁峰街道办事处 │',
        '   ├──────────────┼───────────┬──────────┤',
        'r1 │ 绩效         │ 分值      │ 得分     │',
        '   │ 指标         ├───────────┼──────────┤',
        'r2 │              │ 5         │ 4        │',
        '   └──────────────┴───────────┴──────────┘',
        '',
        '警告（1）',
        '  - txt-layout-mixed: 文本中表格的排版不统一',
      ].join('\n'),
    );
  });

  it('pads by display width: every line of a grid with Chinese text is equally wide', () => {
    const lines = gridLines(renderDumpText(dump));
    expect(lines.length).toBe(7);
    expect(new Set(lines.map(displayWidth)).size).toBe(1);
    expect(displayWidth('预算部门名称')).toBe(12);
    expect(displayWidth('148%')).toBe(4);
    expect(displayWidth('（万元）')).toBe(8);
  });

  it('speaks English on request', () => {
    const text = renderDumpText(dump, { lang: 'en' });
    expect(text).toContain('encoding gb18030 (strict GB18030 decode that looks Chinese) · replacement chars 2');
    expect(text).toContain('table 0: 3 rows × 3 columns, 7 cells');
    expect(text).toContain('warnings (1)');
  });

  it('wraps long cells within the column limit and cuts them with … after the line limit', () => {
    const goals: TableBlock = {
      type: 'table',
      index: 1,
      rows: 1,
      cols: 2,
      cells: [cell(0, 0, '年度总体目标'), cell(0, 1, '目标1：保障社区正常有效运转。\n目标2：以社区为纽带，维护民众权益，维护社会稳定。\n目标3：维修（护）公共基础设施。')],
    };
    const text = renderDumpText({ ...dump, blocks: [goals], warnings: [] }, { maxColumnWidth: 10, maxCellLines: 3 });
    const lines = gridLines(text);
    expect(lines.map((l) => l.replace(/\s+$/, ''))).toEqual([
      '   ┌────────────┬────────────┐',
      'r0 │ 年度总体目 │ 目标1：保  │',
      '   │ 标         │ 障社区正常 │',
      '   │            │ 有效运转…  │',
      '   └────────────┴────────────┘',
    ]);
    expect(text).toContain('警告：无');
  });

  it('draws a short row: positions no cell covers stay open', () => {
    const ragged: TableBlock = { type: 'table', index: 0, rows: 2, cols: 3, cells: [cell(0, 0, '分值'), cell(0, 1, '执行率'), cell(0, 2, '得分'), cell(1, 0, '10')] };
    const lines = gridLines(renderDumpText({ ...dump, blocks: [ragged] }));
    expect(lines).toEqual([
      '   ┌──────┬────────┬──────┐',
      'r0 │ 分值 │ 执行率 │ 得分 │',
      '   ├──────┼────────┴──────┘',
      'r1 │ 10   │',
      '   └──────┘',
    ]);
  });

  it('marks .docx paragraphs by block index, and shows a read error in Chinese and English', () => {
    const docx: Dump = {
      source: { ...txtSource, path: 'a.docx', format: 'docx', encoding: null, encodingMethod: null, replacementChars: 0, layout: 'docx' },
      blocks: [{ type: 'paragraph', text: '2021年度雁峰街道绩效评价报告', at: { file: 'a.docx', table: null, row: null, col: null, line: null, paragraph: 3, text: '' } }],
      warnings: [],
      error: null,
    };
    const text = renderDumpText(docx);
    expect(text).toContain('¶3  2021年度雁峰街道绩效评价报告');
    expect(text).not.toContain('编码');

    const broken: Dump = {
      source: { ...txtSource, format: 'txt', encoding: null, encodingMethod: null, layout: null },
      blocks: [],
      warnings: [],
      error: { code: 'binary', message: '该文件不是文本文件（含有 10 个空字节）', messageEn: 'This file is not text (10 NUL bytes)' },
    };
    const lines = renderDumpText(broken).split('\n');
    expect(lines).toContain('无法读取: [binary] 该文件不是文本文件（含有 10 个空字节）');
    expect(lines).toContain('  This file is not text (10 NUL bytes)');
    expect(lines).toContain('  编码 未知 · 替换字符 2');
  });
});
