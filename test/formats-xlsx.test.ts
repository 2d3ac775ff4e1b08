/**
 * The sample's two forms as a real Excel workbook (built here from the tables of the sample .docx:
 * two sheets, merged cells, formulas for the totals and rates, percentage formats), with the
 * narrative report beside it as a .docx: the 47 findings, located by sheet and A1 address; a
 * directory walk takes the workbook.
 */
import { mkdtempSync, rmSync, writeFileSync, copyFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkFiles } from '@jxaudit/ingest';
import { expandInputs } from '../packages/ingest/src/files.ts';
import { resolveProfile } from '@jxaudit/score';
import { expectGolden, SEED } from './helpers/golden.ts';
import { buildSampleWorkbook } from './helpers/workbook.ts';

let dir: string;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'jx-xlsx-'));
  writeFileSync(join(dir, 'yanfeng-2021.xlsx'), await buildSampleWorkbook());
  copyFileSync(join(SEED, 'yanfeng-2021-report.docx'), join(dir, 'yanfeng-2021-report.docx'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const check = (paths: string[]) => checkFiles(paths, { lang: 'zh', resolveProfile: (name) => resolveProfile(name) });

describe('the sample as a workbook', () => {
  it('the workbook and the report .docx: one submission, the 47 findings; cells by sheet and A1 address', async () => {
    const reports = await check([join(dir, 'yanfeng-2021.xlsx'), join(dir, 'yanfeng-2021-report.docx')]);
    expect(reports[0].source).toMatchObject({ format: 'xlsx', layout: 'xlsx', reader: 'exceljs' });
    expect(reports[0].forms.map((f) => f.kind)).toEqual(['department-overall', 'project']);
    expect(new Set(reports.map((r) => r.submission?.id)).size).toBe(1);
    expectGolden(reports);
    // the weight finding on 效益指标（30分）: its header cell and the indicator weights, by sheet and address
    const weight = reports[0].findings.find((f) => f.rule === 'level1-weight-sum' && f.declared === 30)!;
    expect(weight.at[0]).toMatchObject({ sheet: '附件1', address: 'B23', table: 0, row: 19, col: 1 });
    expect(weight.at.slice(1).every((l) => l.sheet === '附件1' && /^G\d+$/.test(l.address ?? ''))).toBe(true);
    // rates shown through their percentage formats
    const project = reports[0].forms[1];
    expect(project.funds.map((f) => f.rate?.raw)).toEqual(['133.86%', '100%', '147.43%']);
  });

  it('one total typed over its formula and one stale cached value: the 47 and the two findings on Excel’s evidence', async () => {
    const path = join(dir, 'yanfeng-2021-typed-stale.xlsx');
    writeFileSync(path, await buildSampleWorkbook({ typedTotal: true, staleTotal: true }));
    const reports = await check([path, join(dir, 'yanfeng-2021-report.docx')]);
    const own = (r: string) => reports[0].findings.filter((f) => f.rule === r);
    const stale = own('formula-stale');
    const typed = own('typed-total');
    expect(stale.map((f) => [f.severity, f.declared, f.computed, f.at[0].sheet, f.at[0].address])).toEqual([['warning', 86, 95, '附件1', 'H30']]);
    expect(typed.map((f) => [f.severity, f.declared, f.computed, f.at[0].sheet, f.at[0].address])).toEqual([['info', 1956.56, 1956.56, '附件2', 'F7']]);
    expect(own('formula-range-gap')).toEqual([]);
    // the rest are the 47
    const rest = reports.map((r) => ({ ...r, findings: r.findings.filter((f) => f !== stale[0] && f !== typed[0]) }));
    expectGolden(rest);
  });

  it('a directory walk takes .xlsx and .xlsm', async () => {
    const sub = mkdtempSync(join(dir, 'walk-'));
    copyFileSync(join(dir, 'yanfeng-2021.xlsx'), join(sub, 'a.xlsx'));
    copyFileSync(join(dir, 'yanfeng-2021.xlsx'), join(sub, 'b.xlsm'));
    writeFileSync(join(sub, 'c.pdf'), '%PDF-1.4');
    const found = await expandInputs([sub]);
    expect(found.map((f) => [f.relative, f.refused?.code ?? null])).toEqual([
      ['a.xlsx', null],
      ['b.xlsm', null],
      ['c.pdf', 'unsupported-format'],
    ]);
  });
});
