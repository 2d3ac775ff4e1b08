import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JX_BIN, REPO } from './helpers/redis.ts';

/*
 * The built command (packages/cli/dist, rebuilt by the tests' global setup when stale): it runs
 * the bundle, and each command loads only what it uses. A module-resolution hook records every
 * module the process loads.
 */

let dir: string;
let hook: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'jx-bundle-'));
  const hooks = join(dir, 'hooks.mjs');
  await writeFile(
    hooks,
    `import { appendFileSync } from 'node:fs';
export async function resolve(specifier, context, next) {
  const r = await next(specifier, context);
  appendFileSync(process.env.JX_LOADED_LOG, r.url + '\\n');
  return r;
}`,
  );
  hook = join(dir, 'register.mjs');
  await writeFile(hook, `import { register } from 'node:module';\nregister(${JSON.stringify(new URL(`file://${hooks}`).href)});\n`);
});
afterAll(() => rm(dir, { recursive: true, force: true }));

async function loaded(args: string[]): Promise<{ code: number; stdout: string; modules: string[] }> {
  const log = join(dir, `loaded-${Math.random().toString(36).slice(2)}.log`);
  await writeFile(log, '');
  const child = spawn(process.execPath, ['--import', hook, JX_BIN, ...args], { cwd: REPO, env: { ...process.env, JX_LOADED_LOG: log, JXAUDIT_SOURCE: '' }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  child.stdout.on('data', (b: Buffer) => (stdout += b.toString()));
  const code = await new Promise<number>((resolve) => child.on('exit', (c) => resolve(c ?? -1)));
  const { readFile } = await import('node:fs/promises');
  return { code, stdout, modules: (await readFile(log, 'utf8')).split('\n').filter(Boolean) };
}

const SERVICE_LIBS = /\/(bullmq|ioredis|pino|chokidar|cli-progress|fastify|exceljs|mammoth|tsx)@/;

describe('the built jxaudit command', () => {
  it('check runs the bundle and loads no service, desk or report-writer library', async () => {
    const r = await loaded(['check', 'fixtures/seed/yanfeng-2021.txt', '--json']);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout).findings).toHaveLength(47);
    expect(r.modules.some((m) => m.endsWith('/packages/cli/dist/main.js'))).toBe(true);
    expect(r.modules.filter((m) => m.includes('/src/') && m.endsWith('.ts'))).toEqual([]);
    expect(r.modules.filter((m) => SERVICE_LIBS.test(m))).toEqual([]);
  });

  it('--version loads neither the readers nor the rules', async () => {
    const r = await loaded(['--version']);
    expect(r.stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
    expect(r.modules.filter((m) => /\/node_modules\//.test(m))).toEqual([]);
    // The chunks of the readers and rules, which check loads, are not among them.
    const chunks = (x: { modules: string[] }) => new Set(x.modules.filter((m) => m.includes('/packages/cli/dist/')));
    const check = chunks(await loaded(['check', 'fixtures/seed/yanfeng-2021.txt']));
    const version = chunks(r);
    expect([...version].filter((m) => !check.has(m))).toEqual([]);
    expect(check.size - version.size).toBeGreaterThanOrEqual(4);
  });

  it('worker --help loads the service commands (BullMQ), from the bundle', async () => {
    const r = await loaded(['worker', '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('--redis');
    expect(r.modules.some((m) => /\/bullmq@/.test(m))).toBe(true);
    expect(r.modules.filter((m) => m.endsWith('.ts'))).toEqual([]);
  });
});
