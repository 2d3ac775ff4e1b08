import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EmbeddedEngine, type Settled } from '../src/engine/embedded.ts';
import { BoundError, ParsePool } from '../src/engine/parse-pool.ts';
import { processDocument, type ProcessorContext } from '../src/engine/processor.ts';
import { hashFile, processedPath, readFailed, readProcessed, writeProcessed } from '../src/engine/records.ts';
import { FinalError, type IngestJobData, type ProcessOutcome } from '../src/engine/types.ts';
import { silentLogger } from '../src/log.ts';
import { zipDirectoryReadable } from '../src/watch/stable.ts';

const SEED = new URL('../../../fixtures/seed/', import.meta.url).pathname;
const log = silentLogger();

const ok = (sha256: string): ProcessOutcome => ({ status: 'processed', sha256, report: 'r.json', summary: { errors: 0, warnings: 0, infos: 0 }, errorCode: null });
const job = (sha256: string): IngestJobData => ({ path: `/x/${sha256}`, sha256, out: '/tmp/none' });

function settledOf(engine: EmbeddedEngine): Settled[] {
  const seen: Settled[] = [];
  engine.onSettled((s) => seen.push(s));
  return seen;
}

describe('EmbeddedEngine', () => {
  it('retries a transient fault with backoff, then completes', async () => {
    const calls: number[] = [];
    const engine = new EmbeddedEngine(
      async (d) => {
        calls.push(Date.now());
        if (calls.length < 3) throw new Error('EIO: transient');
        return ok(d.sha256);
      },
      { concurrency: 1, log, backoffMs: 20 },
    );
    const seen = settledOf(engine);
    await engine.add(job('a'));
    await engine.idle();
    expect(calls).toHaveLength(3);
    expect(seen).toHaveLength(1);
    expect(seen[0].state).toBe('completed');
    expect((await engine.state('a')).state).toBe('completed');
  });

  it('gives up after 3 attempts, and never retries a FinalError or an unreadable file', async () => {
    let transient = 0;
    let final = 0;
    let unreadable = 0;
    const engine = new EmbeddedEngine(
      async (d) => {
        if (d.sha256 === 't') {
          transient++;
          throw new Error('ECONNRESET');
        }
        if (d.sha256 === 'f') {
          final++;
          throw new FinalError('changed', '文件已改变', 'file changed');
        }
        unreadable++;
        return { status: 'failed', sha256: d.sha256, report: 'r', code: 'corrupt-zip', message: '损坏', messageEn: 'damaged' };
      },
      { concurrency: 2, log, backoffMs: 5 },
    );
    for (const s of ['t', 'f', 'u']) await engine.add(job(s));
    await engine.idle();
    expect([transient, final, unreadable]).toEqual([3, 1, 1]);
    expect(await engine.state('t')).toMatchObject({ state: 'failed', reason: 'ECONNRESET' });
    expect(await engine.state('f')).toMatchObject({ state: 'failed' });
    expect(await engine.state('u')).toMatchObject({ state: 'failed', reason: 'corrupt-zip: damaged' });
  });

  it('adds a job id once, and runs at most `concurrency` jobs at a time', async () => {
    let running = 0;
    let peak = 0;
    const runs = new Map<string, number>();
    // Jobs are held until every add is done, so the repeated adds meet their jobs still queued or
    // running (a re-add after completion is the next describe's business: it depends on the record).
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const engine = new EmbeddedEngine(
      async (d) => {
        running++;
        peak = Math.max(peak, running);
        runs.set(d.sha256, (runs.get(d.sha256) ?? 0) + 1);
        await gate;
        await new Promise((r) => setTimeout(r, 10));
        running--;
        return ok(d.sha256);
      },
      { concurrency: 3, log },
    );
    for (let i = 0; i < 20; i++) {
      await engine.add(job(`s${i % 10}`));
    }
    release();
    await engine.idle();
    expect(runs.size).toBe(10);
    expect([...runs.values()].every((n) => n === 1)).toBe(true);
    expect(peak).toBeLessThanOrEqual(3);
    expect((await engine.state('nope')).state).toBe('missing');
  });
});

describe('EmbeddedEngine re-adds', () => {
  it('a completed job is not run again while its processed record exists; a failed one is retried', async () => {
    const out = await mkdtemp(join(tmpdir(), 'jx-readd-'));
    try {
      const runs: string[] = [];
      const engine = new EmbeddedEngine(
        async (d) => {
          runs.push(d.sha256);
          if (d.sha256 === 'bad') throw new FinalError('changed', '文件已改变', 'file changed');
          await writeProcessed(d.out, { sha256: d.sha256, file: d.path, report: 'r.json', at: new Date().toISOString() });
          return ok(d.sha256);
        },
        { concurrency: 1, log },
      );
      await engine.add({ ...job('good'), out });
      await engine.add({ ...job('bad'), out });
      await engine.idle();
      await engine.add({ ...job('good'), out }); // record present: nothing to do
      await engine.add({ ...job('bad'), out }); // failed: a new add retries it
      await engine.idle();
      expect(runs).toEqual(['good', 'bad', 'bad']);
      await rm(processedPath(out, 'good'));
      await engine.add({ ...job('good'), out }); // completed, but no record here any more: run again
      await engine.idle();
      expect(runs).toEqual(['good', 'bad', 'bad', 'good']);
    } finally {
      await rm(out, { recursive: true, force: true });
    }
  });
});

describe('processDocument with the parse pool', () => {
  let dir: string;
  let pool: ParsePool;
  let ctx: ProcessorContext;
  const published: string[] = [];
  const indexed: string[] = [];

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'jx-engine-'));
    pool = new ParsePool({ size: 1, timeoutMs: 120_000, maxOldMb: 512 });
    ctx = { pool, lang: 'zh', log, publishReport: async (r) => void published.push(r.sha256), onReport: (out) => void indexed.push(out) };
  });
  afterAll(async () => {
    await pool.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('writes the report, publishes it, writes the processed record; the same bytes are skipped after', async () => {
    const src = join(dir, 'in.txt');
    await writeFile(src, (await readFile(join(SEED, 'yanfeng-2021.txt'), 'utf8')) + '\n附注：engine test\n');
    const sha256 = await hashFile(src);
    const out = join(dir, 'out');
    const first = await processDocument({ path: src, sha256, out, relative: 'in.txt' }, ctx);
    expect(first.status).toBe('processed');
    const record = await readProcessed(out, sha256);
    expect(record).toMatchObject({ sha256, file: src, report: join(out, 'in.txt.report.json') });
    const report = JSON.parse(await readFile(record!.report, 'utf8'));
    expect(report.source.sha256).toBe(sha256);
    expect(published).toEqual([sha256]);
    expect(indexed).toEqual([out]);
    const second = await processDocument({ path: src, sha256, out, relative: 'in.txt' }, ctx);
    expect(second.status).toBe('skipped');
    expect(published).toHaveLength(1);
  });

  it('a truncated .docx: failure report and failed record, no processed record', async () => {
    const bytes = await readFile(join(SEED, 'yanfeng-2021.docx'));
    const src = join(dir, 'broken.docx');
    await writeFile(src, bytes.subarray(0, Math.floor(bytes.length / 2)));
    const sha256 = await hashFile(src);
    const out = join(dir, 'out2');
    const outcome = await processDocument({ path: src, sha256, out }, ctx);
    expect(outcome).toMatchObject({ status: 'failed', code: 'corrupt-zip' });
    expect(await readProcessed(out, sha256)).toBeNull();
    expect(await readFailed(out, sha256)).toMatchObject({ code: 'corrupt-zip', report: join(out, 'broken.docx.report.json') });
    const report = JSON.parse(await readFile(join(out, 'broken.docx.report.json'), 'utf8'));
    expect(report.error.code).toBe('corrupt-zip');
  });

  it('bytes that no longer match the queued sha256 fail with a FinalError', async () => {
    const src = join(dir, 'changed.txt');
    await writeFile(src, 'v1');
    const sha256 = await hashFile(src);
    await writeFile(src, 'v2 longer');
    await expect(processDocument({ path: src, sha256, out: join(dir, 'out3') }, ctx)).rejects.toBeInstanceOf(FinalError);
    await expect(processDocument({ path: join(dir, 'gone.txt'), sha256, out: join(dir, 'out3') }, ctx)).rejects.toMatchObject({ code: 'missing' });
  });
});

describe('ParsePool bounds', () => {
  it('terminates a parse over the time bound and keeps working', async () => {
    const pool = new ParsePool({ size: 1, timeoutMs: 1, maxOldMb: 256 });
    const big = new TextEncoder().encode(((await readFile(join(SEED, 'yanfeng-2021.txt'), 'utf8')) + '\n').repeat(200));
    try {
      await expect(pool.parse('big.txt', big)).rejects.toBeInstanceOf(BoundError);
    } finally {
      await pool.close();
    }
    const pool2 = new ParsePool({ size: 1, timeoutMs: 120_000, maxOldMb: 256 });
    try {
      const doc = await pool2.parse('small.txt', new TextEncoder().encode('hello'));
      expect(doc.path).toBe('small.txt');
    } finally {
      await pool2.close();
    }
  });
});

describe('the per-document heap bound', () => {
  it('a parse that outgrows --max-memory-mb fails cleanly as too-large, and the same pool goes on', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'jx-heap-'));
    // 48 MB of old generation: enough to start the thread and read the sample, not enough for
    // the sample's text 400 times over (6.7 MB of text, some 1200 tables).
    const pool = new ParsePool({ size: 1, timeoutMs: 120_000, maxOldMb: 48 });
    const ctx: ProcessorContext = { pool, lang: 'zh', log };
    try {
      const base = await readFile(join(SEED, 'yanfeng-2021.txt'), 'utf8');
      const big = join(dir, 'huge.txt');
      await writeFile(big, `${base}\n`.repeat(400));
      const bigSha = await hashFile(big);
      const out = join(dir, 'out');
      const outcome = await processDocument({ path: big, sha256: bigSha, out }, ctx);
      expect(outcome).toMatchObject({ status: 'failed', code: 'too-large' });
      expect((outcome as { messageEn: string }).messageEn).toMatch(/too much memory/);
      expect(await readFailed(out, bigSha)).toMatchObject({ code: 'too-large', report: join(out, 'huge.txt.report.json') });
      expect(await readProcessed(out, bigSha)).toBeNull();
      const report = JSON.parse(await readFile(join(out, 'huge.txt.report.json'), 'utf8'));
      expect(report.error.code).toBe('too-large');
      expect(report.source.sha256).toBe(bigSha);
      // The thread that died is replaced: the next document is read as usual.
      const small = join(dir, 'small.txt');
      await writeFile(small, `${base}\n附注：after the heap bound\n`);
      const smallSha = await hashFile(small);
      expect(await processDocument({ path: small, sha256: smallSha, out }, ctx)).toMatchObject({ status: 'processed', errorCode: null });
      expect(await readProcessed(out, smallSha)).toMatchObject({ sha256: smallSha });
    } finally {
      await pool.close();
      await rm(dir, { recursive: true, force: true });
    }
  }, 120_000);
});

describe('scoring in the pool', () => {
  it('scores under the job profile off the main thread; over the time bound the document fails as too-large', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'jx-score-'));
    const src = join(dir, 'in.txt');
    await writeFile(src, (await readFile(join(SEED, 'yanfeng-2021.txt'), 'utf8')) + '\n附注：scoring bound\n');
    const sha256 = await hashFile(src);
    const roomy = new ParsePool({ size: 1, timeoutMs: 120_000, maxOldMb: 512 });
    try {
      const reports = await roomy.score([await roomy.parse(src, new Uint8Array(await readFile(src)))], 'zh', 'central-2020');
      expect(reports).toHaveLength(1);
      expect(reports[0].profile).toBe('central-2020');
      expect(reports[0].findings.length).toBeGreaterThan(0);
    } finally {
      await roomy.close();
    }
    // Reading is allowed its time, scoring 1 ms: the rules of a huge submission cannot hold the
    // worker (and its BullMQ lock renewal) beyond the bound.
    const pool = new ParsePool({ size: 1, timeoutMs: 120_000, scoreTimeoutMs: 1, maxOldMb: 512 });
    try {
      const out = join(dir, 'out');
      const outcome = await processDocument({ path: src, sha256, out, profile: 'central-2020' }, { pool, lang: 'zh', log });
      expect(outcome).toMatchObject({ status: 'failed', code: 'too-large' });
      expect((outcome as { messageEn: string }).messageEn).toMatch(/checking took too long/);
      expect(await readFailed(out, sha256)).toMatchObject({ code: 'too-large' });
      const report = JSON.parse(await readFile(join(out, 'in.txt.report.json'), 'utf8'));
      expect(report).toMatchObject({ error: { code: 'too-large' }, forms: [], findings: [] });
      expect(report.source.sha256).toBe(sha256);
      // The pool goes on.
      expect((await pool.parse('small.txt', new TextEncoder().encode('hello'))).path).toBe('small.txt');
    } finally {
      await pool.close();
      await rm(dir, { recursive: true, force: true });
    }
  }, 120_000);
});

describe('zipDirectoryReadable', () => {
  it('reads a whole .docx, rejects a truncated one and a text file', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'jx-zip-'));
    try {
      const bytes = await readFile(join(SEED, 'yanfeng-2021.docx'));
      await writeFile(join(dir, 'half.docx'), bytes.subarray(0, bytes.length - 100));
      expect(await zipDirectoryReadable(join(SEED, 'yanfeng-2021.docx'))).toBe(true);
      expect(await zipDirectoryReadable(join(dir, 'half.docx'))).toBe(false);
      expect(await zipDirectoryReadable(join(SEED, 'yanfeng-2021.txt'))).toBe(false);
      expect((await stat(join(dir, 'half.docx'))).size).toBe(bytes.length - 100);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
