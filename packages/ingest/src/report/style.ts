/** Inline CSS of the report and index pages: screen and print (A4), no web fonts, no URLs. */
export const BASE_CSS = `
:root { --err: #b3261e; --err-bg: #fde7e5; --warn: #8a5a00; --warn-bg: #fff3d6; --info: #1f5fa8; --info-bg: #e6f0fb; --line: #c8c8c8; --muted: #5f6368; --accent: #1a56db; }
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; }
body { margin: 0; font: 14px/1.55 "PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC", "Source Han Sans SC", SimSun, sans-serif; color: #1b1b1b; background: #f6f7f9; }
h1 { font-size: 20px; margin: 0; }
h2 { font-size: 17px; margin: 20px 0 8px; padding-bottom: 2px; border-bottom: 2px solid #333; }
h3 { font-size: 15px; margin: 12px 0 6px; }
h4 { font-size: 14px; margin: 10px 0 4px; }
a { color: var(--accent); }
.muted { color: var(--muted); }
code { font-family: Consolas, "DejaVu Sans Mono", monospace; font-size: 12px; background: #eee; padding: 0 3px; border-radius: 2px; }
.pill { display: inline-block; padding: 1px 9px; border-radius: 10px; margin: 2px 4px 2px 0; white-space: nowrap; }
.sev-error.pill, .badge.sev-error { background: var(--err-bg); color: var(--err); border: 1px solid var(--err); }
.sev-warning.pill, .badge.sev-warning { background: var(--warn-bg); color: var(--warn); border: 1px solid var(--warn); }
.sev-info.pill, .badge.sev-info { background: var(--info-bg); color: var(--info); border: 1px solid var(--info); }
.badge { display: inline-block; padding: 0 6px; border-radius: 3px; font-size: 12px; font-weight: bold; white-space: nowrap; }
table { border-collapse: collapse; background: #fff; }
button { font: inherit; }
@media print {
  body { background: #fff; font-size: 10pt; }
  .no-print, #cell-panel, input, select, button:not(.toggle) { display: none !important; }
  a { color: inherit; text-decoration: none; }
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  h2, h3, h4 { break-after: avoid; }
  thead { display: table-header-group; }
  tr { break-inside: avoid; }
}
`;

export const PAGE_CSS =
  BASE_CSS +
  `
.page-head { display: flex; flex-wrap: wrap; justify-content: space-between; align-items: flex-end; gap: 4px 16px; padding: 10px 24px 8px; background: #fff; border-bottom: 1px solid var(--line); }
.head-meta { margin: 2px 0 0; color: #333; word-break: break-all; }
.head-counts { margin: 0; }
main { padding: 0 24px 16px; }
.page-foot { padding: 8px 24px 24px; color: var(--muted); font-size: 12px; }

/* The verdict */
#verdict h2 { margin-top: 12px; }
.verdict-body { display: grid; grid-template-columns: minmax(0, 3fr) minmax(0, 2fr); gap: 12px; align-items: start; }
.verdict-forms { display: grid; grid-template-columns: repeat(auto-fit, minmax(300px, 1fr)); gap: 12px; }
.verdict-form, .first-look { background: #fff; border: 1px solid var(--line); border-radius: 4px; padding: 8px 14px; }
.verdict-form h3, .first-look h3 { margin: 2px 0 6px; }
.verdict-form h3 a { color: inherit; text-decoration: none; }
.verdict-form h3 small { font-weight: normal; color: var(--muted); }
.totals { display: flex; flex-wrap: wrap; align-items: baseline; gap: 4px 12px; margin: 0; }
.total-label { color: #333; }
.total-figure { font-size: 26px; line-height: 1.2; font-variant-numeric: tabular-nums; }
.total.recomputed .total-figure { color: #0b3d91; }
.arrow { font-size: 20px; color: var(--muted); }
.grade { display: inline-block; min-width: 1.8em; text-align: center; padding: 0 6px; border: 1px solid #333; border-radius: 3px; font-weight: bold; }
.verdict-notes { margin: 6px 0 0; padding-left: 18px; font-size: 13px; color: #333; }
.first-errors, .first-groups { margin: 0; padding-left: 20px; }
.first-errors li { margin: 4px 0; }
.first-link { font-weight: bold; text-decoration: none; }
.first-message { display: block; font-size: 13px; color: #333; }

/* The summary */
dl.summary { display: grid; grid-template-columns: max-content minmax(0, 1fr) max-content minmax(0, 1fr); gap: 2px 14px; background: #fff; padding: 8px 14px; border: 1px solid var(--line); margin: 0; }
dl.summary dt { color: var(--muted); }
dl.summary dd { margin: 0; word-break: break-all; }
dl.summary dt.wide { grid-column: 1; }
dl.summary dd.wide { grid-column: 2 / -1; }
ul.files, ol.forms-list { margin: 0; padding: 0; list-style: none; display: flex; flex-wrap: wrap; gap: 0 18px; }
ol.forms-list { counter-reset: form; }
ol.forms-list > li::before { counter-increment: form; content: counter(form) ". "; color: var(--muted); }
li.this-file { font-weight: bold; }
details.warnings { margin: 6px 0; }
.read-error { border: 2px solid var(--err); background: var(--err-bg); padding: 8px 16px; margin-top: 16px; }
.read-error h2 { color: var(--err); border-color: var(--err); }
.error-message { font-size: 16px; }

/* Findings and tables, side by side on a wide screen */
.workspace { margin-top: 16px; }
.pane > h2 { margin-top: 0; }
@media screen and (min-width: 1100px) {
  .workspace.two-panes { display: grid; grid-template-columns: minmax(0, 5fr) minmax(0, 6fr); gap: 16px; height: 100vh; }
  .workspace.two-panes > .pane { overflow: auto; min-height: 0; padding-right: 6px; overscroll-behavior: contain; }
  .workspace.two-panes > .pane > h2 { position: sticky; top: 0; background: #f6f7f9; z-index: 2; margin-bottom: 0; padding-top: 4px; }
}
.toolbar { position: sticky; top: 0; z-index: 3; display: flex; flex-wrap: wrap; align-items: center; gap: 6px 12px; padding: 6px 8px; margin: 4px 0 8px; background: #fff; border: 1px solid var(--line); border-radius: 4px; font-size: 13px; }
@media screen and (min-width: 1100px) { .workspace.two-panes .toolbar { top: 36px; } }
.toolbar fieldset { border: 0; margin: 0; padding: 0; display: flex; gap: 8px; align-items: center; }
.toolbar legend { float: left; margin-right: 4px; color: var(--muted); }
.toolbar select { max-width: 16em; }
.sev-toggle { white-space: nowrap; cursor: pointer; }
.sev-toggle.sev-error { color: var(--err); }
.sev-toggle.sev-warning { color: var(--warn); }
.sev-toggle.sev-info { color: var(--info); }
.shown { margin-left: auto; color: var(--muted); }

.group { background: #fff; border: 1px solid var(--line); border-left: 5px solid var(--line); border-radius: 3px; margin: 0 0 8px; }
.group.sev-error { border-left-color: var(--err); }
.group.sev-warning { border-left-color: var(--warn); }
.group.sev-info { border-left-color: var(--info); }
.group-head { margin: 0; font-size: 14px; }
.group-head .toggle { display: flex; flex-wrap: wrap; gap: 4px 8px; align-items: baseline; width: 100%; text-align: left; background: none; border: 0; padding: 6px 10px; cursor: pointer; }
.group-head .toggle::before { content: "▾"; color: var(--muted); }
.group.collapsed .group-head .toggle::before { content: "▸"; }
.group-head .rule-title { font-weight: bold; }
.count { color: var(--muted); font-weight: normal; }
.group-body { padding: 0 10px 6px 14px; }
.group.collapsed .group-body { display: none; }
.rule-desc { margin: 0 0 4px; font-size: 12px; color: var(--muted); }
.part-head { margin: 6px 0 2px; font-size: 13px; color: #333; }
ol.rows { list-style: none; margin: 0; padding: 0; }
li.finding { position: relative; border-top: 1px solid #e6e6e6; padding: 5px 4px 5px 22px; }
li.finding .sev-icon { position: absolute; left: 4px; top: 6px; font-size: 11px; }
li.finding.sev-error .sev-icon { color: var(--err); }
li.finding.sev-warning .sev-icon { color: var(--warn); }
li.finding.sev-info .sev-icon { color: var(--info); }
.part:not(.expanded) li.finding.extra, .filtered { display: none !important; }
li.finding.active { background: #eef4ff; box-shadow: inset 3px 0 0 var(--accent); }
button.more { margin: 4px 0 2px 22px; background: #fff; border: 1px solid var(--line); border-radius: 3px; padding: 1px 10px; cursor: pointer; color: var(--accent); }
.message { margin: 0; }
.figures { margin: 2px 0; font-family: Consolas, "DejaVu Sans Mono", monospace; font-size: 13px; }
.figures .computed { font-weight: bold; }
dl.detail { display: grid; grid-template-columns: max-content minmax(0, 1fr); gap: 0 10px; margin: 2px 0; font-size: 12px; color: #444; }
dl.detail dt { color: var(--muted); }
dl.detail dd { margin: 0; word-break: break-word; }
ul.locations { margin: 2px 0 0; padding: 0; list-style: none; font-size: 12.5px; display: flex; flex-wrap: wrap; gap: 0 14px; }
ul.locations li.sentence-loc { flex-basis: 100%; }
a.goto { white-space: nowrap; }
.other-file { color: var(--muted); font-style: italic; }
blockquote.sentence { margin: 2px 0 4px; padding: 3px 8px; border-left: 3px solid #999; background: #f4f4f4; }
mark.figure { background: #ffe066; font-weight: bold; padding: 0 1px; }

#tables .legend { font-size: 12px; color: var(--muted); margin: 4px 0; }
section.form > h3 { margin-top: 8px; }
.form-meta { margin: 0 0 4px; color: var(--muted); font-size: 12px; }
figure.grid-wrap { margin: 6px 0 16px; overflow-x: auto; }
figcaption { font-weight: bold; margin-bottom: 4px; }
figcaption .partial { font-weight: normal; color: #8a5a00; }
table.grid { font-size: 13px; }
table.grid td, table.grid th { border: 1px solid #999; padding: 2px 5px; vertical-align: top; min-width: 2em; }
table.grid thead th, table.grid th.rownum { background: #eee; color: #666; font-weight: normal; font-size: 11px; text-align: center; }
table.grid td.empty { background: #f7f7f7; }
.marked { cursor: pointer; }
td.marked, tr.marked td { outline: 2px solid var(--line); outline-offset: -2px; }
td.marked::before, tr.marked td:first-child::before { font-size: 9px; margin-right: 3px; vertical-align: 1px; }
td.marked.sev-error::before, tr.marked.sev-error td:first-child::before { content: "■"; color: var(--err); }
td.marked.sev-warning::before, tr.marked.sev-warning td:first-child::before { content: "▲"; color: var(--warn); }
td.marked.sev-info::before, tr.marked.sev-info td:first-child::before { content: "●"; color: var(--info); }
td.marked.sev-error, tr.marked.sev-error td { background: var(--err-bg); outline-color: var(--err); }
td.marked.sev-warning, tr.marked.sev-warning td { background: var(--warn-bg); outline-color: var(--warn); }
td.marked.sev-info, tr.marked.sev-info td { background: var(--info-bg); outline-color: var(--info); }
.marked.active, tr.marked.active td, .marked:focus { outline: 3px solid var(--accent) !important; }
.marked.current, tr.marked.current td { box-shadow: 0 0 0 4px rgba(26, 86, 219, .35); }
table.facts { font-size: 13px; }
table.facts td, table.facts th { border: 1px solid #999; padding: 2px 6px; vertical-align: top; }
table.facts td.num { white-space: nowrap; }

#cell-panel { position: fixed; right: 16px; bottom: 16px; width: min(480px, 92vw); max-height: 50vh; overflow: auto; background: #fff; border: 2px solid var(--accent); box-shadow: 0 4px 16px rgba(0,0,0,.25); padding: 8px 12px; z-index: 10; }
#cell-panel[hidden] { display: none; }
.panel-head { display: flex; gap: 8px; align-items: center; }
#cell-panel-close { margin-left: auto; font-size: 18px; border: 0; background: none; cursor: pointer; }
#cell-panel-list { padding-left: 20px; }
.panel-finding { margin: 6px 0; }
.panel-message { font-size: 13px; }

@media (max-width: 700px) {
  .page-head, main, .page-foot { padding-left: 10px; padding-right: 10px; }
  .verdict-body { grid-template-columns: minmax(0, 1fr); }
  .verdict-forms { grid-template-columns: minmax(0, 1fr); }
  dl.summary { grid-template-columns: max-content minmax(0, 1fr); }
  .total-figure { font-size: 22px; }
  .toolbar { position: static; }
  .shown { margin-left: 0; }
}
@media print {
  .page-head { padding: 0 0 4px; border-bottom: 2px solid #333; }
  main { padding: 0; }
  .page-foot { padding: 6px 0 0; }
  #verdict h2 { margin-top: 6px; }
  .verdict-body { grid-template-columns: minmax(0, 1fr); gap: 6px; }
  .verdict-forms { grid-template-columns: repeat(2, minmax(0, 1fr)); gap: 6px; }
  .verdict-form, .first-look, .group { break-inside: avoid-page; }
  .group { break-inside: auto; }
  .total-figure { font-size: 20px; }
  dl.summary { font-size: 9pt; }
  .workspace { display: block; margin-top: 8px; }
  #tables { break-before: page; }
  .group.collapsed .group-body { display: block; }
  .group-head .toggle { padding: 3px 6px; }
  .group-head, .rule-desc, .part-head { break-after: avoid; }
  .group-head .toggle::before { content: none !important; }
  .part:not(.expanded) li.finding.extra, .filtered { display: block !important; }
  li.finding { break-inside: avoid; padding-top: 3px; padding-bottom: 3px; }
  .marked.active, .marked.current { box-shadow: none; }
  figure.grid-wrap { overflow: visible; }
  table.grid { font-size: 8.5pt; width: 100%; }
  table.grid td, table.grid th { padding: 1px 3px; }
}
`;

export const INDEX_CSS =
  BASE_CSS +
  `
header.index-head { padding: 12px 24px 8px; background: #fff; border-bottom: 1px solid var(--line); }
header.index-head p { margin: 2px 0 0; color: var(--muted); }
main { padding: 0 24px 32px; }
.filters { margin: 12px 0 6px; display: flex; gap: 8px 16px; flex-wrap: wrap; align-items: center; }
.filters select { max-width: 22em; }
.totals { margin: 6px 0 10px; }
.totals b { font-variant-numeric: tabular-nums; }
table.index { width: 100%; }
table.index th, table.index td { border: 1px solid #999; padding: 3px 8px; text-align: left; vertical-align: top; }
table.index th { background: #eee; white-space: nowrap; }
table.index th[data-sortable] { cursor: pointer; user-select: none; }
table.index th[aria-sort="ascending"]::after { content: " ▲"; }
table.index th[aria-sort="descending"]::after { content: " ▼"; }
table.index td.num { text-align: right; font-variant-numeric: tabular-nums; }
td.num.nonzero.sev-error { color: var(--err); font-weight: bold; }
td.num.nonzero.sev-warning { color: var(--warn); font-weight: bold; }
td.num.nonzero.sev-info { color: var(--info); }
td.num.nonzero.sev-error::before { content: "■ "; font-size: 9px; vertical-align: 1px; }
td.num.nonzero.sev-warning::before { content: "▲ "; font-size: 9px; vertical-align: 1px; }
td.num.nonzero.sev-info::before { content: "● "; font-size: 9px; vertical-align: 1px; }
ul.sub-files, ul.sub-forms { margin: 0; padding: 0; list-style: none; }
ul.sub-files li { word-break: break-all; }
.version { color: var(--muted); font-size: 12px; }
.form-score { white-space: nowrap; }
.form-score .grade { display: inline-block; padding: 0 4px; border: 1px solid #333; border-radius: 3px; font-size: 12px; }
.status { white-space: nowrap; }
.status-read-error { color: var(--err); font-weight: bold; }
.status-errors { color: var(--err); }
.status-warnings { color: var(--warn); }
.status-clean { color: #137333; }
tr.has-read-error td { background: var(--err-bg); }
.read-error-text { color: var(--err); }
@media (max-width: 700px) {
  header.index-head, main { padding-left: 8px; padding-right: 8px; }
  /* A phone: each submission a card, its counts on one line. */
  table.index thead { display: none; }
  table.index, table.index tbody { display: block; }
  table.index tr { display: grid; grid-template-columns: repeat(4, auto); gap: 2px 10px; border: 1px solid #999; margin: 0 0 8px; padding: 6px 8px; background: #fff; }
  table.index tr[hidden] { display: none; }
  table.index td { display: block; border: 0; padding: 0; }
  table.index td.unit, table.index td.files, table.index td.forms { grid-column: 1 / -1; }
  table.index td.unit { font-weight: bold; font-size: 15px; }
  table.index td.num { text-align: left; }
  table.index td[data-label]::after { content: " " attr(data-label); color: var(--muted); font-weight: normal; font-size: 12px; }
  table.index td.year { grid-column: 1; }
  table.index td.status { grid-column: 1 / -1; }
  ul.sub-files li { word-break: normal; overflow-wrap: anywhere; }
  .form-score { white-space: normal; }
}
@media print { @page { size: A4 landscape; margin: 12mm; } th { cursor: auto; } }
`;
