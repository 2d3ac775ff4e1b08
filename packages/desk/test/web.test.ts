import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../src/store/index.ts';
import { startEngine, type EngineHarness } from './helpers/engines.ts';
import { addUsers, checkInto, Client, deskOver, SEED, tempDir } from './helpers/desk.ts';

/*
 * The desk through HTTP (Fastify's inject, no socket): sign-in, sessions, CSRF, decisions, status,
 * and a clear page for every kind of bad input. The web layer is the same over either engine
 * (the store tests run on both): these run on the embedded one, the default.
 */

let out: Awaited<ReturnType<typeof tempDir>>;
beforeAll(async () => {
  out = await tempDir('jx-desk-web-');
  await checkInto(out.dir, [join(SEED, 'yanfeng-2021.docx')]);
}, 120_000);
afterAll(async () => {
  await out?.dispose();
});

/** A page that explains, not a stack trace. */
function expectClearPage(body: string, words: string): void {
  expect(body).toContain('<!DOCTYPE html>');
  expect(body).toContain(words);
  expect(body).not.toMatch(/at .+\.(ts|js):\d+|Error:|stack|FST_/);
}

describe('the desk over HTTP', () => {
  let h: EngineHarness;
  let store: Store;
  let app: FastifyInstance;
  let clock = Date.now();
  let id = '';
  beforeAll(async () => {
    h = await startEngine('pglite');
  }, 120_000);
  afterAll(async () => {
    await app?.close();
    await h?.dispose();
  });

  async function freshDesk(extra = {}) {
    await app?.close();
    store = await h.fresh();
    await addUsers(store);
    clock = Date.now();
    app = await deskOver(store, out.dir, { now: () => new Date(clock), sessionHours: 1, ...extra });
    return app;
  }

  async function firstId(client: Client): Promise<string> {
    const list = await client.get('/');
    return /data-id="([^"]+)"/.exec(list.body)![1]!;
  }

  /** Fingerprints of the submission page's findings, by rule. */
  function findingsOf(body: string): Array<{ fp: string; rule: string }> {
    const out: Array<{ fp: string; rule: string }> = [];
    const groupRe = /<section class="rule-group" id="g-\d+" data-rule="([^"]+)">([\s\S]*?)<\/section>/g;
    for (let g = groupRe.exec(body); g; g = groupRe.exec(body)) {
      for (const m of g[2]!.matchAll(/<li class="finding[^"]*" id="[^"]+" data-fingerprint="([0-9a-f]+)"/g)) out.push({ fp: m[1]!, rule: g[1]! });
    }
    return out;
  }

  it('signs in with the right password only, with HttpOnly SameSite=Strict cookies; a wrong one gets a clear page', async () => {
    await freshDesk();
    const client = new Client(app);
    expect((await client.get('/')).headers.location).toBe('/login?next=%2F');
    await client.get('/login');
    const wrong = await client.post('/login', { name: 'li', password: 'not-the-password' });
    expect(wrong.status).toBe(401);
    expectClearPage(wrong.body, '账号或密码不正确');
    const unknown = await client.post('/login', { name: 'nobody', password: 'whatever-1' });
    expectClearPage(unknown.body, '账号或密码不正确');
    const ok = await client.signIn('li');
    expect(ok.status).toBe(303);
    const setCookie = String(ok.headers['set-cookie']);
    expect(setCookie).toMatch(/jx_session=[^;]+;.*HttpOnly/);
    expect(setCookie).toMatch(/SameSite=Strict/);
    expect(setCookie).not.toMatch(/Secure/);
    const list = await client.get('/');
    expect(list.status).toBe(200);
    expect(list.body).toContain('雁峰区雁峰街道办事处');
    expect(list.headers['content-security-policy']).toMatch(/default-src 'none'/);
    // No internal names on the pages.
    expect(list.body).not.toMatch(/level1-weight-sum|hunan-2021|fingerprint/);
  });

  it('marks cookies Secure when served over https (behind a proxy that says so)', async () => {
    await freshDesk({ trustProxy: true });
    const login = await app.inject({ method: 'GET', url: '/login', headers: { 'x-forwarded-proto': 'https' } });
    const token = /name="_csrf" value="([^"]+)"/.exec(login.body)![1]!;
    const cookie = login.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
    expect(String(login.headers['set-cookie'])).toMatch(/Secure/);
    const res = await app.inject({
      method: 'POST',
      url: '/login',
      headers: { 'x-forwarded-proto': 'https', cookie, 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({ _csrf: token, name: 'wang', password: 'lead-password-1' }).toString(),
    });
    expect(res.statusCode).toBe(303);
    expect(String(res.headers['set-cookie'])).toMatch(/jx_session=[^;]+;.*Secure/);
  });

  it('an expired session sends GET to sign in again, and a POST gets a clear page; nothing is saved', async () => {
    await freshDesk();
    const client = new Client(app);
    await client.signIn('li');
    id = await firstId(client);
    const page = await client.get(`/s/${id}`);
    const [first] = findingsOf(page.body);
    clock += 2 * 3600_000;
    const again = await client.get(`/s/${id}`);
    expect(again.status).toBe(303);
    expect(again.headers.location).toContain('expired=1');
    const login = await client.get(String(again.headers.location));
    expectClearPage(login.body, '登录已过期');
    const post = await client.post(`/s/${id}/decide`, { fp: first!.fp, state: 'confirmed', note: '' });
    expect(post.status).toBe(401);
    expectClearPage(post.body, '登录已过期');
    expect((await store.currentDecisions(id)).size).toBe(0);
  });

  it('a forged or missing CSRF token gets a clear page and changes nothing', async () => {
    await freshDesk();
    const client = new Client(app);
    await client.signIn('li');
    id = await firstId(client);
    const [first] = findingsOf((await client.get(`/s/${id}`)).body);
    const forged = await client.post(`/s/${id}/decide`, { fp: first!.fp, state: 'confirmed', note: '' }, { token: 'forged-token' });
    expect(forged.status).toBe(403);
    expectClearPage(forged.body, '安全校验未通过');
    const missing = await client.post(`/s/${id}/decide`, { fp: first!.fp, state: 'confirmed', note: '' }, { token: null });
    expect(missing.status).toBe(403);
    // A token from another browser (its own CSRF secret) is no good either.
    const other = new Client(app);
    await other.get('/login');
    const foreign = await client.post(`/s/${id}/decide`, { fp: first!.fp, state: 'confirmed', note: '' }, { token: other.lastToken });
    expect(foreign.status).toBe(403);
    expect((await store.currentDecisions(id)).size).toBe(0);
  });

  it('unknown ids and ../ in URLs get a clear 404 page, never a file', async () => {
    await freshDesk();
    const client = new Client(app);
    await client.signIn('li');
    id = await firstId(client);
    const unknown = await client.get('/s/s0000000000000000000');
    expect(unknown.status).toBe(404);
    expectClearPage(unknown.body, '找不到这份报送');
    for (const url of [
      '/s/../../etc/passwd',
      '/s/..%2F..%2Fetc%2Fpasswd',
      `/s/${id}/v/1/files/..%2F..%2Fpackage.json/report.html`,
      `/s/${id}/v/1/files/0/..%2F..%2F..%2Fetc%2Fpasswd`,
      `/s/${id}/v/1/files/9/report.html`,
      '/assets/..%2F..%2Fpackage.json',
      '/../../../../etc/passwd',
      '/%2e%2e/%2e%2e/etc/passwd',
    ]) {
      const res = await client.get(url);
      expect(res.status, url).toBeGreaterThanOrEqual(400);
      expect(res.status, url).toBeLessThan(500);
      expect(res.body, url).not.toMatch(/root:x:0|"name": "@jxaudit|"devDependencies"/);
      expectClearPage(res.body, '找不到');
    }
    // The report files themselves, by id, version and index, sandboxed.
    const report = await client.get(`/s/${id}/v/1/files/0/report.html`);
    expect(report.status).toBe(200);
    expect(report.body).toContain('预算绩效自评检查报告');
    expect(report.headers['content-security-policy']).toMatch(/^sandbox allow-scripts/);
  });

  it('a 10 MB note is refused with a clear page (body limit); a note over 2000 characters too', async () => {
    await freshDesk();
    const client = new Client(app);
    await client.signIn('li');
    id = await firstId(client);
    const [first] = findingsOf((await client.get(`/s/${id}`)).body);
    const huge = await client.post(`/s/${id}/decide`, { fp: first!.fp, state: 'confirmed', note: 'x'.repeat(10 * 1024 * 1024) });
    expect(huge.status).toBe(413);
    expectClearPage(huge.body, '提交的内容太大');
    const long = await client.post(`/s/${id}/decide`, { fp: first!.fp, state: 'confirmed', note: 'x'.repeat(2001) });
    expect(long.status).toBe(400);
    expectClearPage(long.body, '备注最多 2000 字');
    expect((await store.currentDecisions(id)).size).toBe(0);
  });

  it('HTML in a note is shown as text', async () => {
    await freshDesk();
    const client = new Client(app);
    await client.signIn('li');
    id = await firstId(client);
    const [first] = findingsOf((await client.get(`/s/${id}`)).body);
    const note = '<script>alert("x")</script><img src=x onerror=alert(1)>口径已核实';
    const res = await client.post(`/s/${id}/decide`, { fp: first!.fp, state: 'waived', note });
    expect(res.status).toBe(303);
    for (const url of [`/s/${id}`, `/s/${id}/history`]) {
      const page = await client.get(url);
      expect(page.body).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;口径已核实');
      expect(page.body).not.toContain('<script>alert');
      expect(page.body).not.toContain('<img src=x');
    }
  });

  it('records single and bulk decisions, keeps them in the history, and only a lead sets the review status', async () => {
    await freshDesk();
    const reviewer = new Client(app);
    await reviewer.signIn('li');
    id = await firstId(reviewer);
    const findings = findingsOf((await reviewer.get(`/s/${id}`)).body);
    expect(findings).toHaveLength(47);
    const deviation = findings.filter((f) => f.rule === 'deviation-reason-missing');
    expect(deviation.length).toBeGreaterThan(5);
    const [one, two] = findings.filter((f) => f.rule !== 'deviation-reason-missing');
    expect((await reviewer.post(`/s/${id}/decide`, { fp: one!.fp, state: 'confirmed', note: '' })).status).toBe(303);
    expect((await reviewer.post(`/s/${id}/decide`, { fp: two!.fp, state: 'waived', note: '按口径说明' })).status).toBe(303);
    const bulk = await reviewer.post(`/s/${id}/decide`, { fp: deviation.map((f) => f.fp), state: 'confirmed', note: '全部未说明原因' });
    expect(bulk.headers.location).toContain(`done=${deviation.length}`);
    const page = await reviewer.get(String(bulk.headers.location));
    expect(page.body).toContain(`已记录：${deviation.length} 项标为“确认问题”`);
    const states = await store.currentDecisions(id);
    expect(states.get(one!.fp)?.state).toBe('confirmed');
    expect(states.get(two!.fp)).toMatchObject({ state: 'waived', note: '按口径说明', userName: '李审核' });
    expect(deviation.every((f) => states.get(f.fp)?.state === 'confirmed')).toBe(true);
    // The page lists one kind at a time; the decisions export as a spreadsheet.
    const waivedOnly = await reviewer.get(`/s/${id}?show=waived`);
    expect(findingsOf(waivedOnly.body).map((f) => f.fp)).toEqual([two!.fp]);
    const openOnly = findingsOf((await reviewer.get(`/s/${id}?show=open`)).body);
    expect(openOnly).toHaveLength(47 - deviation.length - 2);
    const csv = await reviewer.get(`/s/${id}/decisions.csv`);
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.body.startsWith('\ufeff规则,严重程度,问题,位置,处理意见,整改情况,备注,审核人,处理时间,处理时的版本\r\n')).toBe(true);
    expect(csv.body.split('\r\n').filter((l) => l.includes(',确认问题,'))).toHaveLength(deviation.length + 1);
    expect(csv.body).toContain('按口径说明');
    // Changing one of them appends; the history shows from → to.
    await reviewer.post(`/s/${id}/decide`, { fp: two!.fp, state: 'confirmed', note: '复核后确认' });
    const history = await reviewer.get(`/s/${id}/history`);
    expect(history.body).toMatch(/不是问题 → <b>确认问题<\/b>/);
    expect(history.body).toMatch(/待处理 → <b>确认问题<\/b> <span class="muted small">（批量）/);
    expect(history.body.match(/<tr class="kind-decision">/g)).toHaveLength(deviation.length + 3);
    // A finding not in the submission: refused.
    const stranger = await reviewer.post(`/s/${id}/decide`, { fp: 'f'.repeat(64), state: 'confirmed', note: '' });
    expect(stranger.status).toBe(409);
    expectClearPage(stranger.body, '不在这份报送的当前版本中');
    // The status: reviewer refused, lead allowed; the list filters by it.
    const refused = await reviewer.post(`/s/${id}/status`, { status: 'returned', note: '' });
    expect(refused.status).toBe(403);
    expectClearPage(refused.body, '只有科室负责人');
    const lead = new Client(app);
    await lead.signIn('wang');
    await lead.get(`/s/${id}`);
    expect((await lead.post(`/s/${id}/status`, { status: 'returned', note: '请按意见书修改' })).status).toBe(303);
    expect((await lead.get(`/s/${id}`)).body).toContain('id="review-status">退回修改');
    expect((await lead.get('/?status=returned')).body).toContain(`data-id="${id}"`);
    const pending = await lead.get('/?status=pending');
    expect(pending.body).not.toContain(`data-id="${id}"`);
    expect(pending.body).toContain('没有符合条件的报送');
    const list = await lead.get('/');
    expect(list.body).toMatch(new RegExp(`id="total-decided">${deviation.length + 2}<`));
  });

  it('limits sign-in attempts and says so', async () => {
    await freshDesk({ loginAttemptsPerMinute: 3 });
    const client = new Client(app);
    await client.get('/login');
    for (let i = 0; i < 3; i++) expect((await client.post('/login', { name: 'li', password: `guess-${i}` })).status).toBe(401);
    const limited = await client.post('/login', { name: 'li', password: 'reviewer-pass-1' });
    expect(limited.status).toBe(429);
    expectClearPage(limited.body, '登录尝试过于频繁');
  });
});
