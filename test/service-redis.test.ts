import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Queue, Redis } from '../packages/ingest/src/engine/bullmq.ts';
import { shanghaiDate } from '../packages/ingest/src/watch/stable.ts';
import { REPO, runJx, spawnJx, startRedis, waitFor, type JxProcess, type PrivateRedis } from './helpers/redis.ts';

// The BullMQ engine end to end: a private redis-server, real `jxaudit` processes, real files.

const SEED = join(REPO, 'fixtures/seed');
const sha = (b: Buffer | string) => createHash('sha256').update(b).digest('hex');
let baseTxt = '';

const cn = (n: number) => [...String(n)].map((d) => '零一二三四五六七八九'[Number(d)]).join('');

/**
 * `count` distinct .txt documents (the sample with a distinct line appended), in two subfolders:
 * one submission (the same unit), or with `units: 'distinct'` each of its own unit (雁峰 → 雁峰一村…).
 */
async function makeDocs(dir: string, count: number, tag: string, units: 'one' | 'distinct' = 'one'): Promise<string[]> {
  if (!baseTxt) baseTxt = await readFile(join(SEED, 'yanfeng-2021.txt'), 'utf8');
  const hashes: string[] = [];
  for (let i = 0; i < count; i++) {
    const sub = join(dir, i % 2 ? 'b' : 'a');
    await mkdir(sub, { recursive: true });
    const text = units === 'distinct' ? baseTxt.replaceAll('雁峰', `雁峰${cn(i)}村`) : baseTxt;
    const bytes = Buffer.from(`${text}\n附注：${tag} ${i}\n`, 'utf8');
    await writeFile(join(sub, `doc-${i}.txt`), bytes);
    hashes.push(sha(bytes));
  }
  return hashes;
}

async function listProcessed(out: string): Promise<string[]> {
  try {
    return (await readdir(join(out, '.jxaudit', 'processed'))).filter((n) => n.endsWith('.json')).map((n) => n.slice(0, -5));
  } catch {
    return [];
  }
}
/** The latest report of each file (the versions' reports under .jxaudit/ not counted). */
async function countReports(dir: string): Promise<number> {
  let n = 0;
  for (const e of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (e.isFile() && e.name.endsWith('.report.json') && !join(e.parentPath, e.name).slice(dir.length).includes('/.jxaudit/')) n++;
  }
  return n;
}
async function journal(file: string): Promise<{ sha256: string; pid: number }[]> {
  try {
    return (await readFile(file, 'utf8')).trim().split('\n').filter(Boolean).map((l) => JSON.parse(l));
  } catch {
    return [];
  }
}
async function jobCounts(url: string, queue: string): Promise<Record<string, number>> {
  const conn = new Redis(url, { maxRetriesPerRequest: null });
  const q = new Queue(queue, { connection: conn });
  try {
    return await q.getJobCounts('completed', 'failed', 'waiting', 'active', 'delayed');
  } finally {
    await q.close();
    conn.disconnect();
  }
}
/** Completed jx-ingest (reading) and jx-score (scoring) jobs moved back from a stalled (dead) worker at least once. */
async function stalledJobs(url: string): Promise<number> {
  const conn = new Redis(url, { maxRetriesPerRequest: null });
  let n = 0;
  for (const name of ['jx-ingest', 'jx-score']) {
    const q = new Queue(name, { connection: conn });
    try {
      n += (await q.getJobs(['completed'], 0, -1)).filter((j) => j.stalledCounter > 0).length;
    } finally {
      await q.close();
    }
  }
  conn.disconnect();
  return n;
}
function noDuplicates(entries: { sha256: string }[]): void {
  const seen = new Map<string, number>();
  for (const e of entries) seen.set(e.sha256, (seen.get(e.sha256) ?? 0) + 1);
  expect([...seen.entries()].filter(([, n]) => n > 1)).toEqual([]);
}

describe('BullMQ engine', () => {
  let redis: PrivateRedis;
  let root: string;
  const procs: JxProcess[] = [];

  beforeAll(async () => {
    redis = await startRedis();
    root = await mkdtemp(join(tmpdir(), 'jx-bull-'));
  });
  afterAll(async () => {
    await Promise.all(procs.map((p) => p.stop()));
    await redis?.dispose();
    await rm(root, { recursive: true, force: true });
  });

  it('watch --redis --no-worker queues, a separate worker processes, the file moves to done/', async () => {
    const inbox = join(root, 'inbox');
    const out = join(root, 'watch-out');
    const journalFile = join(root, 'watch-journal.jsonl');
    const env = { JXAUDIT_JOURNAL: journalFile };
    const watch = spawnJx(['watch', inbox, '--out', out, '--redis', redis.url, '--no-worker', '--stable-ms', '800', '--settle', '0.5'], { logFile: join(root, 'watch.log'), env });
    const worker = spawnJx(['worker', '--out', out, '--redis', redis.url, '--concurrency', '1'], { logFile: join(root, 'watch-worker.log'), env });
    procs.push(watch, worker);
    await makeDocs(join(root, 'src'), 1, 'watch');
    const bytes = await readFile(join(root, 'src', 'a', 'doc-0.txt'));
    await waitFor('inbox', () => readdir(inbox).then(() => true));
    await writeFile(join(inbox, 'dropped.txt'), bytes);
    await waitFor('dropped.txt in done/', () => readFile(join(inbox, 'done', shanghaiDate(), 'dropped.txt')).then(() => true));
    expect(JSON.parse(await readFile(join(out, 'dropped.txt.report.json'), 'utf8')).source.sha256).toBe(sha(bytes));
    const counts = await jobCounts(redis.url, 'jx-reports');
    expect(counts.waiting).toBe(1);
    expect(await watch.stop()).toBe(0);
    expect(await worker.stop()).toBe(0);
  }, 240_000);

  it('20 distinct files through two worker processes: each processed exactly once', async () => {
    const dir = join(root, 'bulk');
    const out = join(root, 'bulk-out');
    const journalFile = join(root, 'bulk-journal.jsonl');
    const hashes = await makeDocs(dir, 20, 'bulk');
    const completedBefore = (await jobCounts(redis.url, 'jx-ingest')).completed;
    const env = { JXAUDIT_JOURNAL: journalFile };
    const w1 = spawnJx(['worker', '--out', out, '--redis', redis.url, '--concurrency', '1'], { logFile: join(root, 'w1.log'), env });
    const w2 = spawnJx(['worker', '--out', out, '--redis', redis.url, '--concurrency', '1'], { logFile: join(root, 'w2.log'), env });
    procs.push(w1, w2);
    const res = await runJx(['enqueue', dir, '--out', out, '--redis', redis.url, '--json'], env);
    expect(res.code, res.stderr.slice(-2000)).toBe(0);
    const summary = JSON.parse(res.stdout.trim().split('\n').pop()!);
    expect(summary).toMatchObject({ found: 20, queued: 20, processed: 20, failed: 0, skipped: 0 });
    expect((await listProcessed(out)).sort()).toEqual([...hashes].sort());
    expect(await countReports(out)).toBe(20);
    const entries = await journal(journalFile);
    expect(entries).toHaveLength(20);
    noDuplicates(entries);
    expect(new Set(entries.map((e) => e.pid)).size).toBeGreaterThanOrEqual(1);
    for (const pid of new Set(entries.map((e) => e.pid))) expect([w1.child.pid, w2.child.pid]).toContain(pid);
    const counts = await jobCounts(redis.url, 'jx-ingest');
    expect(counts.completed - completedBefore).toBe(20);
    expect(counts.failed).toBe(0);
    // Run again: everything is skipped, nothing is processed twice.
    const again = await runJx(['enqueue', dir, '--out', out, '--redis', redis.url, '--json'], env);
    expect(JSON.parse(again.stdout.trim().split('\n').pop()!)).toMatchObject({ found: 20, queued: 0, skipped: 20 });
    expect(await journal(journalFile)).toHaveLength(20);
    expect(await w1.stop()).toBe(0);
    expect(await w2.stop()).toBe(0);
  }, 300_000);

  it('schedule upserts and removes the nightly sweep; a sweep job queues the files of DIR', async () => {
    const dir = join(root, 'nightly');
    const out = join(root, 'nightly-out');
    const hashes = await makeDocs(dir, 3, 'nightly');
    const up = await runJx(['schedule', '--cron', '0 2 * * *', dir, '--out', out, '--redis', redis.url]);
    expect(up.code, up.stderr).toBe(0);
    const conn = new Redis(redis.url, { maxRetriesPerRequest: null });
    const sweep = new Queue('jx-sweep', { connection: conn });
    try {
      const schedulers = await sweep.getJobSchedulers();
      expect(schedulers).toHaveLength(1);
      expect(schedulers[0]).toMatchObject({ pattern: '0 2 * * *', tz: 'Asia/Shanghai' });
      expect(schedulers[0].key).toMatch(/^nightly-[0-9a-f]+$/);
      expect(schedulers[0].template?.data).toMatchObject({ dir, out });
      // What the scheduler will add at 02:00, added now: the worker walks DIR.
      const worker = spawnJx(['worker', '--out', out, '--redis', redis.url, '--concurrency', '1'], { logFile: join(root, 'sweep-worker.log') });
      procs.push(worker);
      await sweep.add('sweep', { dir, out, settleMs: 500 });
      await waitFor('the swept files processed', async () => (await listProcessed(out)).length === 3);
      expect((await listProcessed(out)).sort()).toEqual([...hashes].sort());
      expect(await worker.stop()).toBe(0);
      const rm1 = await runJx(['schedule', dir, '--out', out, '--redis', redis.url, '--remove']);
      expect(rm1.code, rm1.stderr).toBe(0);
      expect(await sweep.getJobSchedulers()).toHaveLength(0);
    } finally {
      await sweep.close();
      conn.disconnect();
    }
  }, 240_000);
});

describe('BullMQ engine: a worker killed with SIGKILL mid-run', () => {
  let redis: PrivateRedis;
  let root: string;
  const procs: JxProcess[] = [];
  beforeAll(async () => {
    redis = await startRedis();
    root = await mkdtemp(join(tmpdir(), 'jx-kill-'));
  });
  afterAll(async () => {
    await Promise.all(procs.map((p) => p.stop()));
    await redis?.dispose();
    await rm(root, { recursive: true, force: true });
  });

  it('loses no job: the stalled job is recovered by another worker', async () => {
    const dir = join(root, 'docs');
    const out = join(root, 'out');
    const journalFile = join(root, 'journal.jsonl');
    const hashes = await makeDocs(dir, 20, 'kill', 'distinct');
    // Short lock and stalled check so the killed worker's active job is recovered quickly.
    const env = { JXAUDIT_JOURNAL: journalFile, JXAUDIT_LOCK_MS: '4000', JXAUDIT_STALLED_MS: '1000' };
    // --settle 0: each submission scored as soon as a document is read, so the kill meets work of both stages.
    const queued = await runJx(['enqueue', dir, '--out', out, '--redis', redis.url, '--no-wait', '--json', '--settle', '0'], env);
    expect(JSON.parse(queued.stdout.trim())).toMatchObject({ queued: 20 });
    const victim = spawnJx(['worker', '--out', out, '--redis', redis.url, '--concurrency', '2'], { logFile: join(root, 'victim.log'), env });
    procs.push(victim);
    await waitFor('a few documents processed', async () => (await listProcessed(out)).length >= 3);
    victim.child.kill('SIGKILL');
    expect(await victim.exited).toBe('SIGKILL');
    const before = (await listProcessed(out)).length;
    expect(before).toBeLessThan(20);
    const survivor = spawnJx(['worker', '--out', out, '--redis', redis.url, '--concurrency', '2'], { logFile: join(root, 'survivor.log'), env });
    procs.push(survivor);
    await waitFor('all documents processed', async () => (await listProcessed(out)).length === 20, 240_000);
    expect((await listProcessed(out)).sort()).toEqual([...hashes].sort());
    expect(await countReports(out)).toBe(20);
    await waitFor('all jobs completed', async () => (await jobCounts(redis.url, 'jx-ingest')).completed === 20);
    expect(await jobCounts(redis.url, 'jx-ingest')).toMatchObject({ failed: 0, waiting: 0, active: 0 });
    // The recovery path was taken: the job the victim held was found stalled and run again.
    expect(await stalledJobs(redis.url)).toBeGreaterThan(0);
    // Each document's processing completed (record, then journal) at most once.
    noDuplicates(await journal(journalFile));
    expect(await survivor.stop()).toBe(0);
  }, 300_000);
});

describe('BullMQ engine: Redis restarted mid-run', () => {
  let redis: PrivateRedis;
  let root: string;
  const procs: JxProcess[] = [];
  beforeAll(async () => {
    redis = await startRedis({ appendonly: true });
    root = await mkdtemp(join(tmpdir(), 'jx-restart-'));
  });
  afterAll(async () => {
    await Promise.all(procs.map((p) => p.stop()));
    await redis?.dispose();
    await rm(root, { recursive: true, force: true });
  });

  it('loses no job, and enqueue still reports every file', async () => {
    const dir = join(root, 'docs');
    const out = join(root, 'out');
    const journalFile = join(root, 'journal.jsonl');
    const hashes = await makeDocs(dir, 16, 'restart', 'distinct');
    const env = { JXAUDIT_JOURNAL: journalFile };
    const worker = spawnJx(['worker', '--out', out, '--redis', redis.url, '--concurrency', '1'], { logFile: join(root, 'worker.log'), env });
    procs.push(worker);
    const enqueue = runJx(['enqueue', dir, '--out', out, '--redis', redis.url, '--json', '--settle', '0'], env);
    await waitFor('a few documents processed', async () => (await listProcessed(out)).length >= 3);
    await redis.stop();
    expect((await listProcessed(out)).length).toBeLessThan(16); // really mid-run
    await new Promise((r) => setTimeout(r, 1500));
    await redis.start();
    const res = await enqueue;
    expect(res.code, res.stderr.slice(-2000)).toBe(0);
    expect(JSON.parse(res.stdout.trim().split('\n').pop()!)).toMatchObject({ found: 16, processed: 16, failed: 0 });
    expect((await listProcessed(out)).sort()).toEqual([...hashes].sort());
    expect(await countReports(out)).toBe(16);
    noDuplicates(await journal(journalFile));
    expect(await worker.stop()).toBe(0);
  }, 300_000);
});

describe('BullMQ engine: watch with its own worker, a job profile, a graceful stop', () => {
  let redis: PrivateRedis;
  let root: string;
  const procs: JxProcess[] = [];
  beforeAll(async () => {
    redis = await startRedis();
    root = await mkdtemp(join(tmpdir(), 'jx-own-'));
  });
  afterAll(async () => {
    await Promise.all(procs.map((p) => p.stop()));
    await redis?.dispose();
    await rm(root, { recursive: true, force: true });
  });

  it('watch --redis (built-in worker): a dropped file yields its report under the watch --profile and moves to done/', async () => {
    const inbox = join(root, 'inbox');
    const out = join(root, 'watch-out');
    const journalFile = join(root, 'watch-journal.jsonl');
    const watch = spawnJx(['watch', inbox, '--out', out, '--redis', redis.url, '--stable-ms', '800', '--settle', '0.5', '--concurrency', '1', '--profile', 'central-2020'], {
      logFile: join(root, 'watch.log'),
      env: { JXAUDIT_JOURNAL: journalFile },
    });
    procs.push(watch);
    await makeDocs(join(root, 'src'), 1, 'own worker');
    const bytes = await readFile(join(root, 'src', 'a', 'doc-0.txt'));
    await waitFor('inbox', () => readdir(inbox).then(() => true));
    await writeFile(join(inbox, '自评表.txt'), bytes);
    await waitFor('自评表.txt in done/', () => readFile(join(inbox, 'done', shanghaiDate(), '自评表.txt')).then(() => true));
    const report = JSON.parse(await readFile(join(out, '自评表.txt.report.json'), 'utf8'));
    expect(report.source.sha256).toBe(sha(bytes));
    expect(report.profile).toBe('central-2020'); // proposed for this form: hunan-2021
    expect(await listProcessed(out)).toEqual([sha(bytes)]);
    // Processed once, by the watch process itself (no other worker runs on this Redis).
    expect((await journal(journalFile)).map((e) => [e.sha256, e.pid])).toEqual([[sha(bytes), watch.child.pid]]);
    expect(await jobCounts(redis.url, 'jx-ingest')).toMatchObject({ completed: 1, failed: 0 });
    expect(await jobCounts(redis.url, 'jx-reports')).toMatchObject({ waiting: 1 });
    expect(await readdir(join(inbox, '.processing'))).toEqual([]);
    expect(await watch.stop()).toBe(0);
  }, 240_000);

  it('SIGTERM while a document runs: the worker finishes reading it, then exits 0; the next worker scores it under the job profile', async () => {
    const dir = join(root, 'long');
    const out = join(root, 'long-out');
    const logFile = join(root, 'long-worker.log');
    await mkdir(dir, { recursive: true });
    if (!baseTxt) baseTxt = await readFile(join(SEED, 'yanfeng-2021.txt'), 'utf8');
    // The sample 8 times over: a second or more of parsing and scoring (its thread starts too);
    // the signal is sent the moment the log says the document is being processed.
    const bytes = Buffer.from(`${baseTxt}\n`.repeat(8), 'utf8');
    await writeFile(join(dir, 'long.txt'), bytes);
    const queued = await runJx(['enqueue', dir, '--out', out, '--redis', redis.url, '--no-wait', '--json', '--profile', 'central-2020', '--settle', '1']);
    expect(JSON.parse(queued.stdout.trim())).toMatchObject({ queued: 1 });
    const worker = spawnJx(['worker', '--out', out, '--redis', redis.url, '--concurrency', '1', '--log-level', 'debug', '--shutdown-ms', '120000'], { logFile });
    procs.push(worker);
    await worker.line(new RegExp(`"sha256":"${sha(bytes)}".*"msg":"processing"|"msg":"processing".*"sha256":"${sha(bytes)}"`));
    worker.child.kill('SIGTERM');
    expect(await worker.exited).toBe(0);
    const msgs = worker.lines.filter((l) => l.startsWith('{')).map((l) => (JSON.parse(l) as { msg: string }).msg);
    // The signal arrived while the document was read; it was finished (stored), not abandoned.
    expect(msgs.indexOf('shutting down')).toBeGreaterThan(-1);
    expect(msgs.indexOf('document read, waiting for its submission to be scored')).toBeGreaterThan(msgs.indexOf('shutting down'));
    expect(msgs).not.toContain('graceful close timed out, forcing');
    expect(await jobCounts(redis.url, 'jx-ingest')).toMatchObject({ active: 0, waiting: 0, failed: 0 });
    // Its scoring job waits in jx-score; the next worker takes it, under the job's profile.
    const next = spawnJx(['worker', '--out', out, '--redis', redis.url, '--concurrency', '1'], { logFile: join(root, 'long-worker-2.log') });
    procs.push(next);
    await waitFor('the processed record', async () => (await listProcessed(out)).length === 1);
    expect(await listProcessed(out)).toEqual([sha(bytes)]);
    expect(JSON.parse(await readFile(join(out, 'long.txt.report.json'), 'utf8')).profile).toBe('central-2020');
    expect(await next.stop()).toBe(0);
  }, 240_000);

  it('the next sweep retries a file whose job failed (the failed job does not block it for a week)', async () => {
    const dir = join(root, 'sweep-retry');
    const out = join(root, 'sweep-retry-out');
    const [hash] = await makeDocs(dir, 1, 'sweep retry');
    const conn = new Redis(redis.url, { maxRetriesPerRequest: null });
    const sweep = new Queue('jx-sweep', { connection: conn });
    try {
      // Tonight's worker has a 1 ms time bound: the document fails as too-large.
      const strict = spawnJx(['worker', '--out', out, '--redis', redis.url, '--concurrency', '1', '--timeout-ms', '1'], { logFile: join(root, 'sweep-strict.log') });
      procs.push(strict);
      await sweep.add('sweep', { dir, out, settleMs: 500 });
      await waitFor('the failed record', () => readFile(join(out, '.jxaudit', 'failed', `${hash}.json`)).then(() => true));
      await waitFor('the failed job', async () => (await jobCounts(redis.url, 'jx-ingest')).failed === 1);
      expect(await strict.stop()).toBe(0);
      // The bound is raised; the next night's sweep queues the file again and it is processed.
      const roomy = spawnJx(['worker', '--out', out, '--redis', redis.url, '--concurrency', '1'], { logFile: join(root, 'sweep-roomy.log') });
      procs.push(roomy);
      await sweep.add('sweep', { dir, out, settleMs: 500 });
      await waitFor('the processed record', async () => (await listProcessed(out)).includes(hash));
      await waitFor('the failure forgotten', () => readFile(join(out, '.jxaudit', 'failed', `${hash}.json`)).then(() => false, () => true));
      expect(await roomy.stop()).toBe(0);
    } finally {
      await sweep.close();
      conn.disconnect();
    }
  }, 240_000);
});
