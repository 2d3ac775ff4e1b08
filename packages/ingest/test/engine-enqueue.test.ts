import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runJx } from '../../../test/helpers/redis.ts';

// `jxaudit enqueue` without Redis: the embedded engine runs the bulk in the CLI process.

const SEED = new URL('../../../fixtures/seed/', import.meta.url).pathname;
let root: string;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'jx-enqueue-'));
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('jxaudit enqueue (embedded engine)', () => {
  it('processes every file below DIR once, reports failures, skips processed files on a re-run', async () => {
    const dir = join(root, 'in');
    const out = join(root, 'out');
    const txt = await readFile(join(SEED, 'yanfeng-2021.txt'), 'utf8');
    await mkdir(join(dir, 'unit-a'), { recursive: true });
    await mkdir(join(dir, 'unit-b'), { recursive: true });
    for (let i = 0; i < 4; i++) await writeFile(join(dir, i % 2 ? 'unit-a' : 'unit-b', `r${i}.txt`), `${txt}\n附注：enqueue ${i}\n`);
    await writeFile(join(dir, 'unit-a', 'copy-of-r1.txt'), `${txt}\n附注：enqueue 1\n`); // same bytes as r1
    const docx = await readFile(join(SEED, 'yanfeng-2021.docx'));
    await writeFile(join(dir, 'unit-b', 'broken.docx'), docx.subarray(0, 3000));
    await writeFile(join(dir, 'unit-b', '~$lock.docx'), 'ignored');
    // A text file named .docx: read by its content, no form in it — a failed submission (no-form).
    await writeFile(join(dir, 'unit-b', 'bad.docx'), '这是一份说明文字，不是自评表。\n');

    const first = await runJx(['enqueue', dir, '--out', out, '--settle', '0.5', '--json', '--concurrency', '2']);
    expect(first.code, first.stderr.slice(-2000)).toBe(2); // some file could not be read
    const s1 = JSON.parse(first.stdout.trim());
    expect(s1).toMatchObject({ found: 7, queued: 6, processed: 4, failed: 2, noForm: 1, skipped: 0, duplicates: 1 });
    expect(s1.failures.map((f: { code: string }) => f.code).sort()).toEqual(['corrupt-zip', 'no-form']);
    expect(s1.findings.errors + s1.findings.warnings + s1.findings.infos).toBeGreaterThan(0);
    expect(first.stderr).toMatch(/progress 7\/7 processed=4 failed=2 skipped=1/);
    // Reports keep the path below DIR; one report per bytes (the first file found in sorted
    // order names it); the batch index is rebuilt at the end.
    expect((await readdir(join(out, 'unit-a'))).sort()).toEqual(['copy-of-r1.txt.report.html', 'copy-of-r1.txt.report.json', 'r3.txt.report.html', 'r3.txt.report.json']);
    expect(await readdir(out)).toEqual(expect.arrayContaining(['index.html', 'findings.csv']));
    expect(await readdir(join(out, '.jxaudit', 'processed'))).toHaveLength(4);
    expect(await readdir(join(out, '.jxaudit', 'failed'))).toHaveLength(2);
    expect(JSON.parse(await readFile(join(out, 'unit-b', 'bad.docx.report.json'), 'utf8')).error.code).toBe('no-form');

    const second = await runJx(['enqueue', dir, '--out', out, '--settle', '0.5', '--json']);
    const s2 = JSON.parse(second.stdout.trim());
    expect(s2).toMatchObject({ found: 7, queued: 2, skipped: 5, processed: 0, failed: 2 });

    const text = await runJx(['enqueue', dir, '--out', out, '--settle', '0.5', '--quiet']);
    expect(text.stdout).toMatch(/跳过（已处理） skipped 5/);
    expect(text.stdout).toMatch(/失败 failed: .*broken\.docx \[corrupt-zip\]/);
    expect(text.stdout).toMatch(/失败 failed: .*bad\.docx \[no-form\]/);
    expect(text.stdout).toMatch(/失败 failed 2（其中未识别出自评表 no-form 1）/);
    expect(text.stdout).toContain(`报告 reports: ${join(out, 'index.html')}`); // where to look next
  }, 240_000);

  it('a re-run tries a failed file again and reports the new outcome, not the old failure', async () => {
    const dir = join(root, 'rerun');
    const out = join(root, 'rerun-out');
    await mkdir(dir, { recursive: true });
    const txt = await readFile(join(SEED, 'yanfeng-2021.txt'), 'utf8');
    await writeFile(join(dir, 'slow.txt'), `${txt}\n附注：rerun\n`);
    // First run: a 1 ms time bound refuses the document (too-large).
    const first = await runJx(['enqueue', dir, '--out', out, '--settle', '0.5', '--json', '--concurrency', '1', '--timeout-ms', '1']);
    expect(first.code, first.stderr.slice(-2000)).toBe(2);
    expect(JSON.parse(first.stdout.trim())).toMatchObject({ found: 1, queued: 1, processed: 0, failed: 1 });
    expect(await readdir(join(out, '.jxaudit', 'failed'))).toHaveLength(1);
    // The bound is raised: the re-run processes it, and the old failure is gone.
    const second = await runJx(['enqueue', dir, '--out', out, '--settle', '0.5', '--json', '--concurrency', '1']);
    expect(second.code, second.stderr.slice(-2000)).toBe(0);
    expect(JSON.parse(second.stdout.trim())).toMatchObject({ found: 1, queued: 1, processed: 1, failed: 0, failures: [] });
    expect(await readdir(join(out, '.jxaudit', 'processed'))).toHaveLength(1);
    expect(await readdir(join(out, '.jxaudit', 'failed'))).toHaveLength(0);
  }, 240_000);
});
