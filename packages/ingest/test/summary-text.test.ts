import { describe, expect, it } from 'vitest';
import { location, type Report } from '@jxaudit/model';
import { colorWanted, renderSummaryText } from '../src/summary-text.ts';
import { sampleReport, unreadableReport } from './report-fixture.ts';

/** The hand-made report with 12 deviation findings on the department form and its totals recomputed. */
function crowdedReport(): Report {
  const report = sampleReport();
  const deviation = report.findings.find((f) => f.rule === 'deviation-reason-missing')!;
  const extra = Array.from({ length: 11 }, (_, i) => ({ ...deviation, message: `第${i + 2}个未说明偏差原因的指标`, fingerprint: `fp${i}` }));
  report.findings.splice(report.findings.indexOf(deviation) + 1, 0, ...extra);
  report.summary = { ...report.summary, warnings: report.summary.warnings + 11 };
  report.forms[0]!.rescored = { points: 100, declared: 86, recomputed: 94.485, declaredGrade: '良', recomputedGrade: '优', includesExecution: true, itemsSum: 95, changes: [] };
  return report;
}

describe('renderSummaryText', () => {
  const text = renderSummaryText([sampleReport()], 'zh', { color: false });
  const lines = text.split('\n');

  it('starts each file with its source, then unit, year, forms and the profile by its Chinese name', () => {
    expect(lines[0]).toBe('inbox/雁峰街道2021.docx');
    expect(lines[1]).toBe('  单位：雁峰区雁峰街道办事处　年度：2021　表：部门整体支出绩效自评表、绩效自评报告　评分口径：湖南省2021年口径 (hunan-2021)');
  });

  it('gives the verdict of each table form: 自评总分 → 复核总分 with grades', () => {
    const crowded = renderSummaryText([crowdedReport()], 'zh', { color: false }).split('\n');
    expect(crowded[2]).toBe('  部门整体支出绩效自评表：自评总分 86（良） → 复核总分 94.49（优）');
    expect(lines[2]).toBe('  部门整体支出绩效自评表：自评总分 86 → 复核总分 未复核');
  });

  it('groups findings by rule, worst first, each group with its count and its forms', () => {
    const heads = lines.filter((l) => /^  [■▲●] /.test(l));
    expect(heads[0]).toBe('  ■ 错误　一级指标分值与三级指标合计不符（1条） [level1-weight-sum]');
    expect(heads.map((h) => h.slice(2, 3))).toEqual(['■', '▲', '▲', '▲', '▲', '●', '●']);
    expect(lines[3]).toBe('  错误 1　警告 4　提示 2');
  });

  it('gives each finding its message, declared → computed, and where to look', () => {
    const i = lines.indexOf('  ■ 错误　一级指标分值与三级指标合计不符（1条） [level1-weight-sum]');
    expect(lines.slice(i + 1, i + 5)).toEqual([
      '    部门整体支出绩效自评表（1条）',
      '    1. 一级指标“效益指标”标注30分，其下三级指标分值合计40分',
      '       标注 30 → 复核 40',
      '       位置：表1 第7行 第1列 “效益指标（30分）”；表1 第7行 第6列 “10”；表1 第8行 第6列 “10”；等 1 处',
    ]);
    // Printed decimals are kept for a figure printed in the sentence.
    expect(text).toContain('       标注 3582.30 → 复核 2931.39');
    // A finding without figures has no figure line.
    const j = lines.findIndex((l) => l.includes('[deviation-reason-missing]'));
    expect(lines[j + 3]).toBe('       位置：表1 第5行 第3列 “经济建设投资总金额”；表1 第5行 第8列');
  });

  it('shows the first three of a group’s form, then 另有N条; --verbose shows all', () => {
    const short = renderSummaryText([crowdedReport()], 'zh', { color: false }).split('\n');
    const head = short.findIndex((l) => l.includes('[deviation-reason-missing]'));
    expect(short[head]).toBe('  ▲ 警告　未完成指标未说明偏差原因（12条） [deviation-reason-missing]');
    expect(short[head + 1]).toBe('    部门整体支出绩效自评表（12条）');
    expect(short.slice(head).filter((l) => /^    \d+\. /.test(l)).slice(0, 4).map((l) => l.trim().split('.')[0])).toEqual(['1', '2', '3', '1']);
    expect(short).toContain('    另有9条（加 --verbose 显示全部）');
    const all = renderSummaryText([crowdedReport()], 'zh', { color: false, verbose: true });
    expect(all).toContain('    12. 第12个未说明偏差原因的指标');
    expect(all).not.toContain('另有');
  });

  it('gives a .txt line as 第94行', () => {
    const report = sampleReport({ file: 'yanfeng.txt' });
    report.findings[0]!.at = [location({ file: 'yanfeng.txt', table: null, line: 94, text: '经济建设投资总金额' })];
    expect(renderSummaryText([report], 'zh', { color: false })).toContain('位置：第94行 “经济建设投资总金额”');
  });

  it('ends with a count line', () => {
    expect(lines.at(-1)).toBe('共 1 个文件：错误 1，警告 4，提示 2');
    const two = renderSummaryText([sampleReport(), unreadableReport()], 'zh', { color: false });
    expect(two.split('\n').at(-1)).toBe('共 2 个文件：错误 1，警告 4，提示 2；1 个文件无法读取');
  });

  it('prints a read error: what is wrong and what to do', () => {
    const bad = renderSummaryText([unreadableReport()], 'zh', { color: false }).split('\n');
    expect(bad.slice(0, 4)).toEqual([
      'inbox/损坏的文件.docx',
      '  无法读取：文件已损坏 (corrupt-zip)',
      '  文件已损坏：无法解压 Word 文档。请用 Word 或 WPS 重新导出后再提交。',
      '  怎么办：请按上述说明处理后重新提交（.docx 或 .txt 格式的自评表、自评报告）。',
    ]);
  });

  it('is in English with lang en, with no Chinese word of ours left', () => {
    const en = renderSummaryText([sampleReport({ lang: 'en' }), unreadableReport()], 'en', { color: false });
    expect(en).toContain('  Unit: 雁峰区雁峰街道办事处  Year: 2021  Forms: Department overall self-evaluation form, Self-evaluation report  Scoring rules: Hunan 2021 rules (hunan-2021)');
    expect(en).toContain('  Errors 1  Warnings 4  Notes 2');
    expect(en).toContain('  ■ Error  Level-1 weight differs from its indicators (1) [level1-weight-sum]');
    expect(en).toContain('       declared 30 → recomputed 40');
    expect(en).toContain('Where: table 1 row 7 col 1 "效益指标（30分）"');
    expect(en).toContain('  Cannot read: The file is damaged (corrupt-zip)');
    expect(en).toContain('The file is damaged: the Word document cannot be unzipped.');
    expect(en.split('\n').at(-1)).toBe('2 files: 1 error, 4 warnings, 2 notes; 1 unreadable');
    // Chinese remains only in the rules' messages, quotes and names taken from the document.
    const ours = en
      .split('\n')
      .filter((l) => !/^    \d+\. /.test(l))
      .join('\n')
      .replace(/“[^”]*”|"[^"]*"|雁峰区雁峰街道办事处|inbox\/\S+/g, '');
    expect(ours).not.toMatch(/[\u4e00-\u9fff]/);
    expect(en).not.toMatch(/\bBASIC\b|\bACHIEVED\b/);
  });

  it('colours only when asked, and strips control characters from document text', () => {
    expect(text).not.toContain('\x1b');
    const coloured = renderSummaryText([sampleReport()], 'zh', { color: true });
    expect(coloured).toContain('\x1b[31m错误 1\x1b[0m');
    expect(coloured).toContain('\x1b[33m警告 4\x1b[0m');
    const report = sampleReport();
    report.findings[0]!.message = '效益指标\x1b[2J\x1b]0;pwned\x07';
    expect(renderSummaryText([report], 'zh', { color: false })).not.toMatch(/[\x07\x1b]/);
  });

  it('shows zero-width and bidi controls in document text as visible escapes', () => {
    const report = sampleReport();
    report.submission!.unit = '雁峰区\u200B雁峰街道办事处';
    report.findings[0]!.message = '一级指标“效益\u202E指标”';
    const shown = renderSummaryText([report], 'zh', { color: false });
    expect(shown).toContain('单位：雁峰区⟨U+200B⟩雁峰街道办事处');
    expect(shown).toContain('一级指标“效益⟨U+202E⟩指标”');
    expect(shown).not.toMatch(/[\u200B\u202E]/);
  });

  it('wants colour only on a TTY with NO_COLOR unset', () => {
    expect(colorWanted({}, true)).toBe(true);
    expect(colorWanted({ NO_COLOR: '1' }, true)).toBe(false);
    expect(colorWanted({}, false)).toBe(false);
  });
});
