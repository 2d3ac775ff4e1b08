import type { Block, Report } from '@jxaudit/model';
import { reportsForInputs, type CheckOptions, type ReadDoc, type ReadInputs } from '../pipeline.ts';
import { rebuildBatchIndex } from '../report/write.ts';
import { aloneReport, scoreSubmissions } from './score.ts';
import { writeStoredDoc } from './store.ts';
import { writeLatestReport, writeVersions } from './versions.ts';

/**
 * `check --out DIR`: the files read are scored as submissions whose versions continue those
 * recorded in DIR (a second run with a 修改稿 is version 2, compared with version 1); every
 * report, the document store, the records and the batch index are written. One report per input.
 */
export async function checkIntoOut(out: string, read: ReadInputs, options: CheckOptions): Promise<{ report: Report; blocks: Block[] | undefined; doc: ReadDoc }[]> {
  const batch = scoreSubmissions(read.unique, options);
  const written = await writeVersions(out, batch, read.unique, { lang: options.lang });
  const perUnique: ({ report: Report; blocks: Block[] | undefined } | null)[] = read.unique.map(() => null);
  for (const w of written) perUnique[w.doc] = { report: w.report, blocks: w.blocks };
  const generatedAt = new Date().toISOString();
  for (const i of batch.alone) {
    const doc = read.unique[i];
    const report = aloneReport(doc, { lang: options.lang, generatedAt, profile: options.profile?.name ?? null });
    perUnique[i] = { report, blocks: doc.blocks };
    await writeLatestReport(out, doc.path, report, doc.blocks, options.lang);
  }
  for (const doc of read.unique) await writeStoredDoc(out, doc);
  const per = reportsForInputs(
    read,
    perUnique.map((r) => r!),
  );
  for (const [i, p] of per.entries()) {
    const { unique, shown } = read.inputs[i];
    if (read.unique[unique].path !== shown) await writeLatestReport(out, shown, p.report, p.blocks, options.lang);
  }
  await rebuildBatchIndex(out, options.lang);
  return per;
}
