import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveProfile } from '@jxaudit/score';
import { checkFiles, type CheckOptions } from '../packages/ingest/src/pipeline.ts';
import { REPO } from './helpers/redis.ts';

// Bounded cost (issue 9): the same form many times over is checked once, with a note; past the
// per-submission limits a check says so in Chinese instead of writing a report of any size.
// Time and memory are measured in `pnpm bench submissions`, not here.

const options: CheckOptions = { lang: 'zh', resolveProfile: (name) => resolveProfile(name) };
let dir: string;
let sample: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'jx-bounded-'));
  sample = await readFile(join(REPO, 'fixtures/seed/yanfeng-2021.txt'), 'utf8');
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('a submission of one form repeated', () => {
  it('the sample 200 times in one 4 MB .txt: one form’s worth of findings, and a note per form that it repeats 200 times', async () => {
    const path = join(dir, 'repeated.txt');
    await writeFile(path, `${sample}\n`.repeat(200));
    const [report] = await checkFiles([path], options);
    expect(report.error).toBeNull();
    expect(report.findings).toHaveLength(47);
    expect(report.forms.map((f) => f.kind)).toEqual(['department-overall', 'project', 'report']);
    const notes = report.warnings.filter((w) => w.code === 'repeated-form').map((w) => w.message);
    expect(notes).toHaveLength(3);
    for (const note of notes) expect(note).toMatch(/重复出现 200 次，内容完全相同：只检查第一份.*其余 199 份视为副本/);
    expect(report.versions?.copies.reduce((n, c) => n + c.count, 0)).toBe(3 * 199);
    // The report stays the size of one form's: no 250 MB report.json.
    expect(JSON.stringify(report).length).toBeLessThan(1_000_000);
  }, 180_000);
});

describe('the per-submission limits', () => {
  it('past the limit of forms and of findings per rule, the check says so in Chinese and keeps within them', async () => {
    const path = join(dir, 'sample.txt');
    await writeFile(path, sample);
    const [report] = await checkFiles([path], { ...options, limits: { maxForms: 2, maxFindingsPerRule: 3 } });
    const byCode = (code: string) => report.warnings.filter((w) => w.code === code).map((w) => w.message);
    expect(byCode('forms-limit')).toEqual([expect.stringMatching(/^本次提交共有 3 张不同的表，超过上限 2 张：只检查了先收到的 2 张，其余 1 张未检查$/)]);
    const perRule = new Map<string, number>();
    for (const f of report.findings) perRule.set(f.rule, (perRule.get(f.rule) ?? 0) + 1);
    expect(Math.max(...perRule.values())).toBeLessThanOrEqual(3);
    const truncated = byCode('findings-limit');
    expect(truncated.length).toBeGreaterThan(0);
    for (const t of truncated) expect(t).toMatch(/^规则 [a-z0-9-]+ 发现 \d+ 项问题，超过每条规则 3 项的上限，只列出前 3 项（请先核对这些问题，或拆分提交）$/);
  }, 120_000);
});
