/**
 * Zero-width and bidi controls in unit names (issue #13): they must not split one submission
 * in two, and every page an auditor reads shows them (雁峰⟨U+200B⟩街道) instead of hiding them.
 */
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Report } from '@jxaudit/model';
import { main } from '../packages/ingest/src/cli.ts';

const SEED = join(import.meta.dirname, '..', 'fixtures', 'seed');
let dir: string;

async function jx(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(['node', 'jxaudit', ...args], [], { out: (s) => (out += s), err: (s) => (err += s) });
  return { code, out, err };
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'jx-invisible-'));
  const sample = await readFile(join(SEED, 'yanfeng-2021.txt'), 'utf8');
  await writeFile(join(dir, 'a-plain.txt'), sample);
  // The same unit, its name carrying a zero-width space and a bidi isolate pair, as a copy-paste leaves them.
  const hidden = sample.replaceAll('雁峰区雁峰街道办事处', '雁峰区雁峰\u200b街道\u2066办事处\u2069');
  expect(hidden).not.toBe(sample);
  await writeFile(join(dir, 'b-hidden.txt'), `${hidden}\n附注：另一份\n`);
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('zero-width and bidi controls in unit names', () => {
  it('do not split one submission in two', async () => {
    const run = await jx('check', join(dir, 'a-plain.txt'), join(dir, 'b-hidden.txt'), '--json');
    const reports = run.out.trim().split('\n').map((l) => JSON.parse(l) as Report);
    expect(reports).toHaveLength(2);
    expect(reports.map((r) => r.error)).toEqual([null, null]);
    expect(reports[0].submission?.id).toBeTruthy();
    expect(reports[1].submission?.id).toBe(reports[0].submission?.id);
  }, 60_000);

  it('are shown as visible escapes on the report page and in the terminal summary, never passed through', async () => {
    const out = join(dir, 'out');
    const run = await jx('check', join(dir, 'b-hidden.txt'), '--out', out);
    expect(run.out).not.toMatch(/[\u200b\u2066\u2069]/);
    const page = await readFile(join(out, (await readdir(out)).find((n) => n.endsWith('.report.html'))!), 'utf8');
    expect(page).toContain('雁峰区雁峰⟨U+200B⟩街道⟨U+2066⟩办事处⟨U+2069⟩');
    expect(page).not.toMatch(/[\u200b\u2066\u2069]/);
  }, 60_000);
});
