import { basename } from 'node:path';
import { DEFAULT_MAX_BYTES, readError } from '@jxaudit/parse';
import type { ReadOptions } from '../pipeline.ts';
import { loadTemplates } from '../templates.ts';
import { resolveProfile, type Lang } from '@jxaudit/score';
import { submissionKey, type Report } from '@jxaudit/model';
import type { Logger } from '../log.ts';
import { readRegularFile } from '../fs/regular.ts';
import { scoreDocs, unreadDoc, type ReadDoc } from '../pipeline.ts';
import { writeReportFiles } from '../report/write.ts';
import { findArrival, writeArrival } from '../submissions/arrivals.ts';
import { readStoredDoc, writeStoredDoc } from '../submissions/store.ts';
import { BoundError, type ParsePool } from './parse-pool.ts';
import { hashBytes, journal, readProcessed, writeFailed, writeProcessed } from './records.ts';
import { scoreArrivals, type ScoreRequest } from './scoring.ts';
import { DEFAULT_SETTLE_MS, FinalError, type IngestJobData, type ProcessOutcome, type ReportJobData } from './types.ts';

/**
 * ReadError codes that make a file "failed" (failed/ in the watched folder, a failed job, a
 * failed record): every one, `no-form` included — a file in which no form was recognised is a
 * failed submission (its report says what was found instead); the unit must send it again.
 */
export function isFailureCode(code: string | null | undefined): boolean {
  return !!code;
}

export interface ProcessorContext {
  pool: ParsePool;
  lang: Lang;
  log: Logger;
  read?: ReadOptions;
  /** Called after the report files are written (BullMQ: adds the jx-reports job). */
  publishReport?: (data: ReportJobData) => Promise<void>;
  /** Called after each document that produced a report (debounced batch index rebuild). */
  onReport?: (out: string) => void;
  /**
   * Asks for the scoring of a key (the engine's debounced, per-key serialised scoring job).
   * Absent: the document's submission is scored at once, in this call (no settle window).
   */
  requestScore?: (request: ScoreRequest) => Promise<void>;
}

async function parseOne(ctx: ProcessorContext, display: string, path: string, read: ReadOptions | undefined = ctx.read): Promise<{ doc: ReadDoc; sha256: string | null }> {
  const maxBytes = read?.maxBytes ?? DEFAULT_MAX_BYTES;
  const file = await readRegularFile(path, maxBytes);
  if (!file.ok) {
    if (file.error.code === 'not-found') throw new FinalError('missing', `文件已不存在：${path}`, `the file is gone: ${path}`);
    return { doc: unreadDoc(display, file.error, { sha256: '', bytes: file.size }), sha256: null };
  }
  const bytes = file.bytes;
  const sha256 = hashBytes(bytes);
  try {
    return { doc: await ctx.pool.parse(display, bytes, read), sha256 };
  } catch (err) {
    if (!(err instanceof BoundError)) throw err;
    const detail = err.bound === 'time' ? { zh: '处理超时', en: 'parsing took too long' } : { zh: '处理所需内存超限', en: 'parsing needed too much memory' };
    return { doc: unreadDoc(display, readError('too-large', detail), { sha256, bytes: bytes.length }), sha256 };
  }
}

/** The job's read options: the runtime's, with the templates file the job names (checked when it was queued). */
async function readOptionsFor(ctx: ProcessorContext, data: IngestJobData): Promise<ReadOptions | undefined> {
  if (!data.templates) return ctx.read;
  try {
    return { ...ctx.read, templates: await loadTemplates(data.templates) };
  } catch (err) {
    const e = err as { zh?: string; en?: string; message?: string };
    throw new FinalError('templates', e.zh ?? String(e.message), e.en ?? String(e.message));
  }
}

/**
 * Scores in the pool (bounded, off the event loop). A submission whose scoring exceeds a bound
 * gets a too-large report for its main document, without forms or tables.
 */
async function scoreBounded(ctx: ProcessorContext, docs: ReadDoc[], profile: string | undefined): Promise<{ report: Report; blocks: ReadDoc['blocks'] }> {
  try {
    const [report] = await ctx.pool.score(docs, ctx.lang, profile);
    return { report, blocks: docs[0].blocks };
  } catch (err) {
    if (!(err instanceof BoundError)) throw err;
    const detail = err.bound === 'time' ? { zh: '检查超时', en: 'checking took too long' } : { zh: '检查所需内存超限', en: 'checking needed too much memory' };
    const main: ReadDoc = { ...docs[0], forms: [], blocks: [], error: readError('too-large', detail) };
    const [report] = scoreDocs([main], { lang: ctx.lang, resolveProfile: (name) => resolveProfile(name) });
    return { report, blocks: [] };
  }
}

/**
 * The first stage of a jx-ingest job: skip when its bytes already have a processed record; else
 * read the file, verify its sha256, parse and recognise it (bounded, in the pool). A file that
 * cannot be read gets its failure report and failed record; a file without a form its report and
 * processed record (neither belongs to a submission). A readable document is stored
 * (OUT/.jxaudit/docs/<sha256>.json) and recorded as arrived under its scoring key; its report is
 * written by the scoring of its submission (`scoreArrivals`). Throws FinalError when retrying
 * cannot help, other errors for transient faults.
 */
export async function readDocumentJob(data: IngestJobData, ctx: ProcessorContext): Promise<ProcessOutcome> {
  const log = ctx.log.child({ sha256: data.sha256, path: data.path });
  const done = await readProcessed(data.out, data.sha256);
  if (done) {
    log.info('already processed, skipped');
    return { status: 'skipped', sha256: data.sha256, report: done.report };
  }
  const waiting = await findArrival(data.out, data.sha256);
  if (waiting) {
    // Read before (a producer queued it again): ask for the scoring again, nothing to read.
    log.info({ key: waiting.key }, 'already read, waiting for its submission to be scored');
    return { status: 'stored', sha256: data.sha256, key: waiting.key };
  }
  const display = data.display ?? data.path;
  const shown = data.relative ?? basename(data.path);
  const started = Date.now();
  log.debug({ profile: data.profile ?? null }, 'processing');

  let doc: ReadDoc;
  const stored = await readStoredDoc(data.out, data.sha256);
  if (stored && stored.source.path === shown && stored.error === null) {
    // Read before under this name by this tool version (a crash after the store): not read again.
    doc = { path: shown, source: stored.source, forms: stored.forms, blocks: stored.blocks, warnings: stored.warnings, error: null };
  } else {
    const main = await parseOne(ctx, shown, data.path, await readOptionsFor(ctx, data));
    if (main.sha256 !== null && main.sha256 !== data.sha256) {
      throw new FinalError('changed', `文件内容在排队后已改变：${display}`, `the file changed after it was queued: ${display}`);
    }
    if (main.sha256 === null) main.doc.source.sha256 = data.sha256;
    doc = main.doc;
  }

  if (doc.error) {
    // Outside any submission: its own report now, as before the two stages.
    const { report, blocks } = await scoreBounded(ctx, [doc], data.profile);
    const written = await writeReportFiles(data.out, { report, relative: shown, blocks }, ctx.lang);
    const errorCode = report.error?.code ?? null;
    await ctx.publishReport?.({ sha256: data.sha256, path: display, reportJson: written.json, reportHtml: written.html, unit: null, year: null, summary: report.summary, error: errorCode });
    const at = new Date().toISOString();
    ctx.onReport?.(data.out);
    if (report.error && isFailureCode(errorCode)) {
      await writeFailed(data.out, { sha256: data.sha256, file: display, report: written.json, code: report.error.code, message: report.error.message, messageEn: report.error.messageEn, at });
      await journal({ sha256: data.sha256, path: data.path, error: errorCode });
      log.warn({ code: errorCode, ms: Date.now() - started }, 'document could not be read');
      return { status: 'failed', sha256: data.sha256, report: written.json, code: report.error.code, message: report.error.message, messageEn: report.error.messageEn };
    }
    await writeProcessed(data.out, { sha256: data.sha256, file: display, report: written.json, at });
    await journal({ sha256: data.sha256, path: data.path, error: errorCode });
    log.warn({ ms: Date.now() - started, code: errorCode, report: written.json }, 'document processed, but no form was recognised in it');
    return { status: 'processed', sha256: data.sha256, report: written.json, summary: report.summary, errorCode };
  }

  await writeStoredDoc(data.out, doc);
  const key = submissionKey(doc.forms, data.sha256);
  await writeArrival(data.out, {
    sha256: data.sha256,
    key,
    path: shown,
    file: display,
    at: new Date().toISOString(),
    ...(data.profile ? { profile: data.profile } : {}),
    settleMs: data.settleMs ?? DEFAULT_SETTLE_MS,
  });
  log.info({ key, forms: doc.forms.length, ms: Date.now() - started }, 'document read, waiting for its submission to be scored');
  return { status: 'stored', sha256: data.sha256, key };
}

/**
 * Processes one jx-ingest job: the first stage (readDocumentJob), then the scoring of the
 * document's submission — asked of the engine (debounced by the settle window) when it offers
 * `requestScore`, else at once, here: the outcome is then this document's.
 */
export async function processDocument(data: IngestJobData, ctx: ProcessorContext): Promise<ProcessOutcome> {
  const first = await readDocumentJob(data, ctx);
  if (first.status !== 'stored') return first;
  const request: ScoreRequest = { key: first.key, out: data.out, settleMs: data.settleMs ?? DEFAULT_SETTLE_MS };
  if (ctx.requestScore) {
    await ctx.requestScore(request);
    return first;
  }
  const outcomes = await scoreArrivals(request, ctx);
  return outcomes.find((o) => o.sha256 === data.sha256) ?? first;
}
