import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REDIS_SERVER = process.env.REDIS_SERVER_BIN ?? '/usr/bin/redis-server';

/**
 * A private redis-server for one test file: a free port, its own temp dir. Tests never touch a
 * server they did not start (OPERATIONS.md). Missing binary: a clear failure, never a skip.
 */
export interface PrivateRedis {
  port: number;
  url: string;
  dir: string;
  /** Stops the server (SIGTERM: with --appendonly yes the AOF is flushed). */
  stop(): Promise<void>;
  /** Starts it again on the same port and dir (after stop). */
  start(): Promise<void>;
  /** Stops it and removes its dir. */
  dispose(): Promise<void>;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

export async function startRedis(options: { appendonly?: boolean } = {}): Promise<PrivateRedis> {
  if (!existsSync(REDIS_SERVER)) {
    throw new Error(`redis-server not found at ${REDIS_SERVER}: install the Debian package redis-server (.ci/run does) — these tests need a real Redis`);
  }
  const dir = await mkdtemp(join(tmpdir(), 'jx-redis-'));
  const port = await freePort();
  let proc: ChildProcess | null = null;

  const start = async () => {
    const args = ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--save', '', '--daemonize', 'no', '--protected-mode', 'no'];
    args.push('--appendonly', options.appendonly ? 'yes' : 'no');
    if (options.appendonly) args.push('--appendfsync', 'always');
    const child = spawn(REDIS_SERVER, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    proc = child;
    let output = '';
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`redis-server did not start on port ${port}: ${output}`)), 20_000);
      const onData = (b: Buffer) => {
        output += b.toString();
        if (/Ready to accept connections/i.test(output)) {
          clearTimeout(timer);
          resolve();
        }
      };
      child.stdout!.on('data', onData);
      child.stderr!.on('data', onData);
      child.on('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`redis-server exited with code ${code}: ${output}`));
      });
    });
    child.stdout!.resume();
    child.stderr!.resume();
  };

  const stop = async () => {
    const p = proc;
    proc = null;
    if (!p || p.exitCode !== null) return;
    await new Promise<void>((resolve) => {
      p.once('exit', () => resolve());
      p.kill('SIGTERM');
    });
  };

  await start();
  return {
    port,
    url: `redis://127.0.0.1:${port}`,
    dir,
    stop,
    start,
    async dispose() {
      await stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

// ---- helpers shared by the service tests (processes, polling) ----


export const REPO = fileURLToPath(new URL('../..', import.meta.url));
export const JX_BIN = join(REPO, 'packages/ingest/bin/jxaudit.js');

/** Polls `check` until it returns a truthy value; fails with `what` after `timeoutMs` (generous: no timing is asserted). */
export async function waitFor<T>(what: string, check: () => Promise<T> | T, timeoutMs = 120_000, everyMs = 200): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const v = await check();
      if (v) return v as NonNullable<T>;
    } catch (err) {
      last = err;
    }
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}${last ? `: ${String(last)}` : ''}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

export interface JxProcess {
  child: ChildProcess;
  /** Resolves with the exit code (or the signal name). */
  exited: Promise<number | string>;
  /** SIGTERM, then wait for the exit. */
  stop(): Promise<number | string>;
  /**
   * Resolves with the first output line (stdout or stderr) matching `pattern`, seen or to come:
   * tests wait on the event itself, not on a poll of the log file.
   */
  line(pattern: RegExp, timeoutMs?: number): Promise<string>;
  /** Output lines so far. */
  lines: string[];
}

/** Spawns `node packages/ingest/bin/jxaudit.js ARGS`; stderr (pino logs) goes to `logFile`. */
export function spawnJx(args: string[], options: { logFile: string; env?: Record<string, string> }): JxProcess {
  const child = spawn(process.execPath, [JX_BIN, ...args], {
    cwd: REPO,
    env: { ...process.env, ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const log = createWriteStream(options.logFile, { flags: 'a' });
  child.stdout!.pipe(log, { end: false });
  child.stderr!.pipe(log, { end: false });
  const lines: string[] = [];
  const waiters = new Set<{ pattern: RegExp; resolve: (l: string) => void }>();
  const partial = { out: '', err: '' };
  const take = (stream: 'out' | 'err') => (chunk: Buffer) => {
    const parts = (partial[stream] + chunk.toString()).split('\n');
    partial[stream] = parts.pop()!;
    for (const l of parts) {
      lines.push(l);
      for (const w of [...waiters]) {
        if (w.pattern.test(l)) {
          waiters.delete(w);
          w.resolve(l);
        }
      }
    }
  };
  child.stdout!.on('data', take('out'));
  child.stderr!.on('data', take('err'));
  const exited = new Promise<number | string>((resolve) => child.on('exit', (code, signal) => resolve(code ?? signal ?? -1)));
  return {
    child,
    exited,
    lines,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      return exited;
    },
    line(pattern, timeoutMs = 120_000) {
      const seen = lines.find((l) => pattern.test(l));
      if (seen !== undefined) return Promise.resolve(seen);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          waiters.delete(waiter);
          reject(new Error(`no line ${pattern} within ${timeoutMs} ms; got:\n${lines.slice(-40).join('\n')}`));
        }, timeoutMs);
        const waiter = { pattern, resolve: (l: string) => (clearTimeout(timer), resolve(l)) };
        waiters.add(waiter);
        void exited.then((code) => {
          if (!waiters.has(waiter)) return;
          waiters.delete(waiter);
          clearTimeout(timer);
          reject(new Error(`exited (${code}) before a line ${pattern}; got:\n${lines.slice(-40).join('\n')}`));
        });
      });
    },
  };
}

/** Runs the CLI to completion (with `input` on its stdin); resolves with code, stdout and stderr. */
export function runJx(args: string[], env?: Record<string, string>, input?: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [JX_BIN, ...args], { cwd: REPO, env: { ...process.env, ...env }, stdio: [input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'] });
    if (input !== undefined) child.stdin!.end(input);
    let stdout = '';
    let stderr = '';
    child.stdout!.on('data', (b: Buffer) => (stdout += b.toString()));
    child.stderr!.on('data', (b: Buffer) => (stderr += b.toString()));
    child.on('error', reject);
    child.on('exit', (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}
