/**
 * `check` under its bounds (docs/operations.md, "Bounds"): a file past the heap or the time bound
 * gets a too-large / timeout report with a Chinese message, and the other files are still checked.
 * In-process (the bound is the child process the command forks, not this process).
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Report } from '@jxaudit/model';
import { main } from '../src/cli.ts';

const SAMPLE = new URL('../../../fixtures/seed/yanfeng-2021.txt', import.meta.url).pathname;
let dir: string;
let big: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'jx-bounds-'));
  // A pipe table of 200 columns and ~15,000 rows (3 MB): far past a 64 MB heap once read into cells.
  const row = `|${Array.from({ length: 200 }, (_, i) => i).join('|')}|\n`;
  big = join(dir, 'huge-table.txt');
  await writeFile(big, `部门整体支出绩效自评表\n${row.repeat(Math.ceil(3_000_000 / row.length))}`);
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function check(...args: string[]): Promise<{ code: number; reports: Report[]; err: string }> {
  let out = '';
  let err = '';
  const code = await main(['node', 'jxaudit', 'check', '--json', ...args], [], { out: (s) => (out += s), err: (s) => (err += s) });
  return { code, reports: out.trim().split('\n').filter(Boolean).map((l) => JSON.parse(l) as Report), err };
}

const expectedFindings = async () => JSON.parse(await readFile(new URL('../../../fixtures/seed/expected-findings.json', import.meta.url), 'utf8')).length as number;

describe('check: one bound per file', () => {
  it('a file past the heap bound gets a too-large report saying so; the next file is checked', async () => {
    const { code, reports, err } = await check(big, SAMPLE, '--max-memory-mb', '64');
    expect(code).toBe(2);
    expect(reports.map((r) => r.source.path)).toEqual(['huge-table.txt', 'yanfeng-2021.txt']);
    expect(reports[0].error?.code).toBe('too-large');
    expect(reports[0].error?.message).toContain('内存超过 64 MB 的上限');
    expect(reports[1].error).toBeNull();
    expect(reports[1].findings).toHaveLength(await expectedFindings());
    // One line for the operator, naming the file.
    expect(err.trim().split('\n')).toHaveLength(1);
    expect(err).toMatch(/^jxaudit: huge-table\.txt：/);
  }, 120_000);

  it('a file past the time bound gets a timeout report; the file before it is checked', async () => {
    const { code, reports } = await check(SAMPLE, big, '--timeout-ms', '2000', '--max-memory-mb', '4096');
    expect(code).toBe(2);
    expect(reports[0].error).toBeNull();
    expect(reports[0].findings).toHaveLength(await expectedFindings());
    expect(reports[1].error?.code).toBe('timeout');
    expect(reports[1].error?.message).toMatch(/[\u4e00-\u9fff]/);
    expect(reports[1].error?.message).toContain('超过 2 秒的时间上限');
  }, 120_000);

  it('a bound nothing fits in still ends the run: every file reported, exit 2', async () => {
    const { code, reports } = await check(SAMPLE, '--timeout-ms', '1');
    expect(code).toBe(2);
    expect(reports.map((r) => r.error?.code)).toEqual(['timeout']);
  }, 120_000);

  it('a bound that is not a positive integer is a usage error (64)', async () => {
    const { code, err } = await check(SAMPLE, '--timeout-ms', 'soon');
    expect(code).toBe(64);
    expect(err).toContain('--timeout-ms');
  });
});
