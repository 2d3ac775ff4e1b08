// pnpm bench formats: ms per document of the sample's two forms read as an Excel workbook (.xlsx,
// built here as the tests build it) next to the same forms read from the .docx, for the reader
// alone (readDocument) and the whole in-process check (read, recognise, score); beside the floor
// of each (the bytes unzipped: fflate unzipSync of every part). Then the LibreOffice path: one
// conversion of the sample's .doc (made here by LibreOffice) to .docx and its read, next to the
// direct read of the .docx. Medians of BENCH_ROUNDS (5) rounds of BENCH_N (50) reads. Nothing here
// asserts a time.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { unzipSync } from 'fflate';
import { readDocument } from '@jxaudit/parse';
import { resolveProfile } from '@jxaudit/score';
import { checkFiles } from '../packages/ingest/src/pipeline.ts';
import { findSoffice, sofficeConverter } from '../packages/ingest/src/convert/soffice.ts';
import { buildSampleWorkbook, SEED } from '../test/helpers/workbook.ts';

const N = Number(process.env.BENCH_N ?? 50);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function msPer(fn: () => Promise<unknown> | unknown, n = N): Promise<number> {
  await fn(); // warm-up
  const rounds: number[] = [];
  for (let r = 0; r < ROUNDS; r++) {
    const t0 = performance.now();
    for (let i = 0; i < n; i++) await fn();
    rounds.push((performance.now() - t0) / n);
  }
  return median(rounds);
}

export async function run(print: (line: string) => void): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'jx-bench-formats-'));
  try {
    const docxPath = join(SEED, 'yanfeng-2021.docx');
    const docx = new Uint8Array(readFileSync(docxPath));
    const xlsx = new Uint8Array(await buildSampleWorkbook());
    const xlsxPath = join(dir, 'yanfeng-2021.xlsx');
    writeFileSync(xlsxPath, xlsx);
    const options = { lang: 'zh' as const, resolveProfile: (name: string) => resolveProfile(name) };
    const fmt = (ms: number) => `${ms.toFixed(2)} ms/doc`;

    print(`formats: the sample's forms, medians of ${ROUNDS} rounds of ${N} (.docx ${docx.length} B, .xlsx ${xlsx.length} B)`);
    for (const [name, bytes, path] of [['docx', docx, docxPath], ['xlsx', xlsx, xlsxPath]] as const) {
      const floor = await msPer(() => unzipSync(bytes));
      const read = await msPer(() => readDocument({ path: `s.${name}`, bytes }));
      const check = await msPer(() => checkFiles([path], options), Math.max(5, Math.floor(N / 5)));
      print(`  .${name}: read ${fmt(read)}, check ${fmt(check)}${name === 'docx' ? ' (the .docx also holds the narrative report)' : ''}; floor (unzip every part) ${fmt(floor)}, read/floor ×${(read / floor).toFixed(1)}`);
    }

    const bin = findSoffice();
    if (!bin) {
      print('  LibreOffice path: soffice not installed (apt-get install libreoffice-writer libreoffice-calc-nogui)');
      return;
    }
    // the .doc, saved by LibreOffice itself
    execFileSync(bin, [`-env:UserInstallation=${pathToFileURL(join(dir, 'p')).href}`, '--headless', '--norestore', '--convert-to', 'doc', '--outdir', dir, docxPath], { stdio: 'ignore', timeout: 180_000 });
    const doc = new Uint8Array(readFileSync(join(dir, 'yanfeng-2021.doc')));
    const converter = sofficeConverter({ bin });
    const direct = await msPer(() => readDocument({ path: 's.docx', bytes: docx }));
    // one conversion: distinct bytes each time (a trailing byte), so the in-process cache is not used
    const t0 = performance.now();
    const converted = await readDocument({ path: 's.doc', bytes: new Uint8Array([...doc, 0]) }, { convert: converter });
    const viaLo = performance.now() - t0;
    const floorT0 = performance.now();
    execFileSync(bin, ['--version'], { stdio: 'ignore', timeout: 60_000 });
    const start = performance.now() - floorT0;
    print(`  LibreOffice ${converted.source.converted?.version ?? '?'} path: .doc → .docx → read ${viaLo.toFixed(0)} ms for one document (${converted.error ? `error ${converted.error.code}` : `${converted.blocks.length} blocks`}), the direct .docx read ${fmt(direct)}; floor: soffice starting and exiting (--version) ${start.toFixed(0)} ms`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
