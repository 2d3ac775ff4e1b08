import { resolve } from 'node:path';
import { readError } from '@jxaudit/parse';
import { documentUnit, documentYear, sameUnit, type StoredDoc } from '@jxaudit/model';
import type { ReadInputs } from '../pipeline.ts';
import { reportBase } from '../report/write.ts';
import { writeScoredIntoOut } from '../submissions/check-out.ts';
import { aloneReport, type ArrivedDoc, type ScoredBatch } from '../submissions/score.ts';
import { listArrivals, removeArrival, type ArrivalRecord } from '../submissions/arrivals.ts';
import { readKeyIndex, readStoredDoc, readSubmission } from '../submissions/store.ts';
import { writeLatestReport } from '../submissions/versions.ts';
import { BoundError } from './parse-pool.ts';
import type { ProcessorContext } from './processor.ts';
import { journal, readProcessed, writeFailed, writeProcessed } from './records.ts';
import type { ProcessOutcome } from './types.ts';

/** A request to score what arrived under one scoring key of one output folder. */
export interface ScoreRequest {
  key: string;
  out: string;
  /** The settle window, ms (the engine waits this long after the last request of the key). */
  settleMs: number;
}

function arrivedFrom(stored: StoredDoc, arrival: ArrivedDoc['arrival'], alsoAs: string[] = []): ArrivedDoc {
  return {
    path: stored.source.path,
    source: stored.source,
    forms: stored.forms,
    blocks: stored.blocks,
    warnings: stored.warnings,
    error: stored.error,
    arrival,
    ...(alsoAs.length ? { alsoAs } : {}),
  };
}

/**
 * What one scoring of a key checks: the documents of the last version of every submission of the
 * key that an arrival belongs to (same unit and year), then the arrivals, newer than all of those
 * (the service's arrival order). A document arriving under the name of an earlier one replaces it;
 * bytes already in the last version are not added twice.
 */
async function gather(out: string, arrivals: ArrivalRecord[], log: ProcessorContext['log']): Promise<{ docs: ArrivedDoc[]; taken: ArrivalRecord[]; missing: ArrivalRecord[] }> {
  const fresh: { arrival: ArrivalRecord; stored: StoredDoc }[] = [];
  const missing: ArrivalRecord[] = [];
  const byPath = new Map<string, number>();
  for (const arrival of arrivals) {
    const stored = await readStoredDoc(out, arrival.sha256, { anyVersion: true });
    if (!stored) {
      missing.push(arrival);
      continue;
    }
    // Two arrivals under one name: the later is the file as it stands.
    const seen = byPath.get(stored.source.path);
    if (seen !== undefined) fresh[seen] = { arrival, stored };
    else {
      byPath.set(stored.source.path, fresh.length);
      fresh.push({ arrival, stored });
    }
  }
  const units = fresh.map((f) => ({ unit: documentUnit(f.stored.forms), year: documentYear(f.stored.forms) }));
  const key = arrivals[0].key;
  const earlier: ArrivedDoc[] = [];
  const known = new Set(fresh.map((f) => f.stored.sha256));
  const paths = new Set(fresh.map((f) => f.stored.source.path));
  for (const id of await readKeyIndex(out, key)) {
    const record = await readSubmission(out, id);
    const last = record?.versions.at(-1);
    if (!record || !last) continue;
    const ours = units.some((u) => u.year === record.year && u.unit !== null && record.names.some((n) => sameUnit(n, u.unit!)));
    if (!ours) continue;
    for (const d of last.documents) {
      if (known.has(d.sha256) || paths.has(d.path)) continue;
      const stored = await readStoredDoc(out, d.sha256, { anyVersion: true });
      if (!stored) {
        log.warn({ id, sha256: d.sha256, path: d.path }, 'a document of the last version is no longer stored; the new version goes without it');
        continue;
      }
      known.add(d.sha256);
      const ms = Date.parse(d.arrivedAt ?? '');
      earlier.push(arrivedFrom(stored, { batch: 1, mtimeMs: Number.isFinite(ms) ? ms : null, at: d.arrivedAt ?? null }, d.alsoAs));
    }
  }
  const added = fresh.map(({ arrival, stored }) => arrivedFrom(stored, { batch: 2, mtimeMs: Date.parse(arrival.at), at: arrival.at }));
  return { docs: [...earlier, ...added], taken: fresh.map((f) => f.arrival), missing };
}

/**
 * The second stage: scores everything that arrived under one key, with the documents of the last
 * version of its submission, through the code `check --out` runs (scoreSubmissions in the pool,
 * then writeScoredIntoOut): a new version of the submission, its diff against the previous one,
 * every document's latest report. Then, for each arrival, its processed record (once: an arrival
 * whose record exists was written by an earlier, interrupted run), the jx-reports job and the
 * journal line, and the arrival is removed. Callers never run two scorings of one key at once.
 * A scoring over the pool's bounds fails each arrival with a too-large report.
 */
export async function scoreArrivals(request: ScoreRequest, ctx: ProcessorContext): Promise<ProcessOutcome[]> {
  const out = request.out;
  const arrivals = await listArrivals(out, request.key);
  if (arrivals.length === 0) return [];
  const log = ctx.log.child({ key: request.key });
  const started = Date.now();
  const { docs, taken, missing } = await gather(out, arrivals, log);
  const outcomes: ProcessOutcome[] = [];
  for (const a of missing) {
    // Its stored document vanished: the producer's next look queues the file again.
    log.warn({ sha256: a.sha256, path: a.path }, 'arrived document no longer stored; it will be read again');
    await removeArrival(out, a.key, a.sha256);
  }
  if (taken.length === 0) return outcomes;
  // The profile the latest producer asked for, if any (`--profile` of watch or enqueue).
  const profile = [...taken].reverse().find((a) => a.profile)?.profile;
  const at = new Date().toISOString();

  let batch: ScoredBatch | null = null;
  let bound: BoundError | null = null;
  try {
    batch = await ctx.pool.scoreSubmissions(docs, ctx.lang, profile);
  } catch (err) {
    if (!(err instanceof BoundError)) throw err;
    bound = err;
  }

  if (!batch) {
    const detail = bound!.bound === 'time' ? { zh: '检查超时', en: 'checking took too long' } : { zh: '检查所需内存超限', en: 'checking needed too much memory' };
    const error = readError('too-large', detail);
    for (const a of taken) {
      if (await readProcessed(out, a.sha256)) {
        await removeArrival(out, a.key, a.sha256);
        continue;
      }
      const doc = docs.find((d) => d.source.sha256 === a.sha256)!;
      const report = aloneReport({ ...doc, forms: [], blocks: [], error }, { lang: ctx.lang, generatedAt: at, profile: profile ?? null });
      const written = await writeLatestReport(out, doc.path, report, [], ctx.lang);
      await writeFailed(out, { sha256: a.sha256, file: a.file, report: written.json, code: error.code, message: error.message, messageEn: error.messageEn, at });
      await journal({ sha256: a.sha256, path: a.file, error: error.code });
      await removeArrival(out, a.key, a.sha256);
      log.warn({ sha256: a.sha256, code: error.code, bound: bound!.bound }, 'submission could not be checked within the bounds');
      outcomes.push({ status: 'failed', sha256: a.sha256, report: written.json, code: error.code, message: error.message, messageEn: error.messageEn });
    }
    ctx.onReport?.(out);
    return outcomes;
  }

  const read: ReadInputs = { unique: docs, inputs: docs.map((d, i) => ({ unique: i, shown: d.path })) };
  const per = await writeScoredIntoOut(out, read, batch, { lang: ctx.lang, profileName: profile ?? null, at });
  const reportOf = new Map(per.map((p) => [p.doc.source.sha256, p]));
  const versions = new Set(per.map((p) => p.report.submission && `${p.report.submission.id} v${p.report.submission.version}`).filter(Boolean));
  for (const a of arrivals) {
    if (missing.includes(a)) continue;
    // An arrival replaced by a later one of the same name shares that one's report.
    const own = reportOf.get(a.sha256) ?? per.find((p) => p.doc.path === a.path);
    if (!own) continue;
    const json = `${reportBaseOf(out, own.doc.path)}.report.json`;
    if (await readProcessed(out, a.sha256)) {
      await removeArrival(out, a.key, a.sha256);
      continue;
    }
    const report = own.report;
    await ctx.publishReport?.({
      sha256: a.sha256,
      path: a.file,
      reportJson: json,
      reportHtml: `${reportBaseOf(out, own.doc.path)}.report.html`,
      unit: report.submission?.unit ?? report.forms[0]?.unit ?? null,
      year: report.submission?.year ?? report.forms[0]?.year ?? null,
      summary: report.summary,
      error: report.error?.code ?? null,
    });
    await writeProcessed(out, { sha256: a.sha256, file: a.file, report: json, at: new Date().toISOString() });
    await journal({ sha256: a.sha256, path: a.file, error: report.error?.code ?? null });
    await removeArrival(out, a.key, a.sha256);
    log.info({ sha256: a.sha256, summary: report.summary, profile: report.profile, report: json, submission: report.submission?.id, version: report.submission?.version }, 'document processed');
    outcomes.push({ status: 'processed', sha256: a.sha256, report: json, summary: report.summary, errorCode: report.error?.code ?? null });
  }
  ctx.onReport?.(out);
  log.info({ documents: docs.length, arrived: taken.length, versions: [...versions], ms: Date.now() - started }, 'submission scored');
  return outcomes;
}

/** The latest report of a shown path (the rule the writers use). */
function reportBaseOf(out: string, path: string): string {
  return reportBase(resolve(out), path);
}
