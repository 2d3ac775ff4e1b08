import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkFiles } from '@jxaudit/ingest';
import { ReportSchema, type Block, type Report } from '@jxaudit/model';
import { readDocument } from '@jxaudit/parse';
import { resolveProfile } from '@jxaudit/score';
import { writeBatchOutputs } from '../packages/ingest/src/report/write.ts';
import { inViewport, launchChromium, watchedPage } from '../packages/ingest/test/report-browser.ts';
import { sampleBlocks, sampleReport, unreadableReport } from '../packages/ingest/test/report-fixture.ts';

let browser: Browser;
const dirs: string[] = [];
beforeAll(async () => {
  browser = await launchChromium();
}, 60_000);
afterAll(async () => {
  await browser?.close();
  for (const d of dirs) await rm(d, { recursive: true, force: true });
});

async function tempDir(prefix: string): Promise<string> {
  const d = await mkdtemp(join(tmpdir(), prefix));
  dirs.push(d);
  return d;
}

async function open(path: string): Promise<{ page: Page; dialogs: string[]; errors: string[]; requests: string[] }> {
  const watched = await watchedPage(browser);
  await watched.page.goto(pathToFileURL(path).href);
  return watched;
}

/** The marked elements a finding's data-targets name. */
async function targetsOf(page: Page, findingSelector: string): Promise<string[]> {
  const targets = await page.locator(findingSelector).getAttribute('data-targets');
  return (targets ?? '').split(' ').filter(Boolean);
}

/**
 * Starting with the finding in view and its first cell out of view, a click on the finding
 * brings the cell inside the viewport and highlights every cell it rests on.
 */
async function expectClickScrollsToCells(page: Page, findingSelector: string): Promise<void> {
  const keys = await targetsOf(page, findingSelector);
  expect(keys.length).toBeGreaterThan(0);
  const firstCell = `.marked[data-key="${keys[0]}"]`;
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.locator(findingSelector).scrollIntoViewIfNeeded();
  expect(await inViewport(page, firstCell)).toBe(false);
  await page.locator(findingSelector).click({ position: { x: 5, y: 5 } });
  expect(await inViewport(page, firstCell)).toBe(true);
  for (const key of keys) {
    await expect.poll(() => page.locator(`.marked[data-key="${key}"]`).first().getAttribute('class')).toContain('active');
  }
}

/** A click on a marked cell lists exactly the findings of its data-findings in the panel. */
async function expectCellListsFindings(page: Page, key: string): Promise<string[]> {
  const cell = page.locator(`td.marked[data-key="${key}"]`);
  const ids = ((await cell.getAttribute('data-findings')) ?? '').split(' ').filter(Boolean);
  expect(ids.length).toBeGreaterThan(0);
  await expect.poll(() => page.locator('#cell-panel').isVisible()).toBe(false);
  await cell.click();
  await expect.poll(() => page.locator('#cell-panel').isVisible()).toBe(true);
  const listed = await page.locator('#cell-panel-list > li').evaluateAll((els) => els.map((e) => e.getAttribute('data-finding')));
  expect(listed).toEqual(ids);
  const rules = await page.locator('#cell-panel-list .rule').allTextContents();
  for (const id of ids) {
    expect(rules).toContain(await page.locator(`#finding-${id}`).getAttribute('data-rule'));
  }
  return rules;
}

describe('report page in Chromium (hand-made report)', () => {
  let htmlPath: string;
  beforeAll(async () => {
    const out = await tempDir('jx-html-made-');
    await writeBatchOutputs(out, [{ report: sampleReport(), relative: 'inbox/雁峰街道2021.docx', blocks: sampleBlocks() }], 'zh');
    htmlPath = join(out, 'inbox/雁峰街道2021.docx.report.html');
  });

  it('lists the findings and marks their cells; no script error, no request', async () => {
    const { page, errors, requests } = await open(htmlPath);
    expect(await page.locator('li.finding').count()).toBe(7);
    expect(await page.locator('li.finding[data-rule="level1-weight-sum"]').count()).toBe(1);
    for (const key of await targetsOf(page, 'li.finding[data-rule="level1-weight-sum"]')) {
      await expect.poll(() => page.locator(`td.marked.sev-error[data-key="${key}"]`).count()).toBe(1);
    }
    expect(await page.locator('td.marked[data-key="t0r6c0"]').innerText()).toBe('效益指标（30分）');
    expect(errors).toEqual([]);
    expect(requests.filter((u) => !u.startsWith('file:'))).toEqual([]);
    await page.context().close();
  });

  it('scrolls to a finding’s cells when it is clicked', async () => {
    const { page } = await open(htmlPath);
    await expectClickScrollsToCells(page, 'li.finding[data-rule="level1-weight-sum"]');
    await expectClickScrollsToCells(page, 'li.finding[data-rule="deviation-reason-missing"]');
    await page.context().close();
  });

  it('lists a marked cell’s findings, and the panel leads back to the finding', async () => {
    const { page } = await open(htmlPath);
    expect(await expectCellListsFindings(page, 't0r6c0')).toEqual(['level1-weight-sum']);
    await page.locator('#cell-panel-list > li button').first().click();
    expect(await inViewport(page, '#finding-0')).toBe(true);
    await page.keyboard.press('Escape');
    await expect.poll(() => page.locator('#cell-panel').isVisible()).toBe(false);
    await page.context().close();
  });

  it('prints: no panel or controls, marked cells keep their outline, a PDF comes out', async () => {
    const { page } = await open(htmlPath);
    await page.locator('td.marked[data-key="t0r6c0"]').click();
    await page.emulateMedia({ media: 'print' });
    const styles = await page.evaluate(() => {
      const cell = document.querySelector('td.marked.sev-error')!;
      return {
        panel: getComputedStyle(document.getElementById('cell-panel')!).display,
        legend: getComputedStyle(document.querySelector('.legend')!).display,
        outline: getComputedStyle(cell).outlineStyle,
        colorAdjust: getComputedStyle(cell).getPropertyValue('print-color-adjust'),
      };
    });
    expect(styles).toEqual({ panel: 'none', legend: 'none', outline: 'solid', colorAdjust: 'exact' });
    const pdf = await page.pdf({ format: 'A4' });
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    await page.context().close();
  });

  it('quotes the narrative sentence with the declared figure highlighted', async () => {
    const { page } = await open(htmlPath);
    const quote = page.locator('li.finding[data-rule="narr-qizhong-sum"] blockquote.sentence');
    expect(await quote.innerText()).toContain('2021年总支出决算数为3582.30万元');
    expect(await quote.locator('mark').allTextContents()).toEqual(['3582.30']);
    await page.context().close();
  });
});

describe('batch index in Chromium (hand-made reports)', () => {
  it('lists every file with its counts, sorts by column and filters by unit and severity', async () => {
    const out = await tempDir('jx-index-made-');
    const other: Report = ReportSchema.parse({
      ...sampleReport({ file: 'b/东风街道.docx' }),
      findings: sampleReport({ file: 'b/东风街道.docx' }).findings.filter((f) => f.severity === 'info'),
      summary: { errors: 0, warnings: 0, infos: 2 },
      submission: { id: 's2', unit: '东风街道办事处', year: 2022, files: ['b/东风街道.docx'], version: 1 },
    });
    await writeBatchOutputs(
      out,
      [
        { report: sampleReport({ file: 'a/雁峰.docx' }), relative: 'a/雁峰.docx' },
        { report: other, relative: 'b/东风街道.docx' },
        { report: unreadableReport('c/坏.docx'), relative: 'c/坏.docx' },
      ],
      'zh',
    );
    const { page, errors } = await open(join(out, 'index.html'));
    const files = () => page.locator('#index-table tbody tr:not([hidden]) td.file').allInnerTexts();
    expect(await files()).toEqual(['a/雁峰.docx', 'b/东风街道.docx', 'c/坏.docx']);
    const counts = await page.locator('#index-table tbody tr').evaluateAll((rows) =>
      rows.map((r) => Array.from(r.querySelectorAll('td.num:not(.year)')).map((td) => Number(td.textContent))),
    );
    expect(counts).toEqual([[1, 4, 2], [0, 0, 2], [0, 0, 0]]);
    // Sort by 错误, descending on the second click.
    const errorsHeader = page.locator('#index-table thead th[data-col="error"]');
    await errorsHeader.click();
    await errorsHeader.click();
    expect((await files())[0]).toBe('a/雁峰.docx');
    await page.locator('#index-table thead th[data-col="file"]').click();
    await page.locator('#index-table thead th[data-col="file"]').click();
    expect(await files()).toEqual(['c/坏.docx', 'b/东风街道.docx', 'a/雁峰.docx']);
    // Filters.
    await page.selectOption('#filter-severity', 'error');
    expect(await files()).toEqual(['a/雁峰.docx']);
    await page.selectOption('#filter-severity', 'read-error');
    expect(await files()).toEqual(['c/坏.docx']);
    await page.selectOption('#filter-severity', '');
    await page.selectOption('#filter-unit', '东风街道办事处');
    expect(await files()).toEqual(['b/东风街道.docx']);
    expect(await page.locator('#shown-count').innerText()).toBe('1');
    // The link opens the file's page.
    await page.locator('#index-table tbody tr:not([hidden]) td.file a').click();
    await page.waitForURL(/%E4%B8%9C%E9%A3%8E%E8%A1%97%E9%81%93\.docx\.report\.html$/);
    expect(await page.locator('#unit').innerText()).toBe('东风街道办事处');
    expect(errors).toEqual([]);
    await page.context().close();
  });
});

/* The real pipeline on the sample (readers, recognition and scoring must have landed). */

const PROFILE = () => resolveProfile('hunan-2021');
const CHECK = { lang: 'zh' as const, resolveProfile: (name: string) => resolveProfile(name) };

async function blocksOf(path: string): Promise<Block[]> {
  return (await readDocument({ path, bytes: await readFile(path) })).blocks;
}

describe('the sample’s report page (real pipeline, profile hunan-2021)', () => {
  let htmlPath: string;
  beforeAll(async () => {
    const out = await tempDir('jx-html-sample-');
    const path = 'fixtures/seed/yanfeng-2021.docx';
    const [report] = await checkFiles([path], { ...CHECK, profile: PROFILE() });
    await writeBatchOutputs(out, [{ report: report!, relative: basename(path), blocks: await blocksOf(path) }], 'zh');
    htmlPath = join(out, 'yanfeng-2021.docx.report.html');
  }, 120_000);

  it('lists the three level1-weight-sum findings and marks their cells', async () => {
    const { page, errors } = await open(htmlPath);
    const findings = page.locator('li.finding[data-rule="level1-weight-sum"]');
    expect(await findings.count()).toBe(3);
    expect(await findings.locator('.declared').allInnerTexts()).toEqual(['标注 30', '标注 50', '标注 40']);
    for (let i = 0; i < 3; i++) {
      const id = await findings.nth(i).getAttribute('data-finding');
      const keys = await targetsOf(page, `#finding-${id}`);
      expect(keys.length).toBeGreaterThan(1);
      for (const key of keys) {
        const cell = page.locator(`td.marked[data-key="${key}"]`);
        expect(await cell.count()).toBe(1);
        expect((await cell.getAttribute('data-findings'))!.split(' ')).toContain(id);
      }
    }
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('brings a finding’s cell into view when it is clicked', async () => {
    const { page } = await open(htmlPath);
    const ids = await page.locator('li.finding[data-rule="level1-weight-sum"]').evaluateAll((els) => els.map((e) => e.id));
    for (const id of ids) await expectClickScrollsToCells(page, `#${id}`);
    await page.context().close();
  });

  it('lists the findings of a marked cell when it is clicked', async () => {
    const { page } = await open(htmlPath);
    const [key] = await targetsOf(page, 'li.finding[data-rule="level1-weight-sum"] >> nth=0');
    expect(await expectCellListsFindings(page, key!)).toContain('level1-weight-sum');
    await page.context().close();
  });
});

describe('the index of a batch: the three split files (real pipeline)', () => {
  it('lists the three files with the counts of their reports', async () => {
    const out = await tempDir('jx-index-split-');
    const names = ['yanfeng-2021-attach1.docx', 'yanfeng-2021-attach2.docx', 'yanfeng-2021-report.docx'];
    const paths = names.map((n) => `fixtures/seed/${n}`);
    const reports = await checkFiles(paths, { ...CHECK, profile: PROFILE() });
    await writeBatchOutputs(out, reports.map((report, i) => ({ report, relative: `split/${names[i]}` })), 'zh');
    const { page } = await open(join(out, 'index.html'));
    const rows = await page.locator('#index-table tbody tr').evaluateAll((trs) =>
      trs.map((tr) => ({
        file: tr.querySelector('td.file')!.textContent,
        counts: Array.from(tr.querySelectorAll('td.num:not(.year)')).map((td) => Number(td.textContent)),
      })),
    );
    expect(rows.map((r) => r.file)).toEqual(names.map((n) => `split/${n}`));
    rows.forEach((row, i) => {
      const s = reports[i]!.summary;
      expect(row.counts).toEqual([s.errors, s.warnings, s.infos]);
    });
    const total = [0, 1, 2].map((k) => rows.reduce((sum, r) => sum + r.counts[k]!, 0));
    expect(total).toEqual([3, 34, 10]);
    expect(await page.locator('[data-total="error"]').innerText()).toBe('3');
    await page.context().close();
  }, 120_000);
});
