import { execFile, spawn } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { buildDocx, encryptedDocx, legacyDoc } from '../packages/parse/test/helpers/docx-writer.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const sample = join(root, 'fixtures/seed/yanfeng-2021.docx');
const dir = mkdtempSync(join(tmpdir(), 'jxaudit-bad-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Run {
  code: number;
  reports: Array<{ source: { path: string }; forms: unknown[]; error: { code: string; message: string; messageEn: string } | null }>;
  stderr: string;
}

function check(...files: string[]): Promise<Run> {
  return new Promise((resolve) => {
    execFile('node', ['packages/ingest/bin/jxaudit.js', 'check', ...files, '--json'], { cwd: root, timeout: 60_000, maxBuffer: 64 * 1024 * 1024, env: { ...process.env, JXAUDIT_SOFFICE: '' } }, (err, stdout, stderr) => {
      const code = err ? ((err as { code?: number }).code ?? -1) : 0;
      const reports = stdout
        .split('\n')
        .filter((l) => l.trim().startsWith('{'))
        .map((l) => JSON.parse(l));
      resolve({ code: typeof code === 'number' ? code : -1, reports, stderr });
    });
  });
}

/** A zip holding one text file and nothing of Word. */
const notWord = () =>
  buildDocx({
    omit: ['[Content_Types].xml', '_rels/.rels', 'word/_rels/document.xml.rels', 'word/document.xml'],
    extraEntries: { 'readme.txt': '雁峰街道自评材料' },
  });

function file(name: string, bytes: Uint8Array | string): string {
  const path = join(dir, name);
  writeFileSync(path, bytes);
  return path;
}

describe('jxaudit check on bad input', () => {
  const bad: [string, () => string, string][] = [
    ['an empty file', () => file('空文件.docx', ''), 'empty'],
    ['the sample cut in half', () => file('截断.docx', readFileSync(sample).subarray(0, 8000)), 'corrupt-zip'],
    ['a PDF named .docx', () => file('附件1.docx', '%PDF-1.4\n%%EOF\n'), 'unsupported-format'],
    ['a zip that is not Word', () => file('材料.docx', notWord()), 'not-word'],
    ['a password-protected .docx', () => file('加密.docx', encryptedDocx()), 'encrypted'],
    ['an old binary .doc named .docx, LibreOffice not installed (JXAUDIT_SOFFICE empty)', () => file('旧版.docx', legacyDoc()), 'needs-converter'],
  ];
  // One process for all of them (each file gets its own report): the codes themselves are
  // tested file by file in packages/parse/test/bad-input.test.ts.
  it(`${bad.map((b) => b[0]).join(', ')}: each printed as a report with its error, exit 2`, async () => {
    const paths = bad.map(([, make]) => make());
    const run = await check(...paths);
    expect(run.code, run.stderr).toBe(2);
    expect(run.reports).toHaveLength(bad.length);
    for (const [i, [label, , code]] of bad.entries()) {
      const report = run.reports.find((r) => r.source.path === basename(paths[i]));
      expect(report, label).toBeDefined(); // a file given directly: its name, never an absolute path
      expect(report!.forms, label).toEqual([]);
      expect(report!.error?.code, label).toBe(code);
      expect(report!.error?.message, label).toMatch(/[\u4e00-\u9fff]/);
      expect(report!.error?.messageEn, label).toMatch(/[A-Za-z]/);
    }
  }, 60_000);

  it('checks a bad file and a good one in one call: both get a report, the good one is read', async () => {
    const bad = file('坏文件.docx', readFileSync(sample).subarray(0, 5000));
    const renamed = join(dir, 'yanfeng-2021.txt');
    copyFileSync(sample, renamed);
    const run = await check(bad, renamed);
    expect(run.code, run.stderr).toBe(2);
    expect(run.reports.map((r) => r.source.path)).toEqual([basename(bad), basename(renamed)]);
    expect(run.reports[0].error?.code).toBe('corrupt-zip');
    // a .docx renamed .txt is still read as a Word document
    expect(run.reports[1].error).toBeNull();
    expect(run.reports[1].forms.length).toBeGreaterThan(0);
  }, 60_000);

  it('stdout closed by its reader (`--json | head -c 10`): no EPIPE stack trace, the exit code of the run', async () => {
    const run = await new Promise<{ code: number | null; stderr: string }>((resolve) => {
      const child = spawn('node', ['packages/cli/bin/jxaudit.js', 'check', sample, '--json'], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
      child.stdout.destroy(); // the reader is gone before the first byte is written
      let stderr = '';
      child.stderr.on('data', (b: Buffer) => (stderr += b.toString()));
      child.on('exit', (code) => resolve({ code, stderr }));
    });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(1); // the sample's three errors, as without the pipe
  }, 60_000);

  it('refuses a file over the size bound without reading it into memory (too-large, exit 2)', async () => {
    // a sparse 60 MiB file: nothing is written to disk, the size alone is over the 50 MiB bound
    const path = file('巨大.txt', '');
    truncateSync(path, 60 * 1024 * 1024);
    const run = await check(path);
    expect(run.code, run.stderr).toBe(2);
    expect(run.reports[0].error?.code).toBe('too-large');
    expect(run.reports[0].error?.message).toContain('60.0 MiB');
  }, 60_000);
});
