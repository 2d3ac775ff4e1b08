import { access, lstat, mkdir, readdir, rename, rm } from 'node:fs/promises';
import { extname, join, resolve } from 'node:path';
import { watch as chokidarWatch, type FSWatcher } from 'chokidar';
import type { Logger } from '../log.ts';
import { isIgnoredName } from '../files.ts';
import { hashFile, readFailed, readProcessed, writeFileAtomic } from '../engine/records.ts';
import { RefusedPathError, refusalOf } from '../fs/regular.ts';
import type { Engine, IngestJobData } from '../engine/types.ts';
import { arrivalOverdue, findArrival } from '../submissions/arrivals.ts';

/** Formats that are zips: taken only once their zip directory reads. */
const ZIP_EXTENSIONS = new Set(['.docx', '.docm', '.xlsx', '.xlsm']);
import { shanghaiDate, zipDirectoryReadable } from './stable.ts';

export interface WatchOptions {
  inbox: string;
  out: string;
  engine: Engine;
  log: Logger;
  /** A file is taken when its size and mtime have not changed for this long. */
  stableMs: number;
  /** Full rescan of INBOX and .processing/ every this often. */
  rescanMs: number;
  /** chokidar polling (network shares). */
  poll: boolean;
  profile?: string;
  /** A templates file path, passed on with every job. */
  templates?: string;
  /** The settle window of the jobs it queues, ms (default: the engine's). */
  settleMs?: number;
  /** How often the outcome of claimed files is checked. */
  resolveMs?: number;
  /** The clock (tests): the date of done/YYYY-MM-DD/ (Asia/Shanghai) and the `at` of error files. */
  now?: () => Date;
}

/** What `<file name>.error.json` holds (OPERATIONS.md). */
export interface ErrorFile {
  file: string;
  /** null for what was never read (a link, a pipe, a device). */
  sha256: string | null;
  code: string;
  message: string;
  messageEn: string;
  at: string;
}

interface Candidate {
  size: number;
  mtimeMs: number;
  since: number;
}

export const PROCESSING = '.processing';
export const DONE = 'done';
export const FAILED = 'failed';

/**
 * The watched folder (OPERATIONS.md). Watcher events are hints; the folder is the truth:
 * INBOX and .processing/ are rescanned on start and every `rescanMs`, and a claimed file's
 * outcome is read from the processed/failed records (with the engine's job state as a fallback).
 */
export class InboxWatcher {
  readonly inbox: string;
  private readonly candidates = new Map<string, Candidate>();
  /** Claimed files (names in .processing/) waiting for their outcome. */
  private readonly pending = new Map<string, { sha256: string }>();
  /** Names being handled right now (hashing, moving). */
  private readonly busy = new Set<string>();
  private fsWatcher: FSWatcher | null = null;
  private timers: NodeJS.Timeout[] = [];
  private checking = false;
  private resolving = false;
  private stopped = false;
  private ops = new Set<Promise<unknown>>();
  private lastCheckError = '';

  constructor(private readonly o: WatchOptions) {
    this.inbox = resolve(o.inbox);
  }

  private now(): Date {
    return this.o.now?.() ?? new Date();
  }

  private get processingDir(): string {
    return join(this.inbox, PROCESSING);
  }

  async start(): Promise<void> {
    for (const d of [this.inbox, this.processingDir, join(this.inbox, DONE), join(this.inbox, FAILED)]) await mkdir(d, { recursive: true });
    this.fsWatcher = chokidarWatch(this.inbox, { depth: 0, ignoreInitial: true, usePolling: this.o.poll, interval: 1000, awaitWriteFinish: false });
    const hint = (path: string) => {
      const name = path.slice(this.inbox.length + 1);
      if (!name || name.includes('/') || name.includes('\\')) return;
      this.consider(name);
    };
    this.fsWatcher.on('add', hint).on('change', hint).on('error', (err) => this.o.log.warn({ err }, 'watcher error'));
    // chokidar's initial scan swallows (ignoreInitial) what appears while it runs: wait for it,
    // then rescan, or a file dropped in the first moments would wait for the next rescan.
    await new Promise<void>((ready) => this.fsWatcher!.once('ready', () => ready()));
    await this.rescan();
    const checkEvery = Math.max(50, Math.min(500, Math.floor(this.o.stableMs / 4)));
    this.timers.push(setInterval(() => this.track(this.checkCandidates()), checkEvery));
    this.timers.push(setInterval(() => this.track(this.rescan()), this.o.rescanMs));
    this.timers.push(setInterval(() => this.track(this.resolvePending()), this.o.resolveMs ?? 300));
    this.o.log.info({ inbox: this.inbox, out: this.o.out, engine: this.o.engine.kind, stableMs: this.o.stableMs, poll: this.o.poll }, 'watching');
  }

  /** Checks outcomes now (an engine event arrived). */
  nudge(): void {
    this.track(this.resolvePending());
  }

  /** Number of claimed files waiting for their outcome. */
  get inFlight(): number {
    return this.pending.size + this.busy.size;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    for (const t of this.timers) clearInterval(t);
    this.timers = [];
    await this.fsWatcher?.close();
    while (this.ops.size > 0) await Promise.allSettled([...this.ops]);
  }

  private track(p: Promise<unknown>): void {
    const q = p.catch((err: unknown) => this.o.log.error({ err }, 'watch step failed')).finally(() => this.ops.delete(q));
    this.ops.add(q);
  }

  private consider(name: string): void {
    if (this.stopped || isIgnoredName(name) || this.candidates.has(name)) return;
    this.candidates.set(name, { size: -1, mtimeMs: -1, since: Date.now() });
  }

  /** The folder is the truth: every file at the top of INBOX, every file left in .processing/. */
  async rescan(): Promise<void> {
    if (this.stopped) return;
    // Links, pipes and devices too: they are filed under failed/, never read and never left lying.
    for (const e of await readdir(this.inbox, { withFileTypes: true })) {
      if (!e.isDirectory()) this.consider(e.name);
    }
    for (const e of await readdir(this.processingDir, { withFileTypes: true })) {
      if (e.isDirectory() || e.name.endsWith('.tmp') || this.pending.has(e.name) || this.busy.has(e.name)) continue;
      this.o.log.info({ file: e.name }, 'resuming a file left in .processing/');
      this.track(this.handleClaimed(e.name));
    }
  }

  private async checkCandidates(): Promise<void> {
    if (this.checking || this.stopped) return;
    this.checking = true;
    try {
      const now = Date.now();
      for (const [name, c] of this.candidates) {
        const path = join(this.inbox, name);
        let info;
        try {
          info = await lstat(path);
        } catch {
          this.candidates.delete(name);
          continue;
        }
        if (info.isDirectory()) {
          this.candidates.delete(name);
          continue;
        }
        const refused = await refusalOf(path, info);
        if (refused) {
          // A link is filed as it is: its target is neither read nor hashed.
          this.candidates.delete(name);
          await this.moveFailed(name, { file: name, sha256: null, code: refused.code, message: refused.message, messageEn: refused.messageEn, at: this.now().toISOString() }, this.inbox);
          continue;
        }
        if (info.size !== c.size || info.mtimeMs !== c.mtimeMs) {
          c.size = info.size;
          c.mtimeMs = info.mtimeMs;
          c.since = now;
          continue;
        }
        const stableFor = now - c.since;
        if (stableFor < this.o.stableMs) continue;
        // An empty file, or a .docx/.xlsx whose zip directory cannot be read yet, may still be
        // being written: give it three times as long before it is taken (and reported as it is).
        let complete = info.size > 0;
        if (complete && ZIP_EXTENSIONS.has(extname(name).toLowerCase())) complete = await zipDirectoryReadable(path).catch(() => false);
        if (!complete && stableFor < this.o.stableMs * 3) continue;
        this.candidates.delete(name);
        await this.claim(name);
      }
    } finally {
      this.checking = false;
    }
  }

  /** Claims a file by an atomic rename into .processing/. */
  private async claim(name: string): Promise<void> {
    const target = join(this.processingDir, name);
    if (this.pending.has(name) || this.busy.has(name) || (await exists(target))) {
      // A file of the same name is still in process: take this one after it is moved on.
      this.consider(name);
      return;
    }
    try {
      await rename(join(this.inbox, name), target);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return; // taken by someone else, or removed
      throw err;
    }
    this.o.log.info({ file: name }, 'claimed');
    await this.handleClaimed(name);
  }

  private async handleClaimed(name: string): Promise<void> {
    if (this.busy.has(name) || this.pending.has(name)) return;
    this.busy.add(name);
    try {
      const path = join(this.processingDir, name);
      let sha256: string;
      try {
        sha256 = await hashFile(path);
      } catch (err) {
        if (!(err instanceof RefusedPathError)) throw err;
        if (err.readError.code === 'not-found') return;
        const refused = err.readError;
        await this.moveFailed(name, { file: name, sha256: null, code: refused.code, message: refused.message, messageEn: refused.messageEn, at: this.now().toISOString() });
        return;
      }
      // Bytes processed before go to done/ at once. A failed record does not short-cut: a file
      // dropped again is tried again (add() clears the old failure), e.g. after a bound was raised.
      if (await readProcessed(this.o.out, sha256)) {
        await this.moveDone(name);
        return;
      }
      await this.o.engine.add(this.jobOf(name, sha256));
      this.pending.set(name, { sha256 });
    } finally {
      this.busy.delete(name);
    }
  }

  /** The jx-ingest job of a claimed file. */
  private jobOf(name: string, sha256: string): IngestJobData {
    return {
      path: join(this.processingDir, name),
      sha256,
      out: resolve(this.o.out),
      relative: name,
      display: join(this.inbox, name),
      ...(this.o.profile ? { profile: this.o.profile } : {}),
      ...(this.o.templates ? { templates: this.o.templates } : {}),
      ...(this.o.settleMs !== undefined ? { settleMs: this.o.settleMs } : {}),
    };
  }

  /** Moves a claimed file on when its bytes have a record; true when it did. */
  private async settle(name: string, sha256: string): Promise<boolean> {
    if (await readProcessed(this.o.out, sha256)) {
      await this.moveDone(name);
      return true;
    }
    const failed = await readFailed(this.o.out, sha256);
    if (failed) {
      await this.moveFailed(name, { file: name, sha256, code: failed.code, message: failed.message, messageEn: failed.messageEn, at: this.now().toISOString() });
      return true;
    }
    return false;
  }

  /**
   * After stop() and after the engine let its running documents finish: files the claimed
   * files that now have a record (done/ or failed/), so a graceful stop leaves in .processing/
   * only what really is unfinished (taken again on the next start).
   */
  async settleClaimed(): Promise<void> {
    while (this.resolving) await Promise.allSettled([...this.ops]);
    await this.resolvePending(true);
    const left = [...this.pending.keys()];
    if (left.length > 0) this.o.log.info({ files: left }, 'left in .processing/, taken again on the next start');
  }

  private async resolvePending(final = false): Promise<void> {
    if (this.resolving || (this.stopped && !final)) return;
    this.resolving = true;
    try {
      for (const [name, { sha256 }] of [...this.pending]) {
        try {
          if (await this.settle(name, sha256)) {
            this.pending.delete(name);
            continue;
          }
          if (final) continue; // the engine is closed: records only
          // Read and waiting for its submission's scoring (the settle window): nothing to do
          // unless it waited far too long (a lost scoring job), then it is queued again below.
          const arrival = await findArrival(this.o.out, sha256);
          if (arrival && !arrivalOverdue(arrival)) continue;
          const st = await this.o.engine.state(sha256);
          if (st.state === 'failed') {
            // Failed without a failed record: a transient fault that exhausted its attempts, or
            // the file changed or vanished while queued.
            if (await this.settle(name, sha256)) {
              this.pending.delete(name);
              continue;
            }
            await this.moveFailed(name, { file: name, sha256, ...failureWithoutRecord(st.reason ?? 'failed'), at: this.now().toISOString() });
            this.pending.delete(name);
          } else if (st.state === 'missing') {
            // The job is gone (removed, or Redis lost it) and no record exists: queue it again.
            this.o.log.warn({ file: name, sha256 }, 'job missing without a record, queued again');
            const entry = this.pending.get(name)!;
            this.pending.delete(name);
            this.busy.add(name);
            try {
              await this.o.engine.add(this.jobOf(name, entry.sha256));
              this.pending.set(name, entry);
            } finally {
              this.busy.delete(name);
            }
          } else if (st.state === 'completed') {
            // Completed without a record in this output folder (the job was for another --out,
            // or the record was deleted): add() replaces it.
            this.o.log.warn({ file: name, sha256 }, 'job completed without a record here, queued again');
            await this.o.engine.add(this.jobOf(name, sha256));
          }
        } catch (err) {
          // Once per kind of trouble (Redis away: once, not every 300 ms for every file).
          const message = err instanceof Error ? err.message : String(err);
          if (message !== this.lastCheckError) this.o.log.warn({ file: name, err: message }, 'could not check a pending file, will retry');
          this.lastCheckError = message;
          continue;
        }
        this.lastCheckError = '';
      }
    } finally {
      this.resolving = false;
    }
  }

  /** A claimed file that left .processing/ (removed by hand) has nothing to move: say so once. */
  private gone(name: string): void {
    this.o.log.warn({ file: name, dir: this.processingDir }, 'file no longer in .processing/ (removed?), nothing to move');
  }

  private async moveDone(name: string): Promise<void> {
    const date = shanghaiDate(this.now());
    const dir = join(this.inbox, DONE, date);
    await mkdir(dir, { recursive: true });
    const dest = await freeName(dir, name);
    try {
      await rename(join(this.processingDir, name), join(dir, dest));
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
      return this.gone(name);
    }
    this.o.log.info({ file: name, to: join(DONE, date, dest) }, 'done');
  }

  /** Files `name` (in .processing/, or in `from`) under failed/ with its error file. */
  private async moveFailed(name: string, error: ErrorFile, from = this.processingDir): Promise<void> {
    const dir = join(this.inbox, FAILED);
    await mkdir(dir, { recursive: true });
    const dest = await freeName(dir, name);
    // The error file first: a crash between the two leaves the file in .processing/ (taken
    // again on start), never a file in failed/ without its explanation.
    const errorFile = join(dir, `${dest}.error.json`);
    await writeFileAtomic(errorFile, JSON.stringify(error, null, 2) + '\n');
    try {
      await rename(join(from, name), join(dir, dest));
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
      await rm(errorFile, { force: true });
      return this.gone(name);
    }
    this.o.log.warn({ file: name, code: error.code, message: error.message, to: join(FAILED, dest) }, 'failed');
  }
}

/**
 * The error file of a job that failed without a failed record: the file changed or vanished
 * after it was queued, or a transient fault (I/O, Redis) outlasted the retries. Plain words
 * first; the technical reason last, for the administrator.
 */
export function failureWithoutRecord(reason: string): Pick<ErrorFile, 'code' | 'message' | 'messageEn'> {
  const code = /^([a-z-]+):/.exec(reason)?.[1] ?? 'failed';
  if (code === 'changed') {
    return {
      code,
      message: '文件在排队等待处理时被改动了。请确认文件已完整保存、不再修改，然后重新放入收件夹。',
      messageEn: 'The file was changed while it waited to be processed. Make sure it is completely saved and no longer being edited, then drop it into the inbox again.',
    };
  }
  return {
    code,
    message: `处理时发生临时故障，重试后仍未成功。请稍后把文件重新放入收件夹；如仍失败，请联系管理员。（技术信息：${reason}）`,
    messageEn: `A temporary fault stopped the processing and retrying did not help. Drop the file into the inbox again later; if it fails again, contact the administrator. (Technical detail: ${reason})`,
  };
}

async function exists(path: string): Promise<boolean> {
  try {
    await access(path);
    return true;
  } catch {
    return false;
  }
}

/** `name`, or `stem (2).ext`, `stem (3).ext`… whichever is free in `dir`. */
async function freeName(dir: string, name: string): Promise<string> {
  if (!(await exists(join(dir, name))) && !(await exists(join(dir, `${name}.error.json`)))) return name;
  const ext = extname(name);
  const stem = name.slice(0, name.length - ext.length);
  for (let i = 2; ; i++) {
    const candidate = `${stem} (${i})${ext}`;
    if (!(await exists(join(dir, candidate))) && !(await exists(join(dir, `${candidate}.error.json`)))) return candidate;
  }
}
