import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { remedyFor } from '@jxaudit/score';
import { startEngine, type EngineHarness } from './helpers/engines.ts';
import { addUsers, checkInto, Client, deskOver, SEED, tempDir } from './helpers/desk.ts';

/*
 * The 审核意见书: confirmed problems with their figures and places, the edited 整改要求, the
 * deadline and signature; waived findings absent. The .docx is opened by LibreOffice (converted
 * to PDF, its text read back with pdftotext), the print page read as HTML.
 */

const run = promisify(execFile);
const SOFFICE = '/usr/bin/soffice';
const squash = (s: string) => s.replace(/\s+/g, '');

let out: Awaited<ReturnType<typeof tempDir>>;
let h: EngineHarness;
let app: FastifyInstance;
let client: Client;
let id = '';
const picked: Record<'confirmed' | 'waived' | 'bulk' | 'needsInfo', { fp: string; message: string }[]> = { confirmed: [], waived: [], bulk: [], needsInfo: [] };

function findingsOf(body: string) {
  const list: { fp: string; rule: string; message: string }[] = [];
  const groupRe = /<section class="rule-group" id="g-\d+" data-rule="([^"]+)">([\s\S]*?)<\/section>/g;
  for (let g = groupRe.exec(body); g; g = groupRe.exec(body)) {
    for (const m of g[2]!.matchAll(/data-fingerprint="([0-9a-f]+)"[\s\S]*?<p class="message doc-text">([^<]*)<\/p>/g)) {
      list.push({ fp: m[1]!, rule: g[1]!, message: m[2]!.replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&') });
    }
  }
  return list;
}

beforeAll(async () => {
  if (!existsSync(SOFFICE)) throw new Error('LibreOffice is missing: apt-get install -y libreoffice-writer-nogui (.ci/run does)');
  out = await tempDir('jx-desk-letter-');
  await checkInto(out.dir, [join(SEED, 'yanfeng-2021.docx')]);
  h = await startEngine('pglite');
  const store = await h.fresh();
  await addUsers(store);
  app = await deskOver(store, out.dir);
  client = new Client(app);
  await client.signIn('li');
  id = /data-id="([^"]+)"/.exec((await client.get('/')).body)![1]!;
  const findings = findingsOf((await client.get(`/s/${id}`)).body);
  const weight = findings.filter((f) => f.rule === 'level1-weight-sum');
  const exec = findings.find((f) => f.rule === 'exec-score-recompute')!;
  const over = findings.find((f) => f.rule === 'exec-over-100')!;
  const deviation = findings.filter((f) => f.rule === 'deviation-reason-missing');
  picked.confirmed = [weight[0]!, exec];
  picked.waived = [weight[1]!, over];
  picked.bulk = deviation;
  picked.needsInfo = [findings.find((f) => f.rule === 'full-score-without-achievement')!];
  for (const f of picked.confirmed) await client.post(`/s/${id}/decide`, { fp: f.fp, state: 'confirmed', note: '' });
  for (const f of picked.waived) await client.post(`/s/${id}/decide`, { fp: f.fp, state: 'waived', note: '已核实，口径不同' });
  await client.post(`/s/${id}/decide`, { fp: deviation.map((f) => f.fp), state: 'confirmed', note: '' });
  await client.post(`/s/${id}/decide`, { fp: picked.needsInfo[0]!.fp, state: 'needs-info', note: '' });
}, 180_000);

afterAll(async () => {
  await app?.close();
  await h?.dispose();
  await out?.dispose();
});

describe('the 审核意见书', () => {
  it('the editor starts from the catalog 整改要求; edits are saved and used', async () => {
    const editor = await client.get(`/s/${id}/letter`);
    expect(editor.status).toBe(200);
    expect(editor.body).toContain(remedyFor('deviation-reason-missing'));
    expect(editor.body).toContain('name="remedy.level1-weight-sum"');
    // Waived-only rules have no section.
    expect(editor.body).not.toContain('name="remedy.exec-over-100"');
    const saved = await client.post(`/s/${id}/letter`, {
      'remedy.level1-weight-sum': '请按批复重新核定一级指标分值，并于整改说明中列明调整依据。',
      deadline: '2027-01-15',
      reviewer: '李审核',
      office: '衡阳市财政局绩效科',
      opening: '',
      then: 'save',
    });
    expect(saved.status).toBe(303);
    const again = await client.get(`/s/${id}/letter`);
    expect(again.body).toContain('请按批复重新核定一级指标分值');
    expect(again.body).toContain('value="2027-01-15"');
    const bad = await client.post(`/s/${id}/letter`, { deadline: 'tomorrow', reviewer: 'x', office: 'y', then: 'save' });
    expect(bad.status).toBe(400);
    expect(bad.body).toContain('整改期限无效');
  });

  it('the print page holds the confirmed problems with figures and places, the signature, and not the waived ones', async () => {
    const print = await client.get(`/s/${id}/letter/print`);
    expect(print.status).toBe(200);
    const text = squash(print.body.replace(/<[^>]+>/g, '').replace(/&quot;/g, '"'));
    expect(text).toContain(squash('关于雁峰区雁峰街道办事处2021年度绩效自评材料的审核意见书'));
    for (const f of [...picked.confirmed, ...picked.bulk]) expect(text).toContain(squash(f.message));
    for (const f of picked.waived) expect(text).not.toContain(squash(f.message));
    expect(text).toContain(squash('填报 30，复核应为 40'));
    expect(text).toContain(squash('位置：表1 第20行 第2、7列；第21行 第7列'));
    expect(text).toContain(squash('请按批复重新核定一级指标分值'));
    expect(text).toContain(squash(remedyFor('deviation-reason-missing')));
    expect(text).toContain(squash('需补充材料或说明的事项（1 个）'));
    expect(text).toContain(squash(picked.needsInfo[0]!.message));
    expect(text).toContain('2027年1月15日');
    expect(text).toContain('审核人：李审核');
    expect(text).toContain('衡阳市财政局绩效科');
    expect(text).toContain('（盖章）');
    expect(print.body).toContain('@page { size: A4;');
  });

  it('the .docx opens in LibreOffice and its text is there, the waived findings are not', async () => {
    const res = await app.inject({ method: 'GET', url: `/s/${id}/letter.docx`, headers: { cookie: [...client.cookies].map(([k, v]) => `${k}=${v}`).join('; ') } });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('wordprocessingml');
    expect(String(res.headers['content-disposition'])).toContain(encodeURIComponent('审核意见书-雁峰区雁峰街道办事处-2021.docx'));
    const dir = join(out.dir, 'letter');
    await mkdir(dir, { recursive: true });
    const docx = join(dir, 'letter.docx');
    await writeFile(docx, res.rawPayload);
    await run(SOFFICE, [`-env:UserInstallation=file://${join(dir, 'profile')}`, '--headless', '--convert-to', 'pdf', '--outdir', dir, docx], { timeout: 120_000 });
    const { stdout } = await run('pdftotext', ['-layout', join(dir, 'letter.pdf'), '-']);
    const text = squash(stdout);
    expect(text).toContain(squash('关于雁峰区雁峰街道办事处2021年度绩效自评材料的审核意见书'));
    for (const f of [...picked.confirmed, ...picked.bulk]) expect(text).toContain(squash(f.message));
    for (const f of picked.waived) expect(text).not.toContain(squash(f.message));
    expect(text).toContain(squash('填报 30，复核应为 40'));
    expect(text).toContain(squash('请按批复重新核定一级指标分值'));
    expect(text).toContain('2027年1月15日');
    expect(text).toContain('审核人：李审核');
    expect(text).toContain('衡阳市财政局绩效科');
    // Exports are in the history.
    const history = await client.get(`/s/${id}/history`);
    expect(history.body).toContain('导出审核意见书（Word）');
    expect(await readFile(join(dir, 'letter.pdf'))).toBeTruthy();
  }, 180_000);
});
