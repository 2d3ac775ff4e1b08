import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { cellsStartingInRow, type Block, type TableBlock } from '@jxaudit/model';
import { describe, expect, it } from 'vitest';
import { decodeText } from '../src/decode.ts';
import { parseDocx } from '../src/docx/index.ts';
import { parseTxt } from '../src/txt/index.ts';

const seed = (name: string) => new Uint8Array(readFileSync(fileURLToPath(new URL(`../../../fixtures/seed/${name}`, import.meta.url))));

function readTxt(name: string): Block[] {
  const decoded = decodeText(seed(name));
  if (!decoded.ok) throw new Error(decoded.error.messageEn);
  return parseTxt(decoded.text, 'yanfeng-2021.txt').blocks;
}

/** Whitespace runs become one space; a cell holding only U+3000 (the sample's "empty") is empty. */
const normalise = (text: string) => text.replace(/\s+/g, ' ').trim();

/**
 * What the .docx and the .txt must agree on, row by row: the cells that start in the row, in
 * order, with their text and their vertical span. Horizontal spans are left out: the text cannot
 * tell them.
 */
function comparableRows(table: TableBlock): { text: string; rowSpan: number }[][] {
  return Array.from({ length: table.rows }, (_, r) => cellsStartingInRow(table, r).map((c) => ({ text: normalise(c.text), rowSpan: c.rowSpan })));
}

const tablesOf = (blocks: Block[]) => blocks.filter((b): b is TableBlock => b.type === 'table');

describe('the sample as .txt in three encodings', () => {
  const utf8 = readTxt('yanfeng-2021.txt');

  it.each(['yanfeng-2021.gb18030.txt', 'yanfeng-2021.utf16le-bom.txt'])('%s gives the same blocks as the UTF-8 file', (name) => {
    expect(readTxt(name)).toEqual(utf8);
  });
});

describe('the sample as .txt and as .docx', () => {
  const docxRead = parseDocx(seed('yanfeng-2021.docx'), 'yanfeng-2021.docx');

  it('has the same tables: same rows, same cells in the same order, same text, same vertical merges', async () => {
    const docx = await docxRead;
    if (!docx.ok) throw new Error(docx.error.messageEn);
    const fromDocx = tablesOf(docx.blocks);
    const fromTxt = tablesOf(readTxt('yanfeng-2021.txt'));
    expect(fromDocx).toHaveLength(2);
    expect(fromTxt.map((t) => [t.index, t.rows, t.cols])).toEqual(fromDocx.map((t) => [t.index, t.rows, t.cols]));
    fromDocx.forEach((table, i) => {
      expect(comparableRows(fromTxt[i])).toEqual(comparableRows(table));
    });
  });

  it('has the same paragraphs outside the tables, in the same order', async () => {
    const docx = await docxRead;
    if (!docx.ok) throw new Error(docx.error.messageEn);
    const texts = (blocks: Block[]) => blocks.map((b) => (b.type === 'table' ? `table ${b.index}` : normalise(b.text)));
    expect(texts(readTxt('yanfeng-2021.txt'))).toEqual(texts(docx.blocks));
  });
});
