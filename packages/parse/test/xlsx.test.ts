/**
 * The workbook reader: a sheet's used range as a table with Excel's merges, the text Excel shows
 * (number formats, dates, text-stored numbers), hidden rows and columns marked, caption rows as
 * paragraphs, locations by sheet and A1 address; and the bad workbooks of issue 14.
 */
import { describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import CFB from 'cfb';
import { strToU8, zipSync } from 'fflate';
import type { Block, TableBlock } from '@jxaudit/model';
import { readDocument } from '../src/index.ts';

async function workbook(build: (wb: ExcelJS.Workbook) => void): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  build(wb);
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

const tables = (blocks: Block[]) => blocks.filter((b): b is TableBlock => b.type === 'table');
const cellAt = (t: TableBlock, address: string) => t.cells.find((c) => c.address === address);

describe('xlsx: what Excel shows', () => {
  it('number formats, dates, text-stored numbers, formulas with cached results, merges, hidden rows and columns, captions', async () => {
    const bytes = await workbook((wb) => {
      const ws = wb.addWorksheet('附件1');
      ws.getCell('B2').value = '部门整体支出绩效自评表';
      ws.mergeCells('B2:F2');
      ws.getCell('B3').value = '（2021年度）';
      ws.getCell('B4').value = '项目';
      ws.getCell('C4').value = '年度资金';
      ws.mergeCells('C4:D4');
      ws.getCell('E4').value = '执行率';
      ws.getCell('F4').value = '日期';
      ws.getCell('B5').value = '合计';
      ws.mergeCells('B5:B6');
      ws.getCell('C5').value = 2021.2899999;
      ws.getCell('C5').numFmt = '0.00';
      ws.getCell('D5').value = { formula: 'C5*2', result: 4042.5799998 } as ExcelJS.CellFormulaValue;
      ws.getCell('D5').numFmt = '#,##0.00';
      ws.getCell('E5').value = 0.8619;
      ws.getCell('E5').numFmt = '0.00%';
      ws.getCell('F5').value = new Date(Date.UTC(2021, 11, 31));
      ws.getCell('F5').numFmt = 'yyyy"年"m"月"d"日"';
      ws.getCell('C6').value = '0123';
      ws.getCell('D6').value = 1461.6;
      ws.getCell('E6').value = { formula: 'D6/C5', result: 0.7231 } as ExcelJS.CellFormulaValue;
      ws.getCell('E6').numFmt = '0%';
      ws.getRow(6).hidden = true;
      ws.getColumn('D').hidden = true;
      ws.getCell('H20').value = '';
      ws.getCell('A30').value = { richText: [{ text: '' }] } as ExcelJS.CellRichTextValue;
    });
    const read = await readDocument({ path: 'wb.xlsx', bytes });
    expect(read.error).toBeNull();
    expect(read.source).toMatchObject({ format: 'xlsx', layout: 'xlsx', reader: 'exceljs' });
    const paragraphs = read.blocks.filter((b) => b.type === 'paragraph');
    expect(paragraphs.map((p) => [p.text, p.at.sheet, p.at.address])).toEqual([
      ['部门整体支出绩效自评表', '附件1', 'B2'],
      ['（2021年度）', '附件1', 'B3'],
    ]);
    const [t] = tables(read.blocks);
    // the used range B4:F6: trailing empties (H20, A30) dropped
    expect([t.rows, t.cols, t.sheet, t.origin]).toEqual([3, 5, '附件1', { row: 3, col: 1 }]);
    expect(cellAt(t, 'C4')).toMatchObject({ row: 0, col: 1, rowSpan: 1, colSpan: 2, text: '年度资金' });
    expect(cellAt(t, 'D4')).toBeUndefined();
    expect(cellAt(t, 'B5')).toMatchObject({ row: 1, col: 0, rowSpan: 2, colSpan: 1, text: '合计', hidden: true });
    expect(cellAt(t, 'C5')).toMatchObject({ text: '2021.29', number: 2021.2899999 });
    expect(cellAt(t, 'D5')).toMatchObject({ text: '4,042.58', formula: 'C5*2', number: 4042.5799998, hidden: true });
    expect(cellAt(t, 'E5')?.text).toBe('86.19%');
    expect(cellAt(t, 'F5')?.text).toBe('2021年12月31日');
    expect(cellAt(t, 'C6')).toMatchObject({ text: '0123', hidden: true });
    expect(cellAt(t, 'C6')?.number).toBeUndefined();
    expect(cellAt(t, 'D6')?.text).toBe('1461.6');
    expect(cellAt(t, 'E6')).toMatchObject({ text: '72%', formula: 'D6/C5' });
    expect(t.hiddenRows).toEqual([2]);
    expect(t.hiddenCols).toEqual([2]);
    // every grid position is covered exactly once
    const covered = new Set<string>();
    for (const c of t.cells) for (let r = c.row; r < c.row + c.rowSpan; r++) for (let k = c.col; k < c.col + c.colSpan; k++) {
      expect(covered.has(`${r}:${k}`)).toBe(false);
      covered.add(`${r}:${k}`);
    }
    expect(covered.size).toBe(t.rows * t.cols);
  });

  it('several sheets: one table each, numbered across the workbook; an empty sheet gives nothing', async () => {
    const bytes = await workbook((wb) => {
      wb.addWorksheet('空白');
      for (const name of ['甲', '乙']) {
        const ws = wb.addWorksheet(name);
        ws.addRow(['a', 'b']);
        ws.addRow([1, 2]);
      }
    });
    const read = await readDocument({ path: 'two.xlsm', bytes });
    expect(tables(read.blocks).map((t) => [t.index, t.sheet, t.rows, t.cols])).toEqual([
      [0, '甲', 2, 2],
      [1, '乙', 2, 2],
    ]);
  });
});

describe('xlsx: bad workbooks get a typed error or a bounded read', () => {
  it('a zip that is neither a workbook nor a Word document: not-word, naming what it holds', async () => {
    const bytes = zipSync({ 'readme.txt': strToU8('hello'), 'data/x.csv': strToU8('1,2') });
    const read = await readDocument({ path: 'fake.xlsx', bytes });
    expect(read.error?.code).toBe('not-word');
    expect(read.error?.message).toContain('readme.txt');
  });

  it('a workbook of 1,000,000 rows: too-large, found while inflating its first rows', async () => {
    // built directly as XML (exceljs would take a minute to write it): 26 MB of rows, stored
    const sheet = `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${'<row><c><v>1</v></c></row>'.repeat(1_000_000)}</sheetData></worksheet>`;
    const bytes = zipSync(
      {
        '[Content_Types].xml': strToU8('<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>'),
        'xl/workbook.xml': strToU8('<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheets><sheet name="S" sheetId="1" r:id="rId1" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"/></sheets></workbook>'),
        'xl/worksheets/sheet1.xml': strToU8(sheet),
      },
      { level: 0 },
    );
    const read = await readDocument({ path: 'huge.xlsx', bytes });
    expect(read.error?.code).toBe('too-large');
    expect(read.error?.message).toContain('超过 20000 行');
    // under a lower inflation bound, the declared size refuses it first
    const small = await readDocument({ path: 'huge.xlsx', bytes }, { xlsx: { maxInflatedBytes: 1024 * 1024 } });
    expect(small.error?.code).toBe('too-large');
    expect(small.error?.message).toContain('声明解压后');
  });

  it('an encrypted workbook (an OLE file with EncryptionInfo/EncryptedPackage): encrypted', async () => {
    const cfb = CFB.utils.cfb_new();
    CFB.utils.cfb_add(cfb, '/EncryptionInfo', Buffer.from([4, 0, 4, 0, 0x40, 0, 0, 0]));
    CFB.utils.cfb_add(cfb, '/EncryptedPackage', Buffer.alloc(4096, 7));
    const bytes = new Uint8Array(CFB.write(cfb, { type: 'buffer' }) as Buffer);
    const read = await readDocument({ path: '加密.xlsx', bytes });
    expect(read.error?.code).toBe('encrypted');
  });

  it('a macro-enabled workbook: the cells are read, the macros never run, a warning says so', async () => {
    const plain = await workbook((wb) => wb.addWorksheet('S').addRow(['a', 1]));
    const { unzipSync } = await import('fflate');
    const files = unzipSync(plain);
    files['xl/vbaProject.bin'] = new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 1, 2, 3]);
    const read = await readDocument({ path: 'macro.xlsm', bytes: zipSync(files) });
    expect(read.error).toBeNull();
    expect(read.warnings.map((w) => w.code)).toContain('macros-ignored');
    expect(tables(read.blocks)[0].cells.map((c) => c.text)).toEqual(['a', '1']);
  });

  it('a workbook part with a DTD: unsafe-xml', async () => {
    const plain = await workbook((wb) => wb.addWorksheet('S').addRow(['a']));
    const { unzipSync, strFromU8 } = await import('fflate');
    const files = unzipSync(plain);
    files['xl/sharedStrings.xml'] = strToU8(strFromU8(files['xl/sharedStrings.xml']).replace('?>', '?><!DOCTYPE x [<!ENTITY a "aaaa">]>'));
    const read = await readDocument({ path: 'dtd.xlsx', bytes: zipSync(files) });
    expect(read.error?.code).toBe('unsafe-xml');
  });

  it('a truncated workbook: corrupt-zip', async () => {
    const plain = await workbook((wb) => wb.addWorksheet('S').addRow(['a', 1]));
    const read = await readDocument({ path: 'cut.xlsx', bytes: plain.subarray(0, Math.floor(plain.length / 2)) });
    expect(['corrupt-zip', 'not-word']).toContain(read.error?.code);
  });
});
