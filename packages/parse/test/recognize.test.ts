import { describe, expect, it } from 'vitest';
import { FormSchema, location, type Block, type Cell, type ParagraphBlock, type TableBlock } from '@jxaudit/model';
import { recognizeForms } from '../src/recognize/index.ts';

/*
 * Hand-built blocks: a grid is written row by row, each cell placed at the next column not covered
 * by a merge from above, as the readers rebuild it:
 *   table(0, [[{ t: '绩效指标', r: 3 }, '一级指标', '三级指标'], ['产出指标', '路灯数量'], …])
 */
const FILE = 'inbox/test.docx';
type CellSpec = string | { t: string; c?: number; r?: number };

function table(index: number, rows: CellSpec[][]): TableBlock {
  const covered = new Set<string>();
  const cells: Cell[] = [];
  let cols = 0;
  rows.forEach((specs, row) => {
    let col = 0;
    for (const spec of specs) {
      while (covered.has(`${row},${col}`)) col++;
      const s = typeof spec === 'string' ? { t: spec } : spec;
      const colSpan = s.c ?? 1;
      const rowSpan = s.r ?? 1;
      cells.push({ row, col, rowSpan, colSpan, line: null, paragraphs: s.t.split('\n'), text: s.t });
      for (let r = row; r < row + rowSpan; r++) for (let c = col; c < col + colSpan; c++) covered.add(`${r},${c}`);
      col += colSpan;
    }
    cols = Math.max(cols, col);
  });
  for (const key of covered) cols = Math.max(cols, Number(key.split(',')[1]) + 1);
  return { type: 'table', index, rows: rows.length, cols, cells };
}

function para(text: string, paragraph: number): ParagraphBlock {
  return { type: 'paragraph', text, at: location({ file: FILE, text, paragraph }) };
}

function recognize(blocks: Block[]) {
  const result = recognizeForms(blocks, FILE);
  for (const f of result.forms) expect(() => FormSchema.parse(f)).not.toThrow();
  return result;
}

describe('a national project form (family 2) whose columns are renamed and reordered', () => {
  const blocks: Block[] = [
    para('项目支出绩效自评表', 0),
    para('（2022年度）', 1),
    table(0, [
      [{ t: '项目名称', c: 2 }, { t: '农村饮水安全巩固提升', c: 6 }],
      [{ t: '主管部门', c: 2 }, { t: '某县水利局', c: 2 }, '实施单位', { t: '某县供水站', c: 3 }],
      [{ t: '项目资金\n（万元）', r: 4 }, '', '执行数', '预算数', '年初\n预算', '执行率', '自评得分', '权重'],
      ['年度资金总额', '95', '100', '80', '95%', '9.5', '10'],
      ['其中：当年财政拨款', '95', '100', '80', '95%', '/', '/'],
      ['上年结转（结余）资金：', '', '', '', '', '', ''],
      [{ t: '绩效指标', r: 4 }, '一级指标', '二级指标', '三级指标', '实际完成情况', '预期指标值', '得分', '指标分值'],
      [{ t: '产出指标（50分）', r: 2 }, { t: '数量\n指标', r: 2 }, '新建集中供水点', '11处', '≥12处', '45', '50'],
      ['水质达标率', '100%', '100%', '0', '0'],
      ['效益指标\n（40分）', '社会效\n益指标', '受益人口', '约3200人', '3000人', '40', '40'],
      [{ t: '总分', c: 6 }, '94.5', '100'],
    ]),
  ];
  const { forms, foundInstead } = recognize(blocks);
  const form = forms[0];

  it('is one project form of the national family, with its title, year and people', () => {
    expect(foundInstead).toBeNull();
    expect(forms).toHaveLength(1);
    expect(form).toMatchObject({
      kind: 'project',
      family: 'national',
      title: '项目支出绩效自评表',
      year: 2022,
      unit: '某县水利局',
      implementer: '某县供水站',
      projectName: '农村饮水安全巩固提升',
      tables: [0],
    });
    expect(form.at).toMatchObject({ paragraph: 0, text: '项目支出绩效自评表' });
  });

  it('maps money columns by their header text, not their position', () => {
    expect(form.funds.map((r) => [r.label, r.role, r.budgetInitial, r.budgetFull, r.executed, r.points, r.score])).toEqual([
      ['年度资金总额', 'total', 80, 100, 95, 10, 9.5],
      ['当年财政拨款', 'part', 80, 100, 95, null, null],
      ['上年结转（结余）资金', 'part', null, null, null, null, null],
    ]);
    expect(form.funds[0].rate).toEqual({ raw: '95%', value: 0.95, decimals: 0 });
    expect(form.funds[0].cells.executed).toMatchObject({ table: 0, row: 3, col: 2, text: '95' });
    expect(form.funds[0].at).toMatchObject({ row: 3, col: 1, text: '年度资金总额' });
  });

  it('maps indicator columns by header text and carries merged 一级/二级 cells down', () => {
    expect(
      form.indicators.map((x) => [x.level1, x.level1Points, x.level2, x.name, x.target.raw, x.actual.raw, x.points, x.score]),
    ).toEqual([
      ['产出指标', 50, '数量指标', '新建集中供水点', '≥12处', '11处', 50, 45],
      ['产出指标', 50, '数量指标', '水质达标率', '100%', '100%', 0, 0],
      ['效益指标', 40, '社会效益指标', '受益人口', '3000人', '约3200人', 40, 40],
    ]);
    const second = form.indicators[1];
    expect(second.cells.level1).toMatchObject({ row: 7, col: 1, text: '产出指标（50分）' });
    expect(second.cells.level2).toMatchObject({ row: 7, col: 2, text: '数量\n指标' });
    expect(second.at).toMatchObject({ row: 8, col: 3, text: '水质达标率' });
    expect(second.cells.reason).toBeNull();
    expect(second.reason).toBe('');
    expect(form.indicators[0].target).toMatchObject({ comparator: '≥', value: 12, unit: '处' });
  });

  it('reads 总分 under the 指标分值 and 自评得分 columns, wherever they are', () => {
    expect(form.totals).toMatchObject({ points: 100, score: 94.5, at: { row: 10, col: 0, text: '总分' } });
    expect(form.totals?.cells.points).toMatchObject({ row: 10, col: 7, text: '100' });
  });

  it('leaves the narrative fields empty for a table form', () => {
    expect(form.facts).toEqual([]);
    expect(form.composition).toBeNull();
    expect(form.goals).toEqual({ expected: [], actual: [] });
  });
});

describe('a form spread over several tables', () => {
  const header = ['一级指标', '二级指标', '三级指标', '年度指标值', '实际完成值', '分值', '得分', '偏差原因分析及改进措施'];
  const blocks: Block[] = [
    para('专项资金绩效自评表', 0),
    table(0, [
      ['项目名称', { t: '城区道路维修', c: 6 }],
      ['项目资金（万元）', '年初预算数', '全年预算数', '全年执行数', '分值', '执行率', '得分'],
      ['年度资金总额', '200', '200', '180', '10', '90%', '9'],
    ]),
    para('续表', 2),
    table(1, [header, [{ t: '产出指标\n(50分)', r: 2 }, '数量指标', '维修路面面积', '5000平方米', '5200平方米', '30', '30', '　'], ['质量指标', '验收合格率', '100%', '98%', '20', '18', '两处返工']]),
    // the page break: the table goes on without its header, the 一级 cell's merge is not repeated
    table(2, [
      ['', '时效指标', '完工及时率', '100%', '100%', '0', '0', ''],
      ['效益指标(40分)', '社会效益指标', '通行条件改善', '明显改善', '明显改善', '40', '40', ''],
      [{ t: '总分', c: 5 }, '100', '97', ''],
    ]),
  ];
  const { forms } = recognize(blocks);

  it('reads the money block, the indicators and the totals into one form', () => {
    expect(forms).toHaveLength(1);
    expect(forms[0].tables).toEqual([0, 1, 2]);
    expect(forms[0].funds).toHaveLength(1);
    expect(forms[0].indicators.map((x) => [x.level1, x.level2, x.name, x.at.table])).toEqual([
      ['产出指标', '数量指标', '维修路面面积', 1],
      ['产出指标', '质量指标', '验收合格率', 1],
      ['产出指标', '时效指标', '完工及时率', 2],
      ['效益指标', '社会效益指标', '通行条件改善', 2],
    ]);
    expect(forms[0].indicators[2].cells.level1).toMatchObject({ table: 1, row: 1, col: 0 });
    expect(forms[0].totals).toMatchObject({ points: 100, score: 97, at: { table: 2, row: 2 } });
  });

  it('keeps reasons as written, and "" for a cell holding only U+3000', () => {
    expect(forms[0].indicators.map((x) => x.reason)).toEqual(['', '两处返工', '', '']);
  });

  it('passes over 小计 lines and rows without a name, and says so for the latter', () => {
    const { forms, warnings } = recognize([
      table(0, [
        ['项目名称', { t: '城区道路维修', c: 6 }],
        header,
        [{ t: '产出指标(50分)', r: 4 }, '数量指标', '维修路面面积', '5000平方米', '5200平方米', '30', '30', ''],
        ['质量指标', '', '100%', '98%', '20', '18', ''],
        ['', '小计', '', '', '50', '48', ''],
        ['时效指标', '完工及时率', '100%', '100%', '0', '0', ''],
        [{ t: '总分', c: 5 }, '90', '78', ''],
      ]),
    ]);
    expect(forms[0].indicators.map((x) => x.name)).toEqual(['维修路面面积', '完工及时率']);
    expect(forms[0].totals?.score).toBe(78);
    expect(warnings.map((w) => w.code)).toEqual(['indicator-without-name']);
  });

  it('repeating the header row on the next page continues the same form', () => {
    const repeated: Block[] = [
      blocks[0],
      blocks[1],
      blocks[3],
      table(2, [header, ['', '时效指标', '完工及时率', '100%', '100%', '0', '0', ''], [{ t: '总分', c: 5 }, '100', '97', '']]),
    ];
    const again = recognize(repeated).forms;
    expect(again).toHaveLength(1);
    expect(again[0].indicators.map((x) => x.level1)).toEqual(['产出指标', '产出指标', '产出指标']);
  });
});

describe('the later national layout (2b): lettered columns, 指标性质, notes', () => {
  const blocks: Block[] = [
    para('项目支出绩效自评表', 0),
    table(0, [
      [{ t: '项目名称', c: 2 }, { t: '老旧小区改造', c: 8 }],
      [{ t: '项目资金（万元）', r: 2 }, { t: '', c: 3 }, '年初预算数', '全年预算数(A)', '全年执行数(B)', '分值', '执行率(B/A)', '得分'],
      [{ t: '年度资金总额', c: 3 }, '300', '320', '304', '10', '95.0%', '9.5'],
      [{ t: '绩效指标', r: 3 }, '一级指标', '二级指标', '三级指标', '指标性质', '年度指标值', '实际完成值', '分值', '得分', '偏差原因分析及改进措施'],
      ['产出指标(50分)', '数量指标', '改造小区数量', '≥', '12个', '12个', '50', '50', ''],
      ['效益指标(40分)', '满意度指标', '居民满意度', '﹦', '95%', '96%', '40', '40', ''],
      [{ t: '总分', c: 7 }, '100', '99.5', ''],
      ['说明', { t: '执行率=全年执行数(B)/全年预算数(A)，本表金额单位为万元。', c: 9 }],
    ]),
    para('注：1.本表由项目实施单位填报。2.得分保留一位小数。', 2),
  ];
  const { forms, warnings } = recognize(blocks);

  it('is the national-lettered family', () => {
    expect(forms.map((f) => [f.kind, f.family])).toEqual([['project', 'national-lettered']]);
  });

  it('folds the 指标性质 sign into the target, keeping what was printed', () => {
    expect(forms[0].indicators[0].target).toMatchObject({ raw: '≥12个', comparator: '≥', value: 12 });
    expect(forms[0].indicators[0].actual.raw).toBe('12个');
    expect(forms[0].indicators[1].target).toMatchObject({ raw: '﹦95%', comparator: '=', value: 0.95 });
    expect(forms[0].indicators[0].cells.target?.text).toBe('12个');
  });

  it('reads the lettered money row and ignores the 说明 row and the 注 paragraph as data', () => {
    expect(forms[0].funds).toHaveLength(1);
    expect(forms[0].funds[0]).toMatchObject({ budgetInitial: 300, budgetFull: 320, executed: 304, rate: { raw: '95.0%', value: 0.95, decimals: 1 } });
    expect(forms[0].indicators).toHaveLength(2);
    expect(forms[0].totals).toMatchObject({ points: 100, score: 99.5 });
    expect(warnings).toEqual([]);
  });
});

describe('the Sichuan layout (family 3): value and unit in separate columns', () => {
  const instructions = '1.预算执行率=预算执行数/调整后预算数，预算执行率未达到90%的需说明原因。\n2.年中预算有调整的，应单独说明理由。';
  const blocks: Block[] = [
    para('报表编号：川财绩03表', 0),
    para('部门预算项目支出绩效自评表', 1),
    para('（2023年度）', 2),
    table(0, [
      [{ t: '项目名称', c: 2 }, { t: '51010023T000001234-社区养老服务中心运营补助', c: 9 }],
      [{ t: '主管部门', c: 2 }, { t: '某区民政局', c: 9 }],
      [{ t: '实施单位（盖章）', c: 2 }, { t: '某区养老服务指导中心', c: 9 }],
      [{ t: '预算执行情况(10分)', r: 4 }, { t: '年度预算数（万元）', c: 2 }, '年初预算', '调整后预算数', '预算执行数', '预算执行率', '权重', '得分', { t: '原因', c: 2 }],
      [{ t: '总额', c: 2 }, '80', '100', '85', '85%', '10', '8.5', { t: `${instructions}\n年中追加床位补贴20万元，部分补贴次年拨付。`, c: 2 }],
      [{ t: '其中：财政资金', c: 2 }, '80', '100', '85', '85%', '/', '/', { t: instructions, c: 2 }],
      [{ t: '单位资金', c: 2 }, '', '', '', '', '/', '/', { t: '', c: 2 }],
    ]),
    table(1, [
      [{ t: '绩效指标(90分)', r: 3 }, '一级指标', '二级指标', '三级指标', '指标性质', '指标值', '度量单位', '完成值', '权重', '得分', '未完成原因分析'],
      ['产出指标', '质量指标', '服务覆盖率', '≥', '95', '%', '96', '60', '60', ''],
      ['效益指标', '社会效益指标', '服务质量', '定性', '明显提升', '/', '较好', '30', '25', '　'],
      [{ t: '合计', c: 8 }, '100', '93.5', ''],
      [{ t: '评价结论', c: 2 }, { t: '项目总体完成较好。', c: 9 }],
      [{ t: '项目负责人：张明　　财务负责人：李红', c: 11 }],
    ]),
  ];
  const { forms } = recognize(blocks);
  const form = forms[0];

  it('is one sichuan project form over two tables, with the code-name kept as printed', () => {
    expect(forms).toHaveLength(1);
    expect(form).toMatchObject({
      kind: 'project',
      family: 'sichuan',
      title: '部门预算项目支出绩效自评表',
      year: 2023,
      unit: '某区民政局',
      implementer: '某区养老服务指导中心',
      projectName: '51010023T000001234-社区养老服务中心运营补助',
      tables: [0, 1],
    });
  });

  it('folds the comparator and the unit columns into the target, the unit into the actual', () => {
    expect(form.indicators[0].target).toMatchObject({ raw: '≥95%', kind: 'percent', value: 0.95, comparator: '≥' });
    expect(form.indicators[0].actual).toMatchObject({ raw: '96%', value: 0.96 });
    expect(form.indicators[0].cells.target?.text).toBe('95');
    expect(form.indicators[1].target.raw).toBe('明显提升');
    expect(form.indicators[1].actual.raw).toBe('较好');
    expect(form.indicators.map((x) => [x.level1, x.level1Points, x.points, x.score])).toEqual([
      ['产出指标', null, 60, 60],
      ['效益指标', null, 30, 25],
    ]);
  });

  it('reads the money rows with "/" as no points and no score, and drops template instructions from reasons', () => {
    expect(form.funds.map((r) => [r.label, r.role, r.budgetInitial, r.budgetFull, r.executed, r.points, r.score, r.reason])).toEqual([
      ['总额', 'total', 80, 100, 85, 10, 8.5, '年中追加床位补贴20万元，部分补贴次年拨付。'],
      ['财政资金', 'part', 80, 100, 85, null, null, ''],
      ['单位资金', 'part', null, null, null, null, null, ''],
    ]);
    expect(form.funds[0].cells.reason?.text).toContain('年中追加床位补贴');
  });

  it('reads 合计 as the totals and ignores 评价结论 and the signature line', () => {
    expect(form.totals).toMatchObject({ points: 100, score: 93.5, at: { table: 1, text: '合计' } });
    expect(form.indicators).toHaveLength(2);
  });
});

describe('several forms in one file', () => {
  const project = (index: number, name: string): TableBlock =>
    table(index, [
      ['项目名称', { t: name, c: 5 }],
      ['一级指标', '二级指标', '三级指标', '年度指标值', '实际完成值', '分值'],
      ['产出指标', '数量指标', '培训人次', '500人次', '520人次', '90'],
      [{ t: '总分', c: 5 }, '90'],
    ]);

  it('starts a new form at each 项目名称 block, even without titles', () => {
    const { forms } = recognize([project(0, '职业技能培训'), project(1, '创业担保贷款贴息')]);
    expect(forms.map((f) => [f.projectName, f.tables, f.indicators.length, f.totals?.points])).toEqual([
      ['职业技能培训', [0], 1, 90],
      ['创业担保贷款贴息', [1], 1, 90],
    ]);
    expect(forms[0].at).toMatchObject({ table: 0, row: 0, col: 0, text: '项目名称' });
  });

  it('reads a report and a department form in either order, the report unit taken from its title or the forms', () => {
    const blocks: Block[] = [
      para('2022年度某镇人民政府部门整体支出绩效自评报告', 0),
      para('一、基本情况', 1),
      para('本单位2022年度收入预算500万元。', 2),
      para('部门整体支出绩效自评表', 3),
      table(0, [
        ['预算部门名称', { t: '某县某镇人民政府', c: 3 }],
        ['年度预算申请（万元）', '年初预算数', '全年预算数', '全年执行数'],
        ['年度资金总额', '500', '520', '510'],
        ['按收入性质分：', { t: '按支出性质分：', c: 2 }],
        ['其中：一般公共预算：450\n其他资金：50', { t: '其中：基本支出：300', c: 2 }],
        ['', { t: '项目支出：200', c: 2 }],
      ]),
    ];
    const { forms } = recognize(blocks);
    expect(forms.map((f) => [f.kind, f.family, f.year])).toEqual([
      ['report', 'report', 2022],
      ['department-overall', 'hunan-dept', null],
    ]);
    expect(forms[0].unit).toBe('某县某镇人民政府');
    expect(forms[0].at).toMatchObject({ paragraph: 0 });
    expect(forms[1].composition?.byIncome.map((l) => [l.label, l.amount, l.at.row])).toEqual([
      ['一般公共预算', 450, 4],
      ['其他资金', 50, 4],
    ]);
    expect(forms[1].composition?.byExpense.map((l) => [l.label, l.amount, l.at.row])).toEqual([
      ['基本支出', 300, 4],
      ['项目支出', 200, 5],
    ]);
    const alone = recognize(blocks.slice(0, 3)).forms;
    expect(alone.map((f) => [f.kind, f.unit])).toEqual([['report', '某镇人民政府']]);
  });

  it('reads composition lines written as label and amount cells, under markers in a left column', () => {
    const { forms } = recognize([
      para('部门整体支出绩效自评表', 0),
      table(0, [
        ['预算部门名称', { t: '某县文化馆', c: 2 }],
        ['年度预算申请（万元）', '年初预算数', '全年预算数', '全年执行数'],
        ['年度资金总额', '300', '300', '290'],
        [{ t: '按收入性质分', r: 2 }, '其中：一般公共预算', '280.5'],
        ['其他资金', '19.50'],
        [{ t: '按支出性质分', r: 2 }, '基本支出', '200'],
        ['项目支出', '100'],
        ['年度总体目标', '预期目标', '实际完成情况'],
        ['', '目标1：免费开放。', '目标1：全年免费开放。'],
      ]),
    ]);
    const lines = (ls: { label: string; amount: number; decimals: number; at: { row: number | null; text: string } }[]) =>
      ls.map((l) => [l.label, l.amount, l.decimals, l.at.row, l.at.text]);
    expect(lines(forms[0].composition!.byIncome)).toEqual([
      ['一般公共预算', 280.5, 1, 3, '280.5'],
      ['其他资金', 19.5, 2, 4, '19.50'],
    ]);
    expect(lines(forms[0].composition!.byExpense)).toEqual([
      ['基本支出', 200, 0, 5, '200'],
      ['项目支出', 100, 0, 6, '100'],
    ]);
    expect(forms[0].funds).toHaveLength(1);
    expect(forms[0].goals).toEqual({ expected: ['目标1：免费开放。'], actual: ['目标1：全年免费开放。'] });
  });

  it('keeps a report going past its own 预算数/决算数 table, and reads the year printed under its title', () => {
    const { forms, warnings } = recognize([
      para('某局部门整体支出绩效自评报告', 0),
      para('（2022年度）', 1),
      para('一、部门预算执行情况', 2),
      table(0, [['项目', '预算数', '决算数', '执行率'], ['基本支出', '300', '298', '99.33%']]),
      para('二、绩效目标完成情况', 4),
    ]);
    expect(forms.map((f) => [f.kind, f.year, f.unit])).toEqual([['report', 2022, '某局']]);
    expect(warnings).toEqual([]);
  });

  it('does not take a form title mentioned in the prose for a form', () => {
    const { forms } = recognize([
      para('2022年度某局绩效自评报告', 0),
      para('部门整体支出绩效自评表', 1),
      para('详见附表。本年度共开展绩效自评项目12个，涉及资金3000万元，自评结果均为优良，相关材料已按要求报送财政部门备案。', 2),
    ]);
    expect(forms.map((f) => f.kind)).toEqual(['report']);
  });
});

describe('titles', () => {
  it('finds a form title written in the first row of the table', () => {
    const { forms } = recognize([
      table(0, [
        [{ t: '部门预算项目支出绩效自评表\n（2023年度）', c: 4 }],
        ['项目名称', { t: '51010023T000002-老年助餐', c: 3 }],
        ['一级指标', '二级指标', '三级指标', '指标值'],
        ['产出指标', '数量指标', '助餐人次', '≥5000人次'],
      ]),
    ]);
    expect(forms.map((f) => [f.family, f.title, f.year, f.projectName])).toEqual([
      ['sichuan', '部门预算项目支出绩效自评表（2023年度）', 2023, '51010023T000002-老年助餐'],
    ]);
    expect(forms[0].at).toMatchObject({ table: 0, row: 0, col: 0 });
  });

  it('a title row repeating the title paragraph belongs to the same form', () => {
    const { forms, warnings } = recognize([
      para('项目支出绩效自评表', 0),
      table(0, [
        [{ t: '项目支出绩效自评表（2022年度）', c: 4 }],
        ['项目名称', { t: '老年助餐', c: 3 }],
        ['一级指标', '二级指标', '三级指标', '指标值'],
        ['产出指标', '数量指标', '助餐人次', '≥5000人次'],
      ]),
    ]);
    expect(forms.map((f) => [f.title, f.year, f.projectName, f.at.paragraph])).toEqual([['项目支出绩效自评表', 2022, '老年助餐', 0]]);
    expect(warnings).toEqual([]);
  });

  it.each([
    ['2021年度雁峰街道绩效评价报告', 2021, '雁峰街道'],
    ['雁峰街道2021年度部门整体支出绩效自评报告', 2021, '雁峰街道'],
    ['关于2022年度某县财政局部门整体支出绩效自评的报告', 2022, '某县财政局'],
    ['2023年度整体支出绩效自评报告', 2023, null],
  ])('reads the report title %s: year %s, subject %s', (title, year, unit) => {
    const { forms } = recognize([para(title, 0), para('一、基本情况', 1)]);
    expect(forms.map((f) => [f.kind, f.title, f.year, f.unit])).toEqual([['report', title, year, unit]]);
  });

  it('drops the attachment label printed on the title line', () => {
    const { forms } = recognize([
      para('附件1 部门整体支出绩效自评表（节选）', 0),
      table(0, [['一级指标', '二级指标', '三级指标', '年度指标值'], ['产出指标', '数量指标', '新增就业', '300人']]),
    ]);
    expect(forms.map((f) => [f.kind, f.title])).toEqual([['department-overall', '部门整体支出绩效自评表（节选）']]);
  });

  it('a cover title repeated before the first heading makes one report', () => {
    const { forms } = recognize([para('2021年度某局绩效自评报告', 0), para('2021年度某局绩效自评报告', 1), para('一、基本情况', 2)]);
    expect(forms).toHaveLength(1);
  });

  it('an attachment label ends the report and is left out of the form title', () => {
    const { forms } = recognize([
      para('2021年度某局绩效自评报告', 0),
      para('一、基本情况', 1),
      para('附件2：专项资金绩效自评表', 2),
      table(0, [['项目名称', '社区治理'], ['一级指标', '二级指标', '三级指标', '实际完成值'], ['产出指标', '数量指标', '覆盖社区', '7个']]),
    ]);
    expect(forms.map((f) => [f.kind, f.title])).toEqual([
      ['report', '2021年度某局绩效自评报告'],
      ['project', '专项资金绩效自评表'],
    ]);
  });
});

describe('a document with no recognisable form', () => {
  it('says what was found instead', () => {
    const result = recognize([
      para('职工花名册', 0),
      para('2022年6月', 1),
      table(0, [['姓名', '年龄'], ['张三', '35']]),
      para('制表人：李四', 3),
    ]);
    expect(result.forms).toEqual([]);
    expect(result.foundInstead).toEqual({
      zh: '3 个段落、1 个表格（表头：姓名、年龄）',
      en: '3 paragraphs, 1 table (header: 姓名、年龄)',
    });
  });

  it('says so for an empty document', () => {
    expect(recognize([]).foundInstead).toEqual({ zh: '0 个段落、0 个表格', en: '0 paragraphs, 0 tables' });
  });
});
