import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkFiles } from '@jxaudit/ingest';
import { readDocument } from '@jxaudit/parse';
import { resolveProfile } from '@jxaudit/score';
import { writeBatchOutputs } from '../packages/ingest/src/report/write.ts';
import { launchChromium, watchedPage } from '../packages/ingest/test/report-browser.ts';
import { HOSTILE, hostileSample, rewriteZipEntry, xmlText } from '../packages/ingest/test/report-fixture.ts';

/*
 * Documents are untrusted. A page built from cells and sentences holding markup must run none
 * of it (no script, no handler, no dialog, no request) and must show it as text. The check is
 * made twice: with the page's Content-Security-Policy, and with it removed, so that escaping
 * alone is shown to hold.
 */

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

/** A copy of the page without its CSP meta tag. */
async function withoutCsp(path: string): Promise<string> {
  const page = await readFile(path, 'utf8');
  const stripped = page.replace(/<meta http-equiv="Content-Security-Policy"[^>]*>/, '');
  expect(stripped).not.toBe(page);
  const copy = path.replace(/\.html$/, '.nocsp.html');
  await writeFile(copy, stripped);
  return copy;
}

/** Opens the page, clicks every finding and marked cell, hovers everything, and reports what ran. */
async function exercise(path: string, limit = Infinity) {
  const { page, dialogs, errors, requests, context } = await watchedPage(browser);
  await page.goto(pathToFileURL(path).href);
  // Rows behind 展开 are not clickable until shown; what is shown is clicked.
  for (const selector of ['li.finding:visible', '.marked', 'a.goto:visible', 'button.more']) {
    const n = Math.min(limit, await page.locator(selector).count());
    for (let i = 0; i < n; i++) await page.locator(selector).nth(i).click({ position: { x: 3, y: 3 } });
  }
  // Each group collapsed and opened again, so its text is shown at the end.
  const toggles = page.locator('.group-head .toggle');
  for (let i = 0; i < Math.min(limit, await toggles.count()); i++) {
    await toggles.nth(i).click();
    await toggles.nth(i).click();
  }
  await page.locator('body *').evaluateAll((els) => els.forEach((el) => el.dispatchEvent(new MouseEvent('mouseover', { bubbles: true }))));
  const state = await page.evaluate(() => ({
    pwned: (window as unknown as { __pwned?: unknown }).__pwned,
    images: document.querySelectorAll('img').length,
    scripts: document.querySelectorAll('script').length,
    styles: document.querySelectorAll('style').length,
    javascriptLinks: Array.from(document.querySelectorAll('a[href]')).filter((a) => /^\s*javascript:/i.test(a.getAttribute('href')!)).length,
    handlers: Array.from(document.querySelectorAll('*')).filter((el) => Array.from(el.attributes).some((a) => /^on/i.test(a.name))).length,
    text: document.body.innerText,
    bodyVisible: getComputedStyle(document.body).display !== 'none',
  }));
  return { page, context, state, dialogs, errors, requests };
}

function expectInert(result: Awaited<ReturnType<typeof exercise>>): void {
  expect(result.state.pwned).toBeUndefined();
  expect(result.dialogs).toEqual([]);
  expect(result.state.images).toBe(0);
  expect(result.state.scripts).toBe(1);
  expect(result.state.styles).toBe(1);
  expect(result.state.javascriptLinks).toBe(0);
  expect(result.state.handlers).toBe(0);
  expect(result.state.bodyVisible).toBe(true);
  expect(result.errors).toEqual([]);
  expect(result.requests.filter((u) => !u.startsWith('file:'))).toEqual([]);
}

describe('hostile text in a hand-made report', () => {
  let out: string;
  let pagePath: string;
  beforeAll(async () => {
    out = await tempDir('jx-hostile-made-');
    const { report, blocks } = hostileSample();
    await writeBatchOutputs(out, [{ report, relative: 'hostile.docx', blocks }], 'zh');
    pagePath = join(out, 'hostile.docx.report.html');
  });

  for (const csp of [true, false]) {
    it(`runs nothing and shows the markup as text (${csp ? 'with' : 'without'} the CSP)`, async () => {
      const result = await exercise(csp ? pagePath : await withoutCsp(pagePath));
      expectInert(result);
      expect(result.state.text).toContain(HOSTILE.script);
      expect(result.state.text).toContain(HOSTILE.img);
      expect(result.state.text).toContain(HOSTILE.link);
      expect(result.state.text).toContain(HOSTILE.style);
      // The cell panel copies the finding's nodes: the name still shows as text, nothing more ran.
      await result.page.locator('td.marked[data-key="t0r4c2"]').click();
      expect(await result.page.locator('#cell-panel-list').innerText()).toContain(HOSTILE.img);
      expect(await result.page.evaluate(() => document.querySelectorAll('img').length)).toBe(0);
      await result.context.close();
    });
  }

  it('keeps the index inert too', async () => {
    const result = await exercise(await withoutCsp(join(out, 'index.html')));
    expectInert(result);
    expect(result.state.text).toContain(HOSTILE.script);
    await result.context.close();
  });
});

describe('hostile text in a tika-style .txt through the real pipeline', () => {
  let out: string;
  let pagePath: string;
  let inputText: string;
  beforeAll(async () => {
    const dir = await tempDir('jx-hostile-txt-');
    out = join(dir, 'out');
    const seed = await readFile('fixtures/seed/yanfeng-2021.txt', 'utf8');
    inputText = seed
      .replace('\t雁峰区雁峰街道办事处', `\t雁峰区雁峰街道办事处${HOSTILE.script}`)
      .replace('\t经济建设投资总金额', `\t经济建设投资总金额${HOSTILE.img}`)
      .replace('目标1：保障预算单位人员及日常办公正常运转', `目标1：${HOSTILE.link}保障预算单位人员及日常办公正常运转${HOSTILE.attr}`);
    expect(inputText).toContain(HOSTILE.img);
    const input = join(dir, 'hostile-yanfeng.txt');
    await writeFile(input, inputText);
    const [report] = await checkFiles([input], {
      lang: 'zh',
      profile: resolveProfile('hunan-2021'),
      resolveProfile: (name) => resolveProfile(name),
    });
    const blocks = (await readDocument({ path: input, bytes: await readFile(input) })).blocks;
    await writeBatchOutputs(out, [{ report: report!, relative: 'hostile-yanfeng.txt', blocks }], 'zh');
    pagePath = join(out, 'hostile-yanfeng.txt.report.html');
  }, 120_000);

  for (const csp of [true, false]) {
    it(`runs nothing and shows the cells as text (${csp ? 'with' : 'without'} the CSP)`, async () => {
      const result = await exercise(csp ? pagePath : await withoutCsp(pagePath), 12);
      expectInert(result);
      expect(result.state.text).toContain(HOSTILE.script);
      expect(result.state.text).toContain(HOSTILE.img);
      expect(result.state.text).toContain(HOSTILE.link);
      await result.context.close();
    });
  }

  it('keeps the markup out of findings.csv formulas and in its text', async () => {
    const csv = await readFile(join(out, 'findings.csv'), 'utf8');
    expect(csv.split('\r\n').length).toBeGreaterThan(2);
    expect(csv).toContain('<img src=x onerror=""window.__pwned=1"">');
  });
});

describe('hostile text in a .docx through the real pipeline', () => {
  let pagePath: string;
  beforeAll(async () => {
    const dir = await tempDir('jx-hostile-docx-');
    const docx = await rewriteZipEntry(await readFile('fixtures/seed/yanfeng-2021-attach1.docx'), 'word/document.xml', (xml) => {
      const planted = xml
        .replace('经济建设投资总金额', `经济建设投资总金额${xmlText(HOSTILE.img)}`)
        .replace('规模以上工业生产值', `规模以上工业生产值${xmlText(HOSTILE.link)}`)
        .replace('雁峰区雁峰街道办事处', `雁峰区雁峰街道办事处${xmlText(HOSTILE.script)}`);
      expect(planted).not.toBe(xml);
      return planted;
    });
    const input = join(dir, `hostile${HOSTILE.attr.replace(/[/\\]/g, '')}.docx`);
    await writeFile(input, docx);
    const [report] = await checkFiles([input], {
      lang: 'zh',
      profile: resolveProfile('hunan-2021'),
      resolveProfile: (name) => resolveProfile(name),
    });
    expect(report!.error).toBeNull();
    const blocks = (await readDocument({ path: input, bytes: await readFile(input) })).blocks;
    await writeBatchOutputs(join(dir, 'out'), [{ report: report!, relative: 'hostile.docx', blocks }], 'zh');
    pagePath = join(dir, 'out', 'hostile.docx.report.html');
  }, 120_000);

  for (const csp of [true, false]) {
    it(`runs nothing and shows the cells as text (${csp ? 'with' : 'without'} the CSP)`, async () => {
      const result = await exercise(csp ? pagePath : await withoutCsp(pagePath), 12);
      expectInert(result);
      expect(result.state.text).toContain(HOSTILE.script);
      expect(result.state.text).toContain(HOSTILE.img);
      expect(result.state.text).toContain(HOSTILE.link);
      expect(result.state.text).toContain(HOSTILE.attr);
      await result.context.close();
    });
  }
});

export type { Page };
