/**
 * `check` under one bound per job (docs/operations.md, "Bounds"): the whole run — read,
 * recognise, score, render, write — happens in a child process with a heap bound
 * (--max-old-space-size; a process, not a worker thread: a thread that runs out of heap inside
 * native code aborts the whole process), watched by the command's process, which gives every
 * file a time bound. The child tells what it is doing (reading input i, then scoring and writing
 * the batch). Past a bound the child is killed; the file it was working on gets a `timeout` or
 * `too-large` report, and the run starts again with that file refused, so the other files are
 * still checked. Each breach refuses one file: a run ends after at most one restart per file.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { Block, Report } from '@jxaudit/model';
import { readError } from '@jxaudit/parse';
import type { ApprovedTargets, Lang } from '@jxaudit/score';
import type { CheckInput, ReadDoc } from '../pipeline.ts';
import { BoundError, ENTRY } from './parse-pool.ts';

/** What one bounded check does (everything structured-cloneable: it crosses to the thread). */
export interface CheckJobRequest {
  inputs: CheckInput[];
  lang: Lang;
  /** --profile as given (a built-in name or a file path): loaded again in the child. */
  profile?: string;
  /** --templates as given (a file path): loaded again in the child. */
  templates?: string;
  targets?: ApprovedTargets | null;
  /** --out: the thread writes the reports, the records and the batch index there. */
  out?: string;
}

/** What the thread says while it works. */
export type CheckJobProgress =
  | { phase: 'read'; index: number }
  | { phase: 'read-done'; index: number; weight: number }
  | { phase: 'score'; docs: number };

export interface CheckBounds {
  /** Time bound of one file, ms (reading it; scoring and writing a batch: this per document). */
  timeoutMs: number;
  /** Heap (old generation) bound of the thread, MB. */
  maxMemoryMb: number;
}

export const CHECK_TIMEOUT_MS = 120_000;
export const CHECK_MAX_MEMORY_MB = 1024;

/** How much a read document weighs downstream: its table cells and paragraphs. */
export function docWeight(doc: Pick<ReadDoc, 'blocks'>): number {
  let n = 0;
  for (const b of doc.blocks ?? []) n += b.type === 'table' ? b.cells.length : 1;
  return n;
}

/** In the thread: the check itself, telling `progress` what it is doing. */
export async function performCheckJob(job: CheckJobRequest, progress: (p: CheckJobProgress) => void): Promise<Report[]> {
  const [{ loadProfile }, { resolveProfile }, { readInputs, reportsForInputs, scoreArrived }, { loadTemplates }] = await Promise.all([
    import('../profile.ts'),
    import('@jxaudit/score'),
    import('../pipeline.ts'),
    import('../templates.ts'),
  ]);
  const profile = await loadProfile(job.profile);
  const templates = await loadTemplates(job.templates);
  const options = { lang: job.lang, profile, resolveProfile: (name: string) => resolveProfile(name), targets: job.targets ?? null };
  const read = await readInputs(job.inputs, templates ? { templates } : undefined, {
    // A refused input is not read: its time is nobody's.
    onStart: (index) => job.inputs[index].refused || progress({ phase: 'read', index }),
    onRead: (index, doc) => progress({ phase: 'read-done', index, weight: docWeight(doc) }),
  });
  progress({ phase: 'score', docs: Math.max(1, read.unique.length) });
  let per: { report: Report; blocks: Block[] | undefined }[];
  if (job.out) {
    const { checkIntoOut } = await import('../submissions/check-out.ts');
    per = await checkIntoOut(job.out, read, options);
  } else {
    per = reportsForInputs(read, scoreArrived(read.unique, options));
  }
  return per.map((p) => p.report);
}

/** Reports of inputs that are all refused (nothing is read): built here, without a thread. */
async function refusedReports(job: CheckJobRequest, inputs: CheckInput[]): Promise<Report[]> {
  const [{ resolveProfile }, { readInputs, reportsForInputs, scoreArrived }] = await Promise.all([import('@jxaudit/score'), import('../pipeline.ts')]);
  const read = await readInputs(inputs);
  const options = { lang: job.lang, resolveProfile: (name: string) => resolveProfile(name), targets: job.targets ?? null };
  if (job.out) {
    const { checkIntoOut } = await import('../submissions/check-out.ts');
    return (await checkIntoOut(job.out, read, options)).map((p) => p.report);
  }
  return reportsForInputs(read, scoreArrived(read.unique, options)).map((p) => p.report);
}

/** The report error of a file past a bound. */
export function boundReadError(err: BoundError, bounds: CheckBounds, phase: 'read' | 'score'): ReturnType<typeof readError> {
  const what = phase === 'read' ? { zh: '读取与识别', en: 'reading and recognising it' } : { zh: '检查与生成报告', en: 'checking it and writing its report' };
  if (err.bound === 'time') {
    const s = Math.round(bounds.timeoutMs / 100) / 10;
    return readError('timeout', { zh: `${what.zh}超过 ${s} 秒的时间上限`, en: `${what.en} took longer than the ${s} s limit` });
  }
  return readError('too-large', { zh: `${what.zh}所需内存超过 ${bounds.maxMemoryMb} MB 的上限`, en: `${what.en} needed more than the ${bounds.maxMemoryMb} MB memory limit` });
}

/**
 * On the main thread: runs the check in a bounded thread; a file past a bound gets its
 * `timeout`/`too-large` report and the others are checked. `onBreach` is told of each
 * (for a log line).
 */
export async function boundedCheck(
  job: CheckJobRequest,
  bounds: CheckBounds,
  onBreach?: (info: { input: CheckInput; error: ReturnType<typeof readError> }) => void,
): Promise<Report[]> {
  const inputs = job.inputs.map((i) => ({ ...i }));
  {
    for (;;) {
      let phase: { kind: 'read'; index: number } | { kind: 'score' } | null = null;
      const weights = new Map<number, number>();
      try {
        return await runInChild({ ...job, inputs }, bounds, (p) => {
          if (p.phase === 'read') {
            phase = { kind: 'read', index: p.index };
            return bounds.timeoutMs;
          }
          if (p.phase === 'read-done') {
            weights.set(p.index, p.weight);
            return undefined;
          }
          phase = { kind: 'score' };
          return bounds.timeoutMs * p.docs;
        });
      } catch (err) {
        if (!(err instanceof BoundError)) throw err;
        const at = phase as { kind: 'read'; index: number } | { kind: 'score' } | null;
        // Scoring and writing are of the whole batch: the heaviest document read is the one refused.
        let culprit: number | null = at?.kind === 'read' ? at.index : null;
        if (at?.kind === 'score') {
          let most = -1;
          for (const [i, w] of weights) if (!inputs[i].refused && w > most) [culprit, most] = [i, w];
        }
        if (culprit === null && at?.kind === 'score' && inputs.every((i) => i.refused)) {
          // Nothing left to blame: every file is refused, and their reports need no thread.
          return refusedReports(job, inputs);
        }
        // Past a bound before any file was taken (the thread could not even start): nothing to blame.
        if (culprit === null || inputs[culprit].refused) throw err;
        const error = boundReadError(err, bounds, at!.kind);
        inputs[culprit] = { ...inputs[culprit], refused: error };
        onBreach?.({ input: inputs[culprit], error });
      }
    }
  }
}

/** How long a child may take to start and load its modules before the first file is taken. */
const START_MS = 60_000;

interface Child {
  proc: ChildProcess;
  ready: Promise<boolean>;
  /** The end of its stderr (V8 prints why it ran out of memory there). */
  stderr: string;
}

/** One child kept per heap bound for the next check of this process (tests run many). */
const idle = new Map<number, Child>();
let nextId = 1;

function spawnChild(maxMemoryMb: number): Child {
  // Only the heap flag: the parent's own flags (a test runner's loaders) are not the child's.
  const proc = fork(fileURLToPath(ENTRY), [], {
    execArgv: [`--max-old-space-size=${maxMemoryMb}`],
    stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
    serialization: 'advanced',
  });
  const child: Child = { proc, stderr: '', ready: Promise.resolve(false) };
  proc.stderr!.on('data', (b: Buffer) => (child.stderr = (child.stderr + b.toString()).slice(-4096)));
  child.ready = new Promise((resolve) => {
    const onMessage = (msg: { ready?: boolean }) => {
      if (!msg?.ready) return;
      proc.off('message', onMessage);
      resolve(true);
    };
    proc.on('message', onMessage);
    proc.once('exit', () => resolve(false));
  });
  return child;
}

/** Starts the child of a check about to run, so that it loads while the command reads its options. */
export function prewarmCheckChild(maxMemoryMb: number): void {
  const kept = idle.get(maxMemoryMb);
  if (kept && kept.proc.exitCode === null && kept.proc.signalCode === null && kept.proc.connected) return;
  keepChild(maxMemoryMb, spawnChild(maxMemoryMb));
}

function takeChild(maxMemoryMb: number): Child {
  const kept = idle.get(maxMemoryMb);
  idle.delete(maxMemoryMb);
  if (kept && kept.proc.exitCode === null && kept.proc.signalCode === null && kept.proc.connected) {
    kept.proc.ref();
    (kept.proc.channel as { ref?: () => void } | undefined)?.ref?.();
    kept.stderr = '';
    return kept;
  }
  return spawnChild(maxMemoryMb);
}

function keepChild(maxMemoryMb: number, child: Child): void {
  const other = idle.get(maxMemoryMb);
  if (other) other.proc.kill('SIGKILL');
  // Kept without keeping this process alive.
  child.proc.unref();
  (child.proc.channel as { unref?: () => void } | undefined)?.unref?.();
  idle.set(maxMemoryMb, child);
}

/** Runs one check job in a child under the bounds; `onProgress` answers with the next time bound. */
async function runInChild(job: CheckJobRequest, bounds: CheckBounds, onProgress: (p: CheckJobProgress) => number | undefined): Promise<Report[]> {
  const child = takeChild(bounds.maxMemoryMb);
  const id = nextId++;
  return new Promise<Report[]>((resolve, reject) => {
    let timer: NodeJS.Timeout | null = null;
    let settled = false;
    const finish = () => {
      settled = true;
      if (timer) clearTimeout(timer);
      child.proc.off('message', onMessage);
      child.proc.off('exit', onExit);
    };
    const arm = (ms: number) => {
      if (timer) clearTimeout(timer);
      timer = setTimeout(() => {
        if (settled) return;
        finish();
        child.proc.kill('SIGKILL');
        reject(new BoundError('time', `check exceeded ${ms} ms`));
      }, ms);
    };
    const onMessage = (msg: { id?: number; progress?: CheckJobProgress; result?: Report[]; error?: string }) => {
      if (settled || msg?.id !== id) return;
      if (msg.progress !== undefined) {
        const ms = onProgress(msg.progress);
        if (ms !== undefined) arm(ms);
        return;
      }
      finish();
      keepChild(bounds.maxMemoryMb, child);
      if (msg.error !== undefined) reject(new Error(msg.error));
      else resolve(msg.result!);
    };
    const onExit = (code: number | null, signal: NodeJS.Signals | null) => {
      if (settled) return;
      finish();
      // V8 aborts a process past --max-old-space-size ("JavaScript heap out of memory").
      if (signal === 'SIGABRT' || code === 134 || /heap out of memory|Allocation failed/.test(child.stderr)) {
        reject(new BoundError('memory', `check exceeded the ${bounds.maxMemoryMb} MB heap bound`));
      } else {
        reject(new Error(`the check process ended (${signal ?? code}): ${child.stderr.slice(-1000)}`));
      }
    };
    child.proc.on('message', onMessage);
    child.proc.on('exit', onExit);
    arm(Math.max(bounds.timeoutMs, START_MS));
    void child.ready.then((ok) => {
      if (ok && !settled) child.proc.send({ id, kind: 'check', job });
    });
  });
}
