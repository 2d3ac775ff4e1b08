import { mkdir, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runJx } from '../../../test/helpers/redis.ts';
import { seedPgliteDir } from './helpers/pglite.ts';
import { tempDir } from './helpers/desk.ts';

/*
 * The commands as an operator runs them: accounts created from stdin, serve refusing an open
 * host without accounts, and a clear sentence when something else holds the embedded database.
 * (`user …` through a running serve: test/desk-browser.test.ts, which has one running.)
 */

const jxWithStdin = (args: string[], input: string) => runJx(args, undefined, input);

let root: Awaited<ReturnType<typeof tempDir>>;
let out = '';
beforeAll(async () => {
  root = await tempDir('jx-desk-cli-');
  out = join(root.dir, 'out');
  // An initialised embedded database (its first initdb is slow; what serve does with it is the same).
  await seedPgliteDir(join(out, '.jxaudit', 'db'));
}, 120_000);
afterAll(async () => {
  await root?.dispose();
});

describe('jxaudit serve and user', () => {
  it('refuses another host while no account exists, and says why', async () => {
    const r = await runJx(['serve', '--out', out, '--host', '0.0.0.0', '--port', '0', '--log-level', 'silent']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('拒绝在 0.0.0.0 上监听：还没有任何账号');
    expect(r.stderr).toContain('jxaudit user add');
  }, 300_000);

  it('creates accounts from stdin, refuses weak passwords and duplicates', async () => {
    const weak = await jxWithStdin(['user', 'add', 'wang', '--role', 'lead', '--out', out], 'short\n');
    expect(weak.code).toBe(2);
    expect(weak.stderr).toContain('密码至少需要 8 个字符');
    const ok = await jxWithStdin(['user', 'add', 'wang', '--role', 'lead', '--display-name', '王科长', '--out', out], 'lead-password-1\n');
    expect(ok.stderr).toBe('');
    expect(ok.code).toBe(0);
    expect(ok.stdout).toContain('已创建账号 wang（科室负责人）');
    const dup = await jxWithStdin(['user', 'add', 'wang', '--role', 'reviewer', '--out', out], 'another-pass-1\n');
    expect(dup.code).toBe(2);
    expect(dup.stderr).toContain('账号“wang”已存在');
  }, 300_000);

  it('says the database is in use when another program holds it', async () => {
    const other = join(root.dir, 'other');
    await mkdir(join(other, '.jxaudit'), { recursive: true });
    await writeFile(
      join(other, '.jxaudit', 'db.lock'),
      JSON.stringify({ pid: process.pid, host: hostname(), command: 'user-add', startedAt: new Date().toISOString(), admin: null }),
    );
    const r = await jxWithStdin(['user', 'add', 'zhao', '--role', 'reviewer', '--out', other], 'reviewer-pass-2\n');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('数据库正在使用中');
    expect(r.stderr).toContain(`本机进程 ${process.pid}`);
  }, 300_000);
});
