import { describe, expect, it } from 'vitest';
import { location } from '@jxaudit/model';
import { colorWanted, renderSummaryText } from '../src/summary-text.ts';
import { sampleReport, unreadableReport } from './report-fixture.ts';

describe('renderSummaryText', () => {
  const text = renderSummaryText([sampleReport()], 'zh', { color: false });
  const lines = text.split('\n');

  it('starts each file with its source, then unit, year, forms and profile', () => {
    expect(lines[0]).toBe('inbox/雁峰街道2021.docx');
    expect(lines[1]).toBe('  单位：雁峰区雁峰街道办事处　年度：2021　表：部门整体支出绩效自评表、绩效自评报告　评分口径：hunan-2021');
  });

  it('groups findings by severity: 错误, then 警告, then 提示', () => {
    const headings = lines.filter((l) => /^  (错误|警告|提示) \(\d+\)$/.test(l));
    expect(headings).toEqual(['  错误 (1)', '  警告 (4)', '  提示 (2)']);
  });

  it('gives each finding its message, declared → computed, and where to look', () => {
    const i = lines.indexOf('    1. 一级指标分值与三级指标合计不符 [level1-weight-sum]');
    expect(i).toBeGreaterThan(0);
    expect(lines[i + 1]).toBe('       一级指标“效益指标”标注30分，其下三级指标分值合计40分');
    expect(lines[i + 2]).toBe('       标注 30 → 复核 40');
    expect(lines[i + 3]).toBe('       位置：表1 第7行 第1列 “效益指标（30分）”；表1 第7行 第6列 “10”；表1 第8行 第6列 “10”；等 1 处');
    // Printed decimals are kept for a figure printed in the sentence.
    expect(text).toContain('       标注 3582.30 → 复核 2931.39');
    // A finding without figures has no figure line.
    const j = lines.findIndex((l) => l.includes('[deviation-reason-missing]'));
    expect(lines[j + 2]).toBe('       位置：表1 第5行 第3列 “经济建设投资总金额”；表1 第5行 第8列');
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

  it('is in English with lang en', () => {
    const en = renderSummaryText([sampleReport({ lang: 'en' }), unreadableReport()], 'en', { color: false });
    expect(en).toContain('  Unit: 雁峰区雁峰街道办事处  Year: 2021  Forms: Department overall self-evaluation form, Self-evaluation report  Profile: hunan-2021');
    expect(en).toContain('  Errors (1)');
    expect(en).toContain('       declared 30 → recomputed 40');
    expect(en).toContain('Where: table 1 row 7 col 1 "效益指标（30分）"');
    expect(en).toContain('  Cannot read: The file is damaged (corrupt-zip)');
    expect(en).toContain('The file is damaged: the Word document cannot be unzipped.');
    expect(en.split('\n').at(-1)).toBe('2 files: 1 error, 4 warnings, 2 notes; 1 unreadable');
    expect(en).not.toMatch(/错误|警告|提示|位置/);
  });

  it('colours only when asked, and strips control characters from document text', () => {
    expect(text).not.toContain('\x1b');
    const coloured = renderSummaryText([sampleReport()], 'zh', { color: true });
    expect(coloured).toContain('\x1b[31m错误 (1)\x1b[0m');
    expect(coloured).toContain('\x1b[33m警告 (4)\x1b[0m');
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
