import { randomBytes } from 'node:crypto';
import { mkdir, open, readFile, rm } from 'node:fs/promises';
import { hostname } from 'node:os';
import { dirname, join } from 'node:path';

/*
 * PGlite is one process's database: the data directory under OUT/.jxaudit/db has one writer at a
 * time. The writer holds OUT/.jxaudit/db.lock (created exclusively, 0600). `serve` also writes its
 * loopback admin port and a random token into it, so that `jxaudit user …` run meanwhile can ask
 * the running server instead of opening the directory a second time.
 */

export interface LockInfo {
  pid: number;
  host: string;
  command: string;
  startedAt: string;
  admin: { port: number; token: string } | null;
}

export type LockResult = { ok: true; release: () => Promise<void>; update: (admin: LockInfo['admin']) => Promise<void> } | { ok: false; holder: LockInfo };

export function lockPath(out: string): string {
  return join(out, '.jxaudit', 'db.lock');
}

export function pgliteDir(out: string): string {
  return join(out, '.jxaudit', 'db');
}

export async function readLock(out: string): Promise<LockInfo | null> {
  try {
    return JSON.parse(await readFile(lockPath(out), 'utf8')) as LockInfo;
  } catch {
    return null;
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Whether the holder is certainly gone (same machine, no such process). */
export function stale(holder: LockInfo): boolean {
  return holder.host === hostname() && !alive(holder.pid);
}

export async function acquireLock(out: string, command: string): Promise<LockResult> {
  const path = lockPath(out);
  await mkdir(dirname(path), { recursive: true });
  for (let attempt = 0; attempt < 3; attempt++) {
    let info: LockInfo = { pid: process.pid, host: hostname(), command, startedAt: new Date().toISOString(), admin: null };
    try {
      const handle = await open(path, 'wx', 0o600);
      await handle.writeFile(JSON.stringify(info));
      await handle.close();
      let released = false;
      const release = async () => {
        if (released) return;
        released = true;
        const current = await readLock(out);
        if (current?.pid === process.pid && current.host === info.host) await rm(path, { force: true });
      };
      const update = async (admin: LockInfo['admin']) => {
        info = { ...info, admin };
        const h = await open(path, 'w', 0o600);
        await h.writeFile(JSON.stringify(info));
        await h.close();
      };
      return { ok: true, release, update };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const holder = await readLock(out);
      if (holder && !stale(holder)) return { ok: false, holder };
      // A crashed holder (or a half-written file): take it over.
      await rm(path, { force: true });
    }
  }
  const holder = await readLock(out);
  return { ok: false, holder: holder ?? { pid: 0, host: '?', command: '?', startedAt: '', admin: null } };
}

export function newAdminToken(): string {
  return randomBytes(32).toString('base64url');
}

/** "数据库正被 … 使用" in words an operator can act on. */
export function inUseMessage(out: string, holder: LockInfo): string {
  const who = holder.command === 'serve' ? 'jxaudit serve' : `jxaudit ${holder.command}`;
  const where = holder.host === hostname() ? `本机进程 ${holder.pid}` : `计算机 ${holder.host} 上的进程 ${holder.pid}`;
  return (
    `数据库正在使用中：${where}（${who}，${holder.startedAt} 启动）正在使用 ${pgliteDir(out)}。` +
    `内置数据库同一时间只能由一个程序打开。请等它结束后再试；若确认该程序已不在运行，可删除 ${lockPath(out)} 后重试。`
  );
}
