import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword, verifyPassword } from '../src/auth/password.ts';
import type { FindingSnapshot, Store } from '../src/store/index.ts';
import { ENGINES, startEngine, type EngineHarness } from './helpers/engines.ts';

const snapshot = (rule: string, message: string): FindingSnapshot => ({
  rule,
  severity: 'warning',
  message,
  declared: 9,
  computed: 10,
  where: '表1 第3行 第9列',
  file: '雁峰街道2021.docx',
});

describe.each(ENGINES)('store on %s', (engine) => {
  let h: EngineHarness;
  const hashes: Record<string, string> = {};
  beforeAll(async () => {
    h = await startEngine(engine);
    for (const p of ['lead-password', 'reviewer-pass', 'another-password']) hashes[p] = await hashPassword(p);
  }, 120_000);
  afterAll(async () => {
    await h?.dispose();
  });

  async function withUsers(store: Store) {
    const lead = await store.addUser({ name: 'wang', displayName: '王科长', role: 'lead', passwordHash: hashes['lead-password']! });
    const reviewer = await store.addUser({ name: 'li', displayName: '李审核', role: 'reviewer', passwordHash: hashes['reviewer-pass']! });
    return { lead, reviewer };
  }

  it('keeps accounts with scrypt hashes, refuses a second account of the same name, disables', async () => {
    const store = await h.fresh();
    await withUsers(store);
    expect(await store.countActiveUsers()).toBe(2);
    const li = await store.userByName('li');
    expect(li?.password_hash).toMatch(/^scrypt\$/);
    expect(await verifyPassword('reviewer-pass', li!.password_hash)).toBe(true);
    expect(await verifyPassword('wrong', li!.password_hash)).toBe(false);
    await expect(store.addUser({ name: 'li', displayName: 'x', role: 'reviewer', passwordHash: 'x' })).rejects.toThrow();
    expect(await store.disableUser('li')).toBe(true);
    expect(await store.disableUser('li')).toBe(false);
    expect(await store.countActiveUsers()).toBe(1);
    expect((await store.listUsers()).map((u) => [u.name, u.role, u.disabledAt !== null])).toEqual([
      ['li', 'reviewer', true],
      ['wang', 'lead', false],
    ]);
  });

  it('sessions end at expiry, on sign-out, when the account is disabled or its password changes', async () => {
    const store = await h.fresh();
    const { reviewer, lead } = await withUsers(store);
    const now = new Date();
    const later = new Date(now.getTime() + 3600_000);
    await store.createSession('s-live', reviewer, later);
    await store.createSession('s-old', reviewer, new Date(now.getTime() - 1000));
    await store.createSession('s-lead', lead, later);
    expect((await store.sessionUser('s-live', now))?.name).toBe('li');
    expect(await store.sessionUser('s-old', now)).toBeNull();
    expect(await store.sessionExpired('s-old', now)).toBe(true);
    expect(await store.sessionExpired('s-live', now)).toBe(false);
    expect(await store.sessionExpired('nope', now)).toBe(false);
    await store.endSession('s-live');
    expect(await store.sessionUser('s-live', now)).toBeNull();
    expect((await store.sessionUser('s-lead', now))?.role).toBe('lead');
    await store.setPassword('wang', hashes['another-password']!);
    expect(await store.sessionUser('s-lead', now)).toBeNull();
    await store.createSession('s-lead2', lead, later);
    expect((await store.sessionUser('s-lead2', now))?.name).toBe('wang');
    await store.disableUser('wang');
    expect(await store.sessionUser('s-lead2', now)).toBeNull();
  });

  it('appends every decision; the current one is the newest; history says who, when, from → to', async () => {
    const store = await h.fresh();
    const { reviewer, lead } = await withUsers(store);
    const a = { fingerprint: 'fa', finding: snapshot('exec-score-recompute', '预算执行得分与执行率不符') };
    const b = { fingerprint: 'fb', finding: snapshot('deviation-reason-missing', '未说明偏差原因') };
    const c = { fingerprint: 'fc', finding: snapshot('deviation-reason-missing', '未说明偏差原因 2') };
    expect(await store.decide({ submissionId: 'S1', version: 1, userId: reviewer, to: 'confirmed', note: '', findings: [a] })).toBe(1);
    expect(await store.decide({ submissionId: 'S1', version: 1, userId: reviewer, to: 'waived', note: '口径不同，<b>非问题</b>', findings: [a] })).toBe(1);
    // The same decision again changes nothing.
    expect(await store.decide({ submissionId: 'S1', version: 1, userId: reviewer, to: 'waived', note: '口径不同，<b>非问题</b>', findings: [a] })).toBe(0);
    expect(await store.decide({ submissionId: 'S1', version: 1, userId: lead, to: 'confirmed', note: '批量确认', findings: [b, c] })).toBe(2);
    expect(await store.decide({ submissionId: 'S2', version: 1, userId: lead, to: 'needs-info', note: '', findings: [a] })).toBe(1);

    const current = await store.currentDecisions('S1');
    expect([...current.keys()].sort()).toEqual(['fa', 'fb', 'fc']);
    expect(current.get('fa')).toMatchObject({ state: 'waived', note: '口径不同，<b>非问题</b>', userName: '李审核', version: 1 });
    expect(current.get('fa')!.finding).toEqual(a.finding);
    expect(current.get('fb')).toMatchObject({ state: 'confirmed', userName: '王科长' });
    expect(current.get('fa')!.at).toBeInstanceOf(Date);

    const all = await store.allCurrentStates();
    expect(Object.fromEntries([...all.get('S1')!])).toEqual({ fa: 'waived', fb: 'confirmed', fc: 'confirmed' });
    expect(Object.fromEntries([...all.get('S2')!])).toEqual({ fa: 'needs-info' });

    const history = (await store.history('S1')).filter((e) => e.kind === 'decision');
    expect(history).toHaveLength(4);
    const forA = history.filter((e) => e.fingerprint === 'fa');
    expect(forA.map((e) => [e.from, e.to, e.userName])).toEqual([
      ['confirmed', 'waived', '李审核'],
      [null, 'confirmed', '李审核'],
    ]);
    const bulk = history.filter((e) => e.fingerprint !== 'fa');
    expect(bulk[0]!.batch).not.toBeNull();
    expect(new Set(bulk.map((e) => e.batch)).size).toBe(1);
    // Nothing is updated in place: a later reopen sees the same rows.
    const again = await h.reopen();
    expect((await again.history('S1')).filter((e) => e.kind === 'decision')).toHaveLength(4);
  });

  it('review status: 待审 until set, then the newest; every change in the history', async () => {
    const store = await h.fresh();
    const { lead } = await withUsers(store);
    expect(await store.statusOf('S1')).toBeNull();
    expect(await store.setStatus({ submissionId: 'S1', version: 1, userId: lead, to: 'in-review', note: '' })).toBe(true);
    expect(await store.setStatus({ submissionId: 'S1', version: 1, userId: lead, to: 'in-review', note: '' })).toBe(false);
    expect(await store.setStatus({ submissionId: 'S1', version: 1, userId: lead, to: 'returned', note: '请按意见书修改' })).toBe(true);
    expect(await store.statusOf('S1')).toMatchObject({ status: 'returned', note: '请按意见书修改', userName: '王科长' });
    expect(Object.fromEntries(await store.allStatuses())).toEqual({ S1: 'returned' });
    const history = (await store.history('S1')).filter((e) => e.kind === 'status');
    expect(history.map((e) => [e.from, e.to])).toEqual([
      ['in-review', 'returned'],
      ['pending', 'in-review'],
    ]);
  });

  it('letter drafts are appended; the newest is the current one', async () => {
    const store = await h.fresh();
    const { reviewer } = await withUsers(store);
    expect(await store.currentLetter('S1')).toBeNull();
    const draft = { remedies: { 'level1-weight-sum': '请更正分值' }, deadline: '2026-12-31', reviewer: '李审核', office: '市财政局绩效科', opening: '' };
    await store.saveLetter({ submissionId: 'S1', version: 1, userId: reviewer, draft, action: 'saved' });
    await store.saveLetter({ submissionId: 'S1', version: 1, userId: reviewer, draft: { ...draft, deadline: '2027-01-15' }, action: 'exported-docx' });
    const letter = await store.currentLetter('S1');
    expect(letter?.draft).toEqual({ ...draft, deadline: '2027-01-15' });
    expect((await store.history('S1')).filter((e) => e.kind === 'letter').map((e) => e.to)).toEqual(['exported-docx', 'saved']);
  });
});
