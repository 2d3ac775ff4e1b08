import { appendFile, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnJx, waitFor, type JxProcess } from '../../../test/helpers/redis.ts';
import { shanghaiDate } from '../src/watch/stable.ts';

// The watched folder end to end, embedded engine: a real `jxaudit watch` process, real files.

const SEED = new URL('../../../fixtures/seed/', import.meta.url).pathname;
const sha = (b: Buffer | string) => createHash('sha256').update(b).digest('hex');

let root: string;
let inbox: string;
let out: string;
let journalFile: string;
let watcher: JxProcess;
let baseTxt: string;

async function journalEntries(): Promise<{ sha256: string; path: string }[]> {
  try {
    return (await readFile(journalFile, 'utf8')).trim().split('\n').filter(Boolean).map((l) => JSON.parse(l));
  } catch {
    return [];
  }
}
const variant = (tag: string) => Buffer.from(`${baseTxt}\n附注：${tag}\n`, 'utf8');
const doneDir = () => join(inbox, 'done', shanghaiDate());
const exists = async (p: string) => !!(await readFile(p).catch(() => null));

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'jx-watch-'));
  inbox = join(root, 'inbox');
  out = join(root, 'out');
  journalFile = join(root, 'journal.jsonl');
  baseTxt = await readFile(join(SEED, 'yanfeng-2021.txt'), 'utf8');
  await mkdir(join(inbox, '.processing'), { recursive: true });
  // Left in .processing/ by a "crash" before the watcher starts: must be processed on start.
  await writeFile(join(inbox, '.processing', 'crashed.txt'), variant('crashed'));
  watcher = spawnJx(['watch', inbox, '--out', out, '--stable-ms', '1000', '--rescan-ms', '3000', '--settle', '0.5', '--concurrency', '1', '--log-level', 'debug'], {
    logFile: join(root, 'watch.log'),
    env: { JXAUDIT_JOURNAL: journalFile },
  });
});

afterAll(async () => {
  const code = await watcher?.stop();
  expect(code).toBe(0); // graceful shutdown on SIGTERM
  await rm(root, { recursive: true, force: true });
});

describe('jxaudit watch (embedded engine)', () => {
  it('processes a file left in .processing/ by a crash', async () => {
    await waitFor('crashed.txt in done/', () => exists(join(doneDir(), 'crashed.txt')));
    expect(await exists(join(out, 'crashed.txt.report.json'))).toBe(true);
  }, 180_000);

  it('a dropped file yields its report and processed record, and moves to done/YYYY-MM-DD/', async () => {
    const bytes = variant('first');
    await writeFile(join(inbox, '雁峰街道2021.txt'), bytes);
    await waitFor('file in done/', () => exists(join(doneDir(), '雁峰街道2021.txt')));
    const report = JSON.parse(await readFile(join(out, '雁峰街道2021.txt.report.json'), 'utf8'));
    expect(report.source.sha256).toBe(sha(bytes));
    const record = JSON.parse(await readFile(join(out, '.jxaudit', 'processed', `${sha(bytes)}.json`), 'utf8'));
    expect(record).toMatchObject({ sha256: sha(bytes), file: join(inbox, '雁峰街道2021.txt') });
    expect(await readdir(inbox)).not.toContain('雁峰街道2021.txt');
    await waitFor('index.html', () => exists(join(out, 'index.html')));
  }, 180_000);

  it('the same bytes dropped again go to done/ without a second processing', async () => {
    const bytes = variant('first');
    await writeFile(join(inbox, 'again.txt'), bytes);
    await waitFor('again.txt in done/', () => exists(join(doneDir(), 'again.txt')));
    const runs = (await journalEntries()).filter((e) => e.sha256 === sha(bytes));
    expect(runs).toHaveLength(1);
    expect(await exists(join(out, 'again.txt.report.json'))).toBe(false);
  }, 180_000);

  it('corrupt files end in failed/ with their error file, and the watcher keeps going', async () => {
    const docx = await readFile(join(SEED, 'yanfeng-2021.docx'));
    await writeFile(join(inbox, 'truncated.docx'), docx.subarray(0, Math.floor(docx.length / 2)));
    await writeFile(join(inbox, 'empty.txt'), '');
    await waitFor('truncated.docx in failed/', () => exists(join(inbox, 'failed', 'truncated.docx')));
    const err = JSON.parse(await readFile(join(inbox, 'failed', 'truncated.docx.error.json'), 'utf8'));
    expect(err).toMatchObject({ file: 'truncated.docx', sha256: sha(docx.subarray(0, Math.floor(docx.length / 2))), code: 'corrupt-zip' });
    expect(err.message).toMatch(/[\u4e00-\u9fff]/);
    expect(err.messageEn.length).toBeGreaterThan(0);
    expect(typeof err.at).toBe('string');
    await waitFor('empty.txt in failed/', () => exists(join(inbox, 'failed', 'empty.txt.error.json')));
    expect(JSON.parse(await readFile(join(inbox, 'failed', 'empty.txt.error.json'), 'utf8')).code).toBe('empty');
    // Still alive: a good file after the bad ones.
    await writeFile(join(inbox, 'after-failures.txt'), variant('after failures'));
    await waitFor('after-failures.txt in done/', () => exists(join(doneDir(), 'after-failures.txt')));
  }, 180_000);

  it('a file still being written is not taken half-written', async () => {
    const bytes = variant('slow writer');
    const path = join(inbox, 'slow.txt');
    const chunks = 8;
    const size = Math.ceil(bytes.length / chunks);
    await writeFile(path, bytes.subarray(0, size));
    for (let i = 1; i < chunks; i++) {
      await new Promise((r) => setTimeout(r, 400));
      await appendFile(path, bytes.subarray(i * size, (i + 1) * size));
    }
    await waitFor('slow.txt in done/', () => exists(join(doneDir(), 'slow.txt')));
    expect(sha(await readFile(join(doneDir(), 'slow.txt')))).toBe(sha(bytes));
    const report = JSON.parse(await readFile(join(out, 'slow.txt.report.json'), 'utf8'));
    expect(report.source.sha256).toBe(sha(bytes));
    const slowRuns = (await journalEntries()).filter((e) => e.path.endsWith('slow.txt'));
    expect(slowRuns.map((e) => e.sha256)).toEqual([sha(bytes)]);
  }, 180_000);

  it('ignores lock files, dotfiles and partial downloads', async () => {
    const ignored = ['~$draft.docx', '.hidden.txt', 'x.tmp', 'y.part', 'z.crdownload'];
    for (const n of ignored) await writeFile(join(inbox, n), 'ignored');
    await writeFile(join(inbox, 'marker.txt'), variant('marker'));
    // Written after the ignored names, and stable after them: when it is filed, they were seen
    // (and left) first — were they taken, they would have been claimed before it.
    await waitFor('marker.txt in done/', () => exists(join(doneDir(), 'marker.txt')));
    expect(watcher.lines.filter((l) => l.includes('"msg":"claimed"') && ignored.some((n) => l.includes(JSON.stringify(n))))).toEqual([]);
    const left = await readdir(inbox);
    for (const n of ignored) expect(left).toContain(n);
  }, 180_000);
});

describe('jxaudit watch: SIGTERM while a document runs', () => {
  it('lets the document finish, files it in done/, and exits 0', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'jx-watch-term-'));
    try {
      const inbox2 = join(dir, 'inbox');
      const logFile = join(dir, 'watch.log');
      const proc = spawnJx(['watch', inbox2, '--out', join(dir, 'out'), '--stable-ms', '300', '--settle', '0.5', '--concurrency', '1', '--log-level', 'debug', '--shutdown-ms', '120000'], { logFile });
      await proc.line(/"msg":"watching"/);
      // The sample 8 times over: a second or more of reading and checking (its thread starts
      // too); the signal is sent the moment the log says the document is being processed.
      const base = await readFile(join(SEED, 'yanfeng-2021.txt'), 'utf8');
      await writeFile(join(inbox2, 'long.txt'), `${base}\n`.repeat(8));
      await proc.line(/"msg":"processing"/);
      proc.child.kill('SIGTERM');
      expect(await proc.exited).toBe(0);
      const msgs = proc.lines.filter((l) => l.startsWith('{')).map((l) => (JSON.parse(l) as { msg: string }).msg);
      expect(msgs.indexOf('shutting down')).toBeGreaterThan(-1);
      expect(msgs.indexOf('document processed')).toBeGreaterThan(msgs.indexOf('shutting down'));
      // Filed before exit, not left in .processing/ for the next start.
      expect(await readdir(join(inbox2, 'done', shanghaiDate()))).toEqual(['long.txt']);
      expect(await readdir(join(inbox2, '.processing'))).toEqual([]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }, 240_000);
});
