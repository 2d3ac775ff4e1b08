/**
 * The sample submission, in every fixture format, through the real pipeline (read, recognise,
 * group, propose hunan-2021, score) gives exactly the 47 findings of RULES.md §5
 * (fixtures/seed/expected-findings.json): 3 errors, 34 warnings, 10 infos.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Report } from '@jxaudit/model';
import { SEED, expectGolden } from './helpers/golden.ts';
import { checkFiles } from '@jxaudit/ingest';
import { resolveProfile } from '@jxaudit/score';

async function check(files: string[]): Promise<Report[]> {
  return checkFiles(
    files.map((f) => join(SEED, f)),
    { lang: 'zh', resolveProfile: (name) => resolveProfile(name) },
  );
}

describe('golden sample: the 47 findings of RULES.md §5 under hunan-2021', () => {
  it.each([['yanfeng-2021.docx'], ['yanfeng-2021.txt'], ['yanfeng-2021.gb18030.txt'], ['yanfeng-2021.utf16le-bom.txt']])(
    '%s',
    async (file) => {
      const reports = await check([file]);
      expect(reports).toHaveLength(1);
      expect(reports[0].summary).toEqual({ errors: 3, warnings: 34, infos: 10 });
      expectGolden(reports);
    },
  );

  it('a UTF-16LE BOM before UTF-8 bytes: the BOM is not trusted, the text is read as UTF-8, the 47 findings and a warning', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'jx-bom-'));
    try {
      const path = join(dir, 'yanfeng-2021.lying-bom.txt');
      writeFileSync(path, Buffer.concat([Buffer.from([0xff, 0xfe]), readFileSync(join(SEED, 'yanfeng-2021.txt'))]));
      const reports = await checkFiles([path], { lang: 'zh', resolveProfile: (name) => resolveProfile(name) });
      expect(reports[0].source).toMatchObject({ encoding: 'utf-8', encodingMethod: 'strict-utf8' });
      expect(reports[0].warnings.map((w) => w.code)).toContain('bom-mismatch');
      expectGolden(reports);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('the three split .docx files checked together: one submission, each finding exactly once', async () => {
    const reports = await check(['yanfeng-2021-attach1.docx', 'yanfeng-2021-attach2.docx', 'yanfeng-2021-report.docx']);
    expect(reports).toHaveLength(3);
    const ids = new Set(reports.map((r) => r.submission?.id));
    expect(ids.size).toBe(1);
    expect(reports[0].submission?.files).toHaveLength(3);
    expectGolden(reports);
    // A finding lives in the report of the file of its first location.
    for (const r of reports) for (const f of r.findings) expect(f.at[0].file).toBe(r.source.path);
    const fingerprints = reports.flatMap((r) => r.findings.map((f) => f.fingerprint));
    expect(new Set(fingerprints).size).toBe(47);
  });

  it('check fixtures/seed: the combined .docx and each text copy report the 47, the split files together the 47; copies listed as copies', async () => {
    const files = ['yanfeng-2021-attach1.docx', 'yanfeng-2021-attach2.docx', 'yanfeng-2021-report.docx', 'yanfeng-2021.docx', 'yanfeng-2021.txt', 'yanfeng-2021.gb18030.txt', 'yanfeng-2021.utf16le-bom.txt'];
    const reports = await checkFiles(
      files.map((f) => ({ path: join(SEED, f), shown: f })),
      { lang: 'zh', resolveProfile: (name) => resolveProfile(name) },
    );
    expect(new Set(reports.map((r) => r.submission?.id)).size).toBe(1);
    const byPath = new Map(reports.map((r) => [r.source.path, r]));
    for (const whole of files.slice(3)) {
      const r = byPath.get(whole)!;
      expectGolden([r]);
      expect(new Set(r.findings.map((f) => f.fingerprint)).size).toBe(47); // nothing twice
      expect(r.versions?.role).toBe('copy');
      expect(r.versions?.copies.filter((c) => c.path === whole).map((c) => [c.kind, c.copyOf.path])).toEqual([
        ['department-overall', 'yanfeng-2021-attach1.docx'],
        ['project', 'yanfeng-2021-attach2.docx'],
        ['report', 'yanfeng-2021-report.docx'],
      ]);
    }
    const split = files.slice(0, 3).map((f) => byPath.get(f)!);
    expectGolden(split);
    expect(new Set(split.flatMap((r) => r.findings.map((f) => f.fingerprint))).size).toBe(47);
    expect(split.map((r) => r.versions?.role)).toEqual(['current', 'current', 'current']);
    // The version's own count: each finding once, whatever the copies.
    expect(reports[0].versions?.summary).toEqual({ errors: 3, warnings: 34, infos: 10 });
  });

  it('none of §5’s passing checks is reported, and the exec-over-100 finding states the figures', async () => {
    const [report] = await check(['yanfeng-2021.txt']);
    const rules = new Set(report.findings.map((f) => f.rule));
    for (const passing of ['fund-subrows-sum', 'income-breakdown-sum', 'spend-breakdown-sum', 'exec-rate-recompute', 'narr-yoy-recompute', 'sanggong-sum', 'narr-table-amount-match', 'narr-table-indicator-match', 'dept-project-link', 'qual-score-tier', 'score-range']) {
      expect(rules.has(passing), passing).toBe(false);
    }
    const over = report.findings.filter((f) => f.rule === 'exec-over-100').map((f) => f.message);
    expect(over[0]).toContain('超出970.32万元');
    expect(over[0]).toContain('全年预算数未随追加调整');
    expect(over[1]).toContain('超出494.96万元');
    expect(over[1]).toContain('其他资金（1538.56对1043.6，147.43%）');
  });
});

describe('the other template families raise only what their invented figures warrant', () => {
  const FIXTURES = join(import.meta.dirname, '..', 'fixtures');
  const run = (file: string) => checkFiles([join(FIXTURES, file)], { lang: 'zh', resolveProfile: (name) => resolveProfile(name) });

  it('Sichuan 2023 (sichuan-2023 proposed): every sum, rate, score and explained adjustment passes', async () => {
    const [report] = await run('family3/sichuan-2023.docx');
    expect(report.profile).toBe('sichuan-2023');
    expect(report.findings.map((f) => f.rule)).toEqual([]);
  });

  it('the lettered national form (central-2020): only 工程完工及时率 90% of ≥100% scored 3/5 (e = 4.5) is understated', async () => {
    const [report] = await run('family2b/lettered-2022.docx');
    expect(report.profile).toBe('central-2020');
    expect(report.findings.map((f) => [f.rule, f.severity, f.declared, f.computed])).toEqual([['quant-score-recompute', 'info', 3, 4.5]]);
  });
});
