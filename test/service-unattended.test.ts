/**
 * The service as an operator runs it unattended (issue #13): started as the systemd units in
 * docs/systemd/ start it (node running the bin itself), stopped by SIGTERM, Redis away at start
 * and during the run, and an enqueue with no worker. Real processes, a private redis-server.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../packages/ingest/src/cli.ts';
import { REPO, freePort, startRedis, type PrivateRedis } from './helpers/redis.ts';

const SAMPLE = join(REPO, 'fixtures/seed/yanfeng-2021.txt');
let root: string;
let redis: PrivateRedis;
const children: ChildProcess[] = [];

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'jx-unattended-'));
  redis = await startRedis();
});
afterAll(async () => {
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
  await redis?.dispose();
  await rm(root, { recursive: true, force: true });
});

/** The command line and environment of a unit file, with its paths moved into this test's folder. */
async function unitCommand(unit: string, srv: string, env: Record<string, string> = {}): Promise<{ argv: string[]; env: Record<string, string> }> {
  const text = await readFile(join(REPO, 'docs/systemd', unit), 'utf8');
  const move = (s: string) => s.replaceAll('/opt/jxaudit', REPO).replaceAll('/srv/jx', srv);
  const exec = /^ExecStart=(.+)$/m.exec(text)![1];
  const [node, ...args] = move(exec).split(/\s+/);
  expect(node).toBe('/usr/bin/node'); // node itself, not pnpm
  const unitEnv = Object.fromEntries([...text.matchAll(/^Environment=([A-Z_]+)=(.*)$/gm)].map((m) => [m[1], move(m[2])]));
  return { argv: args, env: { ...unitEnv, ...env } };
}

interface Running {
  child: ChildProcess;
  /** stderr lines so far (pino JSON lines and plain ones). */
  lines: string[];
  exited: Promise<{ code: number | null; at: number }>;
  /** Resolves with the first line matching `pattern`, from what was seen and what comes. */
  line(pattern: RegExp, timeoutMs?: number): Promise<string>;
}

function run(argv: string[], env: Record<string, string> = {}): Running {
  const child = spawn(process.execPath, argv, { cwd: REPO, env: { ...process.env, REDIS_URL: '', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  const lines: string[] = [];
  const waiters: { pattern: RegExp; resolve: (l: string) => void }[] = [];
  const partial = { out: '', err: '' };
  const take = (stream: 'out' | 'err') => (chunk: Buffer) => {
    partial[stream] += chunk.toString();
    const parts = partial[stream].split('\n');
    partial[stream] = parts.pop()!;
    for (const l of parts) {
      lines.push(l);
      for (const w of [...waiters]) {
        if (w.pattern.test(l)) {
          waiters.splice(waiters.indexOf(w), 1);
          w.resolve(l);
        }
      }
    }
  };
  child.stderr!.on('data', take('err'));
  child.stdout!.on('data', take('out'));
  const exited = new Promise<{ code: number | null; at: number }>((resolve) => child.on('exit', (code) => resolve({ code, at: Date.now() })));
  return {
    child,
    lines,
    exited,
    line(pattern, timeoutMs = 90_000) {
      const seen = lines.find((l) => pattern.test(l));
      if (seen) return Promise.resolve(seen);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no line ${pattern} within ${timeoutMs} ms; got:\n${lines.join('\n')}`)), timeoutMs);
        waiters.push({ pattern, resolve: (l) => (clearTimeout(timer), resolve(l)) });
        void exited.then(() => setTimeout(() => reject(new Error(`exited before ${pattern}; got:\n${lines.join('\n')}`)), 100));
      });
    },
  };
}

/** SIGTERM, then how long the process took to exit, and its code. */
async function stop(p: Running): Promise<{ code: number | null; ms: number }> {
  const sent = Date.now();
  p.child.kill('SIGTERM');
  const { code, at } = await p.exited;
  return { code, ms: at - sent };
}

const msgs = (p: Running, msg: string) => p.lines.filter((l) => l.includes(`"msg":"${msg}`));
const plain = (p: Running) => p.lines.filter((l) => l.trim() && !l.startsWith('{') && !l.startsWith('progress '));

describe('stopping the documented service command', () => {
  it('watch, started as jxaudit-watch.service starts it: SIGTERM when idle stops it within 2 s, exit 0', async () => {
    const srv = join(root, 'watch-unit');
    await mkdir(join(srv, 'inbox'), { recursive: true });
    const unit = await unitCommand('jxaudit-watch.service', srv);
    const watch = run(unit.argv, unit.env);
    await watch.line(/"msg":"watching"/);
    const { code, ms } = await stop(watch);
    expect(code).toBe(0);
    expect(ms).toBeLessThan(2000);
  }, 120_000);
});

describe('Redis away at start: one clear Chinese line and exit 69, for every command that needs it', () => {
  const said = /^jxaudit: 无法连接 Redis（redis:\/\/127\.0\.0\.1:\d+），等待 1\.5 秒后放弃（ECONNREFUSED）。请确认 Redis 已启动/;

  it('worker and watch --redis (the services: processes, as a supervisor starts them); enqueue and schedule (in-process)', async () => {
    const dead = `redis://127.0.0.1:${await freePort()}`;
    const dir = join(root, 'away');
    await mkdir(join(dir, 'in'), { recursive: true });
    await writeFile(join(dir, 'in', 'a.txt'), await readFile(SAMPLE));
    const bin = join(REPO, 'packages/cli/bin/jxaudit.js');
    const wait = ['--redis', dead, '--redis-wait-ms', '1500'];
    const services = [run([bin, 'worker', '--out', join(dir, 'out'), ...wait]), run([bin, 'watch', join(dir, 'inbox'), '--out', join(dir, 'out'), ...wait])];
    for (const args of [['enqueue', join(dir, 'in'), '--out', join(dir, 'out'), '--quiet'], ['schedule', join(dir, 'in'), '--out', join(dir, 'out')]]) {
      let err = '';
      const code = await main(['node', 'jxaudit', ...args, ...wait], [], { out: () => {}, err: (s) => (err += s) });
      expect(code, err).toBe(69);
      expect(err.trim().split('\n')).toHaveLength(1);
      expect(err).toMatch(said);
    }
    for (const r of services) {
      const { code } = await r.exited;
      expect(code, r.lines.join('\n')).toBe(69);
      expect(plain(r), r.lines.join('\n')).toHaveLength(1);
      expect(plain(r)[0]).toMatch(said);
      expect(r.lines.join('\n')).not.toMatch(/\n\s+at /); // no stack trace
    }
  }, 120_000);
});

describe('Redis away while running, and an enqueue with no worker', () => {
  it('enqueue says no worker takes its job; an outage is one line when it starts and one when it ends; a worker then finishes; SIGTERM stops the worker at once even with Redis away', async () => {
    const dir = join(root, 'outage');
    const input = join(dir, 'in');
    const out = join(dir, 'out');
    await mkdir(input, { recursive: true });
    await writeFile(join(input, 'yanfeng-2021.txt'), await readFile(SAMPLE));
    const bin = join(REPO, 'packages/cli/bin/jxaudit.js');
    const env = { REDIS_URL: redis.url };

    const enqueue = run([bin, 'enqueue', input, '--out', out, '--idle-warn-ms', '1000', '--json'], env);
    const idle = await enqueue.line(/没有 worker 取走任务/);
    expect(idle).toMatch(/^jxaudit: 已有 1 秒没有 worker 取走任务（尚有 1 个未完成，当前连着队列的 worker：0 个）/);

    // Redis goes away under the waiting enqueue, and comes back.
    await redis.stop();
    await enqueue.line(/"msg":"redis unreachable/);
    await new Promise((r) => setTimeout(r, 2000)); // an outage of some length: retries happen, lines must not
    await redis.start();
    await enqueue.line(/"msg":"redis reachable again"/);
    expect(msgs(enqueue, 'redis unreachable')).toHaveLength(1);
    expect(enqueue.lines.filter((l) => /ECONNREFUSED|could not check a job/.test(l)).length).toBeLessThanOrEqual(1);

    // A worker, as jxaudit-worker.service starts it, takes the job; the enqueue finishes.
    const unit = await unitCommand('jxaudit-worker.service', dir, env);
    const worker = run(unit.argv, unit.env);
    await worker.line(/"msg":"worker started"/);
    const { code } = await enqueue.exited;
    expect(code, enqueue.lines.join('\n')).toBe(0);
    expect(enqueue.lines.some((l) => l.includes('"msg":"a worker took a job"'))).toBe(true);
    const summary = JSON.parse(enqueue.lines.filter((l) => l.startsWith('{"found"')).at(-1)!);
    expect(summary).toMatchObject({ found: 1, queued: 1, processed: 1, failed: 0 });

    // Redis away under the idle worker: one line; then SIGTERM stops it at once, exit 0.
    await redis.stop();
    await worker.line(/"msg":"redis unreachable/);
    await new Promise((r) => setTimeout(r, 1500));
    expect(msgs(worker, 'redis unreachable')).toHaveLength(1);
    expect(worker.lines.filter((l) => /ECONNREFUSED|worker error/.test(l)).length).toBeLessThanOrEqual(1);
    const stopped = await stop(worker);
    expect(stopped.code, worker.lines.join('\n')).toBe(0);
    expect(stopped.ms).toBeLessThan(2000);
    await redis.start();
  }, 180_000);

  it('worker, started as jxaudit-worker.service starts it: SIGTERM when idle stops it within 2 s, exit 0', async () => {
    const unit = await unitCommand('jxaudit-worker.service', join(root, 'worker-unit'), { REDIS_URL: redis.url });
    const worker = run(unit.argv, unit.env);
    await worker.line(/"msg":"worker started"/);
    const { code, ms } = await stop(worker);
    expect(code, worker.lines.join('\n')).toBe(0);
    expect(ms).toBeLessThan(2000);
  }, 120_000);
});
