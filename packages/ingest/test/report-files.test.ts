import { mkdtemp, mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ReportSchema, type Report } from '@jxaudit/model';
import { rebuildBatchIndex, writeBatchOutputs, writeReportFiles } from '../src/report/write.ts';
import { renderReportHtml } from '../src/report/html.ts';
import { sampleBlocks, sampleReport, unreadableReport } from './report-fixture.ts';

let out: string;
beforeEach(async () => {
  out = await mkdtemp(join(tmpdir(), 'jx-report-'));
});
afterEach(async () => {
  await rm(out, { recursive: true, force: true });
});

/** The opening tag of the element whose data-key is `key` (cells are unique per key). */
function tagWithKey(page: string, tag: string, key: string): string {
  const m = new RegExp(`<${tag}[^>]*data-key="${key}"[^>]*>`).exec(page);
  if (!m) throw new Error(`no <${tag}> with data-key ${key}`);
  return m[0];
}

async function allFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const e of await readdir(dir, { withFileTypes: true })) {
    const full = join(dir, e.name);
    if (e.isDirectory()) out.push(...(await allFiles(full)));
    else out.push(full);
  }
  return out;
}

describe('writeReportFiles', () => {
  it('writes <relative>.report.json that validates and round-trips, and the page beside it', async () => {
    const report = sampleReport();
    const written = await writeReportFiles(out, { report, relative: 'inbox/雁峰街道2021.docx' }, 'zh');
    expect(written.json).toBe(join(out, 'inbox/雁峰街道2021.docx.report.json'));
    expect(written.html).toBe(join(out, 'inbox/雁峰街道2021.docx.report.html'));
    const json = JSON.parse(await readFile(written.json, 'utf8'));
    expect(ReportSchema.parse(json)).toEqual(report);
    const page = await readFile(written.html, 'utf8');
    expect(page.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(page).toContain('雁峰区雁峰街道办事处');
    // No temp file is left behind.
    expect((await allFiles(out)).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('refuses a report that does not validate, and writes nothing', async () => {
    const bad = { ...sampleReport(), summary: { errors: -1, warnings: 0, infos: 0 } } as Report;
    await expect(writeReportFiles(out, { report: bad, relative: 'x.docx' }, 'zh')).rejects.toThrow();
    expect(await allFiles(out)).toEqual([]);
  });

  it('keeps a relative path that climbs out of the folder inside it', async () => {
    const written = await writeReportFiles(out, { report: sampleReport(), relative: '../../etc/evil.docx' }, 'zh');
    expect(written.json).toBe(join(out, 'evil.docx.report.json'));
  });
});

describe('the report page', () => {
  const report = sampleReport();
  const page = renderReportHtml(report, { lang: 'zh', blocks: sampleBlocks() });

  it('summarises the submission: unit, year, files, forms, profile, counts by severity', () => {
    expect(page).toContain('<html lang="zh-CN">');
    expect(page).toMatch(/<dd class="doc-text" id="unit">雁峰区雁峰街道办事处<\/dd>/);
    expect(page).toMatch(/<dd id="year">2021<\/dd>/);
    expect(page).toMatch(/<dd id="profile">hunan-2021<\/dd>/);
    expect(page).toContain('部门整体支出绩效自评表');
    expect(page).toContain('绩效自评报告');
    expect(page).toMatch(/data-count="error">错误 <b>1<\/b>/);
    expect(page).toMatch(/data-count="warning">警告 <b>4<\/b>/);
    expect(page).toMatch(/data-count="info">提示 <b>2<\/b>/);
  });

  it('lists every finding with its title, severity, figures, formula and places', () => {
    expect(page.match(/<li class="finding /g)).toHaveLength(report.findings.length);
    const l1 = /<li class="finding sev-error" id="finding-0"[\s\S]*?<\/li>\n?<\/ol>|<li class="finding sev-error" id="finding-0"[\s\S]*?<ul class="locations">[\s\S]*?<\/ul><\/li>/.exec(page)![0];
    expect(l1).toContain('data-rule="level1-weight-sum"');
    expect(l1).toContain('一级指标分值与三级指标合计不符');
    expect(l1).toContain('一级指标“效益指标”标注30分，其下三级指标分值合计40分');
    expect(l1).toContain('标注 30</span> → <span class="computed">复核 40');
    expect(l1).toContain('<dt>公式</dt><dd class="doc-text">10 + 10 + 20 = 40</dd>');
    expect(l1).toContain('<dt>容差</dt><dd class="doc-text">0</dd>');
    expect(l1).toContain('表1 第7行 第1列');
    expect(l1).toContain('data-targets="t0r6c0 t0r6c5 t0r7c5 t0r8c5"');
  });

  it('marks the cells each finding rests on, with the findings in data attributes', () => {
    const header = tagWithKey(page, 'td', 't0r6c0');
    expect(header).toContain('class="cell marked sev-error"');
    expect(header).toContain('data-findings="0"');
    expect(header).toContain('rowspan="3"');
    expect(header).toContain('data-loc="表1 第7行 第1列"');
    // A cell two findings rest on is marked with the worse severity and lists both.
    const executed = tagWithKey(page, 'td', 't0r2c4');
    expect(executed).toContain('sev-warning');
    const name = tagWithKey(page, 'td', 't0r4c2');
    expect(name).toContain('marked');
    // A cell no finding rests on is drawn but not marked.
    expect(tagWithKey(page, 'td', 't0r5c2')).not.toContain('marked');
  });

  it('quotes narrative sentences with the declared figure highlighted', () => {
    expect(page).toContain('<blockquote class="sentence doc-text">2021年总支出决算数为<mark class="figure">3582.30</mark>万元');
    expect(page).toContain('共发放补助<mark class="figure">2万元余元</mark>');
    expect(page).toContain('标注 3582.30</span>');
  });

  it('draws each form from its located values when no blocks are given', () => {
    const partial = renderReportHtml(report, { lang: 'zh' });
    expect(partial).toContain('仅显示已识别的单元格');
    expect(tagWithKey(partial, 'td', 't0r4c2')).toContain('marked');
    expect(partial).toMatch(/data-key="t0r5c2">全社会固定资产投资<\/td>/);
    expect(partial).toMatch(/data-key="t0r6c0"[^>]*>效益指标（30分）<\/td>/);
  });

  it('renders in English when the report is in English', () => {
    const en = sampleReport({ lang: 'en' });
    const pageEn = renderReportHtml(en, { lang: 'en', blocks: sampleBlocks() });
    expect(pageEn).toContain('<html lang="en">');
    expect(pageEn).toContain('Level-1 weight differs from its indicators');
    expect(pageEn).toContain('table 1 row 7 col 1');
    expect(pageEn).toMatch(/Errors \(1\)/);
    expect(pageEn).not.toContain('发现的问题');
  });

  it('shows a read error plainly: what is wrong and what to do, no findings section', () => {
    const bad = renderReportHtml(unreadableReport(), { lang: 'zh' });
    expect(bad).toContain('无法读取此文件: 文件已损坏');
    expect(bad).toContain('请用 Word 或 WPS 重新导出后再提交');
    expect(bad).toContain('怎么办');
    expect(bad).not.toContain('id="findings"');
  });

  it('allows no network: a CSP with no sources but our own script hash', () => {
    expect(page).toMatch(/http-equiv="Content-Security-Policy" content="default-src &#39;none&#39;;[^"]*script-src &#39;sha256-/);
    expect(page).not.toMatch(/(src|href)="(https?:)?\/\//);
  });
});

describe('rebuildBatchIndex', () => {
  it('indexes every *.report.json below the folder, and ignores other files', async () => {
    await writeBatchOutputs(
      out,
      [
        { report: sampleReport({ file: 'a/one.docx' }), relative: 'a/one.docx', blocks: sampleBlocks('a/one.docx') },
        { report: sampleReport({ file: 'b/two.docx' }), relative: 'b/two.docx' },
        { report: unreadableReport('bad.docx'), relative: 'bad.docx' },
      ],
      'zh',
    );
    await mkdir(join(out, '.jxaudit/processed'), { recursive: true });
    await writeFile(join(out, '.jxaudit/processed/x.report.json'), '{}');
    await writeFile(join(out, 'half-written.report.json'), '{"schemaVersion":1');
    await rebuildBatchIndex(out, 'zh');
    const index = await readFile(join(out, 'index.html'), 'utf8');
    const rows = [...index.matchAll(/<tr data-file="([^"]*)"/g)].map((m) => m[1]);
    expect(rows).toEqual(['a/one.docx', 'b/two.docx', 'bad.docx']);
    expect(index).toContain('href="./a/one.docx.report.html"');
    expect(index).toMatch(/data-total="error">2</);
    expect(index).toMatch(/data-total="read-error">1</);
    expect(index).toContain('文件已损坏');
  });

  it('survives several rebuilds at once: every result is whole, no temp file is left', async () => {
    const entries = Array.from({ length: 6 }, (_, i) => ({ report: sampleReport({ file: `f${i}.docx` }), relative: `f${i}.docx` }));
    await Promise.all(entries.map((e) => writeReportFiles(out, e, 'zh')));
    await Promise.all(Array.from({ length: 5 }, () => rebuildBatchIndex(out, 'zh')));
    const index = await readFile(join(out, 'index.html'), 'utf8');
    expect(index.trimEnd().endsWith('</html>')).toBe(true);
    expect([...index.matchAll(/<tr data-file=/g)]).toHaveLength(6);
    const csv = await readFile(join(out, 'findings.csv'), 'utf8');
    expect(csv.trimEnd().split('\r\n')).toHaveLength(1 + 6 * 7);
    expect((await allFiles(out)).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('a report rewritten or removed between rebuilds shows in the next index (reports read before are not trusted blindly)', async () => {
    await writeBatchOutputs(
      out,
      [
        { report: sampleReport({ file: 'one.docx' }), relative: 'one.docx' },
        { report: sampleReport({ file: 'two.docx' }), relative: 'two.docx' },
      ],
      'zh',
    );
    const rows = async () => [...(await readFile(join(out, 'index.html'), 'utf8')).matchAll(/<tr data-file="([^"]*)"/g)].map((m) => m[1]);
    expect(await rows()).toEqual(['one.docx', 'two.docx']);
    // a corrected re-submission: the same report file, now unreadable
    await writeReportFiles(out, { report: unreadableReport('two.docx'), relative: 'two.docx' }, 'zh');
    await rm(join(out, 'one.docx.report.json'));
    await rebuildBatchIndex(out, 'zh');
    expect(await rows()).toEqual(['two.docx']);
    const index = await readFile(join(out, 'index.html'), 'utf8');
    expect(index).toMatch(/data-total="read-error">1</);
    expect(index).toMatch(/data-total="error">0</);
    const csv = await readFile(join(out, 'findings.csv'), 'utf8');
    expect(csv.trimEnd().split('\r\n')).toHaveLength(1);
  });

  it('writes an empty index for an empty folder', async () => {
    await rebuildBatchIndex(join(out, 'nothing-yet'), 'en');
    const index = await readFile(join(out, 'nothing-yet/index.html'), 'utf8');
    expect(index).toContain('No reports in this folder yet.');
  });
});
