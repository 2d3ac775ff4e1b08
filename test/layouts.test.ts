/**
 * The sample submission as a real user's text exports: the same forms and the same 47 findings as
 * the .docx, whichever way the text was produced. The exports are generated here from the grid
 * the .docx reader rebuilds (its merged cells, its paragraphs), the way each tool writes them, so
 * nothing large is committed:
 *
 * - tabbed, spreadsheet style: every row as wide as the grid, cells separated by TABs, a cell
 *   holding several paragraphs quoted over several lines, CRLF; a merged cell's text repeated
 *   in every position it covers (WPS/Excel "fill merged cells"), or only in its first position
 *   and the others left empty (a copy of merged cells);
 * - the same with the title lines above each table as rows of the sheet, merged across its width;
 * - tabbed, Word "save as plain text": one field per Word cell (a horizontally merged cell is one
 *   field, a vertical continuation an empty field), paragraphs of a cell joined with Word's
 *   line-break mark (vertical tab), CRLF;
 * - pipe, one row per line: `| a | b |` with `<br>` between paragraphs, one field per Word cell;
 *   the same as Markdown (a separator line under the first row);
 * - pipe, one cell per line: a cell's last line ends with `|`, a blank line ends a row, two end
 *   the table;
 * - some of them as Excel's "Unicode text" (UTF-16LE, BOM), as Chinese-Windows ANSI (GB18030),
 *   or saved again by an editor that trims trailing blanks;
 * - the sample's own Tika text with CR line endings, form feeds between the attachments, NBSP
 *   and U+3000 in empty cells, encoded GB18030 without a BOM.
 *
 * The sample's empty cells hold U+3000 or NBSP in every export. The same exports of the family 3
 * and 2b forms must give their .docx's forms and findings too.
 *
 * Not covered, because the text cannot carry it (packages/parse/README.md): a cell's paragraphs
 * written as bare line ends (no quotes, no vertical tab), which split its row; an HTML table copy
 * whose rows lack the cells a rowspan covers; pipe cells with no blank line above the table.
 */
import { readFileSync, writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cellsCoveringRow, positionIndex, type Block, type Cell, type Finding, type Form, type Report, type TableBlock } from '@jxaudit/model';
import { readDocument, recognizeForms } from '@jxaudit/parse';
import { checkFiles } from '@jxaudit/ingest';
import { resolveProfile } from '@jxaudit/score';
import { formMeaning } from './helpers/forms.ts';

const SEED = join(import.meta.dirname, '..', 'fixtures', 'seed');
// The parse package's encoder (TextEncoder writes UTF-8 only).
const iconv = createRequire(join(import.meta.dirname, '..', 'packages', 'parse', 'package.json'))('iconv-lite') as {
  encode(text: string, encoding: string, options?: { addBOM?: boolean }): Uint8Array;
};
const DOCX = join(SEED, 'yanfeng-2021.docx');

const meaning = formMeaning;

/** A finding as golden-sample.test.ts compares it: rule, severity, form kind, figures, indicator row. */
function observe(reports: Report[]): string[] {
  return reports
    .flatMap((r) =>
      r.findings.map((f: Finding) => {
        const form = f.form === null ? undefined : r.forms[f.form];
        const first = f.at[0];
        const ind = form?.indicators.find((i) => first && i.at.table === first.table && i.at.row === first.row && i.at.col === first.col && i.at.line === first.line);
        return JSON.stringify([f.rule, f.severity, form?.kind ?? null, f.declared, f.computed, ind?.name ?? null]);
      }),
    )
    .sort();
}

// ---- the exports, written from the .docx grid ----

/** The Word cells of a grid row, left to right: origin cells, and the continuations of cells merged from above. */
function wordCells(table: TableBlock, r: number): { cell: Cell; origin: boolean }[] {
  return cellsCoveringRow(table, r).map((cell) => ({ cell, origin: cell.row === r }));
}

/**
 * A cell's paragraphs joined with `separator`. The sample's "empty" cells (the reasons, the cell
 * beside 年度预算申请, the empty expense line) hold U+3000 or NBSP, alternately, as typed in Word;
 * the vertical continuations of merged cells stay empty.
 */
const blanks = new Map<Cell, string>();
function textOf(cell: Cell, separator: string): string {
  if (cell.paragraphs.length) return cell.paragraphs.join(separator);
  if (!blanks.has(cell)) blanks.set(cell, blanks.size % 2 ? '\u00a0' : '\u3000');
  return blanks.get(cell)!;
}

/** Every row as wide as the grid; `repeat`: a merged cell's text in every position it covers, else in its first only. */
function spreadsheetRows(table: TableBlock, repeat: boolean): string[][] {
  const cover = positionIndex(table);
  return cover.map((line, r) =>
    line.map((cell, c) => {
      if (!cell) return '';
      if (!repeat && (cell.row !== r || cell.col !== c)) return '';
      return textOf(cell, '\n');
    }),
  );
}

const quoteField = (text: string) => (/[\n"\t]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text);

function render(blocks: Block[], table: (t: TableBlock) => string[], after: string[] = []): string[] {
  const out: string[] = [];
  for (const b of blocks) {
    if (b.type === 'paragraph') out.push(b.text);
    else out.push(...table(b), ...after);
  }
  return out;
}

/**
 * The forms kept in a spreadsheet: the lines above each table (附件1, its title, its year) are
 * rows of the sheet merged across its width, written out like the table's own merged cells.
 */
function sheet(blocks: Block[], repeat: boolean): string {
  const out: string[] = [];
  blocks.forEach((b, i) => {
    if (b.type === 'table') out.push(...spreadsheetRows(b, repeat).map((row) => row.map(quoteField).join('\t')));
    else {
      const below = blocks.slice(i + 1, i + 4).find((x): x is TableBlock => x.type === 'table');
      out.push(below ? Array.from({ length: below.cols }, (_, c) => (repeat || c === 0 ? b.text : '')).join('\t') : b.text);
    }
  });
  return out.join('\r\n').replace(/(?<!\r)\n/g, '\r\n') + '\r\n';
}

const EXPORTS: Record<string, (blocks: Block[]) => string> = {
  'tabbed-repeated': (blocks) =>
    render(blocks, (t) => spreadsheetRows(t, true).map((row) => row.map(quoteField).join('\t'))).join('\r\n').replace(/(?<!\r)\n/g, '\r\n') + '\r\n',
  'tabbed-empty': (blocks) =>
    render(blocks, (t) => spreadsheetRows(t, false).map((row) => row.map(quoteField).join('\t'))).join('\r\n').replace(/(?<!\r)\n/g, '\r\n') + '\r\n',
  'tabbed-sheet-repeated': (blocks) => sheet(blocks, true),
  'tabbed-sheet-empty': (blocks) => sheet(blocks, false),
  'tabbed-word': (blocks) =>
    render(blocks, (t) =>
      Array.from({ length: t.rows }, (_, r) =>
        wordCells(t, r)
          .map(({ cell, origin }) => (origin ? textOf(cell, '\u000b') : ''))
          .join('\t'),
      ),
    ).join('\r\n') + '\r\n',
  'pipe-rows': (blocks) =>
    render(
      blocks,
      (t) =>
        Array.from({ length: t.rows }, (_, r) =>
          `| ${wordCells(t, r)
            .map(({ cell, origin }) => (origin ? textOf(cell, '<br>') : ''))
            .join(' | ')} |`.replace(/ +\|/g, ' |'),
        ),
      [''],
    ).join('\n') + '\n',
  // Markdown from a web-page converter: the same rows, a separator line under the first.
  'pipe-markdown': (blocks) =>
    render(
      blocks,
      (t) =>
        Array.from({ length: t.rows }, (_, r) => [
          `| ${wordCells(t, r)
            .map(({ cell, origin }) => (origin ? textOf(cell, '<br>') : ''))
            .join(' | ')} |`.replace(/ +\|/g, ' |'),
          ...(r === 0 ? [`|${' --- |'.repeat(wordCells(t, 0).length)}`] : []),
        ]).flat(),
      [''],
    ).join('\n') + '\n',
  // A blank line before the table: without it the lines just above the table cannot be told from
  // its first cell's earlier lines (the limit is shown in packages/parse/test/txt.test.ts).
  'pipe-cells': (blocks) =>
    render(
      blocks,
      (t) => [
        '',
        ...Array.from({ length: t.rows }, (_, r) =>
          wordCells(t, r)
            .map(({ cell, origin }) => (origin ? textOf(cell, '\n') : '') + '|')
            .join('\n') + '\n',
        ),
      ],
      ['', ''],
    ).join('\n') + '\n',
};

/**
 * The sample's Tika text as a Windows tool on a Chinese system might leave it: CR line endings, a
 * form feed before each attachment and before the report, GB18030 without a BOM, and NBSP or
 * U+3000 (alternately) in every empty cell that follows another cell of its row (the empty cell
 * beside 年度预算申请, the reasons, the empty expense line). A leading empty cell may be the
 * continuation of a vertical merge, which Word leaves without text: it stays a lone TAB.
 */
function tikaVariant(): { bytes: Uint8Array; spaces: number } {
  let nbsp = false;
  let spaces = 0;
  const lines = readFileSync(join(SEED, 'yanfeng-2021.txt'), 'utf8')
    .replace('\n附件2', '\n\f附件2')
    .replace('\n2021年度雁峰街道绩效评价报告', '\n\f2021年度雁峰街道绩效评价报告')
    .split('\n');
  const text = lines
    .map((line, i) => {
      const prev = lines[i - 1] ?? '';
      if (!/^\t\u3000?$/.test(line) || prev === '' || prev === '\t') return line;
      spaces++;
      return `\t${(nbsp = !nbsp) ? '\u00a0' : '\u3000'}`;
    })
    .join('\r');
  return { bytes: new Uint8Array(iconv.encode(text, 'gb18030')), spaces };
}

// JX_KEEP_LAYOUTS=1 keeps the exports for a look (the directory is printed).
const dir = mkdtempSync(join(tmpdir(), 'jx-layouts-'));
afterAll(() => (process.env.JX_KEEP_LAYOUTS ? console.log(`exports kept in ${dir}`) : rmSync(dir, { recursive: true, force: true })));

async function formsOf(path: string): Promise<{ forms: Form[]; layout: string | null }> {
  const read = await readDocument({ path, bytes: new Uint8Array(readFileSync(path)) });
  expect(read.error).toBeNull();
  return { forms: recognizeForms(read.blocks, path).forms, layout: read.source.layout };
}

const check = (path: string) => checkFiles([path], { lang: 'zh', resolveProfile: (name) => resolveProfile(name) });

describe('the sample as a user’s text exports gives the forms and findings of the .docx', async () => {
  const docxRead = await readDocument({ path: DOCX, bytes: new Uint8Array(readFileSync(DOCX)) });
  const docxForms = recognizeForms(docxRead.blocks, DOCX).forms;
  const docxFindings = observe(await check(DOCX));

  const files: [string, string, string][] = Object.entries(EXPORTS).map(([name, write]) => {
    const path = join(dir, `yanfeng-2021.${name}.txt`);
    writeFileSync(path, write(docxRead.blocks), 'utf8');
    return [name, path, name.split('-')[0]];
  });
  // What Windows writes: Excel's "Unicode text" is UTF-16LE with a BOM; Word's and Notepad's "ANSI"
  // on a Chinese system is GBK, read as GB18030.
  for (const [name, encoding, bom] of [
    ['tabbed-repeated', 'utf16le', true],
    ['tabbed-empty', 'utf16le', true],
    ['tabbed-word', 'gb18030', false],
  ] as const) {
    const path = join(dir, `yanfeng-2021.${name}.${encoding}.txt`);
    writeFileSync(path, iconv.encode(EXPORTS[name](docxRead.blocks), encoding, { addBOM: bom }));
    files.push([`${name} (${encoding})`, path, 'tabbed']);
  }
  // Saved again from an editor that trims trailing whitespace: trailing empty cells are gone.
  for (const name of ['tabbed-empty', 'tabbed-word'] as const) {
    const path = join(dir, `yanfeng-2021.${name}.trimmed.txt`);
    writeFileSync(path, EXPORTS[name](docxRead.blocks).replace(/[ \t\u3000\u00a0]+(?=\r?\n)/g, ''), 'utf8');
    files.push([`${name} (trailing blanks trimmed)`, path, 'tabbed']);
  }
  const tika = join(dir, 'yanfeng-2021.tika-cr-gb18030.txt');
  const variant = tikaVariant();
  writeFileSync(tika, variant.bytes);
  files.push(['tika-cr-gb18030', tika, 'tika']);

  it('has 47 findings from the .docx; the Tika variant has no LF, no BOM, and blanks in 30+ empty cells', () => {
    expect(docxFindings).toHaveLength(47);
    expect(variant.bytes.includes(0x0a)).toBe(false);
    expect(Array.from(variant.bytes.slice(0, 3))).not.toEqual([0xef, 0xbb, 0xbf]);
    expect(variant.spaces).toBeGreaterThan(30);
  });

  it.each(files)('%s: same layout family, same three forms', async (name, path, layout) => {
    const { forms, layout: read } = await formsOf(path);
    expect(read).toBe(layout);
    const got = forms.map(meaning) as { tables: number[] }[];
    if (name.startsWith('tabbed-sheet')) {
      // One sheet holds both forms: one table.
      expect(got.map((f) => f.tables)).toEqual([[0], [0], []]);
      got[1].tables = [1];
    }
    expect(got).toEqual(docxForms.map(meaning));
  });

  it.each(files)('%s: same 47 findings, no reading warning', async (_name, path) => {
    const reports = await check(path);
    expect(reports[0].error).toBeNull();
    expect(reports[0].warnings).toEqual([]);
    expect(observe(reports)).toEqual(docxFindings);
  });
});

describe('the invented forms of the other families as the same exports give the forms and findings of their .docx', () => {
  const FIXTURES = join(import.meta.dirname, '..', 'fixtures');
  describe.each(['family3/sichuan-2023.docx', 'family2b/lettered-2022.docx'])('%s', async (source) => {
    const path = join(FIXTURES, source);
    const docxRead = await readDocument({ path, bytes: new Uint8Array(readFileSync(path)) });
    const docxForms = recognizeForms(docxRead.blocks, path).forms;
    const docxFindings = observe(await check(path));
    const files = Object.entries(EXPORTS).map(([name, write]) => {
      const out = join(dir, `${source.replace(/\W/g, '_')}.${name}.txt`);
      writeFileSync(out, write(docxRead.blocks), 'utf8');
      return [name, out] as const;
    });

    it.each(files)('%s: same forms, same findings', async (name, out) => {
      const { forms } = await formsOf(out);
      expect(forms.length).toBeGreaterThan(0);
      const got = forms.map(meaning) as { tables: number[] }[];
      const want = docxForms.map(meaning) as { tables: number[] }[];
      // One sheet holds every table of the file.
      if (name.startsWith('tabbed-sheet')) got.forEach((f, i) => (f.tables = want[i]?.tables ?? f.tables));
      expect(got).toEqual(want);
      const reports = await check(out);
      expect(reports[0].warnings).toEqual([]);
      expect(observe(reports)).toEqual(docxFindings);
    });
  });
});
