// pnpm bench cli: a whole process of the built command, median of BENCH_RUNS (10) runs after
// two warm-ups, beside `node -e 0` (the floor: starting Node) measured in turn in the same run.
// Nothing here asserts a time.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
// @ts-expect-error plain JavaScript build script, no declarations
import { build, isStale } from '../scripts/build-cli.mjs';

const REPO = new URL('..', import.meta.url).pathname;
const RUNS = Number(process.env.BENCH_RUNS ?? 10);
const BIN = join(REPO, 'packages/ingest/bin/jxaudit.js');

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** CPU time (user + system) of the child too, through GNU time when installed: on a loaded machine it varies less than the wall time. */
const TIME = existsSync('/usr/bin/time') ? '/usr/bin/time' : null;

function once(args: string[]): { wall: number; cpu: number } {
  const t0 = performance.now();
  const r = TIME
    ? spawnSync(TIME, ['-f', 'JXCPU %U %S', process.execPath, ...args], { cwd: REPO, stdio: ['ignore', 'ignore', 'pipe'] })
    : spawnSync(process.execPath, args, { cwd: REPO, stdio: ['ignore', 'ignore', 'pipe'] });
  const wall = performance.now() - t0;
  const status = TIME ? Number(/exit status (\d+)/.exec(String(r.stderr))?.[1] ?? r.status) : r.status;
  if (status !== 0 && status !== 1) throw new Error(`${args.join(' ')} exited ${status}: ${r.stderr}`);
  const m = /JXCPU ([\d.]+) ([\d.]+)/.exec(String(r.stderr));
  return { wall, cpu: m ? (Number(m[1]) + Number(m[2])) * 1000 : NaN };
}

export async function run(print: (s: string) => void = console.log): Promise<void> {
  if (isStale()) await build();
  const cases: [string, string[]][] = [
    ['node -e 0 (floor)', ['-e', '0']],
    ['jxaudit --version', [BIN, '--version']],
    ['jxaudit check yanfeng-2021.txt', [BIN, 'check', 'fixtures/seed/yanfeng-2021.txt']],
    ['jxaudit check yanfeng-2021.docx', [BIN, 'check', 'fixtures/seed/yanfeng-2021.docx']],
  ];
  const times = cases.map(() => [] as { wall: number; cpu: number }[]);
  for (const [, args] of cases) for (let w = 0; w < 2; w++) once(args);
  // Interleaved, so a burst of load on the machine falls on every case alike.
  for (let i = 0; i < RUNS; i++) cases.forEach(([, args], c) => times[c]!.push(once(args)));
  const floor = median(times[0]!.map((t) => t.wall))!;
  const floorCpu = median(times[0]!.map((t) => t.cpu))!;
  cases.forEach(([name], c) => {
    const m = median(times[c]!.map((t) => t.wall))!;
    const cpu = median(times[c]!.map((t) => t.cpu))!;
    print(
      `${`whole process: ${name}`.padEnd(46)} ${m.toFixed(0).padStart(5)} ms wall median of ${RUNS} (${(m / floor).toFixed(1)}× node -e 0)` +
        (Number.isNaN(cpu) ? '' : `  CPU ${cpu.toFixed(0).padStart(4)} ms (${(cpu / floorCpu).toFixed(1)}× node -e 0's ${floorCpu.toFixed(0)})`),
    );
  });
}
