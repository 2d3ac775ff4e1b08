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
