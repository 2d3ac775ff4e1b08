import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { cellAt, cellsStartingInRow, positionIndex, type Block, type ParagraphBlock, type TableBlock } from '@jxaudit/model';
import { describe, expect, it } from 'vitest';
import { detectLayout, parseTxt } from '../src/txt/index.ts';
import { recognizeForms } from '../src/recognize/index.ts';

const fixture = (path: string) => readFileSync(fileURLToPath(new URL(`../../../fixtures/${path}`, import.meta.url)), 'utf8');
const sample = fixture('seed/yanfeng-2021.txt');

const tables = (blocks: Block[]) => blocks.filter((b): b is TableBlock => b.type === 'table');
const paragraphs = (blocks: Block[]) => blocks.filter((b): b is ParagraphBlock => b.type === 'paragraph');
/** The texts of the cells that start in a row, left to right. */
const row = (table: TableBlock, r: number) => cellsStartingInRow(table, r).map((c) => c.text);
/** [col, rowSpan, colSpan] of the origin cell holding `text` (first match). */
function placeOf(table: TableBlock, text: string): [number, number, number, number] {
  const cell = table.cells.find((c) => c.text === text);
  if (!cell) throw new Error(`no cell ${text}`);
  return [cell.row, cell.col, cell.rowSpan, cell.colSpan];
}

describe('parseTxt: the sample (tika layout)', () => {
  const { layout, blocks, warnings } = parseTxt(sample, 'yanfeng-2021.txt');
  const [attach1, attach2] = tables(blocks);

  it('is read as tika, with two tables (附件1, 附件2) and the narrative as paragraphs', () => {
    expect(layout).toBe('tika');
    expect(warnings).toEqual([]);
    expect(tables(blocks).map((t) => [t.index, t.rows, t.cols])).toEqual([
      [0, 27, 9],
      [1, 25, 9],
    ]);
    const paras = paragraphs(blocks);
    expect(paras.slice(0, 3).map((p) => [p.text, p.at.line])).toEqual([
      ['附件1', 1],
      ['部门整体支出绩效自评表', 2],
      ['（ 2021年度）', 3],
    ]);
    const report = paras.find((p) => p.text === '2021年度雁峰街道绩效评价报告');
    expect(report?.at).toMatchObject({ file: 'yanfeng-2021.txt', line: 515, table: null, paragraph: blocks.indexOf(report!) });
    expect(paras.every((p) => p.text !== '')).toBe(true);
  });

  it('keeps the cells of a row apart and gives each its first line', () => {
    expect(row(attach1, 0)).toEqual(['预算部门名称', '雁峰区雁峰街道办事处']);
    expect(cellAt(attach1, 0, 0)?.line).toBe(4);
    expect(row(attach1, 1)).toEqual(['年度预算申请\n（万元）', '', '年初\n预算数', '全年预算数', '全年\n执行数', '分值', '执行率', '得分']);
    expect(cellsStartingInRow(attach1, 1)[2]).toMatchObject({ line: 10, paragraphs: ['年初', '预算数'] });
  });

  it('continues the money label down its block: a lone TAB under 年度预算申请（万元） is no new cell', () => {
    expect(placeOf(attach1, '年度预算申请\n（万元）')).toEqual([1, 0, 6, 1]);
    expect(row(attach1, 2)).toEqual(['年度资金总额', '2021.29', '2021.29', '2991.61', '10', '148%', '9']);
    expect(placeOf(attach2, '项目资金\n（万元）')).toEqual([2, 0, 4, 1]);
  });

  it('lays composition lines written as two wide cells over the figures, and keeps an empty one', () => {
    expect(row(attach1, 4)).toEqual(['其中：一般公共预算：742.25', '其中：基本支出：559.69']);
    expect(row(attach1, 6)).toEqual(['其他资金：1159.04', '']);
    const [income, expenditure] = cellsStartingInRow(attach1, 6);
    expect([income.col, income.colSpan, expenditure.col, expenditure.colSpan]).toEqual([1, 4, 5, 4]);
  });

  it('reads the goals as multi-paragraph cells, with [bookmark: _GoBack] stripped', () => {
    expect(placeOf(attach1, '年度总体目标')).toEqual([7, 0, 2, 1]);
    const [expected, actual] = cellsStartingInRow(attach1, 8);
    expect(expected.paragraphs).toHaveLength(6);
    expect(expected.paragraphs[5]).toBe('目标6：结合部门职能、履行好部门职责。');
    expect(actual.paragraphs[0]).toBe('目标1：保障街道在编在岗41人人员经费及日常办公正常运转');
    expect(attach1.cells.some((c) => c.text.includes('[bookmark'))).toBe(false);
  });

  it('rebuilds the indicator hierarchy: 绩效指标, 一级指标 and 二级指标 merge down, empty reasons stay cells', () => {
    expect(placeOf(attach1, '绩\n效\n指\n标')).toEqual([9, 0, 17, 1]);
    expect(placeOf(attach1, '产出指标\n(50分)')).toEqual([10, 1, 9, 1]);
    expect(placeOf(attach1, '数量\n指标')).toEqual([10, 2, 4, 1]);
    expect(placeOf(attach1, '成本\n指标')).toEqual([16, 2, 3, 1]);
    expect(placeOf(attach1, '效益指标\n（30分）')).toEqual([19, 1, 6, 1]);
    expect(row(attach1, 11)).toEqual(['经济建设投资总金额', '10亿元', '7.6亿元', '5', '4', '']);
    expect(cellsStartingInRow(attach1, 11)[0].col).toBe(3);
    // Row 10's reason (偏差原因) is a lone TAB: an empty cell of its own, not a merge.
    expect(cellAt(attach1, 10, 8)).toMatchObject({ row: 10, rowSpan: 1, text: '' });
    expect(placeOf(attach2, '产出指标\n(50分)')).toEqual([9, 1, 7, 1]);
  });

  it('puts the 总分 figures under 分值, 得分 and the reason column', () => {
    expect(row(attach1, 26)).toEqual(['总分', '100', '86', '']);
    expect(cellsStartingInRow(attach1, 26).map((c) => [c.col, c.colSpan])).toEqual([
      [0, 6],
      [6, 1],
      [7, 1],
      [8, 1],
    ]);
    expect(cellAt(attach1, 9, 6)?.text).toBe('分值');
    expect(row(attach2, 24)).toEqual(['总分', '100', '81', '']);
  });

  it('covers every position of both grids exactly once', () => {
    for (const table of [attach1, attach2]) {
      expect(positionIndex(table).flat().every((c) => c !== null)).toBe(true);
      const area = table.cells.reduce((sum, c) => sum + c.rowSpan * c.colSpan, 0);
      expect(area).toBe(table.rows * table.cols);
    }
  });
});

describe('parseTxt: line endings, form feeds and artefacts', () => {
  const base = parseTxt(sample, 'x.txt').blocks;

  it.each([
    ['CRLF', sample.replace(/\n/g, '\r\n')],
    ['CR', sample.replace(/\n/g, '\r')],
    ['a form feed before 附件2', sample.replace('\n附件2', '\n\f附件2')],
    ['a BOM left in the text', '\uFEFF' + sample],
  ])('%s gives the same blocks', (_name, text) => {
    expect(parseTxt(text, 'x.txt').blocks).toEqual(base);
  });

  it('strips [image: …] and [bookmark: …] in paragraphs and cells, and drops lines that held nothing else', () => {
    const text = ['[image: 公章.png]', '附件1[bookmark: _Toc1]', '\t预算部门名称', '\t[image: logo.png]雁峰区雁峰街道办事处', '', '\t分值', '\t10', ''].join('\n');
    const { blocks } = parseTxt(text, 'x.txt');
    expect(paragraphs(blocks).map((p) => [p.text, p.at.line])).toEqual([['附件1', 2]]);
    expect(row(tables(blocks)[0], 0)).toEqual(['预算部门名称', '雁峰区雁峰街道办事处']);
  });

  it('reads a lone paragraph indented with a TAB as a paragraph, not as a one-cell table', () => {
    const text = '一、基本情况\n\n\t根据《中华人民共和国预算法》有关规定，现将绩效自评情况报告如下。\n\n二、存在的不足\n';
    const { blocks } = parseTxt(text, 'x.txt');
    expect(tables(blocks)).toEqual([]);
    expect(paragraphs(blocks).map((p) => [p.text, p.at.line, p.at.paragraph])).toEqual([
      ['一、基本情况', 1, 0],
      ['根据《中华人民共和国预算法》有关规定，现将绩效自评情况报告如下。', 3, 1],
      ['二、存在的不足', 5, 2],
    ]);
  });

  it('ends a table at a paragraph line after a blank line, and numbers tables across the file', () => {
    const text = '\t分值\n\t得分\n\n\t10\n\t9\n\n说明\n\t执行率\n\t148%\n';
    const { blocks } = parseTxt(text, 'x.txt');
    expect(blocks.map((b) => (b.type === 'table' ? `table ${b.index} ${b.rows}×${b.cols}` : b.text))).toEqual(['table 0 2×2', '说明', 'table 1 1×2']);
  });
});

describe('parseTxt: short rows in the tika layout', () => {
  const header = ['绩效指标', '一级指标', '二级指标', '三级指标', '年度指标值', '实际完成值', '分值', '得分', '偏差原因分析及改进措施'];
  const tikaRow = (cells: string[]) => cells.map((c) => `\t${c}`).join('\n') + '\n';

  it('keeps a row that lost its trailing reason cell under its headers, the reason position left uncovered', () => {
    const text = [
      tikaRow(header),
      tikaRow(['', '产出指标', '数量指标', '杏花村片区旧改项目工程完成量', '100%', '90%', '10', '9', '\u3000']),
      tikaRow(['', '', '', '国有土地上房屋预征收户数', '162户', '154户', '10', '9']),
    ].join('\n');
    const [table] = tables(parseTxt(text, 'x.txt').blocks);
    expect(placeOf(table, '产出指标')).toEqual([1, 1, 2, 1]);
    expect(placeOf(table, '数量指标')).toEqual([1, 2, 2, 1]);
    expect(cellsStartingInRow(table, 2).map((c) => [c.text, c.col, c.colSpan])).toEqual([
      ['国有土地上房屋预征收户数', 3, 1],
      ['162户', 4, 1],
      ['154户', 5, 1],
      ['10', 6, 1],
      ['9', 7, 1],
    ]);
    expect(cellAt(table, 2, 8)).toBeNull();
    // The U+3000 reason of row 1 is a cell of its own (trimmed to empty), never a merge.
    expect(cellAt(table, 1, 8)).toMatchObject({ row: 1, rowSpan: 1, text: '' });
  });
});

describe('detectLayout', () => {
  it.each([
    ['seed/yanfeng-2021.txt', 'tika'],
    ['txt/attach2-word-plain.txt', 'tabbed'],
    ['txt/attach1-spreadsheet-repeated.txt', 'tabbed'],
    ['txt/attach1-pipe-rows.txt', 'pipe'],
    ['txt/attach1-pipe-cells.txt', 'pipe'],
  ])('%s is %s', (path, layout) => {
    expect(detectLayout(fixture(path)).layout).toBe(layout);
  });

  it('calls plain paragraphs tika', () => {
    expect(detectLayout('一、基本情况\n二、存在的不足\n').layout).toBe('tika');
  });
});

describe('parseTxt: tabbed layout', () => {
  it('reads Word "save as plain text": merged cells left empty, short rows aligned', () => {
    const { layout, blocks } = parseTxt(fixture('txt/attach2-word-plain.txt'), 'attach2.txt');
    expect(layout).toBe('tabbed');
    expect(paragraphs(blocks).map((p) => p.text)).toEqual(['附件2', '专项资金绩效自评表', '注：本表由实施单位填报。']);
    const [table] = tables(blocks);
    expect(row(table, 1)).toEqual(['主管部门', '雁峰区雁峰街道办事处', '实施单位', '所属社区']);
    expect(placeOf(table, '项目资金（万元）')).toEqual([2, 0, 4, 1]);
    expect(row(table, 4)).toEqual(['其中：当年财政拨款', '418', '418', '418', '10', '100%', '10']);
    expect(placeOf(table, '绩效指标')).toEqual([6, 0, 5, 1]);
    expect(placeOf(table, '产出指标(50分)')).toEqual([7, 1, 4, 1]);
    expect(placeOf(table, '数量指标')).toEqual([7, 2, 3, 1]);
    expect(row(table, 8)).toEqual(['国有土地上房屋预征收户数', '162户', '154户', '10', '9', '']);
    expect(cellsStartingInRow(table, 8)[0]).toMatchObject({ col: 3, line: 11 });
    expect(cellsStartingInRow(table, 11).map((c) => [c.text, c.col])).toEqual([
      ['总分', 0],
      ['100', 6],
      ['81', 7],
      ['', 8],
    ]);
  });

  it('reads a spreadsheet paste: quoted multi-line cells, merged cells repeated in every row', () => {
    const { blocks } = parseTxt(fixture('txt/attach1-spreadsheet-repeated.txt'), 'attach1.txt');
    const [table] = tables(blocks);
    expect([table.rows, table.cols]).toEqual([5, 9]);
    expect(row(table, 0)).toEqual(['绩效\n指标', '一级指标', '二级指标', '三级指标', '年度\n指标值', '实际\n完成值', '分值', '得分', '偏差原因\n分析及\n改进措施']);
    expect(placeOf(table, '绩效\n指标')).toEqual([0, 0, 5, 1]);
    expect(placeOf(table, '产出指标\n(50分)')).toEqual([1, 1, 3, 1]);
    expect(placeOf(table, '数量\n指标')).toEqual([1, 2, 2, 1]);
    expect(row(table, 2)).toEqual(['经济建设投资总金额', '10亿元', '7.6亿元', '5', '4', '']);
    expect(cellsStartingInRow(table, 2)[0].line).toBe(14);
    // Target and actual both 是: equal neighbours in a row are two cells, never a merge.
    expect(row(table, 4)).toEqual(['效益指标\n（30分）', '社会效\n益指标', '社会秩序是否更加稳定。', '是', '基本稳定', '5', '4', '']);
  });
});

describe('a spreadsheet export that repeats merged cells across the columns they cover', () => {
  // 按收入性质分 and its lines cover two columns each, 按支出性质分 and its lines the next two;
  // 年初预算数 and 全年预算数 are equal neighbours of their own.
  const text = [
    '部门整体支出绩效自评表',
    ['预算部门名称', '预算部门名称', '某县某镇人民政府', '某县某镇人民政府', '某县某镇人民政府'],
    ['年度预算申请（万元）', '', '年初预算数', '全年预算数', '全年执行数'],
    ['年度预算申请（万元）', '年度资金总额', '500', '500', '510'],
    ['年度预算申请（万元）', '按收入性质分：', '按收入性质分：', '按支出性质分：', '按支出性质分：'],
    ['年度预算申请（万元）', '其中：一般公共预算：450', '其中：一般公共预算：450', '其中：基本支出：300', '其中：基本支出：300'],
    ['年度预算申请（万元）', '其他资金：50', '其他资金：50', '项目支出：200', '项目支出：200'],
  ]
    .map((r) => (Array.isArray(r) ? r.join('\t') : r))
    .join('\r\n');

  it('reads each composition line once, on the side its first column stands under', () => {
    const { layout, blocks } = parseTxt(text, 'x.txt');
    expect(layout).toBe('tabbed');
    // The grid keeps the repeated cells (equal neighbours may be two cells); recognition reads them once.
    expect(row(tables(blocks)[0], 4)).toEqual(['其中：一般公共预算：450', '其中：一般公共预算：450', '其中：基本支出：300', '其中：基本支出：300']);
    const [form] = recognizeForms(blocks, 'x.txt').forms;
    const lines = (ls: { label: string; amount: number; at: { col: number | null } }[]) => ls.map((l) => [l.label, l.amount, l.at.col]);
    expect(lines(form.composition!.byIncome)).toEqual([
      ['一般公共预算', 450, 1],
      ['其他资金', 50, 1],
    ]);
    expect(lines(form.composition!.byExpense)).toEqual([
      ['基本支出', 300, 3],
      ['项目支出', 200, 3],
    ]);
    expect(form.funds.map((f) => [f.label, f.budgetInitial, f.budgetFull, f.executed])).toEqual([['年度资金总额', 500, 500, 510]]);
  });

  it.each([
    ['repeated', (t: string) => [t, t, t, t, t].join('\t')],
    ['left empty', (t: string) => [t, '', '', '', ''].join('\t')],
  ])('reads the title and the year kept as rows of the sheet (merged cells %s)', (_name, across) => {
    const sheet = [across('附件1'), across('部门整体支出绩效自评表'), across('（ 2021年度）'), ...text.split('\r\n').slice(1)].join('\r\n');
    const { blocks } = parseTxt(sheet, 'x.txt');
    expect(blocks.map((b) => b.type)).toEqual(['table']);
    const [form] = recognizeForms(blocks, 'x.txt').forms;
    expect([form.title, form.year, form.unit]).toEqual(['部门整体支出绩效自评表', 2021, '某县某镇人民政府']);
    expect(form.composition!.byExpense.map((l) => l.label)).toEqual(['基本支出', '项目支出']);
  });

  it('ends the goals at a row written across the sheet, and reads a label written across a money row as no fund', () => {
    const row = (...cells: string[]) => cells.join('\t');
    const sichuan = [
      '部门预算项目支出绩效自评表',
      row('项目名称', '项目名称', '乡村道路安全生命防护工程', '乡村道路安全生命防护工程', '乡村道路安全生命防护工程', '乡村道路安全生命防护工程'),
      row('项目基本情况', '项目年度目标', '项目年度目标', '年度目标完成情况', '年度目标完成情况', '年度目标完成情况'),
      row('项目基本情况', '完成12公里。', '完成12公里。', '完成12.6公里。', '完成12.6公里。', '完成12.6公里。'),
      row('项目基本情况', '2.项目实施内容及过程概述', '2.项目实施内容及过程概述', '2.项目实施内容及过程概述', '2.项目实施内容及过程概述', '2.项目实施内容及过程概述'),
      row('预算执行情况(10分)', '年度预算数（万元）', '年初预算', '调整后预算数', '预算执行数', '预算执行率'),
      row('预算执行情况(10分)', '总额', '500', '520', '468', '90%'),
      row('（续表）', '（续表）', '（续表）', '（续表）', '（续表）', '（续表）'),
    ].join('\r\n');
    const [form] = recognizeForms(parseTxt(sichuan, 'x.txt').blocks, 'x.txt').forms;
    expect(form.goals).toEqual({ expected: ['完成12公里。'], actual: ['完成12.6公里。'] });
    expect(form.funds.map((f) => [f.label, f.budgetFull, f.executed])).toEqual([['总额', 520, 468]]);
  });
});

describe('parseTxt: pipe layout', () => {
  it('reads one row per line (web table), skipping the separator line and splitting <br>', () => {
    const { layout, blocks } = parseTxt(fixture('txt/attach1-pipe-rows.txt'), 'attach1.txt');
    expect(layout).toBe('pipe');
    expect(paragraphs(blocks).map((p) => [p.text, p.at.line])).toEqual([
      ['附件1 部门整体支出绩效自评表（节选）', 1],
      ['以上数据来源于网上填报系统。', 10],
    ]);
    const [table] = tables(blocks);
    expect([table.rows, table.cols]).toEqual([5, 9]);
    expect(placeOf(table, '产出指标\n(50分)')).toEqual([1, 1, 3, 1]);
    expect(cellsStartingInRow(table, 1)[0].paragraphs).toEqual(['产出指标', '(50分)']);
    expect(row(table, 2)).toEqual(['经济建设投资总金额', '10亿元', '7.6亿元', '5', '4', '']);
    expect(cellsStartingInRow(table, 4).map((c) => [c.text, c.col])).toEqual([
      ['总分', 0],
      ['100', 6],
      ['86', 7],
      ['', 8],
    ]);
  });

  it('reads one cell per line ending in |, a blank line ending the row, two ending the table', () => {
    const { blocks } = parseTxt(fixture('txt/attach1-pipe-cells.txt'), 'attach1.txt');
    expect(blocks.map((b) => b.type)).toEqual(['paragraph', 'table', 'paragraph']);
    const [table] = tables(blocks);
    expect(row(table, 0)).toEqual(['预算部门名称', '雁峰区雁峰街道办事处']);
    expect(placeOf(table, '年度总体目标')).toEqual([1, 0, 2, 1]);
    const [expected, actual] = cellsStartingInRow(table, 2);
    expect(expected).toMatchObject({ line: 11, paragraphs: ['目标1：保障预算单位人员及日常办公正常运转。', '目标2：建立街道综合管理制度。'] });
    expect(actual.text).toBe('目标1：保障街道在编在岗41人人员经费及日常办公正常运转');
    expect(paragraphs(blocks)[1]).toMatchObject({ text: '2021年度雁峰街道绩效评价报告', at: { line: 16, paragraph: 2 } });
  });

  it('limit: one cell per line needs a blank line before the table; lines right above it are the first cell’s', () => {
    // The sample's 项目支出名称 cell holds two lines (项目支 / 出名称): a cell's earlier lines carry
    // no mark, so the title just above a table without a blank line cannot be told from them.
    const cell = (blocks: Block[]) => cellsStartingInRow(tables(blocks)[0], 0)[0].paragraphs;
    const apart = parseTxt('附件2\n专项资金绩效自评表\n\n项目支\n出名称|\n基层政权建设和社区治理|\n', 'x.txt').blocks;
    expect(paragraphs(apart).map((p) => p.text)).toEqual(['附件2', '专项资金绩效自评表']);
    expect(cell(apart)).toEqual(['项目支', '出名称']);
    const joined = parseTxt('附件2\n专项资金绩效自评表\n项目支\n出名称|\n基层政权建设和社区治理|\n', 'x.txt').blocks;
    expect(paragraphs(joined)).toEqual([]);
    expect(cell(joined)).toEqual(['附件2', '专项资金绩效自评表', '项目支', '出名称']);
  });
});
