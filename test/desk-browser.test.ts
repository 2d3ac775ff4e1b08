import { mkdir, readdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readDocument } from '@jxaudit/parse';
import { launchChromium } from '../packages/ingest/test/report-browser.ts';
import { checkInto, PASSWORDS, SEED, tempDir } from '../packages/desk/test/helpers/desk.ts';
import { seedPgliteDir } from '../packages/desk/test/helpers/pglite.ts';
import { shanghaiDate } from '../packages/ingest/src/watch/stable.ts';
import { freePort, runJx, spawnJx, waitFor, type JxProcess } from './helpers/redis.ts';
import { revisedSample } from './helpers/revised.ts';

/*
 * The review desk in Chromium against a real `jxaudit serve` on the embedded database (its
 * accounts made with `jxaudit user add` while it runs, through its admin endpoint): sign in,
 * confirm one finding of the sample, waive another with a note, bulk-confirm a group, set
 * 退回修改, export the letter (.docx and print page hold the confirmed findings and not the
 * waived one), restart the server and find every decision kept; then a 修改稿 dropped into a real
 * `jxaudit watch` writing the folder the desk serves: 已整改 and 仍未整改 on the right findings.
 */

let root: Awaited<ReturnType<typeof tempDir>>;
let out = '';
let port = 0;
let serve: JxProcess | null = null;
let watch: JxProcess | null = null;
let browser: Browser;
let page: Page;
const base = () => `http://127.0.0.1:${port}`;

async function startServe(): Promise<void> {
  serve = spawnJx(['serve', '--out', out, '--port', String(port), '--log-level', 'warn'], { logFile: join(root.dir, 'serve.log') });
  await waitFor('serve listening', async () => (await fetch(`${base()}/login`)).ok, 120_000, 250);
}

beforeAll(async () => {
  root = await tempDir('jx-desk-browser-');
  out = join(root.dir, 'out');
  await checkInto(out, [join(SEED, 'yanfeng-2021.docx')]);
  await seedPgliteDir(join(out, '.jxaudit', 'db'));
  port = await freePort();
  await startServe();
  // While serve holds the embedded database, `user add` goes through it.
  for (const [name, role, display] of [['wang', 'lead', '王科长'], ['li', 'reviewer', '李审核']] as const) {
    const added = await runJx(['user', 'add', name, '--role', role, '--display-name', display, '--out', out], undefined, `${PASSWORDS[name]}\n`);
    if (added.code !== 0) throw new Error(`user add ${name}: ${added.stderr}`);
  }
  browser = await launchChromium();
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, acceptDownloads: true });
  page = await context.newPage();
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await watch?.stop();
  await serve?.stop();
  await root?.dispose();
});

/** The finding items of the submission page: fingerprint, rule, state, message. */
async function findings(): Promise<Array<{ fp: string; rule: string; state: string; message: string }>> {
  return page.locator('li.finding').evaluateAll((els) =>
    els.map((el) => ({
      fp: el.getAttribute('data-fingerprint') ?? '',
      rule: el.closest('section.rule-group')?.getAttribute('data-rule') ?? '',
      state: el.getAttribute('data-state') ?? '',
      message: el.querySelector('.message')?.textContent ?? '',
    })),
  );
}

const squash = (s: string) => s.replace(/\s+/g, '');

describe('the review desk in Chromium', () => {
  const chosen = { confirmed: '', waived: '', waivedMessage: '', confirmedMessage: '', bulk: [] as string[] };
  let submissionUrl = '';

  it('signs in, confirms one finding, waives another with a note, bulk-confirms a group, sets 退回修改', async () => {
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${base()}/`);
    expect(page.url()).toContain('/login');
    await page.fill('input[name=name]', 'wang');
    await page.fill('input[name=password]', PASSWORDS.wang);
    await page.click('button[type=submit]');
    await page.waitForURL(`${base()}/`);
    await page.click('a.unit');
    await page.waitForURL(/\/s\/[A-Za-z0-9_-]+$/);
    submissionUrl = page.url();
    const all = await findings();
    expect(all).toHaveLength(47);
    expect(all.every((f) => f.state === 'open')).toBe(true);

    const confirm = all.find((f) => f.rule === 'exec-score-recompute')!;
    chosen.confirmed = confirm.fp;
    chosen.confirmedMessage = confirm.message;
    await page.locator(`li[data-fingerprint="${confirm.fp}"] form.decide button[value=confirmed]`).click();
    await page.waitForURL(/done=1/);
    expect(await page.locator(`li[data-fingerprint="${confirm.fp}"]`).getAttribute('data-state')).toBe('confirmed');

    const waive = all.find((f) => f.rule === 'exec-over-100')!;
    chosen.waived = waive.fp;
    chosen.waivedMessage = waive.message;
    const waiveForm = page.locator(`li[data-fingerprint="${waive.fp}"] form.decide`);
    await waiveForm.locator('input[name=note]').fill('年中追加预算已另文批复，<b>不是问题</b>');
    await waiveForm.locator('button[value=waived]').click();
    await page.waitForURL(/to=waived/);
    const waived = page.locator(`li[data-fingerprint="${waive.fp}"]`);
    expect(await waived.getAttribute('data-state')).toBe('waived');
    expect(await waived.locator('.note').textContent()).toContain('年中追加预算已另文批复，<b>不是问题</b>');

    const group = page.locator('section.rule-group[data-rule="deviation-reason-missing"]');
    chosen.bulk = await group.locator('li.finding').evaluateAll((els) => els.map((e) => e.getAttribute('data-fingerprint')!));
    expect(chosen.bulk.length).toBeGreaterThan(5);
    await group.locator('form.bulk button[value=confirmed]').click();
    await page.waitForURL(new RegExp(`done=${chosen.bulk.length}`));
    expect(await page.locator('#notice').textContent()).toContain(`已记录：${chosen.bulk.length} 项标为“确认问题”`);
    for (const fp of chosen.bulk) expect(await page.locator(`li[data-fingerprint="${fp}"]`).getAttribute('data-state')).toBe('confirmed');

    await page.selectOption('form.status-form select[name=status]', 'returned');
    await page.fill('form.status-form input[name=note]', '请按审核意见书整改后重新报送');
    await page.click('form.status-form button[type=submit]');
    await page.waitForURL(/status=returned/);
    expect(await page.locator('#review-status').textContent()).toBe('退回修改');
    expect(errors).toEqual([]);
  }, 120_000);

  it('exports the letter: the .docx and the print page hold the confirmed findings, not the waived one', async () => {
    await page.goto(`${submissionUrl}/letter`);
    await page.fill('input[name=deadline]', '2027-01-20');
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('button[value=docx]')]);
    expect(download.suggestedFilename()).toBe('审核意见书-雁峰区雁峰街道办事处-2021.docx');
    const file = join(root.dir, 'letter.docx');
    await download.saveAs(file);
    const read = await readDocument({ path: file, bytes: await (await import('node:fs/promises')).readFile(file) });
    expect(read.error).toBeNull();
    const docText = squash(read.blocks.map((b) => (b.type === 'paragraph' ? b.text : '')).join('\n'));
    expect(docText).toContain(squash(chosen.confirmedMessage));
    expect(docText).not.toContain(squash(chosen.waivedMessage));
    expect(docText).toContain('2027年1月20日');

    await page.goto(`${submissionUrl}/letter/print`);
    const printed = squash((await page.locator('article.a4').textContent()) ?? '');
    expect(printed).toContain(squash(chosen.confirmedMessage));
    expect(printed).not.toContain(squash(chosen.waivedMessage));
    expect(printed).toContain('审核人：王科长');
    const pdf = await page.pdf({ format: 'A4', preferCSSPageSize: true });
    await mkdir(join(root.dir, 'print'), { recursive: true });
    await writeFile(join(root.dir, 'print', 'letter.pdf'), pdf);
    expect(pdf.subarray(0, 4).toString()).toBe('%PDF');
  }, 120_000);

  it('after a restart of the server every decision and the status are kept', async () => {
    // One writer: a second serve on the same folder is refused while the first runs.
    const second = await runJx(['serve', '--out', out, '--port', '0', '--log-level', 'silent']);
    expect(second.code).toBe(2);
    expect(second.stderr).toContain('数据库正在使用中');
    const list = await runJx(['user', 'list', '--out', out, '--json']);
    expect(JSON.parse(list.stdout).map((u: { name: string }) => u.name)).toEqual(['li', 'wang']);
    expect(await serve!.stop()).toBe(0);
    await startServe();
    await page.goto(submissionUrl);
    // The session lives in the database: still signed in.
    expect(page.url()).toBe(submissionUrl);
    const after = new Map((await findings()).map((f) => [f.fp, f.state]));
    expect(after.get(chosen.confirmed)).toBe('confirmed');
    expect(after.get(chosen.waived)).toBe('waived');
    for (const fp of chosen.bulk) expect(after.get(fp)).toBe('confirmed');
    expect([...after.values()].filter((s) => s === 'open')).toHaveLength(47 - 2 - chosen.bulk.length);
    expect(await page.locator('#review-status').textContent()).toBe('退回修改');
  }, 180_000);

  it('a 修改稿 with one problem fixed, dropped into `jxaudit watch`: 已整改 on the confirmed finding it fixed, 仍未整改 on those it did not', async () => {
    // The finding the 修改稿 fixes (效益指标 40分 → 35分, its rows add up to 35), confirmed first.
    await page.goto(submissionUrl);
    const fixedOne = (await findings()).find((f) => f.rule === 'level1-weight-sum' && f.message.includes('“效益指标”标注40分'))!;
    expect(fixedOne).toBeDefined();
    await page.locator(`li[data-fingerprint="${fixedOne.fp}"] form.decide button[value=confirmed]`).click();
    await page.waitForURL(/done=1/);

    const inbox = join(root.dir, 'inbox');
    await mkdir(inbox, { recursive: true });
    const logFile = join(root.dir, 'watch.log');
    watch = spawnJx(['watch', inbox, '--out', out, '--stable-ms', '300', '--settle', '0.5', '--concurrency', '1'], { logFile });
    await waitFor('the watcher to start', async () => (await readFile(logFile, 'utf8').catch(() => '')).includes('"msg":"watching"'));
    const revised = revisedSample(await readFile(join(SEED, 'yanfeng-2021.txt'), 'utf8'));
    await writeFile(join(inbox, '雁峰街道2021-修改稿.txt.part'), revised);
    await rename(join(inbox, '雁峰街道2021-修改稿.txt.part'), join(inbox, '雁峰街道2021-修改稿.txt'));
    await waitFor('the 修改稿 checked and filed', async () => (await readdir(join(inbox, 'done', shanghaiDate())).catch(() => [] as string[])).includes('雁峰街道2021-修改稿.txt'));

    await page.goto(submissionUrl);
    // The project form's findings now rest on the 修改稿's lines: found by message, their decisions followed them.
    const now = await findings();
    const byMessage = (m: string) => now.filter((f) => f.message === m);
    // Fixed: gone from the findings, listed as 已整改.
    expect(now.some((f) => f.fp === fixedOne.fp || f.message === fixedOne.message)).toBe(false);
    const gone = page.locator(`li.gone-item[data-fingerprint="${fixedOne.fp}"]`);
    expect(await gone.locator('.carry-fixed').textContent()).toBe('已整改');
    // Not fixed: the confirmed finding and the bulk-confirmed group are still there, 仍未整改.
    const still = (fp: string) => page.locator(`li.finding[data-fingerprint="${fp}"] .carry-still-open`);
    const [confirmedNow] = byMessage(chosen.confirmedMessage);
    expect(confirmedNow?.state).toBe('confirmed');
    expect(await still(confirmedNow!.fp).textContent()).toBe('仍未整改');
    const group = now.filter((f) => f.rule === 'deviation-reason-missing');
    expect(group).toHaveLength(chosen.bulk.length);
    for (const f of group) expect(await still(f.fp).textContent()).toBe('仍未整改');
    // The waived one stays waived and is not called 仍未整改.
    const [waivedNow] = byMessage(chosen.waivedMessage);
    expect(waivedNow?.state).toBe('waived');
    expect(await still(waivedNow!.fp).count()).toBe(0);
    await page.screenshot({ path: join(root.dir, 'desk-after-revision.png'), fullPage: false });
    expect(await watch!.stop()).toBe(0);
    watch = null;
  }, 180_000);
});
