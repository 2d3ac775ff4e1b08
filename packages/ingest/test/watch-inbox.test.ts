import { execFileSync } from 'node:child_process';
import { lstat, mkdtemp, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { waitFor } from '../../../test/helpers/redis.ts';
import { EmbeddedEngine } from '../src/engine/embedded.ts';
import { ParsePool } from '../src/engine/parse-pool.ts';
import { processDocument, type ProcessorContext } from '../src/engine/processor.ts';
import type { IngestJobData } from '../src/engine/types.ts';
import { createLogger, silentLogger } from '../src/log.ts';
import { InboxWatcher } from '../src/watch/watcher.ts';

// The watched folder in-process: InboxWatcher with the embedded engine and the real processor,
// a clock of the test's choosing, and jobs that meet a changed or vanished file.

const SEED = new URL('../../../fixtures/seed/', import.meta.url).pathname;
const sha = (b: Buffer | string) => createHash('sha256').update(b).digest('hex');
const log = process.env.JX_TEST_LOG ? createLogger({ level: 'debug' }) : silentLogger();
const exists = async (p: string) => !!(await readFile(p).catch(() => null));

let root: string;
let pool: ParsePool;
let baseTxt: string;
const variant = (tag: string) => Buffer.from(`${baseTxt}\n附注：${tag}\n`, 'utf8');

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'jx-inbox-'));
  pool = new ParsePool({ size: 1, timeoutMs: 120_000, maxOldMb: 512 });
  baseTxt = await readFile(join(SEED, 'yanfeng-2021.txt'), 'utf8');
});
afterAll(async () => {
  await pool.close();
  await rm(root, { recursive: true, force: true });
});

interface Setup {
  inbox: string;
  out: string;
  watcher: InboxWatcher;
  engine: EmbeddedEngine;
  ctx: ProcessorContext;
}
let current: Setup | null = null;
afterEach(async () => {
  await current?.watcher.stop();
  await current?.engine.close();
  current = null;
});

/** A watcher on a fresh inbox; `before` runs in the job just before the processor. */
async function setup(name: string, options: { now?: () => Date; before?: (data: IngestJobData) => Promise<void> } = {}): Promise<Setup> {
  const inbox = join(root, name, 'inbox');
  const out = join(root, name, 'out');
  const ctx: ProcessorContext = { pool, lang: 'zh', log };
  const engine = new EmbeddedEngine(
    async (data) => {
      await options.before?.(data);
      return processDocument(data, ctx);
    },
    { concurrency: 1, log },
  );
  const watcher = new InboxWatcher({ inbox, out, engine, log, stableMs: 100, rescanMs: 60_000, poll: false, resolveMs: 50, now: options.now });
  engine.onSettled(() => watcher.nudge());
  await watcher.start();
  current = { inbox, out, watcher, engine, ctx };
  return current;
}

describe('InboxWatcher', () => {
  it('files done/ under the Beijing date of the moment the report was written (midnight UTC+8)', async () => {
    let clock = new Date('2026-02-28T15:59:59.000Z'); // 2026-02-28 23:59:59 in Beijing
    const { inbox } = await setup('clock', { now: () => clock });
    await writeFile(join(inbox, 'before-midnight.txt'), variant('before midnight'));
    await waitFor('before-midnight.txt in done/2026-02-28/', () => exists(join(inbox, 'done', '2026-02-28', 'before-midnight.txt')));
    clock = new Date('2026-02-28T16:00:01.000Z'); // 2026-03-01 00:00:01 in Beijing, still 28 Feb in UTC
    await writeFile(join(inbox, 'after-midnight.txt'), variant('after midnight'));
    await waitFor('after-midnight.txt in done/2026-03-01/', () => exists(join(inbox, 'done', '2026-03-01', 'after-midnight.txt')));
    expect((await readdir(join(inbox, 'done'))).sort()).toEqual(['2026-02-28', '2026-03-01']);
  }, 120_000);

  it('<name>.error.json has exactly the fields of OPERATIONS.md, in plain words', async () => {
    const clock = new Date('2026-05-04T03:02:01.000Z');
    const { inbox } = await setup('error-file', { now: () => clock });
    const docx = await readFile(join(SEED, 'yanfeng-2021.docx'));
    const broken = docx.subarray(0, 4000);
    await writeFile(join(inbox, '残缺.docx'), broken);
    await waitFor('残缺.docx in failed/', () => exists(join(inbox, 'failed', '残缺.docx')));
    const err = JSON.parse(await readFile(join(inbox, 'failed', '残缺.docx.error.json'), 'utf8'));
    expect(Object.keys(err).sort()).toEqual(['at', 'code', 'file', 'message', 'messageEn', 'sha256']);
    expect(err).toMatchObject({ file: '残缺.docx', sha256: sha(broken), code: 'corrupt-zip', at: clock.toISOString() });
    expect(err.message).toMatch(/请/); // says what to do
    expect(err.message).not.toMatch(/[A-Za-z]/); // no English or technical words in the Chinese message
    expect(err.messageEn).toMatch(/^The file is damaged/);
  }, 120_000);

  it('no form recognised is a failed submission: a text file named bad.docx lands in failed/ with its report and error file', async () => {
    const { inbox, out } = await setup('no-form');
    const bytes = Buffer.from('这是一份说明文字，不是自评表。\n', 'utf8');
    await writeFile(join(inbox, 'bad.docx'), bytes);
    await waitFor('bad.docx in failed/', () => exists(join(inbox, 'failed', 'bad.docx.error.json')));
    expect(await exists(join(inbox, 'failed', 'bad.docx'))).toBe(true);
    expect(await exists(join(inbox, 'done'))).toBe(false);
    const err = JSON.parse(await readFile(join(inbox, 'failed', 'bad.docx.error.json'), 'utf8'));
    expect(err).toMatchObject({ file: 'bad.docx', sha256: sha(bytes), code: 'no-form' });
    expect(err.message).toContain('未识别出绩效自评表');
    // Its report says what was found instead; a failed record, not a processed one (the unit sends it again).
    expect(JSON.parse(await readFile(join(out, 'bad.docx.report.json'), 'utf8')).error.code).toBe('no-form');
    expect(await readdir(join(out, '.jxaudit', 'failed'))).toEqual([`${sha(bytes)}.json`]);
    expect(await exists(join(out, '.jxaudit', 'processed', `${sha(bytes)}.json`))).toBe(false);
  }, 120_000);

  it('a file changed after it was queued: failed/ with a plain-words error file', async () => {
    const { inbox } = await setup('changed', {
      before: async (data) => writeFile(data.path, variant('edited after it was queued')),
    });
    const bytes = variant('as dropped');
    await writeFile(join(inbox, 'edited.txt'), bytes);
    await waitFor('edited.txt in failed/', () => exists(join(inbox, 'failed', 'edited.txt.error.json')));
    const err = JSON.parse(await readFile(join(inbox, 'failed', 'edited.txt.error.json'), 'utf8'));
    expect(Object.keys(err).sort()).toEqual(['at', 'code', 'file', 'message', 'messageEn', 'sha256']);
    expect(err).toMatchObject({ file: 'edited.txt', sha256: sha(bytes), code: 'changed' });
    expect(err.message).toMatch(/改动/);
    expect(err.message).not.toMatch(/[A-Za-z]/);
    expect(err.message).not.toMatch(/重试/); // a change is final: no retry happened, none is claimed
    expect(err.messageEn).toMatch(/changed/);
  }, 120_000);

  it('a file removed from .processing/ while queued is let go: no error files pile up in failed/', async () => {
    const { inbox, watcher, engine } = await setup('vanished', {
      before: async (data) => rm(data.path),
    });
    const bytes = variant('vanishes');
    await writeFile(join(inbox, 'vanishes.txt'), bytes);
    await waitFor('the job failed', async () => (await engine.state(sha(bytes))).state === 'failed');
    await waitFor('the watcher let the file go', () => watcher.inFlight === 0, 30_000);
    expect(await readdir(join(inbox, 'failed'))).toEqual([]);
    expect(await readdir(join(inbox, '.processing'))).toEqual([]);
    // Still alive.
    await writeFile(join(inbox, 'next.txt'), variant('next'));
    await waitFor('next.txt failed too (the hook removes every file)', () => engine.state(sha(variant('next'))).then((s) => s.state === 'failed'));
    await waitFor('the watcher let it go', () => watcher.inFlight === 0, 30_000);
    expect(await readdir(join(inbox, 'failed'))).toEqual([]);
  }, 120_000);

  it('a link and a FIFO dropped in the inbox go to failed/ as they are: no target read, hashed or queued', async () => {
    const queued: string[] = [];
    const { inbox, out } = await setup('links', { before: async (data) => void queued.push(data.path) });
    const secret = join(root, 'links', 'secret.txt');
    await writeFile(secret, variant('outside the inbox'));
    await symlink(secret, join(inbox, 'secret.txt'));
    await symlink('/dev/zero', join(inbox, 'zero.docx'));
    execFileSync('mkfifo', [join(inbox, 'pipe.txt')]);
    for (const name of ['secret.txt', 'zero.docx', 'pipe.txt']) {
      await waitFor(`${name} in failed/`, () => exists(join(inbox, 'failed', `${name}.error.json`)));
      const err = JSON.parse(await readFile(join(inbox, 'failed', `${name}.error.json`), 'utf8'));
      expect(err).toMatchObject({ file: name, sha256: null, code: 'not-regular-file' });
      expect(err.message).toMatch(/不是普通文件/);
    }
    expect((await lstat(join(inbox, 'failed', 'secret.txt'))).isSymbolicLink()).toBe(true);
    expect((await lstat(join(inbox, 'failed', 'pipe.txt'))).isFIFO()).toBe(true);
    expect(JSON.parse(await readFile(join(inbox, 'failed', 'secret.txt.error.json'), 'utf8')).message).toContain(`指向 ${secret}`);
    expect(queued).toEqual([]);
    expect(await exists(join(out, '.jxaudit', 'processed', `${sha(variant('outside the inbox'))}.json`))).toBe(false);
    // Still alive: a real file after them is processed.
    await writeFile(join(inbox, 'real.txt'), variant('real'));
    await waitFor('real.txt processed', () => exists(join(out, '.jxaudit', 'processed', `${sha(variant('real'))}.json`)));
    expect(queued).toHaveLength(1);
  }, 120_000);

  it('bytes that failed before are tried again when dropped again (the old failure is not replayed)', async () => {
    const setupResult = await setup('retry');
    const { inbox, out, ctx } = setupResult;
    const bytes = variant('too large at first');
    ctx.read = { maxBytes: 1000 }; // the bound first refuses the file…
    await writeFile(join(inbox, 'retry.txt'), bytes);
    await waitFor('retry.txt in failed/', () => exists(join(inbox, 'failed', 'retry.txt.error.json')));
    expect(JSON.parse(await readFile(join(inbox, 'failed', 'retry.txt.error.json'), 'utf8')).code).toBe('too-large');
    expect(await exists(join(out, '.jxaudit', 'failed', `${sha(bytes)}.json`))).toBe(true);
    ctx.read = undefined; // …then the administrator raises it, and the clerk drops the file again
    await writeFile(join(inbox, 'retry.txt'), bytes);
    await waitFor('retry.txt processed', () => exists(join(out, '.jxaudit', 'processed', `${sha(bytes)}.json`)), 60_000);
    const done = await waitFor('done/ has its date folder', async () => (await readdir(join(inbox, 'done'))).at(0));
    await waitFor('retry.txt in done/', () => exists(join(inbox, 'done', done, 'retry.txt')));
    expect(await exists(join(out, '.jxaudit', 'failed', `${sha(bytes)}.json`))).toBe(false);
    expect((await readdir(join(inbox, 'failed'))).sort()).toEqual(['retry.txt', 'retry.txt.error.json']);
  }, 120_000);
});
