// pnpm bench cli: a whole process of the built command, median of BENCH_RUNS (10) runs after
// two warm-ups, beside `node -e 0` (the floor: starting Node) measured in turn in the same run.
// Nothing here asserts a time.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
// @ts-expect-error plain JavaScript build script, no declarations
import { build, isStale } from '../scripts/build-cli.mjs';

const REPO = new URL('..', import.meta.url).pathname;
const RUNS = Number(process.env.BENCH_RUNS ?? 10);
const BIN = join(REPO, 'packages/ingest/bin/jxaudit.js');

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

function once(args: string[]): number {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, args, { cwd: REPO, stdio: ['ignore', 'ignore', 'pipe'] });
  const ms = performance.now() - t0;
  if (r.status !== 0 && r.status !== 1) throw new Error(`${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  return ms;
}

export async function run(print: (s: string) => void = console.log): Promise<void> {
  if (isStale()) await build();
  const cases: [string, string[]][] = [
    ['node -e 0 (floor)', ['-e', '0']],
    ['jxaudit --version', [BIN, '--version']],
    ['jxaudit check yanfeng-2021.txt', [BIN, 'check', 'fixtures/seed/yanfeng-2021.txt']],
    ['jxaudit check yanfeng-2021.docx', [BIN, 'check', 'fixtures/seed/yanfeng-2021.docx']],
  ];
  const times = cases.map(() => [] as number[]);
  for (const [, args] of cases) for (let w = 0; w < 2; w++) once(args);
  // Interleaved, so a burst of load on the machine falls on every case alike.
  for (let i = 0; i < RUNS; i++) cases.forEach(([, args], c) => times[c]!.push(once(args)));
  const floor = median(times[0]!)!;
  cases.forEach(([name], c) => {
    const m = median(times[c]!)!;
    print(`${`whole process: ${name}`.padEnd(48)} ${m.toFixed(0).padStart(5)} ms median of ${RUNS}  (${(m / floor).toFixed(1)}× node -e 0, ${(m - floor).toFixed(0)} ms above it)`);
  });
}
