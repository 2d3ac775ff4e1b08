import { mkdtemp, mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ReportSchema, type Report } from '@jxaudit/model';
import { rebuildBatchIndex, writeBatchOutputs, writeReportFiles } from '../src/report/write.ts';
import { renderReportHtml } from '../src/report/html.ts';
import { renderIndexHtml, submissionRows } from '../src/report/index-html.ts';
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

/** The index's rows: per submission row, the report pages it links to (in order). */
function indexRows(index: string): string[][] {
  return [...index.matchAll(/<tr data-unit=[\s\S]*?<\/tr>/g)].map((m) => [...m[0].matchAll(/href="\.\/([^"]*)\.report\.html"/g)].map((h) => decodeURIComponent(h[1]!)));
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

  it('summarises the submission: unit, year, forms, profile by its Chinese name, reader in words, Beijing time, counts by severity', () => {
    expect(page).toContain('<html lang="zh-CN">');
    expect(page).toMatch(/<dd class="doc-text" id="unit">雁峰区雁峰街道办事处<\/dd>/);
    expect(page).toMatch(/<dd id="year">2021<\/dd>/);
    expect(page).toMatch(/<dd id="profile" title="hunan-2021">湖南省2021年口径<\/dd>/);
    expect(page).toMatch(/<dd id="reader" title="docx · docx">Word 文档<\/dd>/);
    expect(page).toContain('部门整体支出绩效自评表');
    expect(page).toContain('绩效自评报告');
    expect(page).toMatch(/data-count="error"><span class="sev-icon" aria-hidden="true">■<\/span> 错误 <b>1<\/b>/);
    expect(page).toMatch(/data-count="warning"><span class="sev-icon" aria-hidden="true">▲<\/span> 警告 <b>4<\/b>/);
    expect(page).toMatch(/data-count="info"><span class="sev-icon" aria-hidden="true">●<\/span> 提示 <b>2<\/b>/);
  });

  it('gives the time in Beijing with its offset', () => {
    const late = renderReportHtml({ ...report, generatedAt: '2026-11-30T17:07:02.285Z' }, { lang: 'zh' });
    expect(late).toContain('<dd id="generated">2026-12-01 01:07:02（北京时间 UTC+08:00）</dd>');
    const en = renderReportHtml({ ...report, generatedAt: '2026-11-30T17:07:02.285Z' }, { lang: 'en' });
    expect(en).toContain('2026-12-01 01:07:02 (Beijing time, UTC+08:00)');
  });

  it('puts the verdict first: per table form its printed total, and 复核 when the report carries it', () => {
    const verdict = page.slice(page.indexOf('id="verdict"'), page.indexOf('id="summary"'));
    expect(verdict).toContain('自评总分');
    expect(verdict).toMatch(/<b class="total-figure">86<\/b>/);
    // The hand-made report has no rescored field: the page says so instead of inventing a figure.
    expect(verdict).toContain('未复核');
    const rescored = sampleReport();
    rescored.forms[0]!.rescored = { points: 100, declared: 86, recomputed: 94.485, declaredGrade: '良', recomputedGrade: '优', includesExecution: true, itemsSum: 95, changes: [] };
    const withTotals = renderReportHtml(rescored, { lang: 'zh' });
    expect(withTotals).toMatch(/<span class="total recomputed"><span class="total-label">复核总分<\/span> <b class="total-figure">94\.49<\/b> <span class="grade">优<\/span>/);
    expect(withTotals).toContain('复核较自评 +8.49 分');
    expect(withTotals).toContain('按口径各项得分合计 95 分，表中总分 86 分');
    // The errors to look at first link to their findings.
    expect(verdict).toMatch(/<a href="#finding-0" class="first-link">/);
  });

  it('lists every finding in its rule’s group with its figures, formula, tolerance in words and places', () => {
    expect(page.match(/<li class="finding /g)).toHaveLength(report.findings.length);
    const group = /<section class="group sev-error" id="g-level1-weight-sum"[\s\S]*?<\/section>/.exec(page)![0];
    expect(group).toContain('<span class="rule-title" title="level1-weight-sum">一级指标分值与三级指标合计不符</span>');
    const l1 = /<li class="finding sev-error" id="finding-0"[\s\S]*?<ul class="locations">[\s\S]*?<\/ul><\/li>/.exec(group)![0];
    expect(l1).toContain('一级指标“效益指标”标注30分，其下三级指标分值合计40分');
    expect(l1).toContain('标注 30</span> → <span class="computed">复核 40');
    expect(l1).toContain('<dt>公式</dt><dd data-detail="formula" data-doc>10 + 10 + 20 = 40</dd>');
    expect(l1).toContain('<dt>比较方法</dt><dd data-detail="tolerance">须完全相等</dd>');
    expect(l1).toContain('<a class="goto" href="#at=t0r6c0&amp;f=0" data-key="t0r6c0">表1 第7行 第1列</a>');
    expect(l1).toContain('data-targets="t0r6c0 t0r6c5 t0r7c5 t0r8c5"');
  });

  it('shows a detail key only with its label, in words, and hides the rest', () => {
    const detailed = sampleReport();
    detailed.findings[0]!.detail = { ...detailed.findings[0]!.detail, fullEqualsInitial: true, rateOnExpenditure: 1.772284, precision: 0, direction: 'understated', formula: 'w_exec × min(rate, 1)', tolerance: 'figures equal when their printed intervals meet' };
    const p = renderReportHtml(detailed, { lang: 'zh' });
    const l1 = /<li class="finding sev-error" id="finding-0"[\s\S]*?<\/dl>/.exec(p)![0];
    expect(l1).toContain('<dt>偏差方向</dt><dd data-detail="direction">表中少计</dd>');
    expect(l1).toContain('<dt>公式</dt><dd data-detail="formula">预算执行分值 × 执行率（执行率超过100%按100%计）</dd>');
    expect(l1).toContain('<dt>比较方法</dt><dd data-detail="tolerance">按印出的位数比较');
    for (const hidden of ['fullEqualsInitial', 'rateOnExpenditure', 'precision', 'understated', '1.772284', 'w_exec']) expect(l1).not.toContain(hidden);
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
    expect(pageEn).toMatch(/Errors <b>1<\/b>/);
    expect(pageEn).toContain('<dd id="profile" title="hunan-2021">Hunan 2021 rules</dd>');
    expect(pageEn).toContain('Self-assessed total');
    expect(pageEn).not.toMatch(/发现的问题|自评总分|评分口径|北京时间|第\d+行/);
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

describe('the index’s rows', () => {
  it('one row per submission: its version, what changed, and its findings counted once', () => {
    const versions = {
      version: 2,
      at: '2026-12-01T02:00:00.000Z',
      role: 'current' as const,
      documents: [],
      copies: [],
      superseded: [],
      omitted: { documents: 0, copies: 0, superseded: 0 },
      previous: { version: 1, at: '2026-11-30T02:00:00.000Z', summary: { errors: 4, warnings: 35, infos: 10 } },
      diff: { fixed: [], new: ['x'], unchanged: [], moved: [], counts: { fixed: 3, new: 1, unchanged: 44 } },
      summary: { errors: 1, warnings: 4, infos: 2 },
    };
    const combined = { ...sampleReport({ file: '雁峰街道2021.docx' }), versions };
    // The split attachment repeats the same findings (same fingerprints) on its own cells.
    const attachment = { ...sampleReport({ file: '附件1.docx' }), versions };
    const [row, ...rest] = submissionRows([
      { relative: '雁峰街道2021.docx', report: combined },
      { relative: '附件1.docx', report: attachment },
    ]);
    expect(rest).toEqual([]);
    expect(row!.entries).toHaveLength(2);
    expect([row!.version, row!.diff]).toEqual([2, { fixed: 3, new: 1, unchanged: 44 }]);
    expect(row!.counts).toEqual({ error: 1, warning: 4, info: 2 });
    expect(row!.rules.get('level1-weight-sum')).toEqual({ error: 1, warning: 0, info: 0 });
    const index = renderIndexHtml([{ relative: '雁峰街道2021.docx', report: combined }], 'zh');
    expect(index).toContain('<p class="version">第2版：已整改 3 项，新增 1 项，仍有 44 项</p>');
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
    // one.docx and two.docx are the same unit and year: one submission; their findings are the same (copies), counted once.
    expect(indexRows(index)).toEqual([['a/one.docx', 'b/two.docx'], ['bad.docx']]);
    expect(index).toContain('href="./a/one.docx.report.html"');
    expect(index).toMatch(/data-total="error">1</);
    expect(index).toMatch(/data-total="read-error">1</);
    expect(index).toContain('文件已损坏');
  });

  it('survives several rebuilds at once: every result is whole, no temp file is left', async () => {
    const entries = Array.from({ length: 6 }, (_, i) => ({ report: sampleReport({ file: `f${i}.docx` }), relative: `f${i}.docx` }));
    await Promise.all(entries.map((e) => writeReportFiles(out, e, 'zh')));
    await Promise.all(Array.from({ length: 5 }, () => rebuildBatchIndex(out, 'zh')));
    const index = await readFile(join(out, 'index.html'), 'utf8');
    expect(index.trimEnd().endsWith('</html>')).toBe(true);
    expect(indexRows(index).flat()).toHaveLength(6);
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
    const rows = async () => indexRows(await readFile(join(out, 'index.html'), 'utf8')).flat();
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
