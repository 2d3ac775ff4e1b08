// pnpm bench reports: time (median of BENCH_N runs, default 10) and heap growth of the report
// writers, each beside its floor (JSON.stringify of the same reports: the least the machine does
// with those bytes):
//  - the sample's page, terminal summary, findings.csv and findings.xlsx;
//  - a page of BENCH_FINDINGS findings (default 2,000: the sample's, repeated over its cells);
//  - the index, findings.csv and findings.xlsx of BENCH_REPORTS reports (default 300).
// Run with `node --expose-gc` for steadier heap figures. It prints figures; nothing here asserts a time.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Report } from '@jxaudit/model';
import { readDocument } from '@jxaudit/parse';
import { resolveProfile } from '@jxaudit/score';
import { checkFiles } from '../packages/ingest/src/pipeline.ts';
import { renderFindingsCsv } from '../packages/ingest/src/report/csv.ts';
import { renderReportHtml } from '../packages/ingest/src/report/html.ts';
import { renderIndexHtml } from '../packages/ingest/src/report/index-html.ts';
import { renderFindingsXlsx } from '../packages/ingest/src/report/xlsx.ts';
import { renderSummaryText } from '../packages/ingest/src/summary-text.ts';
import { batchOf30 } from '../test/helpers/batch.ts';
import { REPO } from '../test/helpers/redis.ts';

const N = Number(process.env.BENCH_N ?? 10);
const FINDINGS = Number(process.env.BENCH_FINDINGS ?? 2000);
const REPORTS = Number(process.env.BENCH_REPORTS ?? 300);

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** Median wall and CPU time (CPU time holds up on a loaded machine), and the largest heap growth. */
async function measure(run: () => unknown): Promise<{ ms: number; cpuMs: number; heapMb: number }> {
  await run();
  const wall: number[] = [];
  const cpu: number[] = [];
  let heap = 0;
  for (let i = 0; i < N; i++) {
    globalThis.gc?.();
    const before = process.memoryUsage().heapUsed;
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    await run();
    wall.push(performance.now() - t0);
    const c = process.cpuUsage(c0);
    cpu.push((c.user + c.system) / 1000);
    heap = Math.max(heap, process.memoryUsage().heapUsed - before);
  }
  return { ms: median(wall), cpuMs: median(cpu), heapMb: heap / 1024 / 1024 };
}

export async function run(print: (s: string) => void): Promise<void> {
  const path = join(REPO, 'fixtures/seed/yanfeng-2021.docx');
  const [sample] = (await checkFiles([path], { lang: 'zh', resolveProfile: (n) => resolveProfile(n) })) as [Report];
  const blocks = (await readDocument({ path, bytes: await readFile(path) })).blocks;
  const line = async (name: string, work: () => unknown, floor: () => unknown) => {
    const a = await measure(work);
    const f = await measure(floor);
    print(
      `${name.padEnd(40)} ${a.ms.toFixed(1).padStart(8)} ms (cpu ${a.cpuMs.toFixed(0).padStart(5)})  heap +${a.heapMb.toFixed(0).padStart(4)} MB   floor ${f.ms.toFixed(1).padStart(7)} ms (cpu ${f.cpuMs.toFixed(0).padStart(5)})`,
    );
  };
  const json = (reports: Report[]) => () => reports.map((r) => JSON.stringify(r));

  print(`reports bench (median of ${N}; floor: JSON.stringify of the same reports)`);
  await line(`page, the sample (${sample.findings.length} findings)`, () => renderReportHtml(sample, { lang: 'zh', blocks }), json([sample]));
  await line('terminal summary, the sample', () => renderSummaryText([sample], 'zh', { color: false }), json([sample]));
  await line('findings.csv, the sample', () => renderFindingsCsv([{ relative: 'a.docx', report: sample }], 'zh'), json([sample]));
  await line('findings.xlsx, the sample', () => renderFindingsXlsx([{ relative: 'a.docx', report: sample }], 'zh'), json([sample]));

  const big: Report = { ...sample, findings: Array.from({ length: FINDINGS }, (_, k) => ({ ...sample.findings[k % sample.findings.length]!, fingerprint: String(k) })) };
  await line(`page, ${FINDINGS} findings`, () => renderReportHtml(big, { lang: 'zh', blocks }), json([big]));

  const thirty = batchOf30(sample);
  const batch = Array.from({ length: REPORTS }, (_, i) => {
    const f = thirty[i % thirty.length]!;
    return { relative: `${Math.floor(i / thirty.length)}/${f.relative}`, report: f.report };
  });
  const reports = batch.map((b) => b.report);
  await line(`index.html, ${REPORTS} reports`, () => renderIndexHtml(batch, 'zh'), json(reports));
  await line(`findings.csv, ${REPORTS} reports`, () => renderFindingsCsv(batch, 'zh'), json(reports));
  await line(`findings.xlsx, ${REPORTS} reports`, () => renderFindingsXlsx(batch, 'zh'), json(reports));
}
