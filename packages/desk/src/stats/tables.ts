import { KIND_NAMES, type Stats } from './compute.ts';

/*
 * The statistics as tables: what the dashboard prints beneath each chart, what each chart's
 * .xlsx export holds, and what `jxaudit stats --xlsx` writes (one sheet per table). Built from
 * Stats only, so the page, the exports and the command show the same numbers.
 */

export type Cell = string | number | null;

export interface StatsTable {
  id: TableId;
  title: string;
  columns: string[];
  /** Columns holding numbers (right-aligned, written as numbers). */
  numeric: boolean[];
  rows: Cell[][];
}

export const TABLE_IDS = ['inflation', 'grades', 'rules', 'units-errors', 'units-shortfalls', 'unit-years', 'rule-years', 'progress', 'decisions'] as const;
export type TableId = (typeof TABLE_IDS)[number];

export const TABLE_TITLES: Record<TableId, string> = {
  inflation: '自评总分与复核总分',
  grades: '自评等级与复核等级',
  rules: '各规则发现的问题',
  'units-errors': '错误最多的单位',
  'units-shortfalls': '未说明偏差最多的单位',
  'unit-years': '各单位逐年问题数',
  'rule-years': '各规则逐年涉及的报送数',
  progress: '审核进度',
  decisions: '各规则的处理意见',
};

export function isTableId(v: unknown): v is TableId {
  return typeof v === 'string' && (TABLE_IDS as readonly string[]).includes(v);
}

function table(id: TableId, columns: [string, boolean][], rows: Cell[][]): StatsTable {
  return { id, title: TABLE_TITLES[id], columns: columns.map((c) => c[0]), numeric: columns.map((c) => c[1]), rows };
}

const pct = (x: number) => `${Math.round(x * 1000) / 10}%`;

export function statsTable(stats: Stats, id: TableId): StatsTable {
  switch (id) {
    case 'inflation':
      return table(
        id,
        [['单位', false], ['年度', true], ['表', false], ['自评总分', true], ['复核总分', true], ['自评高出', true], ['自评等级', false], ['复核等级', false]],
        stats.inflation.map((r) => [r.unit, r.year, KIND_NAMES[r.kind] ?? r.title, r.declared, r.recomputed, r.inflation, r.declaredGrade, r.recomputedGrade]),
      );
    case 'grades':
      return table(id, [['等级', false], ['自评（张表）', true], ['复核（张表）', true]], stats.grades.map((g) => [g.grade, g.declared, g.recomputed]));
    case 'rules':
      return table(
        id,
        [['规则', false], ['规则编号', false], ['涉及单位', true], ['涉及报送', true], ['错误', true], ['警告', true], ['提示', true], ['合计', true]],
        stats.rules.map((r) => [r.title, r.rule, r.units, r.submissions, r.errors, r.warnings, r.infos, r.total]),
      );
    case 'units-errors':
    case 'units-shortfalls':
      return table(
        id,
        [['单位', false], ['区县', false], ['报送', true], ['错误', true], ['未说明偏差', true], ['警告', true], ['提示', true]],
        (id === 'units-errors' ? stats.unitsByErrors : stats.unitsByShortfalls).map((u) => [u.unit, u.district, u.submissions, u.errors, u.shortfalls, u.warnings, u.infos]),
      );
    case 'unit-years':
      return table(id, [['单位', false], ...stats.years.map((y): [string, boolean] => [`${y}年`, true])], stats.unitYears.map((r) => [r.label, ...r.values]));
    case 'rule-years':
      return table(
        id,
        [['规则', false], ['规则编号', false], ...stats.years.map((y): [string, boolean] => [`${y}年`, true])],
        stats.ruleYears.map((r) => [r.label, r.key, ...r.values]),
      );
    case 'progress':
      return table(id, [['审核状态', false], ['报送', true]], stats.progress.map((p) => [p.label, p.submissions]));
    case 'decisions':
      return table(
        id,
        [['规则', false], ['规则编号', false], ['确认问题', true], ['不是问题', true], ['待补充材料', true], ['未处理', true], ['合计', true], ['不是问题占已处理', false]],
        stats.decisions.map((r) => [r.title, r.rule, r.confirmed, r.waived, r.needsInfo, r.open, r.total, pct(r.waivedShare)]),
      );
  }
}

export function statsTables(stats: Stats): StatsTable[] {
  return TABLE_IDS.map((id) => statsTable(stats, id));
}

/** The tables as an .xlsx workbook (one sheet per table, a heading row, numbers as numbers). */
export async function tablesXlsx(tables: StatsTable[], caption: string): Promise<Buffer> {
  const { default: ExcelJS } = await import('exceljs');
  const wb = new ExcelJS.Workbook();
  wb.creator = 'jxaudit';
  for (const t of tables) {
    const ws = wb.addWorksheet(t.title.slice(0, 31));
    ws.addRow([`${t.title}（${caption}）`]).font = { bold: true };
    const head = ws.addRow(t.columns);
    head.font = { bold: true };
    for (const r of t.rows) ws.addRow(r.map((c) => (c === null ? '' : c)));
    ws.columns.forEach((col, i) => {
      col.width = t.numeric[i] ? 12 : i === 0 ? 30 : 18;
    });
    ws.views = [{ state: 'frozen', ySplit: 2 }];
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** A short Chinese line naming the filter ("2022年 · 雁峰区 · 全部表 · 全部状态"). */
export function filterCaption(stats: Stats): string {
  const f = stats.filter;
  const STATUS: Record<string, string> = { pending: '待审', 'in-review': '审核中', returned: '退回修改', approved: '审核通过' };
  return [f.year === null ? '全部年度' : `${f.year}年`, f.district ?? '全部区县', f.kind ? KIND_NAMES[f.kind] : '全部表', f.status ? STATUS[f.status] : '全部状态'].join(' · ');
}
