import { execFile } from 'node:child_process';
import { copyFile, mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exitCodeFor } from '@jxaudit/ingest';
import { loadReport, type Report } from '@jxaudit/model';
import { parseCsv } from '../packages/ingest/test/report-fixture.ts';

const run = promisify(execFile);

/** `jxaudit check DIR --out OUT`: per-file reports with relative paths kept, index.html, findings.csv. */
describe('jxaudit check DIR --out OUT', () => {
  let dir: string;
  let input: string;
  let out: string;
  let result: { code: number; stdout: string; stderr: string };
  const relatives = ['附件/yanfeng-2021-attach1.docx', '附件/yanfeng-2021-attach2.docx', 'broken/坏.docx', 'yanfeng-2021-report.docx'];

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'jx-check-out-'));
    input = join(dir, 'in');
    out = join(dir, 'out');
    await mkdir(join(input, '附件'), { recursive: true });
    await mkdir(join(input, 'broken'), { recursive: true });
    await copyFile('fixtures/seed/yanfeng-2021-attach1.docx', join(input, relatives[0]!));
    await copyFile('fixtures/seed/yanfeng-2021-attach2.docx', join(input, relatives[1]!));
    await copyFile('fixtures/seed/yanfeng-2021-report.docx', join(input, relatives[3]!));
    // A zip cut short: a .docx that cannot be read.
    const whole = await readFile('fixtures/seed/yanfeng-2021-report.docx');
    await writeFile(join(input, relatives[2]!), whole.subarray(0, 600));
    try {
      const { stdout, stderr } = await run(
        process.execPath,
        ['packages/ingest/bin/jxaudit.js', 'check', input, '--out', out, '--profile', 'hunan-2021'],
        { env: { ...process.env, NO_COLOR: '1' }, maxBuffer: 16 << 20 },
      );
      result = { code: 0, stdout, stderr };
    } catch (err) {
      const e = err as { code: number; stdout: string; stderr: string };
      result = { code: e.code, stdout: e.stdout, stderr: e.stderr };
    }
  }, 180_000);
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  async function reportOf(relative: string): Promise<Report> {
    return loadReport(await readFile(join(out, `${relative}.report.json`), 'utf8'));
  }

  it('writes a validated report and a page per file, keeping the relative paths', async () => {
    for (const relative of relatives) {
      const report = await reportOf(relative);
      // Paths below the folder checked: no absolute path in a report (reports may be sent to the unit).
      expect(report.source.path).toBe(relative);
      expect(await readFile(join(out, `${relative}.report.json`), 'utf8')).not.toContain(dir);
      expect(await readFile(join(out, `${relative}.report.html`), 'utf8')).not.toContain(dir);
      expect((await stat(join(out, `${relative}.report.html`))).size).toBeGreaterThan(1000);
    }
    expect((await reportOf('broken/坏.docx')).error).not.toBeNull();
  });

  it('exits as the reports say, and prints the summary without colour', async () => {
    const reports = await Promise.all(relatives.map(reportOf));
    expect(result.code).toBe(exitCodeFor(reports, 'error'));
    expect(result.code).toBe(2);
    expect(result.stdout).not.toContain('\x1b[');
    expect(result.stdout).toContain('无法读取');
    expect(result.stdout.trimEnd().split('\n').at(-1)).toMatch(/^共 4 个文件：错误 \d+，警告 \d+，提示 \d+；1 个文件无法读取$/);
  });

  it('writes index.html with one row per file, linking to its page', async () => {
    const index = await readFile(join(out, 'index.html'), 'utf8');
    const rows = [...index.matchAll(/<tr data-file="([^"]*)"/g)].map((m) => m[1]);
    expect(rows).toEqual([...relatives].sort());
    expect(index).toContain(`href="./${encodeURIComponent('附件')}/yanfeng-2021-attach1.docx.report.html"`);
  });

  it('writes findings.csv with one row per finding of every report', async () => {
    const csv = await readFile(join(out, 'findings.csv'), 'utf8');
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    const [header, ...rows] = parseCsv(csv.slice(1));
    expect(header).toEqual(['file', 'unit', 'year', 'form', 'rule', 'severity', 'message', 'declared', 'computed', 'location', 'fingerprint']);
    const reports = await Promise.all(relatives.map(reportOf));
    expect(rows).toHaveLength(reports.reduce((n, r) => n + r.findings.length, 0));
    for (const relative of relatives) {
      const report = await reportOf(relative);
      expect(rows.filter((r) => r[0] === relative).map((r) => r[10])).toEqual(report.findings.map((f) => f.fingerprint));
    }
  });
});
