import { copyFile, readFile, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../src/store/index.ts';
import { startEngine, type EngineHarness } from './helpers/engines.ts';
import { addUsers, checkInto, Client, deskOver, SEED, tempDir } from './helpers/desk.ts';

/*
 * Decisions follow the finding into the next version of a submission: a 修改稿 of the sample
 * (checked with `check --out` into the same folder) fixes two confirmed problems and leaves one;
 * the page shows 已整改 and 仍未整改 on the right findings, a waived one stays waived, the letter
 * of version 2 lists what is still open.
 */

/** The sample's text with two problems mended: a reason given for 经济建设投资总金额, the 效益指标 header 40 → 35. */
function mended(text: string): string {
  const lines = text.split('\n');
  const name = lines.findIndex((l) => l === '\t经济建设投资总金额');
  const reason = lines.findIndex((l, i) => i > name && l === '\t　');
  lines[reason] = '\t受项目审批延期影响，年内投资未能全部完成，已列入下年计划';
  const header = lines.findIndex((l, i) => i > 400 && l.startsWith('（40分）'));
  lines[header] = lines[header]!.replace('（40分）', '（35分）');
  return lines.join('\n');
}

let root: Awaited<ReturnType<typeof tempDir>>;
let h: EngineHarness;
let store: Store;
let app: FastifyInstance;
let client: Client;
let id = '';
const original = () => join(root.dir, '雁峰街道2021.txt');
const revised = () => join(root.dir, '雁峰街道2021（修改稿）.txt');
const out = () => join(root.dir, 'out');

interface Item {
  fp: string;
  rule: string;
  state: string;
  message: string;
  html: string;
}
function findingsOf(body: string): Item[] {
  const list: Item[] = [];
  const groupRe = /<section class="rule-group" id="g-\d+" data-rule="([^"]+)">([\s\S]*?)<\/section>/g;
  for (let g = groupRe.exec(body); g; g = groupRe.exec(body)) {
    for (const m of g[2]!.matchAll(/<li class="finding[^"]*" id="[^"]+" data-fingerprint="([0-9a-f]+)" data-state="([a-z-]+)"[\s\S]*?<p class="message doc-text">([^<]*)<\/p>[\s\S]*?<\/li>/g)) {
      list.push({ fp: m[1]!, rule: g[1]!, state: m[2]!, message: m[3]!, html: m[0] });
    }
  }
  return list;
}

beforeAll(async () => {
  root = await tempDir('jx-desk-versions-');
  await copyFile(join(SEED, 'yanfeng-2021.txt'), original());
  await writeFile(revised(), mended(await readFile(original(), 'utf8')));
  await utimes(original(), new Date('2022-03-01T08:00:00Z'), new Date('2022-03-01T08:00:00Z'));
  await utimes(revised(), new Date('2022-03-02T08:00:00Z'), new Date('2022-03-02T08:00:00Z'));
  await checkInto(out(), [original()]);
  h = await startEngine('pglite');
  store = await h.fresh();
  await addUsers(store);
  app = await deskOver(store, out());
  client = new Client(app);
  await client.signIn('wang');
  id = /data-id="([^"]+)"/.exec((await client.get('/')).body)![1]!;
}, 180_000);

afterAll(async () => {
  await app?.close();
  await h?.dispose();
  await root?.dispose();
});

describe('decisions across versions', () => {
  const picked: Record<string, Item> = {};

  it('version 1: decisions on the original', async () => {
    const v1 = findingsOf((await client.get(`/s/${id}`)).body);
    expect(v1).toHaveLength(47);
    picked.weight = v1.find((f) => f.rule === 'level1-weight-sum' && f.message.includes('标注40分'))!;
    picked.investment = v1.find((f) => f.rule === 'deviation-reason-missing' && f.message.includes('经济建设投资总金额'))!;
    picked.fixedAsset = v1.find((f) => f.rule === 'deviation-reason-missing' && f.message.includes('全社会固定资产投资'))!;
    picked.over = v1.find((f) => f.rule === 'exec-over-100')!;
    picked.info = v1.find((f) => f.rule === 'full-score-without-achievement')!;
    for (const k of ['weight', 'investment', 'fixedAsset']) await client.post(`/s/${id}/decide`, { fp: picked[k]!.fp, state: 'confirmed', note: '' });
    await client.post(`/s/${id}/decide`, { fp: picked.over!.fp, state: 'waived', note: '追加预算已批复' });
    await client.post(`/s/${id}/decide`, { fp: picked.info!.fp, state: 'needs-info', note: '' });
    await client.post(`/s/${id}/status`, { status: 'returned', note: '' });
  });

  it('version 2 (a 修改稿): 已整改 for the two mended, 仍未整改 for the other, waived stays waived', async () => {
    await checkInto(out(), [original(), revised()]);
    const page = await client.get(`/s/${id}`);
    expect(page.status).toBe(200);
    expect(page.body).toContain('第2稿（修改稿）');
    const v2 = findingsOf(page.body);
    const byFp = new Map(v2.map((f) => [f.fp, f]));
    // The mended ones are gone from the list and named under 已整改.
    expect(byFp.has(picked.weight!.fp)).toBe(false);
    expect(byFp.has(picked.investment!.fp)).toBe(false);
    const gone = [...page.body.matchAll(/<li id="[^"]+" data-fingerprint="([0-9a-f]+)" class="gone-item">([\s\S]*?)<\/li>/g)].map((m) => ({ fp: m[1]!, html: m[2]! }));
    expect(gone.map((g) => g.fp).sort()).toEqual([picked.weight!.fp, picked.investment!.fp].sort());
    for (const g of gone) expect(g.html).toContain('已整改');
    // Still there: 仍未整改; the waived one stays waived; 待补充材料 carried.
    const still = byFp.get(picked.fixedAsset!.fp)!;
    expect(still.state).toBe('confirmed');
    expect(still.html).toContain('仍未整改');
    expect(byFp.get(picked.over!.fp)!.state).toBe('waived');
    expect(byFp.get(picked.over!.fp)!.html).not.toContain('仍未整改');
    expect(byFp.get(picked.info!.fp)!.state).toBe('needs-info');
    expect(page.body).toMatch(/仍未整改 1<\/span> <span class="carry carry-fixed">已整改 2/);
    // Nothing else was decided; what is new in this version says so.
    expect(v2.filter((f) => f.state === 'open').length).toBe(v2.length - 3);
    // The filter for 仍未整改 lists exactly that finding.
    expect(findingsOf((await client.get(`/s/${id}?show=still-open`)).body).map((f) => f.fp)).toEqual([picked.fixedAsset!.fp]);
    // The status stays as the lead left it until a lead changes it; the list shows version 2.
    expect(page.body).toContain('id="review-status">退回修改');
    expect((await client.get('/')).body).toContain('第2稿');
  });

  it('the letter of version 2 lists what is still open, says how many were mended, and not the mended ones', async () => {
    const print = await client.get(`/s/${id}/letter/print`);
    const text = print.body.replace(/<[^>]+>/g, '');
    expect(text).toContain('全社会固定资产投资');
    expect(text).toContain('（上一稿已指出，仍未整改）');
    expect(text).toContain('上一稿已确认的问题中有 2 个已整改，不再列出。');
    expect(text).not.toContain('经济建设投资总金额”目标');
    expect(text).not.toContain('标注40分');
    expect(text).toContain('第2稿（修改稿）');
  });

  it('the history keeps what was decided on version 1', async () => {
    const history = await client.get(`/s/${id}/history`);
    expect(history.body.match(/<tr class="kind-decision">/g)).toHaveLength(5);
    expect(history.body).toContain('初稿');
  });
});
