import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, symlink, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expandInputs } from '../src/files.ts';
import { RefusedPathError, hashRegularFile, readRegularFile } from '../src/fs/regular.ts';

// Only regular files are read (issue #13): links, pipes and devices are refused after an lstat,
// opened with O_NOFOLLOW|O_NONBLOCK, and every read is bounded.

const SEED = new URL('../../../fixtures/seed/', import.meta.url).pathname;
let dir: string;
const at = (name: string) => join(dir, name);

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'jx-regular-'));
  await writeFile(at('good.txt'), await readFile(join(SEED, 'yanfeng-2021.txt')));
  execFileSync('mkfifo', [at('pipe.txt')]);
  await symlink('/dev/zero', at('zero.txt'));
  await symlink('/etc/passwd', at('passwd.txt'));
  await symlink(at('good.txt'), at('link-to-good.txt'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('readRegularFile', () => {
  it.each([
    ['a FIFO (would block a plain read for ever)', 'pipe.txt', 'not-regular-file', '命名管道'],
    ['a link to /dev/zero (would read without end)', 'zero.txt', 'not-regular-file', '符号链接，指向 /dev/zero'],
    ['a link to /etc/passwd (outside the input)', 'passwd.txt', 'not-regular-file', '指向 /etc/passwd'],
    ['a link to a good file', 'link-to-good.txt', 'not-regular-file', '符号链接'],
    ['a path that does not exist', 'missing.txt', 'not-found', '找不到'],
  ])('refuses %s without reading it', async (_label, name, code, words) => {
    const read = await readRegularFile(at(name), 50 * 1024 * 1024);
    expect(read.ok).toBe(false);
    if (read.ok) return;
    expect(read.error.code).toBe(code);
    expect(read.error.message).toContain(words);
    expect(read.error.messageEn).toMatch(/[a-z]/);
  });

  it('refuses a device named directly (/dev/zero) as a character device', async () => {
    const read = await readRegularFile('/dev/zero', 1024);
    expect(read).toMatchObject({ ok: false, error: { code: 'not-regular-file' } });
    if (!read.ok) expect(read.error.message).toContain('字符设备');
  });

  it('reads a regular file whole, and refuses one over the bound with its size and sha256', async () => {
    const good = await readRegularFile(at('good.txt'), 50 * 1024 * 1024);
    expect(good.ok && Buffer.from(good.bytes).equals(await readFile(at('good.txt')))).toBe(true);
    await writeFile(at('big.txt'), '');
    await truncate(at('big.txt'), 3 * 1024 * 1024);
    const big = await readRegularFile(at('big.txt'), 1024 * 1024);
    expect(big).toMatchObject({ ok: false, error: { code: 'too-large' }, size: 3 * 1024 * 1024 });
    if (!big.ok) expect(big.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('hashRegularFile throws RefusedPathError for a link or a pipe, never opens the target', async () => {
    for (const name of ['zero.txt', 'pipe.txt']) {
      await expect(hashRegularFile(at(name))).rejects.toBeInstanceOf(RefusedPathError);
    }
    expect(await hashRegularFile(at('good.txt'))).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe('expandInputs: a walk reports what it does not read', () => {
  it('files of other formats, links and pipes are returned refused; ignored names and the report folder are skipped', async () => {
    const tree = join(dir, 'tree');
    await mkdir(join(tree, 'sub'), { recursive: true });
    await mkdir(join(tree, 'reports'), { recursive: true });
    await writeFile(join(tree, 'a.txt'), 'x');
    await writeFile(join(tree, 'sub', '附件1.pdf'), 'x');
    await writeFile(join(tree, 'sub', 'README'), 'x');
    await writeFile(join(tree, '~$lock.docx'), 'x');
    await writeFile(join(tree, 'reports', 'a.txt.report.json'), '{}');
    await symlink('/etc/passwd', join(tree, 'passwd.txt'));
    execFileSync('mkfifo', [join(tree, 'sub', 'pipe.docx')]);
    const found = await expandInputs([tree, at('missing.docx')], { exclude: [join(tree, 'reports')] });
    expect(found.map((f) => [f.relative, f.refused?.code ?? null])).toEqual([
      ['a.txt', null],
      ['passwd.txt', 'not-regular-file'],
      ['sub/pipe.docx', 'not-regular-file'],
      ['sub/README', 'unsupported-format'],
      ['sub/附件1.pdf', 'unsupported-format'],
      ['missing.docx', 'not-found'],
    ]);
    expect(found.find((f) => f.relative === 'sub/附件1.pdf')?.refused?.message).toContain('扩展名为 .pdf');
  });

  it('a directory named through a link is walked; a file named through a link is refused', async () => {
    await symlink(join(dir, 'tree'), join(dir, 'tree-link'));
    const found = await expandInputs([join(dir, 'tree-link'), at('link-to-good.txt')]);
    expect(found[0]).toMatchObject({ relative: 'a.txt' });
    expect(found.at(-1)).toMatchObject({ relative: 'link-to-good.txt', refused: { code: 'not-regular-file' } });
  });
});
