import { execFile } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ReportSchema, type Report } from '@jxaudit/model';
import { renderFindingsXlsx, textWidth } from '../src/report/xlsx.ts';
import { parseCsv, sampleReport, unreadableReport } from './report-fixture.ts';

const run = promisify(execFile);

/** A batch of three submissions: 雁峰 (two files, rescored), 东风 (notes only, a formula-looking message) and a broken file. */
function batch(lang: 'zh' | 'en' = 'zh') {
  const yanfeng = sampleReport({ file: 'a/雁峰-附件1.docx', lang });
  yanfeng.forms[0]!.rescored = { points: 100, declared: 86, recomputed: 94.485, declaredGrade: '良', recomputedGrade: '优', includesExecution: true, itemsSum: 95, changes: [] };
  const second = sampleReport({ file: 'a/雁峰-附件2.docx', lang });
  second.findings = second.findings.map((f) => ({ ...f, fingerprint: `${f.fingerprint}-2` }));
  const dongfeng: Report = ReportSchema.parse({
    ...sampleReport({ file: 'b/东风街道.docx', lang }),
    findings: sampleReport({ file: 'b/东风街道.docx', lang }).findings.filter((f) => f.severity === 'info').map((f, i) => (i === 0 ? { ...f, message: '=HYPERLINK("http://x","点我")' } : f)),
    summary: { errors: 0, warnings: 0, infos: 2 },
    submission: { id: 's2', unit: '东风街道办事处', year: 2022, files: ['b/东风街道.docx'], version: 1 },
  });
  return [
    { relative: 'a/雁峰-附件1.docx', report: yanfeng },
    { relative: 'a/雁峰-附件2.docx', report: second },
    { relative: 'b/东风街道.docx', report: dongfeng },
    { relative: 'c/坏.docx', report: unreadableReport('c/坏.docx') },
  ];
}

/** A sheet as arrays of cell values (row 1 the header). */
function rowsOf(sheet: ExcelJS.Worksheet): unknown[][] {
  const rows: unknown[][] = [];
  sheet.eachRow({ includeEmpty: false }, (row) => rows.push((row.values as unknown[]).slice(1)));
  return rows;
}

describe('findings.xlsx', () => {
  let dir: string;
  let path: string;
  let workbook: ExcelJS.Workbook;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'jx-xlsx-'));
    path = join(dir, 'findings.xlsx');
    await writeFile(path, await renderFindingsXlsx(batch(), 'zh'));
    workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(path);
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('has a summary sheet, a sheet of the forms’ totals, and one sheet per unit', () => {
    expect(workbook.worksheets.map((s) => s.name)).toEqual(['汇总', '各表得分', '雁峰区雁峰街道办事处', '东风街道办事处', '未识别单位']);
  });

  it('gives one summary row per submission with its counts, totals and grades; numbers as numbers', () => {
    const [header, ...rows] = rowsOf(workbook.getWorksheet('汇总')!);
    expect(header!.slice(0, 13)).toEqual(['单位', '年度', '文件数', '文件', '错误', '警告', '提示', '无法读取的文件', '状态', '部门整体表 自评总分', '自评等级', '复核总分', '复核等级']);
    expect(rows).toHaveLength(3);
    expect(rows[0]!.slice(0, 13)).toEqual(['雁峰区雁峰街道办事处', 2021, 2, 'a/雁峰-附件1.docx\na/雁峰-附件2.docx', 2, 8, 4, 0, '有错误', 86, '良', 94.485, '优']);
    expect(rows[1]!.slice(0, 9)).toEqual(['东风街道办事处', 2022, 1, 'b/东风街道.docx', 0, 0, 2, 0, '仅有提示']);
    expect(rows[2]!.slice(3, 9)).toEqual(['c/坏.docx', 0, 0, 0, 1, '有文件无法读取']);
    const summary = workbook.getWorksheet('汇总')!;
    for (const col of [2, 3, 5, 6, 7, 10, 12]) expect(summary.getRow(2).getCell(col).type).toBe(ExcelJS.ValueType.Number);
  });

  it('lists every finding of a unit on its sheet, with the rule’s title, every location, figures as numbers', () => {
    const sheet = workbook.getWorksheet('雁峰区雁峰街道办事处')!;
    const [header, ...rows] = rowsOf(sheet);
    expect(header).toEqual(['文件', '单位', '年度', '表', '规则编号', '规则', '严重程度', '问题说明', '标注值', '复核值', '位置', '指纹']);
    expect(rows).toHaveLength(14);
    expect(rows[0]!.slice(0, 11)).toEqual([
      'a/雁峰-附件1.docx', '雁峰区雁峰街道办事处', 2021, '部门整体支出绩效自评表', 'level1-weight-sum', '一级指标分值与三级指标合计不符', '错误',
      '一级指标“效益指标”标注30分，其下三级指标分值合计40分', 30, 40, '表1 第7行 第1列；表1 第7行 第6列；表1 第8行 第6列；表1 第9行 第6列',
    ]);
    expect(sheet.getRow(2).getCell(9).type).toBe(ExcelJS.ValueType.Number);
    // The broken file's row says why it has no findings.
    expect(rowsOf(workbook.getWorksheet('未识别单位')!)[1]![7]).toMatch(/^无法读取：文件已损坏。/);
  });

  it('freezes and filters the header row of every sheet, and sizes columns to their Chinese text', () => {
    for (const sheet of workbook.worksheets) {
      expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
      expect(sheet.autoFilter).toBeTruthy();
      const header = sheet.getRow(1);
      expect(header.font?.bold).toBe(true);
      header.eachCell((cell, col) => {
        // A column of Excel's default width (9) is written without a width of its own.
        expect(sheet.getColumn(col).width ?? 9).toBeGreaterThanOrEqual(Math.min(textWidth(String(cell.value)), 50));
      });
    }
    const units = workbook.getWorksheet('雁峰区雁峰街道办事处')!;
    // 单位: ten characters of two columns each.
    expect(units.getColumn(2).width).toBeGreaterThanOrEqual(20);
    // 问题说明 is long: capped and wrapped.
    expect(units.getColumn(8).width).toBeLessThanOrEqual(62);
    expect(units.getColumn(8).alignment?.wrapText).toBe(true);
  });

  it('keeps text that looks like a formula as text', () => {
    const sheet = workbook.getWorksheet('东风街道办事处')!;
    const cell = sheet.getRow(2).getCell(8);
    expect(cell.type).toBe(ExcelJS.ValueType.String);
    expect(cell.value).toBe('=HYPERLINK("http://x","点我")');
  });

  it('is in English with lang en', async () => {
    const en = new ExcelJS.Workbook();
    await en.xlsx.load((await renderFindingsXlsx(batch('en'), 'en')) as unknown as ArrayBuffer);
    expect(en.worksheets.map((s) => s.name).slice(0, 2)).toEqual(['Summary', 'Totals by form']);
    const [header, first] = rowsOf(en.getWorksheet('Summary')!);
    expect(header!.slice(0, 9)).toEqual(['unit', 'year', 'files', 'file names', 'errors', 'warnings', 'notes', 'unreadable files', 'status']);
    expect(first!.slice(9, 13)).toEqual([86, 'good', 94.485, 'excellent']);
    expect(rowsOf(en.getWorksheet('雁峰区雁峰街道办事处')!)[1]![6]).toBe('Error');
  });

  it('is opened by LibreOffice: every sheet converts to CSV with its rows', async () => {
    const out = join(dir, 'csv');
    const profile = pathToFileURL(join(dir, 'lo-profile')).href;
    // Filter options: comma, double quote, UTF-8, from row 1, …, -1: every sheet to its own file.
    await run('soffice', [`-env:UserInstallation=${profile}`, '--headless', '--convert-to', 'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1', '--outdir', out, path], { timeout: 170_000 });
    const files = (await readdir(out)).sort();
    expect(files).toEqual(['findings-东风街道办事处.csv', 'findings-各表得分.csv', 'findings-未识别单位.csv', 'findings-汇总.csv', 'findings-雁峰区雁峰街道办事处.csv'].sort());
    // LibreOffice ends records with LF; the reader wants RFC 4180's CRLF.
    const csv = async (name: string) => parseCsv((await readFile(join(out, name), 'utf8')).replace(/\r?\n/g, '\r\n'));
    const summary = await csv('findings-汇总.csv');
    expect(summary[1]!.slice(0, 3)).toEqual(['雁峰区雁峰街道办事处', '2021', '2']);
    expect(summary[1]![11]).toBe('94.485');
    const unit = await csv('findings-雁峰区雁峰街道办事处.csv');
    expect(unit.filter((r) => r.length > 1)).toHaveLength(15);
  }, 180_000);
});
