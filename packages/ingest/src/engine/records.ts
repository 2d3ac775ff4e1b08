import { createHash } from 'node:crypto';
import { appendFile, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileAtomic } from '../fs/atomic.ts';
import { hashRegularFile } from '../fs/regular.ts';

export { writeFileAtomic };

/** OUT/.jxaudit/processed/<sha256>.json: what makes a file count as processed (OPERATIONS.md). */
export interface ProcessedRecord {
  sha256: string;
  /** The input as shown in its report. */
  file: string;
  /** Path of <name>.report.json. */
  report: string;
  at: string;
}

/**
 * OUT/.jxaudit/failed/<sha256>.json: a final failure of these bytes (a ReadError or a bound
 * exceeded). It does not make the file processed; it lets a producer learn the outcome.
 */
export interface FailedRecord {
  sha256: string;
  file: string;
  report: string | null;
  code: string;
  message: string;
  messageEn: string;
  at: string;
}

export function processedPath(out: string, sha256: string): string {
  return join(out, '.jxaudit', 'processed', `${sha256}.json`);
}
export function failedPath(out: string, sha256: string): string {
  return join(out, '.jxaudit', 'failed', `${sha256}.json`);
}

async function readJson<T>(path: string): Promise<T | null> {
  try {
    return JSON.parse(await readFile(path, 'utf8')) as T;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    if (err instanceof SyntaxError) return null;
    throw err;
  }
}

export function readProcessed(out: string, sha256: string): Promise<ProcessedRecord | null> {
  return readJson<ProcessedRecord>(processedPath(out, sha256));
}
export function readFailed(out: string, sha256: string): Promise<FailedRecord | null> {
  return readJson<FailedRecord>(failedPath(out, sha256));
}

export async function writeProcessed(out: string, record: ProcessedRecord): Promise<void> {
  await writeFileAtomic(processedPath(out, record.sha256), JSON.stringify(record) + '\n');
  // A success supersedes an older failure of the same bytes (e.g. a bound raised since).
  await rm(failedPath(out, record.sha256), { force: true });
}
export async function writeFailed(out: string, record: FailedRecord): Promise<void> {
  await writeFileAtomic(failedPath(out, record.sha256), JSON.stringify(record) + '\n');
}
/**
 * Forgets the failure of these bytes: a producer that queues them again (a re-run, a file
 * dropped again) wants the new outcome, not the old one (e.g. a bound raised since).
 */
export async function clearFailed(out: string, sha256: string): Promise<void> {
  await rm(failedPath(out, sha256), { force: true });
}

/** sha256 of a regular file; a link, a pipe, a device or a missing path throws RefusedPathError. */
export function hashFile(path: string): Promise<string> {
  return hashRegularFile(path);
}

export function hashBytes(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/**
 * Optional journal of every processing (JXAUDIT_JOURNAL=FILE): one JSON line per document the
 * processor actually processed (not skipped). Used by the tests to prove exactly-once processing.
 */
export async function journal(entry: Record<string, unknown>): Promise<void> {
  const file = process.env.JXAUDIT_JOURNAL;
  if (!file) return;
  await appendFile(file, JSON.stringify({ ...entry, pid: process.pid, at: new Date().toISOString() }) + '\n');
}
