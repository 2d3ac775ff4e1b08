import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { mkdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Report } from '@jxaudit/model';
import { main } from '../src/cli.ts';
import { EXIT } from '../src/exit.ts';

// Exit codes and errors a script can rely on (issue #13), through the CLI in-process.

const ROOT = new URL('../../../', import.meta.url).pathname;
const SAMPLE = join(ROOT, 'fixtures/seed/yanfeng-2021.txt');
// Made at load time: the tables below name paths in it.
const dir = mkdtempSync(join(tmpdir(), 'jx-exits-'));
const at = (name: string) => join(dir, name);

async function jx(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(['node', 'jxaudit', ...args], [], { out: (s) => (out += s), err: (s) => (err += s) });
  return { code, out, err };
}
const reportsOf = (out: string): Report[] => out.split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l) as Report);

beforeAll(async () => {
  delete process.env.REDIS_URL;
  execFileSync('mkfifo', [at('pipe.txt')]);
  await symlink('/dev/zero', at('zero.txt'));
  await mkdir(at('old-word'));
  await writeFile(at('old-word/附件1.pdf'), 'not read');
  await writeFile(at('old-word/附件2.pdf'), 'not read');
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('jxaudit check: every path named gets a report, the rest is still checked', () => {
  it('a FIFO, a link to /dev/zero and a missing path beside the sample: their reports, the 47 findings, exit 2', async () => {
    const run = await jx('check', at('pipe.txt'), at('zero.txt'), at('missing.txt'), SAMPLE, '--json');
    expect(run.code, run.err).toBe(EXIT.unread);
    const reports = reportsOf(run.out);
    // Reports show the names of files given directly.
    expect(reports.map((r) => [r.source.path, r.error?.code ?? null])).toEqual([
      ['pipe.txt', 'not-regular-file'],
      ['zero.txt', 'not-regular-file'],
      ['missing.txt', 'not-found'],
      ['yanfeng-2021.txt', null],
    ]);
    expect(reports[3].findings).toHaveLength(47);
  }, 60_000);

  it('a folder of .pdf scans is two unsupported-format reports and exit 2, not "共 0 个文件"', async () => {
    const run = await jx('check', at('old-word'));
    expect(run.code).toBe(EXIT.unread);
    expect(run.out).toContain('共 2 个文件');
    expect(run.out).toContain('2 个文件无法读取');
    expect(run.out.match(/不支持的文件格式 \(unsupported-format\)/g)).toHaveLength(2);
    expect(run.out).toContain('扩展名为 .pdf');
  });
});

describe('errors a script can rely on', () => {
  it.each([
    ['an unknown profile name lists the built-ins', ['check', SAMPLE, '--profile', 'hunan2021'], EXIT.usage, /未知的评分口径“hunan2021”（是否想用 hunan-2021？）。内置口径：central-2020、hunan-2021、sichuan-2023/],
    ['a profile file that does not exist', ['check', SAMPLE, '--profile', at('nosuch.yaml')], EXIT.noInput, /找不到评分口径文件/],
    ['a targets file that is a directory', ['check', SAMPLE, '--targets', dir], EXIT.noInput, /是一个目录/],
    ['dump of a directory', ['dump', at('old-word')], EXIT.noInput, /old-word 是一个目录，这里需要一个文件/],
    ['dump of a missing file', ['dump', at('missing.docx')], EXIT.noInput, /找不到文件/],
    ['worker without Redis', ['worker', '--out', dir], EXIT.usage, /worker 需要 Redis/],
    ['schedule without Redis', ['schedule', dir, '--out', dir], EXIT.usage, /schedule 需要 Redis/],
    ['enqueue of a missing folder', ['enqueue', at('nowhere'), '--out', dir], EXIT.noInput, /找不到目录/],
    ['a bad number', ['watch', dir, '--out', dir, '--concurrency', 'two'], EXIT.usage, /--concurrency 必须是正整数/],
    ['an unknown option', ['check', SAMPLE, '--colour'], EXIT.usage, /unknown option/],
  ])('%s', async (_label, args, code, message) => {
    const run = await jx(...args);
    expect(run.code).toBe(code);
    expect(run.err).toMatch(message);
    // One line, no stack trace.
    expect(run.err.trim().split('\n')).toHaveLength(1);
  });

  it('dump of a FIFO says what it is, in Chinese, and exits 2 without blocking', async () => {
    const run = await jx('dump', at('pipe.txt'));
    expect(run.code).toBe(EXIT.unread);
    expect(run.out).toContain('not-regular-file');
    expect(run.out).toContain('命名管道（FIFO）');
  });

  it('worker --help says that it does not run without Redis', async () => {
    const run = await jx('worker', '--help');
    expect(run.code).toBe(EXIT.ok);
    expect(run.out).toMatch(/--redis <url>\s+Redis URL, required: this command does not run without\s+Redis/);
    expect(run.out).not.toContain('embedded');
  });

  it('docs/operations.md documents every exit code', async () => {
    const doc = await readFile(join(ROOT, 'docs/operations.md'), 'utf8');
    for (const code of new Set(Object.values(EXIT))) expect(doc).toMatch(new RegExp(`^\\| \`${code}\` \\|`, 'm'));
  });
});
