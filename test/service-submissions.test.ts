import { copyFile, mkdir, mkdtemp, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readSubmissions, readVersionFindings, readVersionReports } from '../packages/ingest/src/submissions/store.ts';
import { shanghaiDate } from '../packages/ingest/src/watch/stable.ts';
import { revisedSample } from './helpers/revised.ts';
import { REPO, runJx, spawnJx, startRedis, waitFor, type JxProcess, type PrivateRedis } from './helpers/redis.ts';

// Submissions as the service receives them (issue 9): the three split files of the sample, dropped
// into `watch` (embedded and --redis) or enqueued, in either order and minutes apart, give the
// 47 findings `check` gives for the three; a 修改稿 arriving later is a new version with its diff.

const SEED = join(REPO, 'fixtures/seed');
const SPLIT = ['yanfeng-2021-attach1.docx', 'yanfeng-2021-attach2.docx', 'yanfeng-2021-report.docx'];
const exists = (p: string) => readFile(p).then(() => true, () => false);

let root: string;
let redis: PrivateRedis;
/** The fingerprints `check` gives for the three split files, and its profile. */
let expected: { fingerprints: string[]; profile: string };
const procs: JxProcess[] = [];

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'jx-svc-sub-'));
  redis = await startRedis();
  const dir = join(root, 'check-in');
  await mkdir(dir, { recursive: true });
  for (const name of SPLIT) await copyFile(join(SEED, name), join(dir, name));
  const res = await runJx(['check', dir, '--json']);
  const reports = res.stdout.trim().split('\n').map((l) => JSON.parse(l) as { profile: string; findings: { fingerprint: string }[] });
  expect(reports).toHaveLength(3);
  expected = { fingerprints: reports.flatMap((r) => r.findings.map((f) => f.fingerprint)).sort(), profile: reports[0].profile };
  expect(expected.fingerprints).toHaveLength(47);
  expect(new Set(expected.fingerprints).size).toBe(47);
  expect(expected.profile).toBe('hunan-2021');
}, 180_000);

afterAll(async () => {
  await Promise.all(procs.map((p) => p.stop()));
  await redis?.dispose();
  await rm(root, { recursive: true, force: true });
});

/** The single submission recorded in OUT, its latest version and that version's findings. */
async function latest(out: string) {
  const records = await readSubmissions(out);
  expect(records).toHaveLength(1);
  const record = records[0];
  const last = record.versions.at(-1)!;
  const findings = await readVersionFindings(out, record.id, last.version);
  return { record, last, fingerprints: findings.map((f) => f.fingerprint).sort() };
}

async function dropAll(inbox: string, names: string[]): Promise<void> {
  for (const name of names) {
    await copyFile(join(SEED, name), join(inbox, `${name}.part`));
    await rename(join(inbox, `${name}.part`), join(inbox, name)); // whole at once: .part files are ignored
  }
}

/** Waits until the watcher logged that it watches (files dropped before would be taken together at its start). */
async function watching(logFile: string): Promise<void> {
  await waitFor('the watcher to start', async () => (await readFile(logFile, 'utf8').catch(() => '')).includes('"msg":"watching"'));
}

const inDone = (inbox: string, names: string[]) => async () => {
  const done = await readdir(join(inbox, 'done', shanghaiDate())).catch(() => [] as string[]);
  return names.every((n) => done.includes(n));
};

describe('the watched folder, embedded engine', () => {
  it('the split files in reverse order, 5 s apart: a version per arrival, the last one the 47 findings of check', async () => {
    const inbox = join(root, 'embedded-inbox');
    const out = join(root, 'embedded-out');
    await mkdir(inbox, { recursive: true });
    const watch = spawnJx(['watch', inbox, '--out', out, '--stable-ms', '300', '--settle', '1', '--concurrency', '1'], { logFile: join(root, 'embedded.log') });
    procs.push(watch);
    await watching(join(root, 'embedded.log'));
    const order = [...SPLIT].reverse();
    // 5 s apart at least, and each after the previous one was checked (a loaded machine may take
    // longer than 5 s to read the first one; the versions then still say what each arrival added).
    for (const [i, name] of order.entries()) {
      const dropped = Date.now();
      await dropAll(inbox, [name]);
      await waitFor(`${name} in done/`, inDone(inbox, order.slice(0, i + 1)));
      if (i < order.length - 1) await new Promise((r) => setTimeout(r, Math.max(0, dropped + 5000 - Date.now())));
    }
    const { record, last, fingerprints } = await latest(out);
    // 5 s apart with a 1 s settle window: each file was checked on arrival, with what came before it.
    expect(record.versions.map((v) => v.documents.length)).toEqual([1, 2, 3]);
    expect(last.profile).toBe(expected.profile);
    expect(fingerprints).toEqual(expected.fingerprints);
    expect(last.diff).toMatchObject({ unchanged: expect.any(Number) });

    expect(await readdir(join(inbox, '.processing'))).toEqual([]);
    expect(await watch.stop()).toBe(0);
  }, 240_000);

  it('enqueue (embedded): the split files give the 47 findings in one version; a 修改稿 enqueued after the original: 1 fixed, 1 new, 46 unchanged', async () => {
    const dir = join(root, 'enqueue-embedded');
    const out = join(root, 'enqueue-embedded-out');
    await mkdir(dir, { recursive: true });
    for (const name of SPLIT) await copyFile(join(SEED, name), join(dir, name));
    // The default settle window of enqueue (5 s): the three are read one after the other well within it.
    const res = await runJx(['enqueue', dir, '--out', out, '--json', '--concurrency', '1']);
    expect(res.code, res.stderr.slice(-2000)).toBe(0);
    expect(JSON.parse(res.stdout.trim())).toMatchObject({ found: 3, processed: 3, findings: { errors: 3, warnings: 34, infos: 10 } });
    const { record, fingerprints, last } = await latest(out);
    expect(record.versions).toHaveLength(1);
    expect(last.profile).toBe('hunan-2021');
    expect(fingerprints).toEqual(expected.fingerprints);

    // The original, then its 修改稿 (one weight header corrected, one new error) in a later run.
    const units = join(root, 'resubmitted');
    const unitsOut = join(root, 'resubmitted-out');
    await mkdir(units, { recursive: true });
    const original = await readFile(join(SEED, 'yanfeng-2021.txt'), 'utf8');
    await writeFile(join(units, '雁峰街道2021.txt'), original);
    const first = await runJx(['enqueue', units, '--out', unitsOut, '--json', '--settle', '0.5', '--concurrency', '1']);
    expect(JSON.parse(first.stdout.trim())).toMatchObject({ processed: 1, findings: { errors: 3, warnings: 34, infos: 10 } });
    await writeFile(join(units, '雁峰街道2021-修改稿.txt'), revisedSample(original));
    const second = await runJx(['enqueue', units, '--out', unitsOut, '--json', '--settle', '0.5', '--concurrency', '1']);
    expect(JSON.parse(second.stdout.trim())).toMatchObject({ found: 2, skipped: 1, processed: 1 });
    const after = await latest(unitsOut);
    expect(after.record.versions.map((v) => v.version)).toEqual([1, 2]);
    expect(after.last).toMatchObject({ previous: 1, diff: { fixed: 1, new: 1, unchanged: 46 } });
    const page = JSON.parse(await readFile(join(unitsOut, '雁峰街道2021-修改稿.txt.report.json'), 'utf8'));
    expect(page.versions).toMatchObject({ version: 2, previous: { version: 1 }, diff: { counts: { fixed: 1, new: 1, unchanged: 46 } } });
    // The earlier version stays on disk as it was: the original's report of version 1, its 47 findings.
    const v1 = await readVersionReports(unitsOut, after.record.id, 1);
    expect(v1.map((r) => [r.path, r.report?.findings.length, r.report?.submission?.version])).toEqual([['雁峰街道2021.txt', 47, 1]]);
    expect(await exists(join(unitsOut, '.jxaudit', 'submissions', after.record.id, 'v1', '雁峰街道2021.txt.report.html'))).toBe(true);
  }, 180_000);
});

describe('the BullMQ engine', () => {
  it('watch --redis: the split files dropped together, in order, are checked once, together: the 47 findings of check', async () => {
    const inbox = join(root, 'redis-inbox');
    const out = join(root, 'redis-out');
    await mkdir(inbox, { recursive: true });
    const watch = spawnJx(['watch', inbox, '--out', out, '--redis', redis.url, '--stable-ms', '300', '--settle', '6', '--concurrency', '1'], { logFile: join(root, 'redis-watch.log') });
    procs.push(watch);
    await watching(join(root, 'redis-watch.log'));
    await dropAll(inbox, SPLIT);
    await waitFor('the three files in done/', inDone(inbox, SPLIT));
    const { record, last, fingerprints } = await latest(out);
    expect(record.versions).toHaveLength(1);
    expect(last.documents.map((d) => d.path).sort()).toEqual([...SPLIT].sort());
    expect(last.profile).toBe('hunan-2021');
    expect(fingerprints).toEqual(expected.fingerprints);
    expect(await watch.stop()).toBe(0);
  }, 240_000);

  it('enqueue --redis with two workers: the split files give the 47 findings of check', async () => {
    const dir = join(root, 'enqueue-redis');
    const out = join(root, 'enqueue-redis-out');
    await mkdir(dir, { recursive: true });
    for (const name of SPLIT) await copyFile(join(SEED, name), join(dir, name));
    const workers = [1, 2].map((n) => spawnJx(['worker', '--out', out, '--redis', redis.url, '--concurrency', '1'], { logFile: join(root, `worker-${n}.log`) }));
    procs.push(...workers);
    const res = await runJx(['enqueue', dir, '--out', out, '--redis', redis.url, '--json', '--settle', '1']);
    expect(res.code, res.stderr.slice(-2000)).toBe(0);
    expect(JSON.parse(res.stdout.trim().split('\n').at(-1)!)).toMatchObject({ found: 3, processed: 3, failed: 0 });
    const { last, fingerprints } = await latest(out);
    expect(last.profile).toBe('hunan-2021');
    expect(fingerprints).toEqual(expected.fingerprints);
    for (const w of workers) expect(await w.stop()).toBe(0);
  }, 240_000);
});
