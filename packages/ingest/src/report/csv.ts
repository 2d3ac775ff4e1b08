import type { Report } from '@jxaudit/model';
import type { Lang } from '@jxaudit/score';
import { showInvisible } from './escape.ts';
import { formKindLabel, formatNumber, locationText, reportUnit, reportYear } from './text.ts';

/* findings.csv (OPERATIONS.md "Reports on disk"): UTF-8 with BOM, RFC 4180, one row per finding. */

export const CSV_COLUMNS = [
  'file', 'unit', 'year', 'form', 'rule', 'severity', 'message', 'declared', 'computed', 'location', 'fingerprint',
] as const;

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

/** findings.csv text, BOM included; rows in the order given, findings in report order. */
export function renderFindingsCsv(entries: CsvEntry[], lang: Lang): string {
  const rows: string[] = [CSV_COLUMNS.join(',')];
  for (const { relative, report } of entries) {
    const unit = reportUnit(report);
    const year = reportYear(report);
    for (const f of report.findings) {
      const form = f.form === null ? null : report.forms[f.form];
      const main = f.at[0];
      rows.push(
        [
          csvField(relative),
          csvField(unit),
          csvField(year, { text: false }),
          csvField(form ? formKindLabel(form.kind, lang) : ''),
          csvField(f.rule),
          csvField(f.severity),
          csvField(f.message),
          csvField(f.declared, { text: false }),
          csvField(f.computed, { text: false }),
          csvField(main ? locationText(main, lang) : ''),
          csvField(f.fingerprint),
        ].join(','),
      );
    }
  }
  return '\ufeff' + rows.join('\r\n') + '\r\n';
}
