import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkFiles } from '@jxaudit/ingest';
import { location, type Report } from '@jxaudit/model';
import { resolveProfile } from '@jxaudit/score';
import { CSV_COLUMNS, csvField, renderFindingsCsv } from '../src/report/csv.ts';
import { writeBatchOutputs } from '../src/report/write.ts';
import { parseCsv, replaceTexts, sampleReport, unreadableReport } from './report-fixture.ts';

/** Rows by English column name, whatever the language of the header. */
function rowsOf(csv: string, lang: 'zh' | 'en' = 'zh'): Record<string, string>[] {
  expect(csv.charCodeAt(0)).toBe(0xfeff);
  const [header, ...rows] = parseCsv(csv.slice(1));
  expect(header).toEqual([...CSV_COLUMNS[lang]]);
  for (const r of rows) expect(r).toHaveLength(CSV_COLUMNS[lang].length);
  return rows.map((r) => Object.fromEntries(CSV_COLUMNS.en.map((h, i) => [h, r[i]!])));
}

describe('findings.csv', () => {
  it('has Chinese headers and values, a BOM, CRLF records, one row per finding with the rule’s title and every location', () => {
    const csv = renderFindingsCsv([{ relative: 'inbox/雁峰街道2021.docx', report: sampleReport() }], 'zh');
    expect(csv.startsWith('\ufeff文件,单位,年度,表,规则编号,规则,严重程度,问题说明,标注值,复核值,位置,指纹\r\n')).toBe(true);
    const rows = rowsOf(csv);
    expect(rows).toHaveLength(7);
    expect(rows[0]).toEqual({
      file: 'inbox/雁峰街道2021.docx',
      unit: '雁峰区雁峰街道办事处',
      year: '2021',
      form: '部门整体支出绩效自评表',
      rule: 'level1-weight-sum',
      'rule title': '一级指标分值与三级指标合计不符',
      severity: '错误',
      message: '一级指标“效益指标”标注30分，其下三级指标分值合计40分',
      declared: '30',
      computed: '40',
      location: '表1 第7行 第1列；表1 第7行 第6列；表1 第8行 第6列；表1 第9行 第6列',
      fingerprint: sampleReport().findings[0]!.fingerprint,
    });
    expect(new Set(rows.map((r) => r.severity))).toEqual(new Set(['错误', '警告', '提示']));
    const narrative = rows.find((r) => r.rule === 'narr-qizhong-sum')!;
    expect(narrative.form).toBe('绩效自评报告');
    expect(narrative.declared).toBe('3582.3');
    expect(narrative.location).toBe('第13段');
    // A finding without figures leaves declared/computed empty.
    expect(rows.find((r) => r.rule === 'deviation-reason-missing')!.declared).toBe('');
  });

  it('gives a .txt line as 第94行', () => {
    const report = sampleReport({ file: 'yanfeng.txt' });
    const f = report.findings.find((x) => x.rule === 'malformed-quantity')!;
    f.at = [location({ file: 'yanfeng.txt', line: 94, text: f.at[0]!.text })];
    expect(rowsOf(renderFindingsCsv([{ relative: 'yanfeng.txt', report }], 'zh')).find((r) => r.rule === 'malformed-quantity')!.location).toBe('第94行');
  });

  it('gives a workbook cell by its sheet and A1 address, as Excel shows it', () => {
    const report = sampleReport({ file: 'yanfeng.xlsx' });
    const f = report.findings[0]!;
    f.at = [{ ...location({ file: 'yanfeng.xlsx', table: 0, row: 6, col: 4, text: '30' }), sheet: '附件1', address: 'E7' } as (typeof f.at)[number]];
    expect(rowsOf(renderFindingsCsv([{ relative: 'yanfeng.xlsx', report }], 'zh'))[0]!.location).toBe('工作表“附件1” E7');
    expect(rowsOf(renderFindingsCsv([{ relative: 'yanfeng.xlsx', report }], 'en'), 'en')[0]!.location).toBe('sheet “附件1” E7');
  });

  it('quotes commas, quotes and line breaks (RFC 4180) and parses back to the same text', () => {
    const message = '单位“A,B”填写 "12,3" 元\n第二行';
    const report: Report = replaceTexts(sampleReport(), { '一级指标“效益指标”标注30分，其下三级指标分值合计40分': message, '雁峰区雁峰街道办事处': '雁峰,"街道"' });
    const csv = renderFindingsCsv([{ relative: 'a,b "c".docx', report }], 'zh');
    expect(csv).toContain('"a,b ""c"".docx"');
    const rows = rowsOf(csv);
    expect(rows[0]!.message).toBe(message);
    expect(rows[0]!.unit).toBe('雁峰,"街道"');
    expect(rows[0]!.file).toBe('a,b "c".docx');
  });

  it('defuses text a spreadsheet would run as a formula, but keeps negative figures as numbers', () => {
    expect(csvField('=HYPERLINK("http://x","y")')).toBe(`"'=HYPERLINK(""http://x"",""y"")"`);
    expect(csvField('+1')).toBe("'+1");
    expect(csvField('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvField(-4.5)).toBe('-4.5');
    expect(csvField(null)).toBe('');
  });

  it('has no rows for a file that could not be read', () => {
    expect(rowsOf(renderFindingsCsv([{ relative: 'bad.docx', report: unreadableReport() }], 'zh'))).toEqual([]);
  });

  it('is in English with lang en (headers, form names, severities, rule titles, locations)', () => {
    const csv = renderFindingsCsv([{ relative: 'x.docx', report: sampleReport({ lang: 'en' }) }], 'en');
    expect(csv.startsWith('\ufefffile,unit,year,form,rule,rule title,severity,message,declared,computed,location,fingerprint\r\n')).toBe(true);
    const rows = rowsOf(csv, 'en');
    expect(rows[0]!.form).toBe('Department overall self-evaluation form');
    expect(rows[0]!.severity).toBe('Error');
    expect(rows[0]!['rule title']).toBe('Level-1 weight differs from its indicators');
    expect(rows[0]!.location).toBe('table 1 row 7 col 1; table 1 row 7 col 6; table 1 row 8 col 6; table 1 row 9 col 6');
  });
});

describe('findings.csv of the sample (needs readers, recognition and scoring)', () => {
  let out: string;
  let reports: Report[];
  beforeAll(async () => {
    out = await mkdtemp(join(tmpdir(), 'jx-csv-sample-'));
    reports = await checkFiles(['fixtures/seed/yanfeng-2021.docx'], {
      lang: 'zh',
      profile: resolveProfile('hunan-2021'),
      resolveProfile: (name) => resolveProfile(name),
    });
    await writeBatchOutputs(out, [{ report: reports[0]!, relative: 'yanfeng-2021.docx' }], 'zh');
  }, 120_000);
  afterAll(async () => {
    await rm(out, { recursive: true, force: true });
  });

  it('parses back into 47 data rows with Chinese intact', async () => {
    const rows = rowsOf(await readFile(join(out, 'findings.csv'), 'utf8'));
    expect(rows).toHaveLength(47);
    expect(rows.filter((r) => r.severity === '错误')).toHaveLength(3);
    expect(rows.filter((r) => r['rule title'] === '未完成指标未说明偏差原因')).toHaveLength(23);
    expect(rows.filter((r) => r.rule === 'level1-weight-sum').map((r) => r.declared)).toEqual(['30', '50', '40']);
    for (const r of rows) {
      expect(r.file).toBe('yanfeng-2021.docx');
      expect(r.unit).toMatch(/雁峰/);
      expect(r.message).toMatch(/[\u4e00-\u9fff]/);
      expect(r.message).not.toContain('\ufffd');
      expect(r.location).toMatch(/^(表\d+ 第\d+行 第\d+列|第\d+行|第\d+段|表\d+)(；(表\d+ 第\d+行 第\d+列|第\d+行|第\d+段|表\d+))*$/);
    }
  });
});
