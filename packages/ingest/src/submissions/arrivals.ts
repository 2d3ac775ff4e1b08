import { readdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileAtomic } from '../fs/atomic.ts';
import { STATE_DIR } from './store.ts';

/*
 * OUT/.jxaudit/arrivals/<key>/<sha256>.json: a document the service has read and stored
 * (docs/<sha256>.json) and that waits for the scoring of its submission (docs/submissions.md,
 * "The service"). The scoring job of the key takes every arrival of the key, scores them with
 * the documents of the submission's last version, writes the processed records and removes the
 * arrivals. An arrival on disk is a document in progress, not a lost one.
 */

export interface ArrivalRecord {
  sha256: string;
  /** The scoring key (`submissionKey`): the queue scores one key at a time. */
  key: string;
  /** The path shown in the reports (the name as dropped, or the path below the folder enqueued). */
  path: string;
  /** The input as the processed record names it (the watched folder: the inbox path). */
  file: string;
  /** When it arrived (ISO): the order of the versions in the service. */
  at: string;
  /** The profile the producer asked for. */
  profile?: string;
  /** The settle window it was queued with, ms. */
  settleMs: number;
}

const ARRIVALS = 'arrivals';

function keyDir(out: string, key: string): string {
  return join(out, STATE_DIR, ARRIVALS, key);
}
export function arrivalPath(out: string, key: string, sha256: string): string {
  return join(keyDir(out, key), `${sha256}.json`);
}

export async function writeArrival(out: string, record: ArrivalRecord): Promise<void> {
  await writeFileAtomic(arrivalPath(out, record.key, record.sha256), JSON.stringify(record) + '\n');
}

async function readJson(path: string): Promise<ArrivalRecord | null> {
  try {
    const data = JSON.parse(await readFile(path, 'utf8')) as ArrivalRecord;
    return typeof data?.sha256 === 'string' && typeof data.key === 'string' ? data : null;
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || err instanceof SyntaxError) return null;
    throw err;
  }
}

async function names(dir: string): Promise<string[]> {
  try {
    return await readdir(dir);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw err;
  }
}

/** The arrivals waiting under one key, oldest first. */
export async function listArrivals(out: string, key: string): Promise<ArrivalRecord[]> {
  const found: ArrivalRecord[] = [];
  for (const name of await names(keyDir(out, key))) {
    if (!name.endsWith('.json')) continue;
    const record = await readJson(join(keyDir(out, key), name));
    if (record) found.push(record);
  }
  return found.sort((a, b) => a.at.localeCompare(b.at) || a.sha256.localeCompare(b.sha256));
}

/** The keys that have arrivals waiting. */
export async function arrivalKeys(out: string): Promise<string[]> {
  const keys: string[] = [];
  for (const key of await names(join(out, STATE_DIR, ARRIVALS))) {
    if ((await names(keyDir(out, key))).some((n) => n.endsWith('.json'))) keys.push(key);
  }
  return keys;
}

/** The arrival of these bytes under any key (null: not waiting to be scored). */
export async function findArrival(out: string, sha256: string): Promise<ArrivalRecord | null> {
  for (const key of await names(join(out, STATE_DIR, ARRIVALS))) {
    const record = await readJson(arrivalPath(out, key, sha256));
    if (record) return record;
  }
  return null;
}

export async function removeArrival(out: string, key: string, sha256: string): Promise<void> {
  await rm(arrivalPath(out, key, sha256), { force: true });
}

/**
 * An arrival that waited much longer than its settle window with no scoring job left to take it
 * (a queue that lost the job): the producer queues its document again, which asks for the scoring again.
 */
export function arrivalOverdue(record: ArrivalRecord, now = Date.now(), graceMs = 5 * 60_000): boolean {
  return now - Date.parse(record.at) > record.settleMs + graceMs;
}
