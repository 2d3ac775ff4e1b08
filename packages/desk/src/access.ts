import { ADMIN_OPERATIONS, AdminError, callAdmin } from './admin.ts';
import { hostname } from 'node:os';
import { acquireLock, inUseMessage, pgliteDir, readLock, stale } from './lock.ts';
import { openDb, Store, type StoreTarget } from './store/index.ts';
import './accounts.ts';

/*
 * How a command other than serve reaches the database: a PostgreSQL URL directly (many writers
 * are fine there); the embedded database by taking its lock, or, while serve holds it, through
 * serve's loopback admin endpoint; otherwise a clear sentence that it is in use.
 */

export interface DbOptions {
  out?: string;
  db?: string;
}

export class DbInUseError extends Error {}

export function storeTarget(options: DbOptions): StoreTarget {
  if (options.db) {
    if (!/^postgres(ql)?:\/\//.test(options.db)) throw new AdminError('--db 需要 PostgreSQL 连接串，例如 postgres://用户:密码@主机:5432/数据库');
    return { engine: 'postgres', url: options.db };
  }
  if (!options.out) throw new AdminError('请用 --out DIR 指定报告目录（内置数据库在 DIR/.jxaudit/db），或用 --db postgres://… 指定数据库。');
  return { engine: 'pglite', dataDir: pgliteDir(options.out) };
}

/** Runs one named operation (see ADMIN_OPERATIONS) against the database. */
export async function runOperation(options: DbOptions, op: string, body: Record<string, unknown>): Promise<unknown> {
  const handler = ADMIN_OPERATIONS.get(op);
  if (!handler) throw new Error(`unknown operation ${op}`);
  const target = storeTarget(options);
  if (target.engine === 'postgres') {
    const opened = await openDb(target);
    try {
      return await handler(new Store(opened.db), body);
    } finally {
      await opened.close();
    }
  }
  const out = options.out!;
  let holder = await readLock(out);
  // A serve still opening the database (its first start runs initdb) answers in a moment.
  for (let waited = 0; holder && holder.command === 'serve' && !holder.admin && !stale(holder) && holder.host === hostname() && waited < 180_000; waited += 250) {
    await new Promise((r) => setTimeout(r, 250));
    holder = await readLock(out);
  }
  if (holder && !stale(holder)) {
    if (holder.admin && holder.host === hostname()) {
      try {
        return await callAdmin(holder.admin.port, holder.admin.token, op, body);
      } catch (err) {
        if (err instanceof AdminError) throw err;
        throw new DbInUseError(inUseMessage(out, holder));
      }
    }
    throw new DbInUseError(inUseMessage(out, holder));
  }
  const lock = await acquireLock(out, op);
  if (!lock.ok) throw new DbInUseError(inUseMessage(out, lock.holder));
  try {
    const opened = await openDb(target);
    try {
      return await handler(new Store(opened.db), body);
    } finally {
      await opened.close();
    }
  } finally {
    await lock.release();
  }
}
