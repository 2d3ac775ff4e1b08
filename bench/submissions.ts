// pnpm bench submissions: the cost of one submission as it grows (issue 9). Time, CPU and peak RSS
// of `jxaudit check FILE --json` (a process of its own per case) on
//  - the sample repeated 1, 10, 100 and 1000 times in one .txt (BENCH_REPEATS="1,10,100,1000");
//  - a folder of BENCH_FOLDER (default 500) .txt files of one unit (the sample, a line apart);
// each beside its floor (a process that reads and hashes the same bytes), with the growth ratios
// (CPU and RSS summed over the command and the child it forks for its bounds)
// from one case to the next (time ×, RSS ×, against the input ×). Nothing here asserts a time.
import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO } from '../test/helpers/redis.ts';

const REPEATS = (process.env.BENCH_REPEATS ?? '1,10,100,1000').split(',').map(Number);
const FOLDER = Number(process.env.BENCH_FOLDER ?? 500);
const CLI = join(REPO, 'packages/cli/bin/jxaudit.js');

/**
 * Written at exit by every process of a case (NODE_OPTIONS carries it to the child `check` forks
 * for its bounds): its own peak RSS and CPU time, one file per process.
 */
const PROBE = `const fs=require('node:fs');process.on('exit',()=>{const u=process.resourceUsage();fs.writeFileSync(process.env.JX_PROBE+'.'+process.pid,JSON.stringify({maxRssKb:u.maxRSS,cpuMs:(u.userCPUTime+u.systemCPUTime)/1000}))});`;

interface Measured {
  wallMs: number;
  cpuMs: number;
  rssMb: number;
  stdoutBytes: number;
  code: number;
  processes: number;
}

async function measure(dir: string, args: string[]): Promise<Measured> {
  const probe = join(dir, 'probe.cjs');
  const stem = `probe-${Date.now()}-${Math.random().toString(36).slice(2)}`;
  const result = join(dir, stem);
  await writeFile(probe, PROBE);
  const t0 = performance.now();
  const { code, bytes } = await new Promise<{ code: number; bytes: number }>((resolve, reject) => {
    const env = { ...process.env, JX_PROBE: result, NO_COLOR: '1', NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --require ${probe}`.trim() };
    const child = spawn(process.execPath, args, { cwd: REPO, env, stdio: ['ignore', 'pipe', 'ignore'] });
    let n = 0;
    child.stdout!.on('data', (b: Buffer) => (n += b.length));
    child.on('error', reject);
    child.on('exit', (c) => resolve({ code: c ?? -1, bytes: n }));
  });
  const wallMs = performance.now() - t0;
  // The child `check` keeps for its bounds ends when its parent has gone: give it time to write.
  await new Promise((r) => setTimeout(r, 1000));
  // Every process of the case (the command and the child it forks): CPU summed, peaks summed (an
  // upper bound of the case's peak: they run at once).
  const probed: { maxRssKb: number; cpuMs: number }[] = [];
  for (const name of await readdir(dir)) {
    if (name.startsWith(`${stem}.`)) probed.push(JSON.parse(await readFile(join(dir, name), 'utf8')));
  }
  const cpuMs = probed.reduce((n, p) => n + p.cpuMs, 0);
  const rssMb = probed.reduce((n, p) => n + p.maxRssKb, 0) / 1024;
  return { wallMs, cpuMs, rssMb, stdoutBytes: bytes, code, processes: probed.length };
}

/** The floor: a process that reads every byte of the inputs and hashes them. */
const FLOOR = `const fs=require('node:fs'),p=require('node:path'),c=require('node:crypto');const h=c.createHash('sha256');const walk=(f)=>{const s=fs.statSync(f);if(s.isDirectory())for(const n of fs.readdirSync(f).sort())walk(p.join(f,n));else h.update(fs.readFileSync(f));};walk(process.argv[1]);process.stdout.write(h.digest('hex'));`;

const fmt = (m: Measured) =>
  `${(m.wallMs / 1000).toFixed(2).padStart(7)} s  cpu ${(m.cpuMs / 1000).toFixed(2).padStart(7)} s  rss ${m.rssMb.toFixed(0).padStart(5)} MB (${m.processes} proc)  out ${(m.stdoutBytes / 1024).toFixed(0).padStart(6)} KB`;

export async function run(print: (s: string) => void): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'jx-bench-sub-'));
  try {
    const sample = await readFile(join(REPO, 'fixtures/seed/yanfeng-2021.txt'), 'utf8');
    print(`check of one submission as it grows (jxaudit check FILE --json, one process per case; floor: read + sha256 of the same bytes)`);
    const rows: { name: string; size: number; m: Measured; floor: Measured }[] = [];
    const record = async (name: string, path: string, size: number) => {
      const floor = await measure(dir, ['-e', FLOOR, path]);
      const m = await measure(dir, [CLI, 'check', path, '--json', '--fail-on', 'never']);
      rows.push({ name, size, m, floor });
      const prev = rows.at(-2);
      const growth =
        prev && prev.name.startsWith(name.split(' ')[0])
          ? `   ×${(size / prev.size).toFixed(0)} input: time ×${(m.cpuMs / prev.m.cpuMs).toFixed(1)}, rss ×${(m.rssMb / prev.m.rssMb).toFixed(1)}`
          : '';
      print(`${name.padEnd(26)} ${fmt(m)}${m.code > 1 ? ` exit ${m.code}` : ''}   floor ${fmt(floor)}${growth}`);
    };
    for (const n of REPEATS) {
      const path = join(dir, `repeated-${n}.txt`);
      await writeFile(path, `${sample}\n`.repeat(n));
      await record(`repeated ×${n} (${(Buffer.byteLength(sample) * n / 1024 / 1024).toFixed(1)} MB)`, path, n);
      await rm(path);
    }
    const folder = join(dir, 'folder');
    await mkdir(folder, { recursive: true });
    for (let i = 0; i < FOLDER; i++) await writeFile(join(folder, `doc-${String(i).padStart(4, '0')}.txt`), `${sample}\n附注：第${i}份\n`);
    await record(`folder of ${FOLDER} files`, folder, FOLDER);
    const one = rows[0];
    const folderRow = rows.at(-1)!;
    print(`folder of ${FOLDER} vs the sample once: time ×${(folderRow.m.cpuMs / one.m.cpuMs).toFixed(1)}, rss ×${(folderRow.m.rssMb / one.m.rssMb).toFixed(1)} for ×${FOLDER} files`);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
