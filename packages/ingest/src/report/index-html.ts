import type { Report } from '@jxaudit/model';
import type { Lang } from '@jxaudit/score';
import { contentSecurityPolicy, html, raw } from './escape.ts';
import { INDEX_CSS } from './style.ts';
import { formsText, readErrorMessage, readErrorTitle, reportUnit, reportYear, severityLabel } from './text.ts';

/*
 * The batch index.html: one row per report file, sortable by column and filterable by unit and
 * severity with inline script (no server). Links are built from the report file paths below the
 * output folder, each segment URL-encoded; never from document text.
 */

export interface IndexEntry {
  /** The input's path below the batch directory; its report page is `<relative>.report.html`. */
  relative: string;
  report: Report;
}

const T = {
  zh: {
    title: '预算绩效自评检查 — 批次汇总',
    files: '文件数',
    file: '文件',
    unit: '单位',
    year: '年度',
    forms: '表',
    readError: '读取错误',
    report: '报告',
    open: '查看',
    allUnits: '全部单位',
    unitFilter: '单位',
    severityFilter: '严重程度',
    all: '全部',
    withReadError: '有读取错误',
    csv: '全部问题（CSV）',
    shown: '显示',
    none: '—',
    empty: '此目录中还没有报告。',
  },
  en: {
    title: 'Self-evaluation checks — batch index',
    files: 'Files',
    file: 'File',
    unit: 'Unit',
    year: 'Year',
    forms: 'Forms',
    readError: 'Read error',
    report: 'Report',
    open: 'open',
    allUnits: 'all units',
    unitFilter: 'Unit',
    severityFilter: 'Severity',
    all: 'all',
    withReadError: 'read errors',
    csv: 'All findings (CSV)',
    shown: 'shown',
    none: '—',
    empty: 'No reports in this folder yet.',
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

const INDEX_SCRIPT = `(function () {
  'use strict';
  var table = document.getElementById('index-table');
  var body = table.tBodies[0];
  var unitSelect = document.getElementById('filter-unit');
  var severitySelect = document.getElementById('filter-severity');
  var shown = document.getElementById('shown-count');
  function applyFilters() {
    var unit = unitSelect.value;
    var severity = severitySelect.value;
    var count = 0;
    Array.prototype.forEach.call(body.rows, function (row) {
      var ok = true;
      if (unit !== '' && row.getAttribute('data-unit') !== unit) ok = false;
      if (severity === 'read-error' && row.getAttribute('data-read-error') !== '1') ok = false;
      else if (severity !== '' && severity !== 'read-error' && Number(row.getAttribute('data-' + severity)) === 0) ok = false;
      row.hidden = !ok;
      if (ok) count++;
    });
    shown.textContent = String(count);
  }
  function sortBy(th) {
    var index = Array.prototype.indexOf.call(th.parentNode.children, th);
    var numeric = th.getAttribute('data-type') === 'num';
    var dir = th.getAttribute('aria-sort') === 'ascending' ? -1 : 1;
    Array.prototype.forEach.call(th.parentNode.children, function (h) { h.removeAttribute('aria-sort'); });
    th.setAttribute('aria-sort', dir === 1 ? 'ascending' : 'descending');
    var rows = Array.prototype.slice.call(body.rows);
    rows.sort(function (a, b) {
      var x = a.cells[index].getAttribute('data-sort') || '';
      var y = b.cells[index].getAttribute('data-sort') || '';
      if (numeric) return dir * ((Number(x) || 0) - (Number(y) || 0));
      return dir * x.localeCompare(y, 'zh-Hans-CN');
    });
    rows.forEach(function (row) { body.appendChild(row); });
  }
  Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th) {
    th.addEventListener('click', function () { sortBy(th); });
    th.addEventListener('keydown', function (e) { if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); sortBy(th); } });
  });
  unitSelect.addEventListener('change', applyFilters);
  severitySelect.addEventListener('change', applyFilters);
  applyFilters();
})();`;

export function renderIndexHtml(entries: IndexEntry[], lang: Lang): string {
  const w = T[lang];
  const units = [...new Set(entries.map((e) => reportUnit(e.report)).filter((u): u is string => !!u))].sort((a, b) =>
    a.localeCompare(b, 'zh-Hans-CN'),
  );
  const total = { errors: 0, warnings: 0, infos: 0, readErrors: 0 };
  const rows = entries.map(({ relative, report }) => {
    const unit = reportUnit(report) ?? '';
    const year = reportYear(report);
    const s = report.summary;
    total.errors += s.errors;
    total.warnings += s.warnings;
    total.infos += s.infos;
    if (report.error) total.readErrors++;
    const href = relativeHref(`${relative}.report.html`);
    const num = (n: number, sev: string) =>
      html`<td class="num sev-${sev}${n > 0 ? ' nonzero' : ''}" data-sort="${n}">${n}</td>`;
    return html`<tr data-file="${relative}" data-unit="${unit}" data-error="${s.errors}" data-warning="${s.warnings}" data-info="${s.infos}" data-read-error="${report.error ? '1' : '0'}"${raw(report.error ? ' class="has-read-error"' : '')}>
<td class="file" data-sort="${relative}"><a href="${href}">${relative}</a></td>
<td class="unit" data-sort="${unit}">${unit || w.none}</td>
<td class="num year" data-sort="${year ?? ''}">${year ?? w.none}</td>
<td class="forms" data-sort="${formsText(report, lang)}">${formsText(report, lang) || w.none}</td>
${num(s.errors, 'error')}${num(s.warnings, 'warning')}${num(s.infos, 'info')}
<td class="read-error-cell" data-sort="${report.error ? report.error.code : ''}">${
      report.error
        ? html`<span class="read-error-text" title="${readErrorMessage(report, lang)}">${readErrorTitle(report.error.code, lang)}</span>`
        : ''
    }</td>
<td class="link" data-sort="${relative}"><a href="${href}">${w.open}</a></td></tr>`;
  });
  const page = html`<!DOCTYPE html>
<html lang="${lang === 'zh' ? 'zh-CN' : 'en'}">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${contentSecurityPolicy(INDEX_SCRIPT)}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${w.title}</title>
<style>${raw(INDEX_CSS)}</style>
</head>
<body class="index-page">
<header><h1>${w.title}</h1></header>
<main>
<p class="totals" id="totals">${w.files} <b data-total="files">${entries.length}</b> · ${severityLabel('error', lang)} <b data-total="error">${total.errors}</b> · ${severityLabel('warning', lang)} <b data-total="warning">${total.warnings}</b> · ${severityLabel('info', lang)} <b data-total="info">${total.infos}</b> · ${w.readError} <b data-total="read-error">${total.readErrors}</b> · <a href="./findings.csv">${w.csv}</a></p>
<div class="filters no-print">
<label>${w.unitFilter} <select id="filter-unit"><option value="">${w.allUnits}</option>${units.map((u) => html`<option value="${u}">${u}</option>`)}</select></label>
<label>${w.severityFilter} <select id="filter-severity"><option value="">${w.all}</option><option value="error">${severityLabel('error', lang)}</option><option value="warning">${severityLabel('warning', lang)}</option><option value="info">${severityLabel('info', lang)}</option><option value="read-error">${w.withReadError}</option></select></label>
<span>${w.shown} <b id="shown-count">${entries.length}</b> / ${entries.length}</span>
</div>
${entries.length ? '' : html`<p class="none">${w.empty}</p>`}
<table class="index" id="index-table">
<thead><tr><th scope="col" tabindex="0" data-col="file">${w.file}</th><th scope="col" tabindex="0" data-col="unit">${w.unit}</th><th scope="col" tabindex="0" data-col="year" data-type="num">${w.year}</th><th scope="col" tabindex="0" data-col="forms">${w.forms}</th><th scope="col" tabindex="0" data-col="error" data-type="num">${severityLabel('error', lang)}</th><th scope="col" tabindex="0" data-col="warning" data-type="num">${severityLabel('warning', lang)}</th><th scope="col" tabindex="0" data-col="info" data-type="num">${severityLabel('info', lang)}</th><th scope="col" tabindex="0" data-col="read-error">${w.readError}</th><th scope="col" tabindex="0" data-col="report">${w.report}</th></tr></thead>
<tbody>${rows}</tbody>
</table>
</main>
<script>${raw(INDEX_SCRIPT)}</script>
</body>
</html>
`;
  return page.value;
}
