import { createHash } from 'node:crypto';
import type { Report } from '@jxaudit/model';

/** Queue names (OPERATIONS.md): stable, scripts rely on them. */
export const INGEST_QUEUE = 'jx-ingest';
export const REPORTS_QUEUE = 'jx-reports';
export const SWEEP_QUEUE = 'jx-sweep';
/** The per-submission scoring jobs (the second stage): one scoring key at a time. */
export const SCORE_QUEUE = 'jx-score';

/** The settle window of the service when the producer names none, ms. */
export const DEFAULT_SETTLE_MS = 60_000;

export const ATTEMPTS = 3;
export const BACKOFF_MS = 2000;
/** Completed jobs are kept for a day, failed ones for a week. */
export const REMOVE_ON_COMPLETE = { age: 86_400 };
export const REMOVE_ON_FAIL = { age: 604_800 };

export function ingestJobId(sha256: string): string {
  return `doc-${sha256}`;
}
export function reportJobId(sha256: string): string {
  return `report-${sha256}`;
}

/** jx-ingest job data: paths and hashes, never bytes. */
export interface IngestJobData {
  /** Where a worker reads the file (every worker must see the same path). */
  path: string;
  sha256: string;
  /** The report directory. */
  out: string;
  /** A built-in profile name or a profile file path; omitted: proposed from the forms. */
  profile?: string;
  /** A templates file path (--templates): words added to the recogniser's; omitted: the built-in ones. */
  templates?: string;
  /** Name of the report files below `out` (default: the file name of `path`). */
  relative?: string;
  /** The input as its processed record names it (default: `path`); the watched folder passes its inbox path. */
  display?: string;
  /**
   * The settle window, ms: the submission of this document is scored once no document of it
   * has arrived for this long (default DEFAULT_SETTLE_MS).
   */
  settleMs?: number;
}

/** jx-score job data: score what arrived for one scoring key of one output folder. */
export interface ScoreJobData {
  key: string;
  out: string;
}

/**
 * Deduplication id of the scoring job of a key in an output folder: while one is delayed, a new
 * request replaces it (the settle window starts again); while one runs, the next waits for it.
 */
export function scoreJobDedupId(out: string, key: string): string {
  return `${key}@${createHash('sha256').update(out).digest('hex').slice(0, 12)}`;
}

/** jx-reports job data, added after the report files are written. */
export interface ReportJobData {
  sha256: string;
  path: string;
  reportJson: string;
  reportHtml: string;
  unit: string | null;
  year: number | null;
  summary: Report['summary'];
  /** ReadError code when the file could not be read, else null. */
  error: string | null;
}

/** jx-sweep job data. */
export interface SweepJobData {
  dir: string;
  out: string;
  profile?: string;
  templates?: string;
  /** The settle window of the files it queues, ms. */
  settleMs?: number;
}

/** What processing one document ended with. */
export type ProcessOutcome =
  | { status: 'processed'; sha256: string; report: string; summary: Report['summary']; errorCode: string | null }
  | { status: 'skipped'; sha256: string; report: string }
  /** Read and stored; its submission's scoring job writes the report (the second stage). */
  | { status: 'stored'; sha256: string; key: string }
  | { status: 'failed'; sha256: string; report: string; code: string; message: string; messageEn: string };

/** A final failure: retrying cannot help (a ReadError, a bound exceeded, the file gone or changed). */
export class FinalError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly messageEn: string = message,
  ) {
    super(`${code}: ${messageEn}`);
    this.name = 'FinalError';
  }
}

export type JobStateName = 'waiting' | 'active' | 'delayed' | 'completed' | 'failed' | 'missing';
export interface JobState {
  state: JobStateName;
  reason?: string;
}

/** The producer side both engines offer to watch and enqueue. */
export interface Engine {
  readonly kind: 'embedded' | 'redis';
  /** Adds a jx-ingest job (id doc-<sha256>); a job with that id already known is not added twice. */
  add(data: IngestJobData): Promise<void>;
  /** The state of the job of this hash ('missing' when the engine does not know it). */
  state(sha256: string): Promise<JobState>;
  close(): Promise<void>;
}
