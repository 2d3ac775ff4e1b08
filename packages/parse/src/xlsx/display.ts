/**
 * A cell's text as Excel shows it: the stored value through the cell's number format (ECMA-376
 * format codes, rendered by SheetJS's `ssf`). The rules then compare at the precision the form
 * showed: 0.8619 formatted `0.00%` reads "86.19%", 2021.2899999 formatted `0.00` reads "2021.29".
 */
import SSF from 'ssf';

/** What exceljs gives for a cell value (a subset: the shapes a form holds). */
export type RawValue = unknown;

/** The stored number behind a cell (a formula's cached result), or null when it holds none. */
export function numberOf(value: RawValue): number | null {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (value instanceof Date) return dateSerial(value);
  if (value && typeof value === 'object' && 'result' in value) return numberOf((value as { result: unknown }).result);
  return null;
}

/** Excel's 1900 serial of a date exceljs read (exceljs gives UTC midnight for a whole day). */
export function dateSerial(d: Date): number {
  return d.getTime() / 86_400_000 + 25569;
}

/** Formats a number with a format code; falls back to Excel's General when the code cannot be rendered. */
export function formatNumber(n: number, numFmt: string | undefined): string {
  const fmt = numFmt && numFmt.trim() !== '' ? numFmt : 'General';
  try {
    return SSF.format(fmt, n);
  } catch {
    try {
      return SSF.format('General', n);
    } catch {
      return String(n);
    }
  }
}

/** True when a format code shows dates or times (yyyy, m/d, hh:mm…), outside quoted literals and colours. */
export function isDateFormat(numFmt: string | undefined): boolean {
  if (!numFmt) return false;
  try {
    return SSF.is_date(numFmt);
  } catch {
    return false;
  }
}

/** The cell's text as Excel shows it. */
export function displayText(value: RawValue, numFmt: string | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? formatNumber(value, numFmt) : '';
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (value instanceof Date) {
    const fmt = isDateFormat(numFmt) ? numFmt : 'yyyy-mm-dd';
    return formatNumber(dateSerial(value), fmt);
  }
  if (typeof value === 'object') {
    const v = value as Record<string, unknown>;
    if (Array.isArray(v.richText)) return (v.richText as { text?: string }[]).map((r) => r.text ?? '').join('');
    if ('error' in v && typeof v.error === 'string') return v.error;
    if ('formula' in v || 'sharedFormula' in v || 'result' in v) return displayText(v.result ?? null, numFmt);
    if (typeof v.text === 'string') return v.text; // a hyperlink
    if (v.text && typeof v.text === 'object') return displayText(v.text, numFmt);
  }
  return '';
}
