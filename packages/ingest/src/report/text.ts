import type { Finding, FormKind, Location, ReadErrorCode, Report, Severity } from '@jxaudit/model';
import { toHalfWidth } from '@jxaudit/model';
import { ruleById, type Lang } from '@jxaudit/score';

/*
 * Words shared by the HTML page, the batch index, findings.csv and the text summary:
 * severity and form-kind labels, rule titles, human locations, number formatting.
 */

export const SEVERITIES: readonly Severity[] = ['error', 'warning', 'info'];

const SEVERITY_LABEL: Record<Severity, { zh: string; en: string }> = {
  error: { zh: '错误', en: 'Errors' },
  warning: { zh: '警告', en: 'Warnings' },
  info: { zh: '提示', en: 'Notes' },
};

/** 错误 / 警告 / 提示 (plural English for headings). */
export function severityLabel(severity: Severity, lang: Lang): string {
  return SEVERITY_LABEL[severity][lang];
}

/** Singular English ("Error") for badges; Chinese unchanged. */
export function severityBadge(severity: Severity, lang: Lang): string {
  if (lang === 'zh') return SEVERITY_LABEL[severity].zh;
  return { error: 'Error', warning: 'Warning', info: 'Note' }[severity];
}

const KIND_LABEL: Record<FormKind, { zh: string; en: string }> = {
  'department-overall': { zh: '部门整体支出绩效自评表', en: 'Department overall self-evaluation form' },
  project: { zh: '项目支出绩效自评表', en: 'Project self-evaluation form' },
  report: { zh: '绩效自评报告', en: 'Self-evaluation report' },
};

export function formKindLabel(kind: FormKind, lang: Lang): string {
  return KIND_LABEL[kind][lang];
}

const KIND_SHORT: Record<FormKind, { zh: string; en: string }> = {
  'department-overall': { zh: '部门整体', en: 'Department' },
  project: { zh: '项目', en: 'Project' },
  report: { zh: '自评报告', en: 'Report' },
};

/** For tight places (the index): 部门整体 / 项目 / 自评报告. */
export function formKindShortLabel(kind: FormKind, lang: Lang): string {
  return KIND_SHORT[kind][lang];
}

/** The symbol beside a severity wherever colour marks it (print and colour-blind readers): ■ ▲ ●. */
export function severityIcon(severity: Severity): string {
  return { error: '■', warning: '▲', info: '●' }[severity];
}

/** What a rule checks, in one line, from its meta. */
export function ruleDescription(rule: string, lang: Lang): string {
  return ruleById(rule)?.meta.description[lang] ?? '';
}

/** A rule's short title, from its own meta in the score registry. */
export function ruleTitle(rule: string, lang: Lang): string {
  return ruleById(rule)?.meta.title[lang] ?? rule;
}

const READ_ERROR_TITLE: Record<ReadErrorCode, { zh: string; en: string }> = {
  empty: { zh: '文件为空', en: 'The file is empty' },
  'unsupported-format': { zh: '不支持的文件格式', en: 'Unsupported file format' },
  encrypted: { zh: '文件设有密码', en: 'The file is password-protected' },
  'corrupt-zip': { zh: '文件已损坏', en: 'The file is damaged' },
  'not-word': { zh: '不是 Word 文档', en: 'Not a Word document' },
  'too-large': { zh: '文件过大', en: 'The file is too large' },
  timeout: { zh: '处理超时', en: 'Processing took too long' },
  'unsafe-xml': { zh: '文件含不安全的内容', en: 'The file holds unsafe XML' },
  'too-deep': { zh: '文件结构嵌套过深', en: 'The document nests too deep' },
  undecodable: { zh: '无法识别文字编码', en: 'The text encoding cannot be read' },
  binary: { zh: '不是文本文件', en: 'Not a text file' },
  'no-form': { zh: '未识别出自评表或自评报告', en: 'No self-evaluation form or report recognised' },
  'not-found': { zh: '找不到文件', en: 'File not found' },
  'not-regular-file': { zh: '不是普通文件', en: 'Not a regular file' },
  'needs-converter': { zh: '需要安装格式转换软件', en: 'A converter must be installed' },
  'convert-failed': { zh: '格式转换失败', en: 'The conversion failed' },
};

export function readErrorTitle(code: ReadErrorCode, lang: Lang): string {
  return READ_ERROR_TITLE[code][lang];
}

/** What to do, when the error message itself does not already say it. */
export function readErrorAdvice(lang: Lang): string {
  return lang === 'zh'
    ? '请按上述说明处理后重新提交（.docx 或 .txt 格式的自评表、自评报告）。'
    : 'Fix the file as described above and submit it again (.docx or .txt forms or report).';
}

/** The message of a read error in the language asked for. */
export function readErrorMessage(report: Report, lang: Lang): string {
  if (!report.error) return '';
  return lang === 'en' ? report.error.messageEn : report.error.message;
}

/** "表1 第12行 第4列" / "第94行" / "第13段" (1-based for humans); "" when nothing is known. */
export function locationText(loc: Location, lang: Lang): string {
  // A workbook cell as Excel shows it: its sheet and A1 address (Location fields of workbooks).
  const { sheet, address } = loc as Location & { sheet?: string | null; address?: string | null };
  if (sheet && address) return lang === 'zh' ? `工作表“${sheet}” ${address}` : `sheet “${sheet}” ${address}`;
  if (loc.table !== null && loc.row !== null && loc.col !== null) {
    return lang === 'zh'
      ? `表${loc.table + 1} 第${loc.row + 1}行 第${loc.col + 1}列`
      : `table ${loc.table + 1} row ${loc.row + 1} col ${loc.col + 1}`;
  }
  if (loc.line !== null) return lang === 'zh' ? `第${loc.line}行` : `line ${loc.line}`;
  if (loc.table !== null) return lang === 'zh' ? `表${loc.table + 1}` : `table ${loc.table + 1}`;
  if (loc.paragraph !== null) return lang === 'zh' ? `第${loc.paragraph + 1}段` : `paragraph ${loc.paragraph + 1}`;
  return '';
}

/** The last path segment, for naming another file of the submission. */
export function baseName(path: string): string {
  return path.split(/[\\/]/).pop() ?? path;
}

/** A figure as a reader expects it: no binary noise, no exponent for ordinary sizes. */
export function formatNumber(n: number): string {
  if (!Number.isFinite(n)) return String(n);
  if (Number.isInteger(n)) return String(n);
  return String(Number(n.toFixed(6)));
}

/** Rounded half up at `decimals` as printed (94.485 → 94.49, not the binary 94.48). */
export function roundHalfUp(n: number, decimals = 2): number {
  if (!Number.isFinite(n)) return n;
  const sign = n < 0 ? -1 : 1;
  return sign * Number(`${Math.round(Number(`${Math.abs(n)}e${decimals}`))}e-${decimals}`);
}

/** Equal up to binary noise. */
export function sameNumber(a: number, b: number): boolean {
  return Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(b));
}

/** Every number printed in a text (full-width digits, thousands separators), with its span. */
export function numbersIn(text: string): { start: number; end: number; text: string; value: number }[] {
  const out: { start: number; end: number; text: string; value: number }[] = [];
  const numberRe = /[0-9０-９](?:[0-9０-９]|[,，](?=[0-9０-９]{3})|[.．](?=[0-9０-９]))*/g;
  for (let m = numberRe.exec(text); m; m = numberRe.exec(text)) {
    out.push({ start: m.index, end: m.index + m[0].length, text: m[0], value: Number(toHalfWidth(m[0]).replace(/[,，]/g, '')) });
  }
  return out;
}

/** Rules whose declared and computed figures are fractions (RULES.md: "both as fractions"). */
const FRACTION_RULES = new Set(['exec-rate-recompute']);

/**
 * declared/computed for display: fractions of rate rules as percentages; a figure printed in
 * `printedIn` (the main location's text) keeps its printed decimals ("3582.30", not "3582.3").
 */
export function formatFigure(rule: string, n: number, printedIn?: string): string {
  if (FRACTION_RULES.has(rule)) return `${formatNumber(n * 100)}%`;
  if (printedIn) {
    const printed = numbersIn(printedIn).find((m) => sameNumber(m.value, n));
    if (printed) return toHalfWidth(printed.text).replace(/[,，]/g, '');
  }
  return formatNumber(n);
}

/** The unit of a report: its submission's, else the first form's that names one. */
export function reportUnit(report: Report): string | null {
  return report.submission?.unit ?? report.forms.find((f) => f.unit)?.unit ?? null;
}

/** The year of a report: its submission's, else the first form's that names one. */
export function reportYear(report: Report): number | null {
  return report.submission?.year ?? report.forms.find((f) => f.year !== null)?.year ?? null;
}

/** Form kinds of a report for lists ("部门整体支出绩效自评表、绩效自评报告"). */
export function formsText(report: Report, lang: Lang): string {
  return report.forms.map((f) => formKindLabel(f.kind, lang)).join(lang === 'zh' ? '、' : ', ');
}

/** The form a finding belongs to, or null. */
export function findingForm(report: Report, finding: Finding) {
  return finding.form === null ? null : (report.forms[finding.form] ?? null);
}
