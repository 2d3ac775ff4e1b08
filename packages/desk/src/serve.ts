import { mkdir, readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { startAdmin } from './admin.ts';
import { storeTarget } from './access.ts';
import { acquireLock, inUseMessage, newAdminToken } from './lock.ts';
import { openReportSource } from './source/report-source.ts';
import { openDb, Store } from './store/index.ts';
import { AssetRegistry } from './web/assets.ts';
import { buildDesk } from './web/server.ts';
import './accounts.ts';
import './stats/review-state.ts';

export interface ServeOptions {
  out: string;
  db?: string;
  host: string;
  port: number;
  sessionHours: number;
  tlsCert?: string;
  tlsKey?: string;
  trustProxy?: boolean;
  office?: string;
  logLevel: string;
}

export interface RunningDesk {
  url: string;
  /** Stops the server and closes the database (releases the embedded database's lock). */
  close(): Promise<void>;
}

const LOOPBACK = new Set(['127.0.0.1', '::1', 'localhost']);

export class ServeError extends Error {}

/** Starts `jxaudit serve`; resolves once it listens. */
export async function startServe(options: ServeOptions, say: (s: string) => void): Promise<RunningDesk> {
  const out = resolve(options.out);
  await mkdir(out, { recursive: true });
  const target = storeTarget({ out, db: options.db });
  const lock = target.engine === 'pglite' ? await acquireLock(out, 'serve') : null;
  if (lock && !lock.ok) throw new ServeError(inUseMessage(out, lock.holder));
  const cleanups: Array<() => Promise<void>> = [];
  const cleanup = async () => {
    for (const c of cleanups.reverse()) await c().catch(() => {});
  };
  if (lock?.ok) cleanups.push(lock.release);
  try {
    const opened = await openDb(target);
    cleanups.push(opened.close);
    const store = new Store(opened.db);
    const accounts = await store.countActiveUsers();
    if (!LOOPBACK.has(options.host) && accounts === 0) {
      throw new ServeError(
        `拒绝在 ${options.host} 上监听：还没有任何账号，其他计算机将能看到审核台的登录页。请先创建账号：jxaudit user add 姓名 --role lead ${options.db ? '--db …' : `--out ${options.out}`}，再用 --host 开放访问。`,
      );
    }
    const https = options.tlsCert && options.tlsKey ? { cert: await readFile(options.tlsCert), key: await readFile(options.tlsKey) } : null;
    const app = await buildDesk({
      store,
      source: openReportSource(out),
      out,
      sessionHours: options.sessionHours,
      trustProxy: options.trustProxy,
      https,
      office: options.office,
      assets: new AssetRegistry(),
      logLevel: options.logLevel,
    });
    cleanups.push(() => app.close());
    await app.listen({ host: options.host, port: options.port });
    if (lock?.ok) {
      const token = newAdminToken();
      const admin = await startAdmin(store, token);
      cleanups.splice(1, 0, admin.close);
      await lock.update({ port: admin.port, token });
    }
    const address = app.server.address();
    const port = typeof address === 'object' && address ? address.port : options.port;
    const shownHost = options.host.includes(':') ? `[${options.host}]` : options.host;
    const url = `${https ? 'https' : 'http'}://${shownHost}:${port}/`;
    say(`审核台已启动：${url}（数据库：${target.engine === 'pglite' ? `内置 ${'dataDir' in target ? target.dataDir : ''}` : 'PostgreSQL'}；报告目录：${out}）\n`);
    if (accounts === 0) say(`还没有账号：请另开一个终端运行 jxaudit user add 姓名 --role lead ${options.db ? '--db …' : `--out ${options.out}`}\n`);
    return { url, close: cleanup };
  } catch (err) {
    await cleanup();
    throw err;
  }
}
