import type { Block, Finding, Form, Location, Report, Severity } from '@jxaudit/model';
import type { Lang } from '@jxaudit/score';
import { contentSecurityPolicy, esc, figureSpans, html, join, lines, markSpans, raw, type Html } from './escape.ts';
import { PAGE_CSS } from './style.ts';
import {
  DETAIL_LABELS,
  SEVERITIES,
  baseName,
  detailEntryText,
  formKindLabel,
  formatFigure,
  formatNumber,
  locationText,
  readErrorAdvice,
  readErrorMessage,
  readErrorTitle,
  reportUnit,
  reportYear,
  ruleTitle,
  severityBadge,
  severityLabel,
} from './text.ts';

/*
 * The per-file HTML page (REPORT.md, ARCHITECTURE.md "Outputs"): self-contained, printable,
 * the submission summary, every finding with its figures and places, and the rebuilt tables of
 * each form with the cells each finding rests on marked. Clicking a finding scrolls to its cells;
 * clicking a marked cell lists its findings. Document text is untrusted: it is escaped everywhere
 * and the inline script only moves nodes and sets textContent.
 */

export interface ReportHtmlOptions {
  lang: Lang;
  /** The file's table and paragraph blocks; when absent, tables are drawn from the forms' located values. */
  blocks?: Block[];
}

interface GridCell {
  row: number;
  col: number;
  rowSpan: number;
  colSpan: number;
  text: string;
}

interface GridModel {
  index: number;
  rows: number;
  cols: number;
  cells: GridCell[];
  /** Drawn from located values only (no blocks given). */
  partial: boolean;
}

const T = {
  zh: {
    pageTitle: '预算绩效自评检查报告',
    summary: '概况',
    file: '文件',
    unit: '单位',
    year: '年度',
    submissionFiles: '同一提交的文件',
    forms: '识别出的表',
    profile: '评分口径',
    counts: '问题数',
    source: '读取方式',
    generated: '生成时间',
    tool: '工具',
    warnings: '读取说明',
    findings: '发现的问题',
    noFindings: '未发现问题。',
    declared: '标注',
    computed: '复核',
    difference: '差',
    where: '位置',
    tables: '重建的表格',
    otherTables: '其他表格',
    partialGrid: '未提供原始表格：仅显示已识别的单元格。',
    facts: '报告中的数字',
    factLabel: '项目',
    factValue: '数值',
    factKey: '类别',
    factWhere: '位置',
    factSentence: '原句',
    malformed: '表述不规范的数字',
    assumed: '按此理解',
    readError: '无法读取此文件',
    whatToDo: '怎么办',
    cellFindings: '此单元格的问题',
    close: '关闭',
    goTo: '查看',
    submissionLevel: '提交层面',
    none: '—',
    legend: '标记的单元格：点击可列出相关问题；点击问题可定位到单元格。',
    otherFile: '另一文件',
  },
  en: {
    pageTitle: 'Budget-performance self-evaluation check',
    summary: 'Summary',
    file: 'File',
    unit: 'Unit',
    year: 'Year',
    submissionFiles: 'Files of the submission',
    forms: 'Forms recognised',
    profile: 'Profile',
    counts: 'Findings',
    source: 'Read as',
    generated: 'Generated',
    tool: 'Tool',
    warnings: 'Reading notes',
    findings: 'Findings',
    noFindings: 'No findings.',
    declared: 'declared',
    computed: 'recomputed',
    difference: 'difference',
    where: 'Where',
    tables: 'Rebuilt tables',
    otherTables: 'Other tables',
    partialGrid: 'The original table was not supplied: only recognised cells are shown.',
    facts: 'Figures in the report',
    factLabel: 'Item',
    factValue: 'Value',
    factKey: 'Key',
    factWhere: 'Where',
    factSentence: 'Sentence',
    malformed: 'Malformed quantities',
    assumed: 'Read as',
    readError: 'This file could not be read',
    whatToDo: 'What to do',
    cellFindings: 'Findings on this cell',
    close: 'Close',
    goTo: 'Show',
    submissionLevel: 'submission',
    none: '—',
    legend: 'Marked cells: click one to list its findings; click a finding to jump to its cells.',
    otherFile: 'another file',
  },
} as const;

type Words = (typeof T)['zh'] | (typeof T)['en'];

const SEVERITY_RANK: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

function cellKey(table: number, row: number, col: number): string {
  return `t${table}r${row}c${col}`;
}

/** Every located value of a form, for drawing its table when no blocks are given. */
function formLocations(form: Form): Location[] {
  const out: Location[] = [form.at];
  for (const f of form.funds) {
    out.push(f.at);
    for (const c of Object.values(f.cells)) if (c) out.push(c);
  }
  for (const line of [...(form.composition?.byIncome ?? []), ...(form.composition?.byExpense ?? [])]) out.push(line.at);
  for (const ind of form.indicators) {
    out.push(ind.at);
    for (const c of Object.values(ind.cells)) if (c) out.push(c);
  }
  if (form.totals) {
    out.push(form.totals.at);
    for (const c of Object.values(form.totals.cells)) if (c) out.push(c);
  }
  return out;
}

function gridsFromBlocks(blocks: Block[]): Map<number, GridModel> {
  const grids = new Map<number, GridModel>();
  for (const b of blocks) {
    if (b.type !== 'table') continue;
    grids.set(b.index, {
      index: b.index,
      rows: b.rows,
      cols: b.cols,
      cells: b.cells.map((c) => ({ row: c.row, col: c.col, rowSpan: c.rowSpan, colSpan: c.colSpan, text: c.text })),
      partial: false,
    });
  }
  return grids;
}

function gridsFromLocations(locations: Location[]): Map<number, GridModel> {
  const byTable = new Map<number, Map<string, GridCell>>();
  for (const loc of locations) {
    if (loc.table === null || loc.row === null || loc.col === null) continue;
    let cells = byTable.get(loc.table);
    if (!cells) byTable.set(loc.table, (cells = new Map()));
    const k = `${loc.row},${loc.col}`;
    if (!cells.has(k)) cells.set(k, { row: loc.row, col: loc.col, rowSpan: 1, colSpan: 1, text: loc.text });
  }
  const grids = new Map<number, GridModel>();
  for (const [index, cells] of [...byTable].sort((a, b) => a[0] - b[0])) {
    const list = [...cells.values()];
    grids.set(index, {
      index,
      rows: Math.max(...list.map((c) => c.row)) + 1,
      cols: Math.max(...list.map((c) => c.col)) + 1,
      cells: list,
      partial: true,
    });
  }
  return grids;
}

function coveringCell(grid: GridModel, row: number, col: number): GridCell | null {
  return (
    grid.cells.find((c) => row >= c.row && row < c.row + c.rowSpan && col >= c.col && col < c.col + c.colSpan) ?? null
  );
}

/** The page key of a location in this file: its (origin) cell, or its paragraph/line. */
function locationKey(loc: Location, grids: Map<number, GridModel>): string | null {
  if (loc.table !== null && loc.row !== null && loc.col !== null) {
    const grid = grids.get(loc.table);
    const origin = grid ? coveringCell(grid, loc.row, loc.col) : null;
    return origin ? cellKey(loc.table, origin.row, origin.col) : cellKey(loc.table, loc.row, loc.col);
  }
  if (loc.paragraph !== null) return `p${loc.paragraph}`;
  if (loc.line !== null) return `l${loc.line}`;
  return null;
}

/** Printed hints of the declared figure in a sentence (rule-specific raw texts in detail). */
function figureHints(finding: Finding): string[] {
  const hints: string[] = [];
  for (const k of ['raw', 'declaredRaw', 'declaredText', 'printed']) {
    const v = finding.detail[k];
    if (typeof v === 'string' && v.trim()) hints.push(v);
  }
  return hints;
}

function severityCounts(report: Report, w: Words, lang: Lang): Html {
  const n: Record<Severity, number> = { error: report.summary.errors, warning: report.summary.warnings, info: report.summary.infos };
  return join(
    SEVERITIES.map(
      (s) => html`<span class="pill sev-${s}" data-count="${s}">${severityLabel(s, lang)} <b>${n[s]}</b></span>`,
    ),
    ' ',
  );
}

function renderSummary(report: Report, lang: Lang, w: Words): Html {
  const src = report.source;
  const unit = reportUnit(report);
  const year = reportYear(report);
  const readAs = [src.format, src.layout, src.encoding, src.encodingMethod].filter(Boolean).join(' · ');
  const formsList = report.forms.length
    ? html`<ol class="forms-list">${report.forms.map(
        (f, i) =>
          html`<li><a href="#form-${i}">${formKindLabel(f.kind, lang)}</a>${f.title && f.title !== formKindLabel(f.kind, lang) ? html` <span class="doc-text">“${f.title}”</span>` : ''}${f.projectName ? html` · ${f.projectName}` : ''}</li>`,
      )}</ol>`
    : w.none;
  const files = report.submission?.files ?? [src.path];
  return html`<section id="summary"><h2>${w.summary}</h2><dl class="summary">
<dt>${w.file}</dt><dd class="doc-text" id="source-path">${src.path}</dd>
<dt>${w.unit}</dt><dd class="doc-text" id="unit">${unit ?? w.none}</dd>
<dt>${w.year}</dt><dd id="year">${year ?? w.none}</dd>
<dt>${w.submissionFiles}</dt><dd><ul class="files">${files.map((f) => html`<li class="doc-text${f === src.path ? ' this-file' : ''}">${f}</li>`)}</ul></dd>
<dt>${w.forms}</dt><dd>${formsList}</dd>
<dt>${w.profile}</dt><dd id="profile">${report.profile ?? w.none}</dd>
<dt>${w.counts}</dt><dd id="counts">${severityCounts(report, w, lang)}</dd>
<dt>${w.source}</dt><dd>${readAs || w.none}${src.replacementChars ? ` (U+FFFD × ${src.replacementChars})` : ''}</dd>
<dt>${w.generated}</dt><dd>${report.generatedAt}</dd>
<dt>${w.tool}</dt><dd>${report.tool.name} ${report.tool.version}</dd>
</dl>${
    report.warnings.length
      ? html`<details class="warnings"><summary>${w.warnings} (${report.warnings.length})</summary><ul>${report.warnings.map(
          (x) => html`<li><code>${x.code}</code> ${x.message}</li>`,
        )}</ul></details>`
      : ''
  }</section>`;
}

function renderError(report: Report, lang: Lang, w: Words): Html {
  if (!report.error) return raw('');
  return html`<section id="read-error" class="read-error" role="alert"><h2>${w.readError}: ${readErrorTitle(report.error.code, lang)}</h2>
<p class="error-message">${readErrorMessage(report, lang)}</p>
<p class="error-code"><code>${report.error.code}</code></p>
<h3>${w.whatToDo}</h3><p>${readErrorAdvice(lang)}</p></section>`;
}

function renderFinding(
  report: Report,
  finding: Finding,
  index: number,
  keys: string[],
  lang: Lang,
  w: Words,
): Html {
  const file = report.source.path;
  const form = finding.form === null ? null : report.forms[finding.form];
  const figures =
    finding.declared !== null || finding.computed !== null
      ? html`<p class="figures"><span class="declared">${w.declared} ${finding.declared === null ? w.none : formatFigure(finding.rule, finding.declared, finding.at[0]?.text)}</span> → <span class="computed">${w.computed} ${finding.computed === null ? w.none : formatFigure(finding.rule, finding.computed)}</span>${
          finding.declared !== null && finding.computed !== null && finding.rule !== 'exec-rate-recompute'
            ? html` <span class="diff">(${w.difference} ${finding.computed - finding.declared > 0 ? '+' : ''}${formatNumber(finding.computed - finding.declared)})</span>`
            : ''
        }</p>`
      : '';
  const detailKeys = [
    ...Object.keys(DETAIL_LABELS).filter((k) => k in finding.detail),
    ...Object.keys(finding.detail).filter((k) => !(k in DETAIL_LABELS)),
  ];
  const detail = detailKeys.length
    ? html`<dl class="detail">${detailKeys.map(
        (k) => html`<dt>${DETAIL_LABELS[k]?.[lang] ?? k}</dt><dd class="doc-text">${detailEntryText(k, finding.detail[k])}</dd>`,
      )}</dl>`
    : '';
  const hints = figureHints(finding);
  const locs = finding.at.map((loc, i) => {
    const here = loc.file === file;
    const where = locationText(loc, lang);
    const prefix = here ? '' : html`<span class="other-file">${baseName(loc.file)}</span> `;
    const isCell = loc.table !== null && loc.row !== null && loc.col !== null;
    const key = here ? keys[i] : null;
    const place = key ? html`<a class="goto" href="#loc-${key}" data-key="${key}">${where || w.where}</a>` : html`<span>${where}</span>`;
    if (isCell) return html`<li>${prefix}${place} <q class="doc-text">${loc.text}</q></li>`;
    const spans = i === 0 || finding.at.length === 1 ? figureSpans(loc.text, finding.declared, hints) : figureSpans(loc.text, null, hints);
    return html`<li>${prefix}${place}<blockquote class="sentence doc-text">${markSpans(loc.text, spans)}</blockquote></li>`;
  });
  const targets = [...new Set(keys.filter((k) => k !== ''))];
  return html`<li class="finding sev-${finding.severity}" id="finding-${index}" data-finding="${index}" data-rule="${finding.rule}" data-severity="${finding.severity}" data-targets="${targets.join(' ')}" tabindex="0">
<div class="finding-head"><span class="badge sev-${finding.severity}">${severityBadge(finding.severity, lang)}</span> <span class="rule-title">${ruleTitle(finding.rule, lang)}</span> <code class="rule">${finding.rule}</code>${
    form ? html` <span class="form-ref">${formKindLabel(form.kind, lang)}</span>` : html` <span class="form-ref">${w.submissionLevel}</span>`
  }</div>
<p class="message doc-text">${finding.message}</p>${figures}${detail}
<ul class="locations">${locs}</ul></li>`;
}

function renderGrid(grid: GridModel, marks: Map<string, number[]>, worst: Map<string, Severity>, lang: Lang, w: Words): Html {
  const covered: (GridCell | null)[][] = Array.from({ length: grid.rows }, () => Array.from({ length: grid.cols }, () => null));
  for (const cell of grid.cells) {
    for (let r = cell.row; r < Math.min(grid.rows, cell.row + cell.rowSpan); r++) {
      for (let c = cell.col; c < Math.min(grid.cols, cell.col + cell.colSpan); c++) covered[r]![c] = cell;
    }
  }
  const rows: Html[] = [];
  for (let r = 0; r < grid.rows; r++) {
    const tds: Html[] = [html`<th class="rownum" scope="row">${r + 1}</th>`];
    for (let c = 0; c < grid.cols; c++) {
      const cell = covered[r]![c];
      if (!cell) {
        tds.push(raw('<td class="cell empty"></td>'));
        continue;
      }
      if (cell.row !== r || cell.col !== c) continue;
      const key = cellKey(grid.index, r, c);
      const found = marks.get(key);
      const spans = `${cell.rowSpan > 1 ? ` rowspan="${cell.rowSpan}"` : ''}${cell.colSpan > 1 ? ` colspan="${cell.colSpan}"` : ''}`;
      const loc = locationText({ file: '', table: grid.index, row: r, col: c, line: null, paragraph: null, text: '' }, lang);
      if (found) {
        tds.push(
          html`<td${raw(spans)} class="cell marked sev-${worst.get(key)!}" id="loc-${key}" data-key="${key}" data-loc="${loc}" data-findings="${found.join(' ')}" tabindex="0" title="${loc}">${lines(cell.text)}</td>`,
        );
      } else {
        tds.push(html`<td${raw(spans)} class="cell" data-key="${key}">${lines(cell.text)}</td>`);
      }
    }
    rows.push(html`<tr>${tds}</tr>`);
  }
  const colHead = html`<tr><th></th>${Array.from({ length: grid.cols }, (_, c) => html`<th scope="col">${c + 1}</th>`)}</tr>`;
  const caption = lang === 'zh' ? `表${grid.index + 1}` : `Table ${grid.index + 1}`;
  return html`<figure class="grid-wrap" id="table-${grid.index}"><figcaption>${caption}${grid.partial ? html` <small class="partial">${w.partialGrid}</small>` : ''}</figcaption>
<table class="grid" data-table="${grid.index}"><thead>${colHead}</thead><tbody>${rows}</tbody></table></figure>`;
}

function renderFacts(form: Form, marks: Map<string, number[]>, worst: Map<string, Severity>, lang: Lang, w: Words): Html {
  const seen = new Set<string>();
  const rows = form.facts.map((fact) => {
    const key = fact.at.paragraph !== null ? `p${fact.at.paragraph}` : fact.at.line !== null ? `l${fact.at.line}` : null;
    const found = key ? marks.get(key) : undefined;
    const id = key && found && !seen.has(key) ? (seen.add(key), ` id="loc-${key}"`) : '';
    const spans = figureSpans(fact.at.text, null, [fact.raw]);
    const attrs = found
      ? html`${raw(id)} class="fact marked sev-${worst.get(key!)!}" data-key="${key!}" data-loc="${locationText(fact.at, lang)}" data-findings="${found.join(' ')}" tabindex="0"`
      : html` class="fact"${key ? html` data-key="${key}"` : ''}`;
    return html`<tr${attrs}><td class="doc-text">${fact.label}</td><td class="num doc-text">${fact.raw}</td><td><code>${fact.key}</code></td><td>${locationText(fact.at, lang)}</td><td class="doc-text sentence">${markSpans(fact.at.text, spans)}</td></tr>`;
  });
  const facts = form.facts.length
    ? html`<table class="facts"><thead><tr><th>${w.factLabel}</th><th>${w.factValue}</th><th>${w.factKey}</th><th>${w.factWhere}</th><th>${w.factSentence}</th></tr></thead><tbody>${rows}</tbody></table>`
    : '';
  const malformed = form.malformed.length
    ? html`<h4>${w.malformed}</h4><ul class="malformed">${form.malformed.map(
        (m) =>
          html`<li><q class="doc-text">${m.raw}</q> — ${w.assumed}: <span class="doc-text">${lang === 'en' ? m.assumedEn : m.assumed}</span> (${locationText(m.at, lang)})</li>`,
      )}</ul>`
    : '';
  return html`${facts}${malformed}`;
}

/** The page script: moves focus and classes, copies our own rendered nodes; never parses document text. */
const PAGE_SCRIPT = `(function () {
  'use strict';
  var panel = document.getElementById('cell-panel');
  var panelList = document.getElementById('cell-panel-list');
  var panelWhere = document.getElementById('cell-panel-where');
  var active = [];
  function clearActive() {
    active.forEach(function (el) { el.classList.remove('active'); });
    active = [];
  }
  function elementsFor(key) {
    return Array.prototype.slice.call(document.querySelectorAll('.marked[data-key="' + key + '"]'));
  }
  function showFinding(finding) {
    clearActive();
    finding.classList.add('active');
    active.push(finding);
    var keys = (finding.getAttribute('data-targets') || '').split(' ').filter(Boolean);
    var first = null;
    keys.forEach(function (key) {
      elementsFor(key).forEach(function (el) {
        el.classList.add('active');
        active.push(el);
        if (!first) first = el;
      });
    });
    if (first) first.scrollIntoView({ block: 'center', inline: 'nearest' });
  }
  function showCell(cell) {
    clearActive();
    cell.classList.add('active');
    active.push(cell);
    while (panelList.firstChild) panelList.removeChild(panelList.firstChild);
    panelWhere.textContent = cell.getAttribute('data-loc') || '';
    (cell.getAttribute('data-findings') || '').split(' ').filter(Boolean).forEach(function (id) {
      var finding = document.getElementById('finding-' + id);
      if (!finding) return;
      var item = document.createElement('li');
      item.className = 'panel-finding';
      item.setAttribute('data-finding', id);
      item.appendChild(finding.querySelector('.finding-head').cloneNode(true));
      var message = document.createElement('div');
      message.className = 'panel-message';
      message.textContent = finding.querySelector('.message').textContent;
      item.appendChild(message);
      var go = document.createElement('button');
      go.type = 'button';
      go.textContent = panel.getAttribute('data-goto');
      go.addEventListener('click', function () {
        clearActive();
        finding.classList.add('active');
        active.push(finding);
        finding.scrollIntoView({ block: 'center' });
        finding.focus({ preventScroll: true });
      });
      item.appendChild(go);
      panelList.appendChild(item);
    });
    panel.hidden = false;
  }
  document.addEventListener('click', function (event) {
    var target = event.target;
    if (!(target instanceof Element)) return;
    if (target.closest('#cell-panel')) {
      if (target.closest('#cell-panel-close')) { panel.hidden = true; clearActive(); }
      return;
    }
    var link = target.closest('a.goto');
    if (link) {
      var els = elementsFor(link.getAttribute('data-key'));
      if (els.length) {
        event.preventDefault();
        clearActive();
        els.forEach(function (el) { el.classList.add('active'); active.push(el); });
        els[0].scrollIntoView({ block: 'center', inline: 'nearest' });
      }
      return;
    }
    var cell = target.closest('.marked');
    if (cell) { showCell(cell); return; }
    var finding = target.closest('.finding');
    if (finding) showFinding(finding);
  });
  document.addEventListener('keydown', function (event) {
    if (event.key === 'Escape') { panel.hidden = true; clearActive(); return; }
    if (event.key !== 'Enter' && event.key !== ' ') return;
    var el = document.activeElement;
    if (!el || !(el instanceof Element)) return;
    if (el.classList.contains('marked')) { event.preventDefault(); showCell(el); }
    else if (el.classList.contains('finding')) { event.preventDefault(); showFinding(el); }
  });
})();`;

/** Renders the report page. Pure: report (and blocks) in, HTML text out. */
export function renderReportHtml(report: Report, options: ReportHtmlOptions): string {
  const lang = options.lang;
  const w: Words = T[lang];
  const file = report.source.path;
  const grids = options.blocks?.some((b) => b.type === 'table')
    ? gridsFromBlocks(options.blocks)
    : gridsFromLocations([
        ...report.forms.flatMap(formLocations).filter((l) => l.file === file),
        ...report.findings.flatMap((f) => f.at).filter((l) => l.file === file),
      ]);

  // Finding → page keys of its locations; page key → findings resting on it.
  const findingKeys = report.findings.map((f) => f.at.map((loc) => (loc.file === file ? locationKey(loc, grids) : null)));
  const marks = new Map<string, number[]>();
  const worst = new Map<string, Severity>();
  findingKeys.forEach((keys, i) => {
    const sev = report.findings[i]!.severity;
    for (const key of new Set(keys)) {
      if (!key) continue;
      const list = marks.get(key) ?? [];
      list.push(i);
      marks.set(key, list);
      const prev = worst.get(key);
      if (!prev || SEVERITY_RANK[sev] < SEVERITY_RANK[prev]) worst.set(key, sev);
    }
  });

  const findingsBySeverity = SEVERITIES.map((sev) => {
    const items = report.findings.map((f, i) => ({ f, i })).filter(({ f }) => f.severity === sev);
    if (!items.length) return '';
    return html`<h3 class="sev-heading sev-${sev}">${severityLabel(sev, lang)} (${items.length})</h3>
<ol class="findings" data-severity="${sev}">${items.map(({ f, i }) => renderFinding(report, f, i, findingKeys[i]!.map((k) => k ?? ''), lang, w))}</ol>`;
  });
  const findingsSection = report.error
    ? ''
    : html`<section id="findings"><h2>${w.findings}</h2>${report.findings.length ? findingsBySeverity : html`<p class="none">${w.noFindings}</p>`}</section>`;

  const drawn = new Set<number>();
  const formSections = report.forms.map((form, fi) => {
    const tables = form.tables.length
      ? form.tables
      : [...new Set(formLocations(form).map((l) => l.table).filter((t): t is number => t !== null))];
    const grid = tables
      .filter((t) => grids.has(t) && !drawn.has(t))
      .map((t) => {
        drawn.add(t);
        return renderGrid(grids.get(t)!, marks, worst, lang, w);
      });
    const meta = [form.unit, form.projectName, form.implementer, form.year === null ? null : String(form.year)].filter(
      (x): x is string => !!x,
    );
    return html`<section class="form" id="form-${fi}" data-kind="${form.kind}"><h3>${formKindLabel(form.kind, lang)}${
      form.title && form.title !== formKindLabel(form.kind, lang) ? html` <span class="doc-text">“${form.title}”</span>` : ''
    }</h3>${meta.length ? html`<p class="form-meta doc-text">${meta.join(' · ')}</p>` : ''}${grid}${form.kind === 'report' ? renderFacts(form, marks, worst, lang, w) : ''}</section>`;
  });
  const rest = [...grids.keys()].filter((t) => !drawn.has(t));
  const otherTables = rest.length
    ? html`<section class="form" id="other-tables"><h3>${w.otherTables}</h3>${rest.map((t) => renderGrid(grids.get(t)!, marks, worst, lang, w))}</section>`
    : '';
  const tablesSection =
    report.forms.length || rest.length
      ? html`<section id="tables"><h2>${w.tables}</h2><p class="legend no-print">${w.legend}</p>${formSections}${otherTables}</section>`
      : '';

  const title = `${w.pageTitle} — ${baseName(file)}`;
  const page = html`<!DOCTYPE html>
<html lang="${lang === 'zh' ? 'zh-CN' : 'en'}">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${contentSecurityPolicy(PAGE_SCRIPT)}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${title}</title>
<style>${raw(PAGE_CSS)}</style>
</head>
<body class="report-page${report.error ? ' has-error' : ''}">
<header><h1>${w.pageTitle}</h1><p class="subtitle doc-text">${file}</p></header>
<main>
${renderError(report, lang, w)}
${renderSummary(report, lang, w)}
${findingsSection}
${tablesSection}
</main>
<aside id="cell-panel" class="no-print" hidden data-goto="${w.goTo}" aria-live="polite"><div class="panel-head"><strong>${w.cellFindings}</strong> <span id="cell-panel-where"></span><button type="button" id="cell-panel-close" aria-label="${w.close}">×</button></div><ol id="cell-panel-list"></ol></aside>
<script>${raw(PAGE_SCRIPT)}</script>
</body>
</html>
`;
  return page.value;
}

export { esc };
