import type { Block, Finding, Form, Location, Report, Severity } from '@jxaudit/model';
import type { Lang } from '@jxaudit/score';
import { contentSecurityPolicy, cssString, figureSpans, html, markSpans, raw, type Html } from './escape.ts';
import { FIRST_ROWS, SEVERITY_RANK, groupFindings, type FindingGroup, type GroupPart } from './groups.ts';
import { beijingTime, detailEntries, factKeyLabel, gradeLabel, profileLabel, readerLabel } from './labels.ts';
import { REPORT_PAGE_SCRIPT } from './page-script.ts';
import { PAGE_CSS } from './style.ts';
import { cellKey, coveringCell, gridsFromBlocks, gridsFromLocations, renderTableHtml, type CellMark, type GridModel } from './table-html.ts';
import {
  SEVERITIES,
  baseName,
  formKindLabel,
  formatFigure,
  formatNumber,
  locationText,
  readErrorAdvice,
  readErrorMessage,
  readErrorTitle,
  reportUnit,
  roundHalfUp,
  reportYear,
  ruleDescription,
  ruleTitle,
  severityBadge,
  severityIcon,
  severityLabel,
} from './text.ts';

/*
 * The per-file HTML page (REPORT.md): self-contained and printable on A4. The verdict first
 * (自评总分 → 复核总分 and grades per form, the errors to look at first), a short summary, then
 * the findings grouped by rule and form beside the rebuilt tables (side by side on a wide screen,
 * each scrolling on its own). A location link marks its cells; hash navigation lets Back return.
 * Document text is untrusted: escaped everywhere; the page script (page-script.ts) only moves
 * classes and focus and copies our own nodes.
 */

export interface ReportHtmlOptions {
  lang: Lang;
  /** The file's table and paragraph blocks; when absent, tables are drawn from the forms' located values. */
  blocks?: Block[];
}

const T = {
  zh: {
    pageTitle: '预算绩效自评检查报告',
    verdict: '结论',
    selfTotal: '自评总分',
    reviewTotal: '复核总分',
    noTotal: '未填',
    notRescored: '未复核',
    delta: (d: string) => `复核较自评 ${d} 分`,
    itemsSum: (sum: string, printed: string) => `按口径各项得分合计 ${sum} 分，表中总分 ${printed} 分`,
    execNotCounted: '口径总分不含预算执行得分',
    change: ['：', ' → ', ' 分'],
    lookFirst: '先看这些',
    noErrors: '未发现错误。',
    mostFindings: '问题最多的几类',
    moreErrors: (n: number) => `另有 ${n} 条错误，见下方问题列表`,
    reportOnly: '此文件没有自评表，无总分可复核。',
    summary: '概况',
    file: '文件',
    unit: '单位',
    year: '年度',
    yearSuffix: '年度',
    submissionFiles: '同一提交的文件',
    forms: '识别出的表',
    profile: '评分口径',
    source: '读取方式',
    generated: '生成时间',
    tool: '生成工具',
    warnings: '读取说明',
    findings: '发现的问题',
    noFindings: '未发现问题。',
    filters: '筛选',
    severity: '严重程度',
    form: '表',
    rule: '规则',
    all: '全部',
    collapseAll: '全部折叠',
    expandAll: '全部展开',
    shown: ['显示 ', ' / ', ' 条'],
    count: (n: number) => `${n} 条`,
    more: (n: number) => `展开其余 ${n} 条`,
    less: '收起',
    nothingShown: '没有符合筛选条件的问题。',
    declared: '标注',
    computed: '复核',
    difference: '差',
    where: '位置',
    empty: '（空）',
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
    submissionLevel: '整个提交',
    none: '—',
    legend: '点击问题中的位置，表格中对应的单元格会被标出；点击标出的单元格可列出相关问题。',
    pageOf: ['第 ', ' 页 / 共 ', ' 页'],
    generatedBy: '由',
  },
  en: {
    pageTitle: 'Budget-performance self-evaluation check',
    verdict: 'Verdict',
    selfTotal: 'Self-assessed total',
    reviewTotal: 'Recomputed total',
    noTotal: 'not filled in',
    notRescored: 'not recomputed',
    delta: (d: string) => `${d} points against the self-assessment`,
    itemsSum: (sum: string, printed: string) => `the items the profile counts add up to ${sum}; the form prints ${printed}`,
    execNotCounted: 'the profile’s total leaves out the execution score',
    change: [': ', ' → ', ''],
    lookFirst: 'Look at these first',
    noErrors: 'No errors.',
    mostFindings: 'The largest groups',
    moreErrors: (n: number) => `${n} more errors in the list below`,
    reportOnly: 'This file holds no self-evaluation form: no total to recompute.',
    summary: 'Summary',
    file: 'File',
    unit: 'Unit',
    year: 'Year',
    yearSuffix: '',
    submissionFiles: 'Files of the submission',
    forms: 'Forms recognised',
    profile: 'Scoring rules',
    source: 'Read as',
    generated: 'Generated',
    tool: 'Tool',
    warnings: 'Reading notes',
    findings: 'Findings',
    noFindings: 'No findings.',
    filters: 'Filter',
    severity: 'Severity',
    form: 'Form',
    rule: 'Rule',
    all: 'all',
    collapseAll: 'Collapse all',
    expandAll: 'Expand all',
    shown: ['showing ', ' of ', ''],
    count: (n: number) => `${n}`,
    more: (n: number) => `Show ${n} more`,
    less: 'Show fewer',
    nothingShown: 'No finding matches the filters.',
    declared: 'declared',
    computed: 'recomputed',
    difference: 'difference',
    where: 'Where',
    empty: '(empty)',
    tables: 'Rebuilt tables',
    otherTables: 'Other tables',
    partialGrid: 'The original table was not supplied: only recognised cells are shown.',
    facts: 'Figures in the report',
    factLabel: 'Item',
    factValue: 'Value',
    factKey: 'Kind',
    factWhere: 'Where',
    factSentence: 'Sentence',
    malformed: 'Malformed quantities',
    assumed: 'Read as',
    readError: 'This file could not be read',
    whatToDo: 'What to do',
    cellFindings: 'Findings on this cell',
    close: 'Close',
    goTo: 'Show',
    submissionLevel: 'whole submission',
    none: '—',
    legend: 'Click a location in a finding to mark its cells in the table; click a marked cell to list its findings.',
    pageOf: ['Page ', ' of ', ''],
    generatedBy: 'by',
  },
} as const;

type Words = (typeof T)['zh'] | (typeof T)['en'];

/** A form's name for lists and filters: its kind, and the project it reports on. */
function formName(form: Form, lang: Lang): string {
  const kind = formKindLabel(form.kind, lang);
  return form.projectName ? (lang === 'zh' ? `${kind}（${form.projectName}）` : `${kind} (${form.projectName})`) : kind;
}

/** The same as markup, the project's name marked as document text. */
function formNameHtml(form: Form, lang: Lang): Html {
  const kind = formKindLabel(form.kind, lang);
  if (!form.projectName) return html`${kind}`;
  return lang === 'zh' ? html`${kind}（<span class="doc-text">${form.projectName}</span>）` : html`${kind} (<span class="doc-text">${form.projectName}</span>)`;
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

function severityPill(severity: Severity, count: number, lang: Lang): Html {
  return html`<span class="pill sev-${severity}" data-count="${severity}"><span class="sev-icon" aria-hidden="true">${severityIcon(severity)}</span> ${severityLabel(severity, lang)} <b>${count}</b></span>`;
}

function severityCounts(report: Report, lang: Lang): Html {
  const n: Record<Severity, number> = { error: report.summary.errors, warning: report.summary.warnings, info: report.summary.infos };
  return html`${SEVERITIES.map((s) => severityPill(s, n[s], lang))}`;
}

function badge(severity: Severity, lang: Lang): Html {
  return html`<span class="badge sev-${severity}"><span aria-hidden="true">${severityIcon(severity)}</span> ${severityBadge(severity, lang)}</span>`;
}

function renderHead(report: Report, lang: Lang, w: Words): Html {
  const unit = reportUnit(report);
  const year = reportYear(report);
  return html`<header class="page-head"><div class="head-main"><h1>${w.pageTitle}</h1>
<p class="head-meta"><span class="doc-text" id="head-unit">${unit ?? w.none}</span>${year !== null ? html` · <span id="head-year">${year}${w.yearSuffix}</span>` : ''} · <span class="doc-text file-name">${baseName(report.source.path)}</span></p></div>
${report.error ? '' : html`<p class="head-counts" id="counts">${severityCounts(report, lang)}</p>`}</header>`;
}

function figure(n: number | null, w: Words): string {
  return n === null ? w.noTotal : formatNumber(roundHalfUp(n));
}

function renderVerdictForm(form: Form, index: number, lang: Lang, w: Words): Html {
  const r = form.rescored;
  const declared = r ? r.declared : (form.totals?.score ?? null);
  const grade = (g: string | null) => (g ? html` <span class="grade">${gradeLabel(g, lang)}</span>` : '');
  const recomputed = r
    ? html`<span class="total recomputed"><span class="total-label">${w.reviewTotal}</span> <b class="total-figure">${figure(r.recomputed, w)}</b>${grade(r.recomputedGrade)}</span>`
    : html`<span class="total recomputed muted"><span class="total-label">${w.reviewTotal}</span> <b class="total-figure">${w.notRescored}</b></span>`;
  const notes: Html[] = [];
  if (r && r.declared !== null && r.recomputed !== null) {
    const d = roundHalfUp(r.recomputed - r.declared);
    if (d !== 0) notes.push(html`<li class="delta">${w.delta(`${d > 0 ? '+' : ''}${formatNumber(d)}`)}</li>`);
  }
  if (r && r.itemsSum !== null && r.declared !== null && roundHalfUp(r.itemsSum) !== roundHalfUp(r.declared)) {
    notes.push(html`<li>${w.itemsSum(formatNumber(roundHalfUp(r.itemsSum)), formatNumber(r.declared))}</li>`);
  }
  if (r && !r.includesExecution) notes.push(html`<li>${w.execNotCounted}</li>`);
  for (const c of r?.changes ?? []) {
    notes.push(
      html`<li class="change"><span class="doc-text">${c.item}</span>${w.change[0]}${formatNumber(c.declared)}${w.change[1]}${formatNumber(roundHalfUp(c.recomputed, 3))}${w.change[2]} <span class="muted">${lang === 'zh' ? `（${ruleTitle(c.rule, lang)}）` : `(${ruleTitle(c.rule, lang)})`}</span></li>`,
    );
  }
  return html`<article class="verdict-form" data-form="${index}"><h3><a href="#form-${index}">${formKindLabel(form.kind, lang)}</a>${form.projectName ? html` <small class="doc-text">${form.projectName}</small>` : ''}</h3>
<p class="totals"><span class="total declared"><span class="total-label">${w.selfTotal}</span> <b class="total-figure">${figure(declared, w)}</b>${grade(r?.declaredGrade ?? null)}</span> <span class="arrow" aria-hidden="true">→</span> ${recomputed}</p>${
    notes.length ? html`<ul class="verdict-notes">${notes}</ul>` : ''
  }</article>`;
}

function renderVerdict(report: Report, groups: FindingGroup[], lang: Lang, w: Words): Html {
  const tableForms = report.forms.map((form, i) => ({ form, i })).filter(({ form }) => form.kind !== 'report');
  const forms = tableForms.length
    ? html`<div class="verdict-forms">${tableForms.map(({ form, i }) => renderVerdictForm(form, i, lang, w))}</div>`
    : html`<p class="muted">${w.reportOnly}</p>`;
  const errors = report.findings.map((f, i) => ({ f, i })).filter(({ f }) => f.severity === 'error');
  const shownErrors = errors.slice(0, 5);
  let look: Html;
  if (errors.length) {
    look = html`<ol class="first-errors">${shownErrors.map(
      ({ f, i }) =>
        html`<li class="sev-error"><a href="#finding-${i}" class="first-link">${badge('error', lang)} ${ruleTitle(f.rule, lang)}</a><span class="first-message">${f.message}</span></li>`,
    )}</ol>${errors.length > shownErrors.length ? html`<p class="muted">${w.moreErrors(errors.length - shownErrors.length)}</p>` : ''}`;
  } else {
    const largest = groups.slice(0, 3);
    look = html`<p>${w.noErrors}</p>${
      largest.length
        ? html`<p class="muted">${w.mostFindings}</p><ol class="first-groups">${largest.map(
            (g) => html`<li><a href="#${g.id}">${badge(g.severity, lang)} ${ruleTitle(g.rule, lang)}</a> ${w.count(g.count)}</li>`,
          )}</ol>`
        : ''
    }`;
  }
  return html`<section id="verdict" aria-labelledby="verdict-title"><h2 id="verdict-title">${w.verdict}</h2>
<div class="verdict-body">${forms}<div class="first-look"><h3>${w.lookFirst}</h3>${look}</div></div></section>`;
}

function renderSummary(report: Report, lang: Lang, w: Words): Html {
  const src = report.source;
  const unit = reportUnit(report);
  const year = reportYear(report);
  const reader = readerLabel(src, lang);
  const profile = profileLabel(report.profile, lang);
  const formsList = report.forms.length
    ? html`<ol class="forms-list">${report.forms.map(
        (f, i) =>
          html`<li><a href="#form-${i}">${formKindLabel(f.kind, lang)}</a>${f.title && f.title !== formKindLabel(f.kind, lang) ? html` <span class="doc-text">“${f.title}”</span>` : ''}${f.projectName ? html` · <span class="doc-text">${f.projectName}</span>` : ''}</li>`,
      )}</ol>`
    : w.none;
  const files = report.submission?.files ?? [src.path];
  return html`<section id="summary"><h2>${w.summary}</h2><dl class="summary">
<dt>${w.unit}</dt><dd class="doc-text" id="unit">${unit ?? w.none}</dd>
<dt>${w.year}</dt><dd id="year">${year ?? w.none}</dd>
<dt>${w.file}</dt><dd class="doc-text file-name" id="source-path">${src.path}</dd>
<dt>${w.profile}</dt><dd id="profile"${report.profile ? html` title="${report.profile}"` : ''}>${profile ?? w.none}</dd>
<dt>${w.source}</dt><dd id="reader" title="${reader.codes}">${reader.text || w.none}</dd>
<dt>${w.generated}</dt><dd id="generated">${beijingTime(report.generatedAt, lang)}</dd>
<dt class="wide">${w.forms}</dt><dd class="wide">${formsList}</dd>
${files.length > 1 ? html`<dt class="wide">${w.submissionFiles}</dt><dd class="wide"><ul class="files">${files.map((f) => html`<li class="doc-text file-name${f === src.path ? ' this-file' : ''}">${f}</li>`)}</ul></dd>` : ''}
</dl>${
    report.warnings.length
      ? html`<details class="warnings"><summary>${w.warnings} (${report.warnings.length})</summary><ul>${report.warnings.map(
          (x) => html`<li title="${x.code}">${x.message}</li>`,
        )}</ul></details>`
      : ''
  }</section>`;
}

function renderError(report: Report, lang: Lang, w: Words): Html {
  if (!report.error) return raw('');
  return html`<section id="read-error" class="read-error" role="alert"><h2>${w.readError}: ${readErrorTitle(report.error.code, lang)}</h2>
<p class="error-message">${readErrorMessage(report, lang)}</p>
<h3>${w.whatToDo}</h3><p>${readErrorAdvice(lang)}</p></section>`;
}

function renderFinding(report: Report, finding: Finding, index: number, keys: string[], extra: boolean, lang: Lang, w: Words): Html {
  const file = report.source.path;
  const figures =
    finding.declared !== null || finding.computed !== null
      ? html`<p class="figures"><span class="declared">${w.declared} ${finding.declared === null ? w.none : formatFigure(finding.rule, finding.declared, finding.at[0]?.text)}</span> → <span class="computed">${w.computed} ${finding.computed === null ? w.none : formatFigure(finding.rule, finding.computed)}</span>${
          finding.declared !== null && finding.computed !== null && finding.rule !== 'exec-rate-recompute'
            ? html` <span class="diff">(${w.difference} ${finding.computed - finding.declared > 0 ? '+' : ''}${formatNumber(finding.computed - finding.declared)})</span>`
            : ''
        }</p>`
      : '';
  const entries = detailEntries(finding, lang);
  const detail = entries.length
    ? html`<dl class="detail">${entries.map((e) => html`<dt>${e.label}</dt><dd data-detail="${e.key}"${e.doc ? raw(' data-doc') : ''}>${e.value}</dd>`)}</dl>`
    : '';
  const hints = figureHints(finding);
  const locs = finding.at.map((loc, i) => {
    const here = loc.file === file;
    const where = locationText(loc, lang) || w.where;
    const key = here ? keys[i] : '';
    const prefix = here ? '' : html`<span class="other-file doc-text file-name">${baseName(loc.file)}</span> `;
    const place = key ? html`<a class="goto" href="#at=${key}&amp;f=${index}" data-key="${key}">${where}</a>` : html`<span class="place">${where}</span>`;
    const isCell = loc.table !== null && loc.row !== null && loc.col !== null;
    if (isCell) return html`<li>${prefix}${place} ${loc.text.trim() ? html`<q class="doc-text">${loc.text}</q>` : html`<span class="muted">${w.empty}</span>`}</li>`;
    const spans = i === 0 || finding.at.length === 1 ? figureSpans(loc.text, finding.declared, hints) : figureSpans(loc.text, null, hints);
    return html`<li class="sentence-loc">${prefix}${place}<blockquote class="sentence doc-text">${markSpans(loc.text, spans)}</blockquote></li>`;
  });
  const targets = [...new Set(keys.filter((k) => k !== ''))];
  return html`<li class="finding sev-${finding.severity}${extra ? ' extra' : ''}" id="finding-${index}" data-finding="${index}" data-rule="${finding.rule}" data-severity="${finding.severity}" data-form="${finding.form === null ? 's' : finding.form}" data-targets="${targets.join(' ')}">
<span class="sev-icon" title="${severityBadge(finding.severity, lang)}" aria-label="${severityBadge(finding.severity, lang)}">${severityIcon(finding.severity)}</span><p class="message">${finding.message}</p>${figures}${detail}
<ul class="locations">${locs}</ul></li>`;
}

function renderPart(report: Report, part: GroupPart, findingKeys: string[][], lang: Lang, w: Words): Html {
  const form = part.form === null ? null : report.forms[part.form];
  const rows = part.items.map(({ finding, index }, k) => renderFinding(report, finding, index, findingKeys[index]!, k >= FIRST_ROWS, lang, w));
  const rest = part.items.length - FIRST_ROWS;
  return html`<div class="part" id="${part.id}" data-form="${part.form === null ? 's' : part.form}"><h4 class="part-head">${form ? formNameHtml(form, lang) : w.submissionLevel} <span class="count">${w.count(part.items.length)}</span></h4>
<ol class="rows">${rows}</ol>${rest > 0 ? html`<button type="button" class="more no-print" data-more="${w.more(rest)}" data-less="${w.less}" aria-expanded="false">${w.more(rest)}</button>` : ''}</div>`;
}

function renderGroup(report: Report, group: FindingGroup, findingKeys: string[][], lang: Lang, w: Words): Html {
  const mixed = SEVERITIES.filter((s) => group.counts[s] > 0);
  const counts =
    mixed.length > 1
      ? html`<span class="count">${w.count(group.count)}（${mixed.map((s) => `${severityLabel(s, lang)} ${group.counts[s]}`).join('，')}）</span>`
      : html`<span class="count">${w.count(group.count)}</span>`;
  return html`<section class="group sev-${group.severity}" id="${group.id}" data-rule="${group.rule}" data-severity="${group.severity}" data-count="${group.count}">
<h3 class="group-head"><button type="button" class="toggle" aria-expanded="true">${badge(group.severity, lang)} <span class="rule-title" title="${group.rule}">${ruleTitle(group.rule, lang)}</span> ${counts}</button></h3>
<div class="group-body"><p class="rule-desc">${ruleDescription(group.rule, lang)}</p>${group.parts.map((p) => renderPart(report, p, findingKeys, lang, w))}</div></section>`;
}

function renderToolbar(report: Report, groups: FindingGroup[], lang: Lang, w: Words): Html {
  const n: Record<Severity, number> = { error: report.summary.errors, warning: report.summary.warnings, info: report.summary.infos };
  const formsWithFindings = [...new Set(report.findings.map((f) => f.form))].sort((a, b) => (a ?? 1e9) - (b ?? 1e9));
  return html`<div class="toolbar no-print" role="toolbar" aria-label="${w.filters}">
<fieldset class="sev-filter"><legend>${w.severity}</legend>${SEVERITIES.map(
    (s) => html`<label class="sev-toggle sev-${s}"><input type="checkbox" name="severity" value="${s}" checked${n[s] === 0 ? raw(' disabled') : ''}> <span aria-hidden="true">${severityIcon(s)}</span> ${severityLabel(s, lang)} ${n[s]}</label>`,
  )}</fieldset>
<label>${w.form} <select id="filter-form"><option value="">${w.all}</option>${formsWithFindings.map(
    (f) =>
      html`<option value="${f === null ? 's' : f}"${f !== null && report.forms[f]!.projectName ? raw(' data-doc') : ''}>${f === null ? w.submissionLevel : formName(report.forms[f]!, lang)}</option>`,
  )}</select></label>
<label>${w.rule} <select id="filter-rule"><option value="">${w.all}</option>${groups.map(
    (g) => html`<option value="${g.rule}">${ruleTitle(g.rule, lang)}（${g.count}）</option>`,
  )}</select></label>
<span class="tool-buttons"><button type="button" id="collapse-all">${w.collapseAll}</button> <button type="button" id="expand-all">${w.expandAll}</button></span>
<span class="shown">${w.shown[0]}<b id="shown-count">${report.findings.length}</b>${w.shown[1]}${report.findings.length}${w.shown[2]}</span>
</div>`;
}

function renderFacts(form: Form, marks: Map<string, CellMark>, lang: Lang, w: Words): Html {
  const seen = new Set<string>();
  const rows = form.facts.map((fact) => {
    const key = fact.at.paragraph !== null ? `p${fact.at.paragraph}` : fact.at.line !== null ? `l${fact.at.line}` : null;
    const mark = key ? marks.get(key) : undefined;
    const id = key && mark && !seen.has(key) ? (seen.add(key), ` id="loc-${key}"`) : '';
    const spans = figureSpans(fact.at.text, null, [fact.raw]);
    const attrs = mark
      ? html`${raw(id)} class="fact marked sev-${mark.severity}" data-key="${key!}" data-loc="${locationText(fact.at, lang)}" data-findings="${mark.findings.join(' ')}" tabindex="0"`
      : html` class="fact"${key ? html` data-key="${key}"` : ''}`;
    return html`<tr${attrs}><td class="doc-text">${fact.label}</td><td class="num doc-text">${fact.raw}</td><td title="${fact.key}">${factKeyLabel(fact.key, lang)}</td><td>${locationText(fact.at, lang)}</td><td class="doc-text sentence">${markSpans(fact.at.text, spans)}</td></tr>`;
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

/** The print CSS that names the unit: @page margin boxes (Chromium ≥ 131) with the unit, year and page N/M. */
function printHeaderCss(report: Report, lang: Lang, w: Words): string {
  const unit = reportUnit(report);
  const year = reportYear(report);
  const left = [unit ?? '', year === null ? '' : `${year}${w.yearSuffix}`].filter(Boolean).join(' · ') || w.pageTitle;
  const [before, middle, after] = w.pageOf;
  return `@page { size: A4; margin: 16mm 12mm 14mm 12mm;
  @top-left { content: ${cssString(left)}; font-size: 9pt; color: #333; }
  @top-right { content: ${cssString(before)} counter(page) ${cssString(middle)} counter(pages) ${cssString(after)}; font-size: 9pt; color: #333; }
  @bottom-left { content: ${cssString(`${w.pageTitle} · ${baseName(report.source.path)}`)}; font-size: 8pt; color: #666; }
}`;
}

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
  const findingKeys = report.findings.map((f) => f.at.map((loc) => (loc.file === file ? (locationKey(loc, grids) ?? '') : '')));
  const marks = new Map<string, CellMark>();
  findingKeys.forEach((keys, i) => {
    const sev = report.findings[i]!.severity;
    for (const key of new Set(keys)) {
      if (!key) continue;
      const mark = marks.get(key);
      if (!mark) marks.set(key, { severity: sev, findings: [i] });
      else {
        mark.findings.push(i);
        if (SEVERITY_RANK[sev] < SEVERITY_RANK[mark.severity]) mark.severity = sev;
      }
    }
  });

  const groups = groupFindings(report.findings);
  const findingsPane = report.error
    ? ''
    : html`<section id="findings" class="pane" aria-labelledby="findings-title"><h2 id="findings-title">${w.findings}</h2>${
        report.findings.length
          ? html`${renderToolbar(report, groups, lang, w)}<div id="groups">${groups.map((g) => renderGroup(report, g, findingKeys, lang, w))}</div><p class="none" id="nothing-shown" hidden>${w.nothingShown}</p>`
          : html`<p class="none">${w.noFindings}</p>`
      }</section>`;

  const drawn = new Set<number>();
  const formSections = report.forms.map((form, fi) => {
    const tables = form.tables.length ? form.tables : [...new Set(formLocations(form).map((l) => l.table).filter((t): t is number => t !== null))];
    const grid = tables
      .filter((t) => grids.has(t) && !drawn.has(t))
      .map((t) => {
        drawn.add(t);
        const g = grids.get(t)!;
        return renderTableHtml(g, marks, lang, { note: g.partial ? w.partialGrid : undefined });
      });
    const meta = [form.unit, form.projectName, form.implementer, form.year === null ? null : String(form.year)].filter((x): x is string => !!x);
    return html`<section class="form" id="form-${fi}" data-kind="${form.kind}"><h3>${formKindLabel(form.kind, lang)}${
      form.title && form.title !== formKindLabel(form.kind, lang) ? html` <span class="doc-text">“${form.title}”</span>` : ''
    }</h3>${meta.length ? html`<p class="form-meta doc-text">${meta.join(' · ')}</p>` : ''}${grid}${form.kind === 'report' ? renderFacts(form, marks, lang, w) : ''}</section>`;
  });
  const rest = [...grids.keys()].filter((t) => !drawn.has(t));
  const otherTables = rest.length
    ? html`<section class="form" id="other-tables"><h3>${w.otherTables}</h3>${rest.map((t) => renderTableHtml(grids.get(t)!, marks, lang))}</section>`
    : '';
  const tablesPane =
    report.forms.length || rest.length
      ? html`<section id="tables" class="pane" aria-labelledby="tables-title"><h2 id="tables-title">${w.tables}</h2><p class="legend no-print">${w.legend}</p>${formSections}${otherTables}</section>`
      : '';

  const title = `${w.pageTitle} — ${baseName(file)}`;
  const page = html`<!DOCTYPE html>
<html lang="${lang === 'zh' ? 'zh-CN' : 'en'}">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${contentSecurityPolicy(REPORT_PAGE_SCRIPT)}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${title}</title>
<style>${raw(PAGE_CSS)}${raw(printHeaderCss(report, lang, w))}</style>
</head>
<body class="report-page${report.error ? ' has-error' : ''}">
${renderHead(report, lang, w)}
<main>
${renderError(report, lang, w)}
${report.error ? '' : renderVerdict(report, groups, lang, w)}
${renderSummary(report, lang, w)}
<div class="workspace${findingsPane && tablesPane ? ' two-panes' : ''}">${findingsPane}${tablesPane}</div>
</main>
<footer class="page-foot">${w.generated} ${beijingTime(report.generatedAt, lang)} · ${w.generatedBy} ${report.tool.name} ${report.tool.version}</footer>
<aside id="cell-panel" class="no-print" hidden data-goto="${w.goTo}" aria-live="polite"><div class="panel-head"><strong>${w.cellFindings}</strong> <span id="cell-panel-where"></span><button type="button" id="cell-panel-close" aria-label="${w.close}">×</button></div><ol id="cell-panel-list"></ol></aside>
<script>${raw(REPORT_PAGE_SCRIPT)}</script>
</body>
</html>
`;
  return page.value;
}
