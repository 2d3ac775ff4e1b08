import { copyFile, mkdtemp, readFile, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadReport, parseReport } from '@jxaudit/model';
import { resolveProfile } from '@jxaudit/score';
import { readInputs, type CheckOptions } from '../src/pipeline.ts';
import { checkIntoOut } from '../src/submissions/check-out.ts';
import { readStoredDoc, readSubmission, readSubmissions, readVersionFindings, readVersionReports } from '../src/submissions/store.ts';
import { revisedSample } from '../../../test/helpers/revised.ts';

// check --out DIR keeps submissions and their versions in DIR/.jxaudit (docs/submissions.md).

const SEED = new URL('../../../fixtures/seed/', import.meta.url).pathname;
const options: CheckOptions = { lang: 'zh', resolveProfile: (name) => resolveProfile(name) };
let root: string;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'jx-versions-'));
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('the submission record and the document store', () => {
  it('the three split files: one submission at version 1, its 47 findings once, each document stored', async () => {
    const out = join(root, 'split-out');
    const names = ['yanfeng-2021-attach1.docx', 'yanfeng-2021-attach2.docx', 'yanfeng-2021-report.docx'];
    const read = await readInputs(names.map((n) => ({ path: join(SEED, n), shown: n })));
    const results = await checkIntoOut(out, read, options);
    expect(results.map((r) => r.report.submission?.version)).toEqual([1, 1, 1]);

    const records = await readSubmissions(out);
    expect(records).toHaveLength(1);
    const [record] = records;
    expect(record).toMatchObject({ unit: '雁峰区雁峰街道办事处', year: 2021, id: results[0].report.submission!.id });
    expect(record.versions).toHaveLength(1);
    expect(record.versions[0]).toMatchObject({ version: 1, profile: 'hunan-2021', summary: { errors: 3, warnings: 34, infos: 10 }, previous: null, diff: null });
    expect(record.versions[0].documents.map((d) => [d.path, d.role])).toEqual(names.map((n) => [n, 'current']));

    expect(await readVersionFindings(out, record.id, 1)).toHaveLength(47);
    const reports = await readVersionReports(out, record.id);
    expect(reports.map((r) => r.report?.findings.length).reduce((a, b) => a! + b!, 0)).toBe(47);

    const stored = await readStoredDoc(out, read.unique[0].source.sha256);
    expect(stored?.forms.map((f) => f.kind)).toEqual(['department-overall']);
    expect(stored?.blocks.some((b) => b.type === 'table')).toBe(true);
    expect(stored?.source.path).toBe(names[0]);
  });

  it('a 修改稿 checked later is version 2: 1 fixed, 1 new, 46 unchanged; version 1 stays on disk', async () => {
    const out = join(root, 'revised-out');
    const original = join(root, '雁峰街道2021.txt');
    const revised = join(root, '雁峰街道2021（修改稿）.txt');
    await copyFile(join(SEED, 'yanfeng-2021.txt'), original);
    await writeFile(revised, revisedSample(await readFile(original, 'utf8')));
    // The 修改稿 was saved a day after the original.
    await utimes(original, new Date('2022-03-01T08:00:00Z'), new Date('2022-03-01T08:00:00Z'));
    await utimes(revised, new Date('2022-03-02T08:00:00Z'), new Date('2022-03-02T08:00:00Z'));

    const [first] = await checkIntoOut(out, await readInputs([{ path: original, shown: '雁峰街道2021.txt' }]), options);
    expect(first.report.findings).toHaveLength(47);
    const id = first.report.submission!.id;

    const second = await checkIntoOut(
      out,
      await readInputs([
        { path: original, shown: '雁峰街道2021.txt' },
        { path: revised, shown: '雁峰街道2021（修改稿）.txt' },
      ]),
      options,
    );
    const latest = second[1].report;
    expect(latest.submission).toMatchObject({ id, version: 2 });
    expect(latest.versions?.previous).toMatchObject({ version: 1, summary: { errors: 3, warnings: 34, infos: 10 } });
    expect(latest.versions?.diff?.counts).toEqual({ fixed: 1, new: 1, unchanged: 46 });
    expect(latest.versions?.diff?.fixed.map((f) => [f.rule, f.declared, f.computed])).toEqual([['level1-weight-sum', 40, 35]]);
    const added = latest.findings.filter((f) => latest.versions!.diff!.new.includes(f.fingerprint));
    expect(added.map((f) => [f.rule, f.severity])).toEqual([['exec-rate-recompute', 'error']]);
    expect(latest.versions?.superseded).toEqual([
      { path: '雁峰街道2021.txt', form: 1, kind: 'project', title: expect.any(String), supersededBy: { path: '雁峰街道2021（修改稿）.txt', form: 1 } },
    ]);

    // The record has both versions; version 1's report is still there as it was.
    const record = await readSubmission(out, id);
    expect(record?.versions.map((v) => [v.version, v.diff])).toEqual([
      [1, null],
      [2, { fixed: 1, new: 1, unchanged: 46 }],
    ]);
    const v1 = await readVersionReports(out, id, 1);
    expect(v1.map((r) => [r.path, r.report?.submission?.version, r.report?.findings.length])).toEqual([['雁峰街道2021.txt', 1, 47]]);
    const latestOriginal = loadReport(await readFile(join(out, '雁峰街道2021.txt.report.json'), 'utf8'));
    expect(latestOriginal.submission?.version).toBe(2);
    expect(JSON.stringify(await readFile(v1[0].json!, 'utf8'))).not.toContain(root);
  });
});

describe('parseReport', () => {
  it('loads a schema-1 report as the current shape, and a schema-2 report as it is', async () => {
    const out = join(root, 'split-out');
    const v2 = await readFile(join(out, 'yanfeng-2021-attach1.docx.report.json'), 'utf8');
    const parsed = parseReport(v2);
    expect(parsed.ok && parsed.report.schemaVersion).toBe(2);
    const { versions: _versions, ...rest } = JSON.parse(v2);
    const v1 = { ...rest, schemaVersion: 1, submission: { id: 'x', unit: rest.submission.unit, year: 2021, files: rest.submission.files } };
    const old = parseReport(JSON.stringify(v1));
    expect(old.ok).toBe(true);
    if (old.ok) {
      expect(old.report.versions).toBeNull();
      expect(old.report.submission).toMatchObject({ id: 'x', version: 1 });
      expect(old.report.findings).toHaveLength(JSON.parse(v2).findings.length);
    }
    expect(parseReport('{"schemaVersion":1').ok).toBe(false);
    expect(parseReport({ schemaVersion: 3 }).ok).toBe(false);
  });
});
