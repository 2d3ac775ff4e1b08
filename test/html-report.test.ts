import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkFiles } from '@jxaudit/ingest';
import { ReportSchema, type Block, type Report } from '@jxaudit/model';
import { readDocument } from '@jxaudit/parse';
import { resolveProfile } from '@jxaudit/score';
import { writeBatchOutputs } from '../packages/ingest/src/report/write.ts';
import { inViewport, launchChromium, watchedPage } from '../packages/ingest/test/report-browser.ts';
import { sampleBlocks, sampleReport, unreadableReport } from '../packages/ingest/test/report-fixture.ts';
import { batchOf30 } from './helpers/batch.ts';

const run = promisify(execFile);

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

const WIDE = { width: 1440, height: 900 };

async function open(path: string, viewport = WIDE): Promise<{ page: Page; dialogs: string[]; errors: string[]; requests: string[] }> {
  const watched = await watchedPage(browser, viewport);
  await watched.page.goto(pathToFileURL(path).href);
  return watched;
}

/** The marked elements a finding's data-targets name. */
async function targetsOf(page: Page, findingSelector: string): Promise<string[]> {
  const targets = await page.locator(findingSelector).getAttribute('data-targets');
  return (targets ?? '').split(' ').filter(Boolean);
}

/** Resolves after two animation frames: whatever a click would scroll has been scrolled. */
async function settled(page: Page): Promise<void> {
  await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
}

/** Where the window and both panes are scrolled to. */
async function scrollState(page: Page) {
  return page.evaluate(() => ({
    window: window.scrollY,
    findings: document.getElementById('findings')?.scrollTop ?? 0,
    tables: document.getElementById('tables')?.scrollTop ?? 0,
  }));
}

/**
 * A click on one of a finding's location links marks every cell the finding rests on, brings the
 * clicked cell into view, and Back returns to the finding.
 */
async function expectLocationMarksCells(page: Page, findingSelector: string): Promise<void> {
  const keys = await targetsOf(page, findingSelector);
  expect(keys.length).toBeGreaterThan(0);
  const link = page.locator(`${findingSelector} a.goto`).first();
  const key = (await link.getAttribute('data-key'))!;
  await link.scrollIntoViewIfNeeded();
  await link.click();
  await expect.poll(() => inViewport(page, `.marked[data-key="${key}"]`)).toBe(true);
  for (const k of keys) {
    await expect.poll(() => page.locator(`.marked[data-key="${k}"]`).first().getAttribute('class')).toContain('active');
  }
  expect(await page.locator(`.marked[data-key="${key}"]`).first().getAttribute('class')).toContain('current');
  const id = await page.locator(findingSelector).getAttribute('id');
  await page.goBack();
  await expect.poll(() => page.evaluate(() => location.hash)).toBe(`#${id}`);
  await expect.poll(() => inViewport(page, `#${id} .message`)).toBe(true);
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
  const rules = await page.locator('#cell-panel-list .rule').evaluateAll((els) => els.map((e) => e.getAttribute('data-rule')));
  for (const id of ids) expect(rules).toContain(await page.locator(`#finding-${id}`).getAttribute('data-rule'));
  return rules as string[];
}

/**
 * What the page says in its own words: its text (hidden rows included) without the document's
 * text (cells, quotes, sentences, names), script and style; tooltips are not text.
 */
async function ownText(page: Page, alsoDrop: string[] = []): Promise<string> {
  return page.evaluate((drop) => {
    const clone = document.body.cloneNode(true) as HTMLElement;
    for (const el of Array.from(clone.querySelectorAll(['script', 'style', '.doc-text', 'table.grid td', 'q', 'blockquote', ...drop].join(',')))) el.remove();
    return clone.textContent ?? '';
  }, alsoDrop);
}

/** Internal keys and English words that must not reach a Chinese page (issue #12). */
const NOT_FOR_PEOPLE = [
  'type', 'tier', 'target', 'actual', 'fullEqualsInitial', 'rateOnExpenditure', 'precision', 'direction', 'understated', 'inflated',
  'formula', 'tolerance', 'terms', 'accept', 'excess', 'subRows', 'narrativeReason', 'narrativeReasonGeneric', 'points', 'score', 'rate',
  'w_exec', 'income.final.part', 'expense.final.total', 'hunan-2021', 'central-2020', 'docx', 'txt', 'true', 'false', 'null', 'undefined',
  'NaN', 'BASIC', 'ACHIEVED', 'level1', 'detail', 'error', 'warning', 'info', 'figures equal when their printed intervals meet', 'printed',
  'intervals', 'meet', 'profile', 'form', 'department-overall', 'project', 'report', 'deviation-reason-missing', 'level1-weight-sum',
];
/** Latin words our Chinese pages may show: the rules' “min(执行率,1)”, the product's name, encodings. */
const LATIN_ALLOWED = new Set(['min', 'jxaudit', 'Word', 'UTC', 'UTF', 'GB18030', 'BOM']);

describe('report page in Chromium (hand-made report)', () => {
  let htmlPath: string;
  beforeAll(async () => {
    const out = await tempDir('jx-html-made-');
    await writeBatchOutputs(out, [{ report: sampleReport(), relative: 'inbox/雁峰街道2021.docx', blocks: sampleBlocks() }], 'zh');
    htmlPath = join(out, 'inbox/雁峰街道2021.docx.report.html');
  });

  it('lists the findings, marks their cells and quotes sentences with the figure highlighted; no script error, no request', async () => {
    const { page, errors, requests } = await open(htmlPath);
    expect(await page.locator('li.finding').count()).toBe(7);
    expect(await page.locator('li.finding[data-rule="level1-weight-sum"]').count()).toBe(1);
    for (const key of await targetsOf(page, 'li.finding[data-rule="level1-weight-sum"]')) {
      await expect.poll(() => page.locator(`td.marked.sev-error[data-key="${key}"]`).count()).toBe(1);
    }
    expect(await page.locator('td.marked[data-key="t0r6c0"]').innerText()).toBe('效益指标（30分）');
    const quote = page.locator('li.finding[data-rule="narr-qizhong-sum"] blockquote.sentence');
    expect(await quote.innerText()).toContain('2021年总支出决算数为3582.30万元');
    expect(await quote.locator('mark').allTextContents()).toEqual(['3582.30']);
    expect(errors).toEqual([]);
    expect(requests.filter((u) => !u.startsWith('file:'))).toEqual([]);
    await page.context().close();
  });

  it('marks a finding’s cells when one of its locations is clicked, Back returns to the finding, and a click on its text does nothing', async () => {
    const { page } = await open(htmlPath);
    await expectLocationMarksCells(page, 'li.finding[data-rule="level1-weight-sum"]');
    await expectLocationMarksCells(page, 'li.finding[data-rule="deviation-reason-missing"]');
    const message = page.locator('li.finding[data-rule="narr-qizhong-sum"] .message');
    await message.scrollIntoViewIfNeeded();
    const before = await scrollState(page);
    await message.click();
    await settled(page);
    expect(await scrollState(page)).toEqual(before);
    expect(await page.locator('.marked.active').count()).toBe(0);
    await page.context().close();
  });

  it('lists a marked cell’s findings, and the panel leads back to the finding', async () => {
    const { page } = await open(htmlPath);
    expect(await expectCellListsFindings(page, 't0r6c0')).toEqual(['level1-weight-sum']);
    await page.locator('#cell-panel-list > li a.panel-go').first().click();
    await expect.poll(() => inViewport(page, '#finding-0 .message')).toBe(true);
    await page.keyboard.press('Escape');
    await expect.poll(() => page.locator('#cell-panel').isVisible()).toBe(false);
    await page.context().close();
  });

  it('prints: no panel or controls, marked cells keep their outline and a symbol', async () => {
    const { page } = await open(htmlPath);
    await page.locator('td.marked[data-key="t0r6c0"]').click();
    await page.emulateMedia({ media: 'print' });
    const styles = await page.evaluate(() => {
      const cell = document.querySelector('td.marked.sev-error')!;
      return {
        panel: getComputedStyle(document.getElementById('cell-panel')!).display,
        legend: getComputedStyle(document.querySelector('.legend')!).display,
        toolbar: getComputedStyle(document.querySelector('.toolbar')!).display,
        outline: getComputedStyle(cell).outlineStyle,
        symbol: getComputedStyle(cell, '::before').content,
        colorAdjust: getComputedStyle(cell).getPropertyValue('print-color-adjust'),
      };
    });
    expect(styles).toEqual({ panel: 'none', legend: 'none', toolbar: 'none', outline: 'solid', symbol: '"■"', colorAdjust: 'exact' });
    await page.context().close();
  });
});

describe('batch index in Chromium (hand-made reports)', () => {
  it('lists every submission with its files and counts, sorts by column and filters by unit and severity', async () => {
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
    const files = () => page.locator('#index-table tbody tr:not([hidden]) td.files a').allInnerTexts();
    // Errors, most first.
    expect(await files()).toEqual(['a/雁峰.docx', 'b/东风街道.docx', 'c/坏.docx']);
    const counts = await page.locator('#index-table tbody tr').evaluateAll((rows) =>
      rows.map((r) => Array.from(r.querySelectorAll('td.num:not(.year)')).map((td) => Number(td.textContent))),
    );
    expect(counts).toEqual([[1, 4, 2], [0, 0, 2], [0, 0, 0]]);
    await page.locator('#index-table thead th[data-col="unit"]').click();
    // By unit; the unreadable file (no unit) last.
    expect(await files()).toEqual(['b/东风街道.docx', 'a/雁峰.docx', 'c/坏.docx']);
    await page.selectOption('#filter-severity', 'error');
    expect(await files()).toEqual(['a/雁峰.docx']);
    await page.selectOption('#filter-severity', '');
    await page.selectOption('#filter-status', 'read-error');
    expect(await files()).toEqual(['c/坏.docx']);
    await page.selectOption('#filter-status', '');
    await page.selectOption('#filter-unit', '东风街道办事处');
    expect(await files()).toEqual(['b/东风街道.docx']);
    expect(await page.locator('#shown-count').innerText()).toBe('1');
    // The link opens the file's page.
    await page.locator('#index-table tbody tr:not([hidden]) td.files a').click();
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

describe('the sample’s report page (real pipeline, profile hunan-2021, 1440×900)', () => {
  let htmlPath: string;
  let enPath: string;
  let report: Report;
  /** One page for the tests that only read it (and undo what they scroll). */
  let shared: Awaited<ReturnType<typeof open>>;
  beforeAll(async () => {
    const out = await tempDir('jx-html-sample-');
    const path = 'fixtures/seed/yanfeng-2021.docx';
    const blocks = await blocksOf(path);
    [report] = (await checkFiles([path], { ...CHECK, profile: PROFILE() })) as [Report];
    await writeBatchOutputs(out, [{ report, relative: basename(path), blocks }], 'zh');
    htmlPath = join(out, 'yanfeng-2021.docx.report.html');
    const [en] = await checkFiles([path], { ...CHECK, lang: 'en', profile: PROFILE() });
    await writeBatchOutputs(join(out, 'en'), [{ report: en!, relative: basename(path), blocks }], 'en');
    enPath = join(out, 'en', 'yanfeng-2021.docx.report.html');
    shared = await open(htmlPath);
  }, 120_000);
  afterAll(async () => {
    await shared?.page.context().close();
  });

  it('shows 自评/复核 totals and grades of both forms above the fold', async () => {
    const { page, errors } = shared;
    const forms = page.locator('#verdict .verdict-form');
    expect(await forms.count()).toBe(2);
    const totals = await forms.evaluateAll((els) => els.map((el) => el.querySelector('.totals')!.textContent!.replace(/\s+/g, ' ').trim()));
    expect(totals).toEqual(['自评总分 86 良 → 复核总分 94.49 优', '自评总分 81 良 → 复核总分 95.5 优']);
    for (let i = 0; i < 2; i++) {
      for (const part of ['.total.declared', '.total.recomputed']) expect(await inViewport(page, `#verdict .verdict-form:nth-of-type(${i + 1}) ${part}`)).toBe(true);
    }
    // The three errors to look at first, above the fold too.
    expect(await page.locator('#verdict .first-errors > li').count()).toBe(3);
    expect(await inViewport(page, '#verdict .first-errors > li:last-child')).toBe(true);
    expect(errors).toEqual([]);
  });

  it('makes the 23 偏差原因 findings one group: the first rows of each form shown, the rest behind 展开', async () => {
    const { page } = await open(htmlPath);
    const group = page.locator('section.group[data-rule="deviation-reason-missing"]');
    expect(await group.count()).toBe(1);
    expect(await group.locator('li.finding').count()).toBe(23);
    expect(await group.locator('.group-head .count').innerText()).toBe('23 条');
    expect(await group.locator('.part-head').allInnerTexts()).toEqual([
      '部门整体支出绩效自评表 12 条',
      '项目支出绩效自评表（基层政权建设和社区治理） 11 条',
    ]);
    expect(await group.locator('li.finding:visible').count()).toBe(6);
    await group.locator('button.more').first().click();
    expect(await group.locator('li.finding:visible').count()).toBe(15);
    await page.locator('#collapse-all').click();
    expect(await page.locator('li.finding:visible').count()).toBe(0);
    await page.locator('#expand-all').click();
    expect(await page.locator('li.finding:visible').count()).toBe(47);
    await page.context().close();
  });

  it('filters by severity, form and rule, and counts what it shows', async () => {
    const { page } = await open(htmlPath);
    const shown = () => page.locator('#shown-count').innerText();
    await page.locator('#expand-all').click();
    expect(await shown()).toBe('47');
    await page.locator('.sev-filter input[value="warning"]').uncheck();
    await page.locator('.sev-filter input[value="info"]').uncheck();
    expect(await shown()).toBe('3');
    expect(await page.locator('section.group:visible').evaluateAll((els) => els.map((e) => e.getAttribute('data-rule')))).toEqual(['level1-weight-sum']);
    await page.locator('.sev-filter input[value="warning"]').check();
    await page.locator('.sev-filter input[value="info"]').check();
    await page.selectOption('#filter-form', '1');
    expect(await page.locator('li.finding:visible').evaluateAll((els) => new Set(els.map((e) => e.getAttribute('data-form'))).size)).toBe(1);
    await page.selectOption('#filter-rule', 'deviation-reason-missing');
    expect(await shown()).toBe('11');
    await page.selectOption('#filter-form', '');
    expect(await shown()).toBe('23');
    await page.context().close();
  });

  it('puts findings and the rebuilt tables side by side, each scrolling on its own', async () => {
    const { page } = shared;
    const boxes = await page.evaluate(() => {
      const f = document.getElementById('findings')!;
      const t = document.getElementById('tables')!;
      const fb = f.getBoundingClientRect();
      const tb = t.getBoundingClientRect();
      return { sideBySide: fb.right <= tb.left && Math.abs(fb.top - tb.top) < 2, scrolls: [f, t].map((el) => getComputedStyle(el).overflowY === 'auto' && el.scrollHeight > el.clientHeight) };
    });
    expect(boxes).toEqual({ sideBySide: true, scrolls: [true, true] });
    await page.locator('#tables').evaluate((el) => el.scrollBy(0, 600));
    expect(await page.locator('#findings').evaluate((el) => el.scrollTop)).toBe(0);
    expect(await page.locator('#tables').evaluate((el) => el.scrollTop)).toBeGreaterThan(0);
    await page.locator('#tables').evaluate((el) => el.scrollTo(0, 0));
  });

  it('marks the cells of a clicked location in the table beside it, and Back returns to the finding', async () => {
    const { page } = await open(htmlPath);
    const ids = await page.locator('li.finding[data-rule="level1-weight-sum"]').evaluateAll((els) => els.map((e) => e.id));
    expect(ids).toHaveLength(3);
    for (const id of ids) await expectLocationMarksCells(page, `#${id}`);
    // The cells of the last one (table 2) lie in the right pane, the finding stays in view in the left one.
    expect(await inViewport(page, `#${ids[2]} .message`)).toBe(true);
    await page.context().close();
  });

  it('never scrolls when text in a finding is selected', async () => {
    const { page } = shared;
    const finding = page.locator('section.group[data-rule="deviation-reason-missing"] li.finding').nth(1);
    await finding.scrollIntoViewIfNeeded();
    const message = finding.locator('.message');
    const box = (await message.boundingBox())!;
    const before = await scrollState(page);
    // Along the first line of the message.
    await page.mouse.move(box.x + 3, box.y + 8);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width - 3, box.y + 8, { steps: 8 });
    await page.mouse.up();
    await settled(page);
    expect((await page.evaluate(() => String(window.getSelection()))).length).toBeGreaterThan(5);
    expect(await scrollState(page)).toEqual(before);
    // Selecting across a marked cell's text opens nothing and scrolls nothing either.
    const cell = page.locator('td.marked').first();
    await cell.scrollIntoViewIfNeeded();
    const cellBox = (await cell.boundingBox())!;
    const beforeCell = await scrollState(page);
    await page.mouse.move(cellBox.x + 2, cellBox.y + cellBox.height / 2);
    await page.mouse.down();
    await page.mouse.move(cellBox.x + cellBox.width - 2, cellBox.y + cellBox.height / 2, { steps: 5 });
    await page.mouse.up();
    await settled(page);
    expect(await scrollState(page)).toEqual(beforeCell);
    expect(await page.locator('#cell-panel').isVisible()).toBe(false);
  });

  it('speaks Chinese to people: no internal key or English word in the page’s own text', async () => {
    const { page } = shared;
    const text = await ownText(page);
    expect(text).toContain('复核总分');
    const words = new Set(text.match(/[A-Za-z_][A-Za-z0-9_.-]*[A-Za-z0-9_]|[A-Za-z]/g) ?? []);
    expect([...words].filter((w) => NOT_FOR_PEOPLE.includes(w) || NOT_FOR_PEOPLE.some((k) => k.includes(' ') && text.includes(k)))).toEqual([]);
    // Single letters are the rules' variables (“完成X人，完成率p%”).
    expect([...words].filter((w) => w.length > 1 && !LATIN_ALLOWED.has(w))).toEqual([]);
    // Codes stay for machines: in tooltips and data attributes.
    expect(await page.locator('#profile').getAttribute('title')).toBe('hunan-2021');
    expect(await page.locator('#profile').innerText()).toBe('湖南省2021年口径');
    expect(await page.locator('#generated').innerText()).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d（北京时间 UTC\+08:00）$/);
  });

  it('speaks English with --lang en: no Chinese word of ours', async () => {
    const { page } = await open(enPath);
    expect(await page.locator('#verdict .total-label').first().innerText()).toBe('Self-assessed total');
    // The rules' own texts (messages, descriptions) and the details quoting the document may hold Chinese; the rest is ours.
    const text = await ownText(page, ['.message', '.first-message', '.rule-desc', '[data-doc]']);
    const chinese = text.match(/[\u3400-\u9fff]+/g) ?? [];
    expect(chinese).toEqual([]);
    await page.context().close();
  });

  it('prints on A4 with the unit, year and page N/M on every page, the verdict on page one', async () => {
    const { page } = await open(htmlPath);
    const dir = await tempDir('jx-print-');
    const pdfPath = join(dir, 'page.pdf');
    await writeFile(pdfPath, await page.pdf({ preferCSSPageSize: true, printBackground: true }));
    const info = (await run('pdfinfo', ['-f', '1', '-l', '1000', pdfPath])).stdout;
    const pages = Number(/^Pages:\s+(\d+)/m.exec(info)![1]);
    expect(pages).toBeGreaterThan(3);
    const sizes = [...info.matchAll(/^Page\s+\d+ size:\s+([\d.]+) x ([\d.]+) pts/gm)].map((m) => [Math.round(Number(m[1])), Math.round(Number(m[2]))]);
    expect(sizes).toHaveLength(pages);
    // A4 is 210 × 297 mm = 595 × 842 pt.
    for (const size of sizes) expect(size).toEqual([595, 842]);
    const text = (await run('pdftotext', ['-layout', pdfPath, '-'], { maxBuffer: 16 << 20 })).stdout;
    const perPage = text.split('\f').filter((p) => p.trim());
    expect(perPage).toHaveLength(pages);
    perPage.forEach((p, i) => {
      expect(p).toContain('雁峰区雁峰街道办事处 · 2021年度');
      expect(p).toContain(`第 ${i + 1} 页 / 共 ${pages} 页`);
    });
    expect(perPage[0]).toMatch(/自评总分 86 良 → 复核总分 94\.49 优/);
    expect(perPage[0]).toContain('先看这些');
    await page.context().close();
  });

  it('keeps a group of three level1-weight-sum findings marking their cells', async () => {
    const { page } = await open(htmlPath);
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
    const [key] = await targetsOf(page, 'li.finding[data-rule="level1-weight-sum"] >> nth=0');
    expect(await expectCellListsFindings(page, key!)).toContain('level1-weight-sum');
    await page.context().close();
  });

  it('the index of a batch of 30 files: one row per submission, filters whose totals follow', async () => {
    const out = await tempDir('jx-index-30-');
    const files = batchOf30(report);
    await writeBatchOutputs(out, files, 'zh');
    const { page, errors } = await open(join(out, 'index.html'));
    const rows = page.locator('#index-table tbody tr');
    const submissions = new Set(files.map((f) => (f.report.submission ? `${f.report.submission.unit}|${f.report.submission.year}` : f.relative)));
    expect(await rows.count()).toBe(submissions.size);
    const total = (name: string) => page.locator(`[data-total="${name}"]`).innerText().then(Number);
    const visibleSum = (attr: string) =>
      page.locator('#index-table tbody tr:not([hidden])').evaluateAll((trs, a) => trs.reduce((n, tr) => n + Number(tr.getAttribute(a)), 0), attr);
    const sum = (pick: (r: Report) => number, keep: (f: (typeof files)[number]) => boolean = () => true) =>
      files.filter(keep).reduce((n, f) => n + pick(f.report), 0);
    expect(await total('files')).toBe(30);
    expect(await total('error')).toBe(sum((r) => r.summary.errors));
    expect(await total('warning')).toBe(sum((r) => r.summary.warnings));
    expect(await total('read-error')).toBe(2);
    // First sort: errors, most first.
    const errorsColumn = () => rows.evaluateAll((trs) => trs.filter((tr) => !tr.hasAttribute('hidden')).map((tr) => Number(tr.getAttribute('data-error'))));
    const first = await errorsColumn();
    expect(first).toEqual([...first].sort((a, b) => b - a));
    expect(await page.locator('th[data-col="error"]').getAttribute('aria-sort')).toBe('descending');
    // A first click on 警告 sorts most first too.
    await page.locator('th[data-col="warning"]').click();
    const warnings = await rows.evaluateAll((trs) => trs.map((tr) => Number(tr.getAttribute('data-warning'))));
    expect(warnings).toEqual([...warnings].sort((a, b) => b - a));
    // Unit: the totals are that unit's.
    const unit = '东风街道办事处';
    await page.selectOption('#filter-unit', unit);
    const ofUnit = (f: (typeof files)[number]) => f.report.submission?.unit === unit;
    expect(await total('files')).toBe(files.filter(ofUnit).length);
    expect(await total('error')).toBe(sum((r) => r.summary.errors, ofUnit));
    expect(await total('info')).toBe(sum((r) => r.summary.infos, ofUnit));
    await page.selectOption('#filter-unit', '');
    // Severity: rows with errors only; the totals are theirs.
    await page.selectOption('#filter-severity', 'error');
    expect(await total('warning')).toBe(await visibleSum('data-warning'));
    expect(await total('files')).toBe(await visibleSum('data-files'));
    expect(await rows.evaluateAll((trs) => trs.filter((tr) => !tr.hasAttribute('hidden')).every((tr) => Number(tr.getAttribute('data-error')) > 0))).toBe(true);
    await page.selectOption('#filter-severity', '');
    // Rule: the totals count that rule's findings only.
    await page.selectOption('#filter-rule', 'level1-weight-sum');
    const ofRule = (r: Report) => r.findings.filter((f) => f.rule === 'level1-weight-sum').length;
    expect(await total('error')).toBe(sum(ofRule));
    expect(await total('warning')).toBe(0);
    expect(await page.locator('#shown-count').innerText().then(Number)).toBe(
      new Set(files.filter((f) => ofRule(f.report) > 0).map((f) => `${f.report.submission!.unit}|${f.report.submission!.year}`)).size,
    );
    await page.selectOption('#filter-rule', '');
    // Status: the unreadable files.
    await page.selectOption('#filter-status', 'read-error');
    expect([await total('files'), await total('read-error'), await total('error')]).toEqual([2, 2, 0]);
    expect(errors).toEqual([]);
    await page.context().close();
  });
});
