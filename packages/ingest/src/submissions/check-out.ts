import type { Block, Report } from '@jxaudit/model';
import type { Lang } from '@jxaudit/score';
import { reportsForInputs, type CheckOptions, type ReadDoc, type ReadInputs } from '../pipeline.ts';
import { rebuildBatchIndex } from '../report/write.ts';
import { aloneReport, scoreSubmissions, type ScoredBatch } from './score.ts';
import { writeStoredDoc } from './store.ts';
import { writeLatestReport, writeVersions } from './versions.ts';

/** One input's report as written under OUT. */
export interface WrittenInput {
  report: Report;
  blocks: Block[] | undefined;
  doc: ReadDoc;
}

/**
 * Writes a scored batch into OUT: the versions of its submissions (continuing those recorded in
 * OUT), the reports of the documents outside any submission, and the latest report of every
 * other name of the same bytes. `check --out` and the service's scoring job both write through
 * here, so that they give the same reports and versions for the same documents.
 */
export async function writeScoredIntoOut(
  out: string,
  read: ReadInputs,
  batch: ScoredBatch,
  options: { lang: Lang; profileName?: string | null; at?: string },
): Promise<WrittenInput[]> {
  const written = await writeVersions(out, batch, read.unique, { lang: options.lang, at: options.at });
  const perUnique: ({ report: Report; blocks: Block[] | undefined } | null)[] = read.unique.map(() => null);
  for (const w of written) perUnique[w.doc] = { report: w.report, blocks: w.blocks };
  const generatedAt = options.at ?? new Date().toISOString();
  for (const i of batch.alone) {
    const doc = read.unique[i];
    const report = aloneReport(doc, { lang: options.lang, generatedAt, profile: options.profileName ?? null });
    perUnique[i] = { report, blocks: doc.blocks };
    await writeLatestReport(out, doc.path, report, doc.blocks, options.lang);
  }
  const per = reportsForInputs(
    read,
    perUnique.map((r) => r!),
  );
  for (const [i, p] of per.entries()) {
    const { unique, shown } = read.inputs[i];
    if (read.unique[unique].path !== shown) await writeLatestReport(out, shown, p.report, p.blocks, options.lang);
  }
  return per;
}

/**
 * `check --out DIR`: the files read are scored as submissions whose versions continue those
 * recorded in DIR (a second run with a 修改稿 is version 2, compared with version 1); every
 * report, the document store, the records and the batch index are written. One report per input.
 */
export async function checkIntoOut(out: string, read: ReadInputs, options: CheckOptions): Promise<WrittenInput[]> {
  const batch = scoreSubmissions(read.unique, options);
  const per = await writeScoredIntoOut(out, read, batch, { lang: options.lang, profileName: options.profile?.name ?? null });
  for (const doc of read.unique) await writeStoredDoc(out, doc);
  await rebuildBatchIndex(out, options.lang);
  return per;
}
