import { spawn, spawnSync } from 'node:child_process';
import { chmod, chown, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './redis.ts';

export const PG_BIN = process.env.PG_BIN ?? '/usr/lib/postgresql/15/bin';

/**
 * A private PostgreSQL server for one test file: initdb into a temp dir owned by the postgres
 * user (the server refuses to run as root), pg_ctl on a free loopback port, trust auth for local
 * connections only. Tests never touch a server they did not start. Missing binaries: a clear
 * failure, never a skip.
 */
export interface PrivatePostgres {
  port: number;
  /** postgres://postgres@127.0.0.1:PORT/postgres */
  url: string;
  dir: string;
  /** Stops the server and removes its dir. */
  dispose(): Promise<void>;
}

function run(cmd: string, args: string[]): Promise<{ code: number; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (b: Buffer) => (output += b.toString()));
    child.stderr.on('data', (b: Buffer) => (output += b.toString()));
    child.on('error', reject);
    child.on('exit', (code) => resolve({ code: code ?? -1, output }));
  });
}

/** Runs a PostgreSQL binary as the postgres user (runuser when we are root). */
function asPostgres(bin: string, args: string[]) {
  const path = join(PG_BIN, bin);
  return process.getuid?.() === 0 ? run('runuser', ['-u', 'postgres', '--', path, ...args]) : run(path, args);
}

function postgresIds(): { uid: number; gid: number } | null {
  const r = spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' });
  const g = spawnSync('id', ['-g', 'postgres'], { encoding: 'utf8' });
  if (r.status !== 0 || g.status !== 0) return null;
  return { uid: Number(r.stdout.trim()), gid: Number(g.stdout.trim()) };
}

export async function startPostgres(): Promise<PrivatePostgres> {
  if (!existsSync(join(PG_BIN, 'initdb'))) {
    throw new Error(`PostgreSQL not found in ${PG_BIN}: install the Debian package postgresql (.ci/run does) — these tests need a real server`);
  }
  const dir = await mkdtemp(join(tmpdir(), 'jx-pg-'));
  const data = join(dir, 'data');
  if (process.getuid?.() === 0) {
    const ids = postgresIds();
    if (!ids) throw new Error('the postgres user is missing: install the Debian package postgresql');
    await chown(dir, ids.uid, ids.gid);
  }
  await chmod(dir, 0o700);
  const init = await asPostgres('initdb', ['-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--locale=C.UTF-8', '--no-sync']);
  if (init.code !== 0) throw new Error(`initdb failed: ${init.output}`);
  const port = await freePort();
  const conf = [
    `port = ${port}`,
    "listen_addresses = '127.0.0.1'",
    `unix_socket_directories = '${dir}'`,
    'fsync = off',
    'synchronous_commit = off',
    'full_page_writes = off',
    'shared_buffers = 32MB',
    'max_connections = 50',
  ].join('\n');
  await writeFile(join(data, 'postgresql.auto.conf'), conf + '\n', { flag: 'a' });
  const start = await asPostgres('pg_ctl', ['-D', data, '-l', join(dir, 'server.log'), '-w', '-t', '60', 'start']);
  if (start.code !== 0) throw new Error(`pg_ctl start failed: ${start.output}`);
  let stopped = false;
  return {
    port,
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    dir,
    async dispose() {
      if (!stopped) {
        stopped = true;
        await asPostgres('pg_ctl', ['-D', data, '-m', 'fast', '-w', 'stop']);
      }
      await rm(dir, { recursive: true, force: true });
    },
  };
}
