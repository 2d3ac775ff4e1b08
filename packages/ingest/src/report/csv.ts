import type { Finding, Report } from '@jxaudit/model';
import type { Lang } from '@jxaudit/score';
import { showInvisible } from './escape.ts';
import { baseName, formKindLabel, formatNumber, locationText, reportUnit, reportYear, ruleTitle, severityBadge } from './text.ts';

/*
 * findings.csv (OPERATIONS.md "Reports on disk"): UTF-8 with BOM, RFC 4180, one row per finding,
 * headers and values in Chinese by default (English with --lang en), the rule's title beside its
 * id, every location. findings.xlsx (xlsx.ts) has the same columns.
 */

export const CSV_COLUMNS = {
  zh: ['文件', '单位', '年度', '表', '规则编号', '规则', '严重程度', '问题说明', '标注值', '复核值', '位置', '指纹'],
  en: ['file', 'unit', 'year', 'form', 'rule', 'rule title', 'severity', 'message', 'declared', 'computed', 'location', 'fingerprint'],
} as const;

/**
 * One RFC 4180 field. Text a spreadsheet would read as a formula (=, +, -, @, tab, CR first)
 * gets a leading apostrophe: documents are untrusted and this file is opened in Excel/WPS.
 */
export function csvField(value: string | number | null, options: { text?: boolean } = {}): string {
  if (value === null) return '';
  let s = typeof value === 'number' ? formatNumber(value) : showInvisible(value);
  if (options.text !== false && typeof value === 'string' && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export interface CsvEntry {
  /** The input's path below the batch directory (what the report files are named after). */
  relative: string;
  report: Report;
}

/** Every location of a finding, in words ("表1 第20行 第2列；表1 第20行 第7列"); another file's by its name first. */
export function locationsText(report: Report, finding: Finding, lang: Lang): string {
  return finding.at
    .map((loc) => {
      const place = locationText(loc, lang);
      return loc.file !== report.source.path ? `${baseName(loc.file)} ${place}`.trim() : place;
    })
    .filter(Boolean)
    .join(lang === 'zh' ? '；' : '; ');
}

/** One finding as the row of findings.csv and of the workbook's unit sheets (numbers stay numbers). */
export function findingRow(relative: string, report: Report, finding: Finding, lang: Lang): (string | number | null)[] {
  const form = finding.form === null ? null : report.forms[finding.form];
  return [
    relative,
    reportUnit(report),
    reportYear(report),
    form ? formKindLabel(form.kind, lang) : '',
    finding.rule,
    ruleTitle(finding.rule, lang),
    severityBadge(finding.severity, lang),
    finding.message,
    finding.declared,
    finding.computed,
    locationsText(report, finding, lang),
    finding.fingerprint,
  ];
}

const NUMERIC_COLUMNS = new Set([2, 8, 9]);

/** findings.csv text, BOM included; rows in the order given, findings in report order. */
export function renderFindingsCsv(entries: CsvEntry[], lang: Lang): string {
  const rows: string[] = [CSV_COLUMNS[lang].join(',')];
  for (const { relative, report } of entries) {
    for (const f of report.findings) {
      rows.push(findingRow(relative, report, f, lang).map((v, i) => csvField(v, { text: !NUMERIC_COLUMNS.has(i) })).join(','));
    }
  }
  return '\ufeff' + rows.join('\r\n') + '\r\n';
}
