import { readFile, writeFile, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { resolveProfile } from '@jxaudit/score';
import { checkFiles } from '../packages/ingest/src/pipeline.ts';
const REPO = new URL('..', import.meta.url).pathname;
const kind = process.argv[2] ?? 'txt';
const N = Number(process.argv[3] ?? 200);
function placeName(i: number): string {
  const a = '东南西北中上下前后左右金木水火土山川河湖';
  const b = '城关桥塘湾岭坪冲铺坝溪园林港埠洲渡峪岗';
  return a[i % a.length] + b[Math.floor(i / a.length) % b.length] + (i >= a.length * b.length ? String(i) : '');
}
const dir = await mkdtemp(join(tmpdir(), 'jx-prof-'));
const paths: string[] = [];
if (kind === 'txt') {
  const txt = await readFile(join(REPO, 'fixtures/seed/yanfeng-2021.txt'), 'utf8');
  for (let i = 0; i < N; i++) { const p = join(dir, `${i}.txt`); await writeFile(p, txt.replaceAll('雁峰', placeName(i))); paths.push(p); }
} else {
  const entries = unzipSync(new Uint8Array(await readFile(join(REPO, 'fixtures/seed/yanfeng-2021.docx'))));
  for (let i = 0; i < N; i++) { const p = join(dir, `${i}.docx`); await writeFile(p, zipSync({ ...entries, 'word/document.xml': strToU8(strFromU8(entries['word/document.xml']).replaceAll('雁峰', placeName(i))) }, { level: 6 })); paths.push(p); }
}
const options = { lang: 'zh' as const, resolveProfile: (name: string) => resolveProfile(name) };
for (const p of paths.slice(0, 10)) await checkFiles([p], options);
for (let r = 0; r < 2; r++) {
  const t0 = performance.now();
  let f = 0;
  for (const p of paths) f += (await checkFiles([p], options))[0]!.findings.length;
  console.log(kind, ((performance.now() - t0) / N).toFixed(2), 'ms/doc', f / N, 'findings/doc');
}
