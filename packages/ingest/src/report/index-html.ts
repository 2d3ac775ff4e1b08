import type { Form, Report, Severity } from '@jxaudit/model';
import type { Lang } from '@jxaudit/score';
import { contentSecurityPolicy, html, raw, type Html } from './escape.ts';
import { beijingTime, gradeLabel } from './labels.ts';
import { INDEX_PAGE_SCRIPT } from './page-script.ts';
import { INDEX_CSS } from './style.ts';
import {
  SEVERITIES,
  formKindShortLabel,
  formatNumber,
  readErrorMessage,
  readErrorTitle,
  reportUnit,
  reportYear,
  roundHalfUp,
  ruleTitle,
  severityIcon,
  severityLabel,
} from './text.ts';

/*
 * The batch index.html: one row per submission (unit × year) with its files, the totals and
 * grades of its forms (自评 → 复核) and its findings by severity; filters by unit, severity, rule
 * and status whose totals follow the filters, and sortable columns (errors, most first, to
 * begin with). No server: the page script filters and sorts the rows. Links are built from the
 * report file paths below the output folder, each segment URL-encoded; never from document text.
 */

export interface IndexEntry {
  /** The input's path below the batch directory; its report page is `<relative>.report.html`. */
  relative: string;
  report: Report;
}

export type SubmissionStatus = 'read-error' | 'errors' | 'warnings' | 'infos' | 'clean';

/** The files of one unit and year (or one unreadable file), with what the index shows of them. */
export interface SubmissionRow {
  key: string;
  unit: string | null;
  year: number | null;
  entries: IndexEntry[];
  counts: Record<Severity, number>;
  /** Per rule: its findings by severity. */
  rules: Map<string, Record<Severity, number>>;
  readErrors: number;
  status: SubmissionStatus;
  /** The version checked (submission records), and what changed since the previous one. */
  version: number | null;
  diff: { fixed: number; new: number; unchanged: number } | null;
  /** The table forms of every file, with their totals (`rescored`, when the report has it). */
  forms: { form: Form; relative: string }[];
}

const STATUS_ORDER: SubmissionStatus[] = ['read-error', 'errors', 'warnings', 'infos', 'clean'];

/** A submission's status in words (the index and the workbook). */
export const STATUS_LABELS: Record<Lang, Record<SubmissionStatus, string>> = {
  zh: { 'read-error': '有文件无法读取', errors: '有错误', warnings: '有警告', infos: '仅有提示', clean: '未发现问题' },
  en: { 'read-error': 'a file cannot be read', errors: 'errors', warnings: 'warnings', infos: 'notes only', clean: 'no findings' },
};

const T = {
  zh: {
    title: '预算绩效自评检查 — 批次汇总',
    generated: '生成时间',
    submissions: '提交',
    files: '文件',
    unit: '单位',
    year: '年度',
    forms: '表与总分（自评 → 复核）',
    status: '状态',
    readError: '无法读取',
    allUnits: '全部单位',
    unitFilter: '单位',
    severityFilter: '严重程度',
    ruleFilter: '规则',
    statusFilter: '状态',
    all: '全部',
    withSeverity: (s: string) => `有${s}`,
    csv: '全部问题（CSV）',
    xlsx: '全部问题（Excel）',
    shown: ['显示 ', ' / ', ' 个提交'],
    none: '—',
    empty: '此目录中还没有报告。',
    statuses: STATUS_LABELS.zh,
    version: (v: number) => `第${v}版`,
    diff: (d: { fixed: number; new: number; unchanged: number }) => `：已整改 ${d.fixed} 项，新增 ${d.new} 项，仍有 ${d.unchanged} 项`,
    notRescored: '未复核',
    open: '查看报告',
  },
  en: {
    title: 'Self-evaluation checks — batch index',
    generated: 'Generated',
    submissions: 'Submissions',
    files: 'Files',
    unit: 'Unit',
    year: 'Year',
    forms: 'Forms and totals (self-assessed → recomputed)',
    status: 'Status',
    readError: 'Unreadable',
    allUnits: 'all units',
    unitFilter: 'Unit',
    severityFilter: 'Severity',
    ruleFilter: 'Rule',
    statusFilter: 'Status',
    all: 'all',
    withSeverity: (s: string) => `with ${s.toLowerCase()}`,
    csv: 'All findings (CSV)',
    xlsx: 'All findings (Excel)',
    shown: ['showing ', ' of ', ' submissions'],
    none: '—',
    empty: 'No reports in this folder yet.',
    statuses: STATUS_LABELS.en,
    version: (v: number) => `version ${v}`,
    diff: (d: { fixed: number; new: number; unchanged: number }) => `: ${d.fixed} fixed, ${d.new} new, ${d.unchanged} still there`,
    notRescored: 'not recomputed',
    open: 'open',
  },
} as const;

/** A relative path as a URL path: every segment encoded, so no name can become a scheme or a query. */
export function relativeHref(relativePath: string): string {
  return relativePath
    .split(/[\\/]/)
    .map((s) => encodeURIComponent(s))
    .join('/')
    .replace(/^/, './');
}

/**
 * Reports grouped by submission (its stable id: unit × year; an unreadable file, or one with no
 * unit, is a row of its own), sorted errors, most first. A submission's counts are its version's
 * (each finding once, though copies of a form in several files each report it on their own
 * cells); a finding is counted once per rule by its fingerprint.
 */
export function submissionRows(entries: readonly IndexEntry[]): SubmissionRow[] {
  const rows = new Map<string, SubmissionRow & { seen: Set<string>; latest: Report | null }>();
  for (const entry of entries) {
    const { report } = entry;
    const unit = reportUnit(report);
    const year = reportYear(report);
    const key = report.error || !unit ? `file:${entry.relative}` : (report.submission?.id ?? `${unit.replace(/\s+/g, '')}|${year ?? ''}`);
    let row = rows.get(key);
    if (!row) {
      row = { key, unit, year, entries: [], counts: { error: 0, warning: 0, info: 0 }, rules: new Map(), readErrors: 0, status: 'clean', forms: [], version: null, diff: null, seen: new Set(), latest: null };
      rows.set(key, row);
    }
    row.entries.push(entry);
    if (report.error) row.readErrors++;
    for (const f of report.findings) {
      if (row.seen.has(f.fingerprint)) continue;
      row.seen.add(f.fingerprint);
      row.counts[f.severity]++;
      const byRule = row.rules.get(f.rule) ?? { error: 0, warning: 0, info: 0 };
      byRule[f.severity]++;
      row.rules.set(f.rule, byRule);
    }
    for (const form of report.forms) {
      if (form.kind === 'report') continue;
      // A copy of a form in another file of the submission (the combined .docx beside its attachments) is listed once.
      const same = row.forms.some(({ form: f }) => f.kind === form.kind && f.projectName === form.projectName && f.totals?.score === form.totals?.score && f.rescored?.recomputed === form.rescored?.recomputed);
      if (!same) row.forms.push({ form, relative: entry.relative });
    }
    if (!report.error && report.versions && (!row.latest?.versions || report.versions.version > row.latest.versions.version)) row.latest = report;
  }
  for (const row of rows.values()) {
    const versions = row.latest?.versions;
    if (versions) {
      row.version = versions.version;
      row.diff = versions.diff?.counts ?? null;
      row.counts = { error: versions.summary.errors, warning: versions.summary.warnings, info: versions.summary.infos };
    }
  }
  for (const row of rows.values()) {
    row.status = row.readErrors ? 'read-error' : row.counts.error ? 'errors' : row.counts.warning ? 'warnings' : row.counts.info ? 'infos' : 'clean';
  }
  return [...rows.values()].map(({ seen: _seen, latest: _latest, ...row }) => row).sort(
    (a, b) =>
      b.counts.error - a.counts.error ||
      b.counts.warning - a.counts.warning ||
      b.counts.info - a.counts.info ||
      STATUS_ORDER.indexOf(a.status) - STATUS_ORDER.indexOf(b.status) ||
      (a.unit ?? '').localeCompare(b.unit ?? '', 'zh-Hans-CN') ||
      (a.year ?? 0) - (b.year ?? 0) ||
      a.key.localeCompare(b.key),
  );
}

function formScore(form: Form, lang: Lang, w: (typeof T)[Lang]): Html {
  const r = form.rescored;
  const declared = r ? r.declared : (form.totals?.score ?? null);
  const fig = (n: number | null) => (n === null ? w.none : formatNumber(roundHalfUp(n)));
  const grade = (g: string | null | undefined) => (g ? html` <span class="grade">${gradeLabel(g, lang)}</span>` : '');
  const recomputed = r ? html`${fig(r.recomputed)}${grade(r.recomputedGrade)}` : html`<span class="muted">${w.notRescored}</span>`;
  const name = formKindShortLabel(form.kind, lang);
  return html`<li class="form-score" data-declared="${declared ?? ''}" data-recomputed="${r?.recomputed ?? ''}"><span class="form-name">${name}${form.projectName ? html`（<span class="doc-text">${form.projectName}</span>）` : ''}</span> ${fig(declared)}${grade(r?.declaredGrade)} → ${recomputed}</li>`;
}

export function renderIndexHtml(entries: IndexEntry[], lang: Lang, options: { generatedAt?: string; xlsx?: boolean } = {}): string {
  const w = T[lang];
  const rows = submissionRows(entries);
  const units = [...new Set(rows.map((r) => r.unit).filter((u): u is string => !!u))].sort((a, b) => a.localeCompare(b, 'zh-Hans-CN'));
  const rules = [...new Set(rows.flatMap((r) => [...r.rules.keys()]))].sort((a, b) => ruleTitle(a, lang).localeCompare(ruleTitle(b, lang), 'zh-Hans-CN'));
  const files = entries.length;
  const total = { error: 0, warning: 0, info: 0, readErrors: 0 };
  for (const r of rows) {
    for (const s of SEVERITIES) total[s] += r.counts[s];
    total.readErrors += r.readErrors;
  }
  const body = rows.map((row) => {
    const ruleData = [...row.rules].map(([rule, c]) => `${rule}:${c.error}:${c.warning}:${c.info}`).join(' ');
    const num = (s: Severity) =>
      html`<td class="num sev-${s}${row.counts[s] > 0 ? ' nonzero' : ''}" data-sort="${row.counts[s]}" data-label="${severityLabel(s, lang)}">${row.counts[s]}</td>`;
    const lowest = row.forms.map(({ form }) => form.rescored?.recomputed ?? form.totals?.score ?? null).filter((x): x is number => x !== null);
    const fileList = html`${row.version !== null ? html`<p class="version">${w.version(row.version)}${row.diff ? w.diff(row.diff) : ''}</p>` : ''}<ul class="sub-files">${row.entries.map(
      ({ relative, report }) =>
        html`<li${report.error ? raw(' class="has-read-error"') : ''}><a href="${relativeHref(`${relative}.report.html`)}" class="doc-text">${relative}</a>${
          report.error ? html` <span class="read-error-text" title="${readErrorMessage(report, lang)}">${readErrorTitle(report.error.code, lang)}</span>` : ''
        }</li>`,
    )}</ul>`;
    return html`<tr data-unit="${row.unit ?? ''}" data-year="${row.year ?? ''}" data-files="${row.entries.length}" data-error="${row.counts.error}" data-warning="${row.counts.warning}" data-info="${row.counts.info}" data-read-errors="${row.readErrors}" data-status="${row.status}" data-rules="${ruleData}"${row.readErrors ? raw(' class="has-read-error"') : ''}>
<td class="unit doc-text" data-sort="${row.unit ?? ''}">${row.unit ?? w.none}</td>
<td class="num year" data-sort="${row.year ?? ''}" data-label="${w.year}">${row.year ?? w.none}</td>
<td class="files" data-sort="${row.entries[0]!.relative}">${fileList}</td>
<td class="forms" data-sort="${lowest.length ? Math.min(...lowest) : ''}">${row.forms.length ? html`<ul class="sub-forms">${row.forms.map(({ form }) => formScore(form, lang, w))}</ul>` : w.none}</td>
${num('error')}${num('warning')}${num('info')}
<td class="status status-${row.status}" data-sort="${STATUS_ORDER.indexOf(row.status)}">${w.statuses[row.status]}</td></tr>`;
  });
  const th = (col: string, label: string, type: 'num' | 'text', first: 'asc' | 'desc', sort?: 'descending') =>
    html`<th scope="col" tabindex="0" data-col="${col}" data-sortable data-type="${type}" data-first="${first}"${sort ? html` aria-sort="${sort}"` : ''}>${label}</th>`;
  const severityOptions = SEVERITIES.map((s) => html`<option value="${s}">${w.withSeverity(severityLabel(s, lang))}</option>`);
  const page = html`<!DOCTYPE html>
<html lang="${lang === 'zh' ? 'zh-CN' : 'en'}">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${contentSecurityPolicy(INDEX_PAGE_SCRIPT)}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${w.title}</title>
<style>${raw(INDEX_CSS)}</style>
</head>
<body class="index-page">
<header class="index-head"><h1>${w.title}</h1>${options.generatedAt ? html`<p>${w.generated} ${beijingTime(options.generatedAt, lang)}</p>` : ''}</header>
<main>
<div class="filters no-print">
<label>${w.unitFilter} <select id="filter-unit"><option value="">${w.allUnits}</option>${units.map((u) => html`<option value="${u}">${u}</option>`)}</select></label>
<label>${w.severityFilter} <select id="filter-severity"><option value="">${w.all}</option>${severityOptions}</select></label>
<label>${w.ruleFilter} <select id="filter-rule"><option value="">${w.all}</option>${rules.map((r) => html`<option value="${r}">${ruleTitle(r, lang)}</option>`)}</select></label>
<label>${w.statusFilter} <select id="filter-status"><option value="">${w.all}</option>${STATUS_ORDER.map((s) => html`<option value="${s}">${w.statuses[s]}</option>`)}</select></label>
</div>
<p class="totals" id="totals">${w.shown[0]}<b id="shown-count">${rows.length}</b>${w.shown[1]}${rows.length}${w.shown[2]} · ${w.files} <b data-total="files">${files}</b> · ${SEVERITIES.map(
    (s) => html`<span class="sev-${s}"><span aria-hidden="true">${severityIcon(s)}</span> ${severityLabel(s, lang)} <b data-total="${s}">${total[s]}</b></span> · `,
  )}${w.readError} <b data-total="read-error">${total.readErrors}</b> · <a href="./findings.csv">${w.csv}</a>${options.xlsx === false ? '' : html` · <a href="./findings.xlsx">${w.xlsx}</a>`}</p>
${rows.length ? '' : html`<p class="none">${w.empty}</p>`}
<div class="index-scroll"><table class="index" id="index-table">
<thead><tr>${th('unit', w.unit, 'text', 'asc')}${th('year', w.year, 'num', 'desc')}${th('files', w.files, 'text', 'asc')}${th('forms', w.forms, 'num', 'asc')}${th('error', severityLabel('error', lang), 'num', 'desc', 'descending')}${th('warning', severityLabel('warning', lang), 'num', 'desc')}${th('info', severityLabel('info', lang), 'num', 'desc')}${th('status', w.status, 'num', 'asc')}</tr></thead>
<tbody>${body}</tbody>
</table></div>
</main>
<script>${raw(INDEX_PAGE_SCRIPT)}</script>
</body>
</html>
`;
  return page.value;
}
