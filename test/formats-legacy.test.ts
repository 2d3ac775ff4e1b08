/**
 * Legacy formats through LibreOffice, for real: the sample saved by LibreOffice itself as a Word 97
 * .doc (and the same bytes named .wps: a Kingsoft .wps is a Word binary file, sniffed by content)
 * and its workbook saved as an Excel 97 .xls (and named .et) give the findings of the originals,
 * and their reports name the converter. Without LibreOffice: needs-converter.
 *
 * soffice is slow: the fixtures are made in beforeAll, the .doc and the .xls by two soffice runs
 * side by side (one --convert-to target per run); the product then converts each distinct file
 * once (the .wps and .et are the same bytes as the .doc and .xls: converted once per process).
 */
import { execFile } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Report } from '@jxaudit/model';
import { checkFiles, findSoffice } from '@jxaudit/ingest';
import { resolveProfile } from '@jxaudit/score';
import { expectGolden, SEED } from './helpers/golden.ts';
import { buildSampleWorkbook } from './helpers/workbook.ts';

const soffice = findSoffice();
let dir: string;

function saveAs(file: string, to: string, profile: string): Promise<void> {
  return new Promise((resolve, reject) => {
    execFile(
      soffice!,
      [`-env:UserInstallation=${pathToFileURL(join(dir, profile)).href}`, '--headless', '--norestore', '--nolockcheck', '--convert-to', to, '--outdir', dir, join(dir, file)],
      { timeout: 120_000, env: { ...process.env, SAL_USE_VCLPLUGIN: 'svp' } },
      (err) => (err ? reject(err) : resolve()),
    );
  });
}

beforeAll(async () => {
  // .ci/run installs libreoffice-writer and libreoffice-calc-nogui: without them this suite must fail, not skip
  expect(soffice, 'LibreOffice (soffice) is needed: apt-get install libreoffice-writer libreoffice-calc-nogui').not.toBeNull();
  dir = mkdtempSync(join(tmpdir(), 'jx-legacy-'));
  copyFileSync(join(SEED, 'yanfeng-2021.docx'), join(dir, 'yanfeng-2021.docx'));
  writeFileSync(join(dir, 'yanfeng-2021.xlsx'), await buildSampleWorkbook());
  await Promise.all([saveAs('yanfeng-2021.docx', 'doc', 'p1'), saveAs('yanfeng-2021.xlsx', 'xls', 'p2')]);
  copyFileSync(join(dir, 'yanfeng-2021.doc'), join(dir, 'yanfeng-2021.wps'));
  copyFileSync(join(dir, 'yanfeng-2021.xls'), join(dir, 'yanfeng-2021.et'));
  copyFileSync(join(SEED, 'yanfeng-2021-report.docx'), join(dir, 'yanfeng-2021-report.docx'));
}, 240_000);
afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const check = (files: string[], read?: Parameters<typeof checkFiles>[1]['read']) =>
  checkFiles(files.map((f) => join(dir, f)), { lang: 'zh', resolveProfile: (name) => resolveProfile(name), read });

function expectConverted(r: Report, from: string, format: string): void {
  expect(r.source.format).toBe(format);
  expect(r.source.converted).toMatchObject({ from, converter: 'LibreOffice' });
  expect(r.source.converted?.version).toMatch(/^\d+\.\d+/);
  // the report keeps the original file: its hash and size
  expect(r.source.bytes).toBe(readFileSync(r.source.path).length);
}

describe('legacy formats through LibreOffice', () => {
  it('the sample saved as Word 97 .doc: the 47 findings, the converter named', async () => {
    const [r] = await check(['yanfeng-2021.doc']);
    expect(readFileSync(join(dir, 'yanfeng-2021.doc')).subarray(0, 4).toString('hex')).toBe('d0cf11e0');
    expectConverted(r, 'doc', 'docx');
    expectGolden([r]);
  }, 120_000);

  it('the same bytes named .wps: sniffed as a Word binary, the 47 findings', async () => {
    const [r] = await check(['yanfeng-2021.wps']);
    expectConverted(r, 'doc', 'docx');
    expectGolden([r]);
  }, 120_000);

  it('the workbook saved as Excel 97 .xls, and named .et, with the report .docx: the 47 findings', async () => {
    for (const name of ['yanfeng-2021.xls', 'yanfeng-2021.et']) {
      const reports = await check([name, 'yanfeng-2021-report.docx']);
      expectConverted(reports[0], 'xls', 'xlsx');
      expect(reports[0].forms.map((f) => f.kind)).toEqual(['department-overall', 'project']);
      expectGolden(reports);
    }
  }, 180_000);

  it('without LibreOffice: needs-converter, with the command that installs it', async () => {
    const [r] = await check(['yanfeng-2021.doc'], { convert: undefined });
    expect(r.error?.code).toBe('needs-converter');
    expect(r.error?.message).toContain('apt-get install -y libreoffice-writer libreoffice-calc');
    expect(r.error?.messageEn).toContain('LibreOffice');
  });
});
