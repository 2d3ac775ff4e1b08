// pnpm bench docx: ms per document of reading the sample .docx (readDocument alone) and of the
// whole in-process `check`, over BENCH_DOCS (200) distinct documents of distinct units, beside
// the floor measured in the same run (unzip + SAX scan of document.xml: JSZip + htmlparser2),
// and mammoth.convertToHtml (the reader before the streaming pass, now the fallback), measured
// document by document in turn. Medians of BENCH_ROUNDS (3) rounds; the ratio to the floor is
// printed. Nothing here asserts a time.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { Parser } from 'htmlparser2';
import JSZip from 'jszip';
import mammoth from 'mammoth';
import { readDocument } from '@jxaudit/parse';
import { resolveProfile } from '@jxaudit/score';
import { checkFiles } from '../packages/ingest/src/pipeline.ts';

const REPO = new URL('..', import.meta.url).pathname;
const DOCS = Number(process.env.BENCH_DOCS ?? 200);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);

/** A distinct two-character place name for document i (the sample's 雁峰 is replaced by it everywhere). */
function placeName(i: number): string {
  const a = '东南西北中上下前后左右金木水火土山川河湖';
  const b = '城关桥塘湾岭坪冲铺坝溪园林港埠洲渡峪岗';
  return a[i % a.length] + b[Math.floor(i / a.length) % b.length] + (i >= a.length * b.length ? String(i) : '');
}

/** The sample with its unit renamed: same shape, distinct bytes, distinct unit. */
function variant(entries: Record<string, Uint8Array>, i: number): Uint8Array {
  const doc = strFromU8(entries['word/document.xml']).replaceAll('雁峰', placeName(i));
  return zipSync({ ...entries, 'word/document.xml': strToU8(doc) }, { level: 6 });
}

/** The floor: unzip document.xml and scan it with a SAX parser, doing nothing with the events. */
async function floor(bytes: Uint8Array): Promise<number> {
  const zip = await JSZip.loadAsync(bytes);
  const xml = await zip.file('word/document.xml')!.async('string');
  let events = 0;
  const parser = new Parser({ onopentag: () => events++, ontext: () => events++, onclosetag: () => events++ }, { xmlMode: true });
  parser.write(xml);
  parser.end();
  return events;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

export async function run(print: (s: string) => void = console.log): Promise<void> {
  const sample = new Uint8Array(await readFile(join(REPO, 'fixtures/seed/yanfeng-2021.docx')));
  const entries = unzipSync(sample);
  const dir = await mkdtemp(join(tmpdir(), 'jx-bench-docx-'));
  try {
    const docs: { path: string; bytes: Uint8Array }[] = [];
    for (let i = 0; i < DOCS; i++) {
      const path = join(dir, `${placeName(i)}-${i}.docx`);
      const bytes = variant(entries, i);
      await writeFile(path, bytes);
      docs.push({ path, bytes });
    }
    const options = { lang: 'zh' as const, resolveProfile: (name: string) => resolveProfile(name) };
    // every document of its own unit, read correctly: one report per file with its forms
    const [first] = await checkFiles([docs[1].path], options);
    if (first.error || first.forms.length === 0 || !first.submission?.unit?.includes(placeName(1))) {
      throw new Error(`the renamed sample does not read as a unit of its own: ${JSON.stringify(first.error ?? first.submission)}`);
    }
    const findings = first.findings.length;

    const measures: Record<string, (d: { path: string; bytes: Uint8Array }) => Promise<unknown>> = {
      floor: (d) => floor(d.bytes),
      read: (d) => readDocument(d),
      check: (d) => checkFiles([d.path], options),
      mammoth: (d) => mammoth.convertToHtml({ buffer: Buffer.from(d.bytes) }),
    };
    const times: Record<string, number[]> = Object.fromEntries(Object.keys(measures).map((k) => [k, []]));
    for (const fn of Object.values(measures)) for (const d of docs.slice(0, 5)) await fn(d); // warm-up
    // interleaved document by document, so that a machine whose load changes during the run
    // weighs on every measure alike
    for (let round = 0; round < ROUNDS; round++) {
      const sums: Record<string, number> = Object.fromEntries(Object.keys(measures).map((k) => [k, 0]));
      for (const d of docs) {
        for (const [name, fn] of Object.entries(measures)) {
          const t0 = performance.now();
          await fn(d);
          sums[name] += performance.now() - t0;
        }
      }
      for (const name of Object.keys(measures)) times[name].push(sums[name] / docs.length);
    }
    const f = median(times.floor);
    const row = (label: string, ms: number) => print(`${label.padEnd(58)} ${ms.toFixed(2).padStart(7)} ms/doc  ${(ms / f).toFixed(1).padStart(5)}× floor`);
    print(`docx bench — node ${process.version}, ${DOCS} distinct documents of distinct units (the sample, ${findings} findings each), median of ${ROUNDS}`);
    row('floor: unzip + SAX scan of document.xml (JSZip + htmlparser2)', f);
    row('read: readDocument (sniff, sha256, streaming .docx reader)', median(times.read));
    row('check in-process (read, recognise, score, report)', median(times.check));
    row('mammoth.convertToHtml alone (the fallback reader)', median(times.mammoth));

    // The same for the sample's .txt export: 200 distinct texts of distinct units; the floor is
    // what any reader does with the bytes (strict UTF-8 decode + split into lines).
    const txt = (await readFile(join(REPO, 'fixtures/seed/yanfeng-2021.txt'), 'utf8'));
    const texts: { path: string; bytes: Uint8Array }[] = [];
    for (let i = 0; i < DOCS; i++) {
      const path = join(dir, `${placeName(i)}-${i}.txt`);
      const bytes = strToU8(txt.replaceAll('雁峰', placeName(i)));
      await writeFile(path, bytes);
      texts.push({ path, bytes });
    }
    const txtMeasures: Record<string, (d: { path: string; bytes: Uint8Array }) => Promise<unknown>> = {
      floor: async (d) => new TextDecoder('utf-8', { fatal: true }).decode(d.bytes).split('\n').length,
      check: (d) => checkFiles([d.path], options),
    };
    const txtTimes: Record<string, number[]> = { floor: [], check: [] };
    for (const fn of Object.values(txtMeasures)) for (const d of texts.slice(0, 5)) await fn(d);
    for (let round = 0; round < ROUNDS; round++) {
      const sums: Record<string, number> = { floor: 0, check: 0 };
      for (const d of texts) {
        for (const [name, fn] of Object.entries(txtMeasures)) {
          const t0 = performance.now();
          await fn(d);
          sums[name] += performance.now() - t0;
        }
      }
      for (const name of Object.keys(txtMeasures)) txtTimes[name].push(sums[name] / texts.length);
    }
    const tf = median(txtTimes.floor);
    print(`${'txt floor: strict UTF-8 decode + split into lines'.padEnd(58)} ${tf.toFixed(2).padStart(7)} ms/doc  ${'1.0'.padStart(5)}× floor`);
    print(`${'txt check in-process (read, recognise, score, report)'.padEnd(58)} ${median(txtTimes.check).toFixed(2).padStart(7)} ms/doc  ${(median(txtTimes.check) / tf).toFixed(1).padStart(5)}× floor`);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await run();
