import { execFile } from 'node:child_process';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import ExcelJS from 'exceljs';
import type { FastifyInstance } from 'fastify';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../../ingest/test/report-browser.ts';
import { pgliteDir } from '../src/lock.ts';
import type { Stats } from '../src/stats/compute.ts';
import { openDb, Store, type OpenedDb } from '../src/store/index.ts';
import { applyReviewPlan, buildBatch, expectedFindings, plannedDecisions, plannedStatus, type BatchItem } from './helpers/batch.ts';
import { deskOver, PASSWORDS, tempDir } from './helpers/desk.ts';
import { seedPgliteDir } from './helpers/pglite.ts';
import { runJx } from '../../../test/helpers/redis.ts';

/*
 * The dashboard in Chromium over the 40-submission, 2-year batch (packages/desk/test/helpers/batch.ts)
 * with a review recorded in the embedded database: every chart's series, read from its ECharts
 * instance, equal the numbers `jxaudit stats --json` prints for the same filter (and, for the
 * review charts, what the recipe planned); a click on the top rule's bar lists exactly the
 * submissions having it, a click on a 不是问题 segment those where it was waived; the .xlsx export
 * of a chart reads back equal to the table beneath it. One browser for the file.
 * With JX_SHOTS=DIR it also writes the screenshots (1440×900, 390 wide, A4 landscape print).
 */

let root: Awaited<ReturnType<typeof tempDir>>;
let out = '';
let items: BatchItem[] = [];
let ids: string[] = [];
let cli: Stats;
let opened: OpenedDb;
let app: FastifyInstance;
let browser: Browser;
let page: Page;
let base = '';

beforeAll(async () => {
  root = await tempDir('jx-dash-browser-');
  ({ out, items } = await buildBatch(root.dir));
  await seedPgliteDir(pgliteDir(out));
  let db = await openDb({ engine: 'pglite', dataDir: pgliteDir(out) });
  ids = await applyReviewPlan(new Store(db.db), out, items);
  await db.close();
  // The command, on the database the page will use (closed meanwhile: one writer at a time).
  const run = await runJx(['stats', '--out', out, '--json', '--year', '2022']);
  if (run.code !== 0) throw new Error(`stats: ${run.stderr}`);
  cli = JSON.parse(run.stdout) as Stats;
  db = await openDb({ engine: 'pglite', dataDir: pgliteDir(out) });
  opened = db;
  app = await deskOver(new Store(db.db), out);
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  browser = await launchChromium();
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, acceptDownloads: true });
  page = await context.newPage();
  await page.goto(`${base}/login?next=%2Fdashboard`);
  await page.fill('input[name=name]', 'wang');
  await page.fill('input[name=password]', PASSWORDS.wang);
  await page.click('button[type=submit]');
  await page.waitForURL(/\/dashboard/);
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await app?.close();
  await opened?.close();
  await root?.dispose();
});

interface Drawn {
  categories: string[] | null;
  series: { name: string; data: unknown[] }[];
}

/** Each chart's categories and series as ECharts holds them. */
async function drawn(): Promise<Record<string, Drawn>> {
  return page.evaluate(() => {
    const w = window as unknown as { jxDashboard: { charts: Record<string, { getOption(): Record<string, unknown> }> } };
    const result: Record<string, unknown> = {};
    for (const [id, chart] of Object.entries(w.jxDashboard.charts)) {
      const o = chart.getOption() as { xAxis: { type: string; data?: string[] }[]; yAxis: { type: string; data?: string[] }[]; series: { name: string; data: unknown[] }[] };
      const cat = [...o.xAxis, ...o.yAxis].find((a) => a.type === 'category');
      result[id] = {
        categories: cat?.data ?? null,
        series: o.series.map((s) => ({ name: s.name, data: s.data.map((d) => (d && typeof d === 'object' && !Array.isArray(d) && 'value' in d ? (d as { value: unknown }).value : d)) })),
      };
    }
    return result as Record<string, Drawn>;
  });
}

/** What each chart must draw, from `jxaudit stats --json`. */
function expectedCharts(s: Stats): Record<string, Drawn> {
  const years = s.years.map((y) => `${y}年`);
  return {
    inflation: {
      categories: null,
      series: [
        { name: '自评高于复核', data: s.inflation.filter((r) => r.inflation > 0).map((r) => [r.recomputed, r.declared]) },
        { name: '自评不高于复核', data: s.inflation.filter((r) => r.inflation <= 0).map((r) => [r.recomputed, r.declared]) },
      ],
    },
    grades: { categories: ['优', '良', '中', '差'], series: [{ name: '自评等级', data: s.grades.map((g) => g.declared) }, { name: '复核等级', data: s.grades.map((g) => g.recomputed) }] },
    rules: {
      categories: s.rules.map((r) => r.title),
      series: [
        { name: '错误', data: s.rules.map((r) => r.errors) },
        { name: '警告', data: s.rules.map((r) => r.warnings) },
        { name: '提示', data: s.rules.map((r) => r.infos) },
      ],
    },
    'units-errors': { categories: s.unitsByErrors.slice(0, 15).map((u) => u.unit), series: [{ name: '错误', data: s.unitsByErrors.slice(0, 15).map((u) => u.errors) }] },
    'units-shortfalls': { categories: s.unitsByShortfalls.slice(0, 15).map((u) => u.unit), series: [{ name: '未说明偏差', data: s.unitsByShortfalls.slice(0, 15).map((u) => u.shortfalls) }] },
    'unit-years': { categories: years, series: s.unitYears.slice(0, 8).map((r) => ({ name: r.label, data: r.values })) },
    'rule-years': { categories: years, series: s.ruleYears.slice(0, 8).map((r) => ({ name: r.label, data: r.values })) },
    progress: { categories: ['待审', '审核中', '退回修改', '审核通过'], series: [{ name: '报送', data: s.progress.map((p) => p.submissions) }] },
    decisions: {
      categories: s.decisions.map((r) => r.title),
      series: [
        { name: '确认问题', data: s.decisions.map((r) => r.confirmed) },
        { name: '不是问题', data: s.decisions.map((r) => r.waived) },
        { name: '待补充材料', data: s.decisions.map((r) => r.needsInfo) },
        { name: '未处理', data: s.decisions.map((r) => r.open) },
      ],
    },
  };
}

/** Clicks a bar segment of a horizontal stacked bar chart: category index, series index. */
async function clickBar(chartId: string, category: number, series: number): Promise<void> {
  const at = await page.evaluate(
    ({ chartId, category, series }) => {
      const w = window as unknown as { jxDashboard: { charts: Record<string, { getOption(): { series: { data: number[] }[] }; convertToPixel(f: object, v: unknown[]): number[] }> } };
      const chart = w.jxDashboard.charts[chartId]!;
      const o = chart.getOption();
      let start = 0;
      for (let k = 0; k < series; k++) start += Number(o.series[k]!.data[category] ?? 0);
      const v = Number(o.series[series]!.data[category]);
      const [x, y] = chart.convertToPixel({ gridIndex: 0 }, [start + v / 2, category]);
      const rect = document.getElementById(`chart-${chartId}`)!.getBoundingClientRect();
      return { x: rect.left + x! + window.scrollX, y: rect.top + y! + window.scrollY };
    },
    { chartId, category, series },
  );
  await page.evaluate((y) => window.scrollTo(0, Math.max(0, y - 300)), at.y);
  const scroll = await page.evaluate(() => ({ x: window.scrollX, y: window.scrollY }));
  await Promise.all([page.waitForURL((u) => u.pathname === '/'), page.mouse.click(at.x - scroll.x, at.y - scroll.y)]);
}

async function listedIds(): Promise<string[]> {
  return (await page.locator('table.submissions tbody tr[data-id]').evaluateAll((els) => els.map((e) => e.getAttribute('data-id') ?? ''))).sort();
}

describe('the dashboard in Chromium', () => {
  it('draws every chart with the numbers of jxaudit stats --json (and of the recipe), no script refused', async () => {
    const refused: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error') refused.push(m.text());
    });
    page.on('pageerror', (e) => refused.push(e.message));
    await page.goto(`${base}/dashboard?year=2022`);
    await page.waitForFunction(() => !!(window as unknown as { jxDashboard?: unknown }).jxDashboard);
    expect(await drawn()).toEqual(expectedCharts(cli));
    expect(refused).toEqual([]);
    // The review charts against the plan, for 2022.
    const n2022 = items.map((it, n) => (it.year === 2022 ? n : -1)).filter((n) => n >= 0);
    expect(cli.progress.map((p) => p.submissions)).toEqual(['pending', 'in-review', 'returned', 'approved'].map((st) => n2022.filter((n) => plannedStatus(n) === st).length));
    const expected = await Promise.all(n2022.map((n) => expectedFindings(items[n]!)));
    const waivedDeductions = n2022.reduce((sum, n, k) => sum + (plannedDecisions(n).some((d) => d.rule === 'deduction-without-reason') ? expected[k]!.filter((x) => x.rule === 'deduction-without-reason').length : 0), 0);
    expect(cli.decisions.find((d) => d.rule === 'deduction-without-reason')!.waived).toBe(waivedDeductions);
    // Filters hold everywhere: the caption, the form, the export links.
    await expect(page.locator('#caption').textContent()).resolves.toContain('2022年');
    expect(await page.locator('select[name=year]').inputValue()).toBe('2022');
    expect(await page.locator('#sec-rules a[download]').getAttribute('href')).toBe('/dashboard/export/rules.xlsx?year=2022');
  });

  it('a click on the top rule lists exactly the submissions having it (filters kept)', async () => {
    await page.goto(`${base}/dashboard`);
    await page.selectOption('select[name=year]', '2022');
    await page.selectOption('select[name=district]', '石鼓区');
    await Promise.all([page.waitForURL(/district=/), page.click('form.filters button[type=submit]')]);
    await page.waitForFunction(() => !!(window as unknown as { jxDashboard?: unknown }).jxDashboard);
    const top = (await drawn()).rules!;
    const topRule = await page.locator('table[data-table=rules] tbody tr').first().locator('td').nth(1).textContent();
    const warnings = top.series[1]!.data[0];
    expect(Number(warnings)).toBeGreaterThan(0);
    await clickBar('rules', 0, 1);
    const want: string[] = [];
    for (const [n, it] of items.entries()) {
      if (it.year !== 2022 || it.district !== '石鼓区') continue;
      if ((await expectedFindings(it)).some((x) => x.rule === topRule)) want.push(ids[n]!);
    }
    expect(want.length).toBeGreaterThan(0);
    expect(await listedIds()).toEqual(want.sort());
    await expect(page.locator('#drill').textContent()).resolves.toContain('区县：石鼓区');

    // 不是问题 of the most-waived rule: exactly the submissions where the plan waived it.
    await page.goto(`${base}/dashboard`);
    await page.waitForFunction(() => !!(window as unknown as { jxDashboard?: unknown }).jxDashboard);
    expect(await page.locator('table[data-table=decisions] tbody tr').first().locator('td').nth(1).textContent()).toBe('deduction-without-reason');
    await clickBar('decisions', 0, 1);
    const waived = items.map((_, n) => n).filter((n) => plannedDecisions(n).some((d) => d.rule === 'deduction-without-reason' && d.to === 'waived'));
    expect(await listedIds()).toEqual(waived.map((n) => ids[n]!).sort());
  });

  it('the .xlsx export of a chart reads back equal to the table beneath it', async () => {
    await page.goto(`${base}/dashboard?kind=department-overall`);
    for (const id of ['rules', 'inflation']) {
      const [download] = await Promise.all([page.waitForEvent('download'), page.click(`#sec-${id} a[download]`)]);
      const file = join(root.dir, `${id}.xlsx`);
      await download.saveAs(file);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load((await readFile(file)) as never);
      const sheet = wb.worksheets[0]!;
      const fromXlsx: string[][] = [];
      sheet.eachRow((row, i) => {
        if (i > 1) fromXlsx.push(Array.from((row.values as unknown[]).slice(1), (v) => (v === undefined || v === '' ? '—' : String(v))));
      });
      const fromPage = await page.locator(`table[data-table=${id}] tr`).evaluateAll((rows) => rows.map((r) => [...r.querySelectorAll('th, td')].map((c) => c.textContent ?? '')));
      expect(fromXlsx.length).toBeGreaterThan(2);
      expect(fromXlsx).toEqual(fromPage);
    }
  });

  it('screenshots (JX_SHOTS)', async () => {
    const dir = process.env.JX_SHOTS;
    if (!dir) return;
    await mkdir(dir, { recursive: true });
    await page.setViewportSize({ width: 1440, height: 900 });
    await page.goto(`${base}/dashboard`);
    await page.waitForFunction(() => !!(window as unknown as { jxDashboard?: unknown }).jxDashboard);
    await page.screenshot({ path: join(dir, 'dashboard-1440.png') });
    await page.screenshot({ path: join(dir, 'dashboard-1440-full.png'), fullPage: true });
    for (const id of ['rules', 'decisions', 'unit-years', 'units-errors']) await page.locator(`#sec-${id}`).screenshot({ path: join(dir, `dashboard-1440-${id}.png`) });
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${base}/dashboard`);
    await page.waitForFunction(() => !!(window as unknown as { jxDashboard?: unknown }).jxDashboard);
    await page.screenshot({ path: join(dir, 'dashboard-390.png') });
    await page.locator('#sec-rules').screenshot({ path: join(dir, 'dashboard-390-rules.png') });
    await page.setViewportSize({ width: 1050, height: 900 });
    await page.goto(`${base}/dashboard`);
    await page.emulateMedia({ media: 'print' });
    await page.evaluate(() => window.dispatchEvent(new Event('beforeprint')));
    const pdf = join(dir, 'dashboard-a4.pdf');
    await writeFile(pdf, await page.pdf({ format: 'A4', landscape: true, printBackground: true, preferCSSPageSize: true }));
    await page.emulateMedia({ media: 'screen' });
    await promisify(execFile)('pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '3', pdf, join(dir, 'dashboard-a4')]);
    await page.goto(`${base}/?rule=deviation-reason-missing&district=%E7%9F%B3%E9%BC%93%E5%8C%BA&year=2022`);
    await page.setViewportSize({ width: 1440, height: 900 });
    await page.screenshot({ path: join(dir, 'list-drilled-1440.png') });
    await page.setViewportSize({ width: 390, height: 844 });
    await page.screenshot({ path: join(dir, 'list-drilled-390.png') });
    await page.setViewportSize({ width: 1440, height: 900 });
    await page.goto(`${base}/s/${ids[0]}`);
    await page.locator('td.cell.marked').first().scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(dir, 'submission-grid-1440.png') });
  }, 120_000);
});
