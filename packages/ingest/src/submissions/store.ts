import { readdir, readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import {
  FindingsFileSchema,
  STORED_DOC_VERSION,
  StoredDocSchema,
  SubmissionRecordSchema,
  parseReport,
  type DocumentRole,
  type Report,
  type StoredDoc,
  type SubmissionRecord,
  type VersionFinding,
} from '@jxaudit/model';
import { writeFileAtomic } from '../fs/atomic.ts';
import type { ReadDoc } from '../pipeline.ts';
import { TOOL_VERSION } from '../version.ts';

/*
 * OUT/.jxaudit, the submissions' side (docs/submissions.md):
 *
 *   docs/<sha256>.json                       what was read and recognised from one document (StoredDoc)
 *   submissions/<id>.json                    the submission record: unit, year, every version (SubmissionRecord)
 *   submissions/<id>/v<N>/findings.json      version N's findings, each once (FindingsFile)
 *   submissions/<id>/v<N>/<path>.report.json version N's report of each document, and its .report.html: never
 *                                            overwritten (OUT/<path>.report.* is the latest report of the file)
 *   keys/<key>.json                          the submissions scored under one scoring key
 *   arrivals/<key>/<sha256>.json             (the service) documents read and waiting to be scored
 *
 * Paths inside records are relative to OUT, with forward slashes.
 */

export const STATE_DIR = '.jxaudit';

export function storedDocPath(out: string, sha256: string): string {
  return join(out, STATE_DIR, 'docs', `${sha256}.json`);
}
export function submissionRecordPath(out: string, id: string): string {
  return join(out, STATE_DIR, 'submissions', `${id}.json`);
}
/** Relative to OUT: the folder of one version's findings and reports. */
export function versionDirRelative(id: string, version: number): string {
  return `${STATE_DIR}/submissions/${id}/v${version}`;
}
export function keyIndexPath(out: string, key: string): string {
  return join(out, STATE_DIR, 'keys', `${key}.json`);
}

async function readText(path: string): Promise<string | null> {
  try {
    return await readFile(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw err;
  }
}

function parseJson(text: string | null): unknown {
  if (text === null) return null;
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

// ---- the document store ----

/** Stores what was read from a document (source, forms, blocks, warnings, error), atomically. */
export async function writeStoredDoc(out: string, doc: ReadDoc): Promise<string> {
  const stored: StoredDoc = {
    schemaVersion: STORED_DOC_VERSION,
    sha256: doc.source.sha256,
    tool: TOOL_VERSION,
    readAt: new Date().toISOString(),
    source: { ...doc.source, path: doc.path },
    forms: doc.forms,
    blocks: doc.blocks ?? [],
    warnings: doc.warnings,
    error: doc.error,
  };
  const path = storedDocPath(out, stored.sha256);
  await writeFileAtomic(path, JSON.stringify(stored) + '\n');
  return path;
}

/**
 * One document as stored (null when absent, unreadable, or read by another tool version: a
 * rescoring reads such a file again).
 */
export async function readStoredDoc(out: string, sha256: string, options: { anyVersion?: boolean } = {}): Promise<StoredDoc | null> {
  const parsed = StoredDocSchema.safeParse(parseJson(await readText(storedDocPath(out, sha256))));
  if (!parsed.success) return null;
  if (!options.anyVersion && parsed.data.tool !== TOOL_VERSION) return null;
  return parsed.data;
}

// ---- submission records ----

/** One submission record, or null (absent or not a record). */
export async function readSubmission(out: string, id: string): Promise<SubmissionRecord | null> {
  const parsed = SubmissionRecordSchema.safeParse(parseJson(await readText(submissionRecordPath(out, id))));
  return parsed.success ? parsed.data : null;
}

/** Every submission record of OUT, sorted by year, then unit, then id; files that are not records are skipped. */
export async function readSubmissions(out: string): Promise<SubmissionRecord[]> {
  let names: string[];
  try {
    names = await readdir(join(out, STATE_DIR, 'submissions'));
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw err;
  }
  const records: SubmissionRecord[] = [];
  for (const name of names) {
    if (!name.endsWith('.json')) continue;
    const record = await readSubmission(out, name.slice(0, -5));
    if (record) records.push(record);
  }
  return records.sort((a, b) => (a.year ?? 0) - (b.year ?? 0) || (a.unit ?? '').localeCompare(b.unit ?? '') || a.id.localeCompare(b.id));
}

export async function writeSubmission(out: string, record: SubmissionRecord): Promise<void> {
  await writeFileAtomic(submissionRecordPath(out, record.id), JSON.stringify(SubmissionRecordSchema.parse(record), null, 1) + '\n');
}

/** The ids recorded under a scoring key. */
export async function readKeyIndex(out: string, key: string): Promise<string[]> {
  const data = parseJson(await readText(keyIndexPath(out, key))) as { ids?: unknown } | null;
  return Array.isArray(data?.ids) ? data.ids.filter((x): x is string => typeof x === 'string') : [];
}
export async function writeKeyIndex(out: string, key: string, ids: string[]): Promise<void> {
  await writeFileAtomic(keyIndexPath(out, key), JSON.stringify({ key, ids: [...new Set(ids)].sort() }) + '\n');
}

/** A version's findings, each once (empty when the file is missing). */
export async function readVersionFindings(out: string, id: string, version: number): Promise<VersionFinding[]> {
  const parsed = FindingsFileSchema.safeParse(parseJson(await readText(join(out, versionDirRelative(id, version), 'findings.json'))));
  return parsed.success ? parsed.data.findings : [];
}

export interface VersionReport {
  path: string;
  sha256: string;
  role: DocumentRole;
  /** Absolute paths of the version's report files. */
  json: string | null;
  html: string | null;
  /** The report as loaded (parseReport), null when its file is missing or not a report. */
  report: Report | null;
}

/** The reports of one version of a submission (the latest when `version` is omitted), one per document. */
export async function readVersionReports(out: string, id: string, version?: number): Promise<VersionReport[]> {
  const record = await readSubmission(out, id);
  if (!record || record.versions.length === 0) return [];
  const v = version === undefined ? record.versions[record.versions.length - 1] : record.versions.find((x) => x.version === version);
  if (!v) return [];
  const root = resolve(out);
  const result: VersionReport[] = [];
  for (const d of v.documents) {
    const json = d.report ? join(root, d.report.json) : null;
    const text = json ? await readText(json) : null;
    const parsed = text === null ? null : parseReport(text);
    result.push({ path: d.path, sha256: d.sha256, role: d.role, json, html: d.report ? join(root, d.report.html) : null, report: parsed?.ok ? parsed.report : null });
  }
  return result;
}
