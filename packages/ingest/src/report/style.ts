/** Inline CSS of the report and index pages: screen and print, no web fonts, no URLs. */
export const BASE_CSS = `
:root { --err: #b3261e; --err-bg: #fde7e5; --warn: #8a5a00; --warn-bg: #fff3d6; --info: #1f5fa8; --info-bg: #e6f0fb; --line: #c8c8c8; }
* { box-sizing: border-box; }
body { margin: 0; font: 14px/1.55 "PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC", "Source Han Sans SC", SimSun, sans-serif; color: #1b1b1b; background: #fafafa; }
header { padding: 16px 24px 8px; background: #fff; border-bottom: 1px solid var(--line); }
h1 { font-size: 22px; margin: 0 0 4px; }
h2 { font-size: 18px; margin: 24px 0 8px; border-bottom: 2px solid #333; padding-bottom: 2px; }
h3 { font-size: 16px; margin: 16px 0 6px; }
main { padding: 0 24px 48px; max-width: 1400px; }
.subtitle { color: #555; margin: 0; word-break: break-all; }
code { font-family: Consolas, "DejaVu Sans Mono", monospace; font-size: 12px; background: #eee; padding: 0 3px; border-radius: 2px; }
.pill { display: inline-block; padding: 1px 8px; border-radius: 10px; margin-right: 4px; }
.sev-error.pill, .badge.sev-error { background: var(--err-bg); color: var(--err); border: 1px solid var(--err); }
.sev-warning.pill, .badge.sev-warning { background: var(--warn-bg); color: var(--warn); border: 1px solid var(--warn); }
.sev-info.pill, .badge.sev-info { background: var(--info-bg); color: var(--info); border: 1px solid var(--info); }
.badge { display: inline-block; padding: 0 6px; border-radius: 3px; font-size: 12px; font-weight: bold; }
table { border-collapse: collapse; background: #fff; }
@media print {
  body { background: #fff; font-size: 11px; }
  header { border: 0; padding: 0 0 8px; }
  main { padding: 0; max-width: none; }
  .no-print, #cell-panel, input, select, button { display: none !important; }
  a { color: inherit; text-decoration: none; }
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  h2, h3 { break-after: avoid; }
  tr, li.finding { break-inside: avoid; }
}
`;

export const PAGE_CSS =
  BASE_CSS +
  `
dl.summary { display: grid; grid-template-columns: max-content 1fr; gap: 4px 16px; background: #fff; padding: 12px 16px; border: 1px solid var(--line); margin: 0; }
dl.summary dt { color: #555; }
dl.summary dd { margin: 0; word-break: break-all; }
ul.files, ol.forms-list { margin: 0; padding-left: 20px; }
li.this-file { font-weight: bold; }
.read-error { border: 2px solid var(--err); background: var(--err-bg); padding: 8px 16px; margin-top: 16px; }
.read-error h2 { color: var(--err); border-color: var(--err); }
.error-message { font-size: 16px; }
ol.findings { list-style: none; padding: 0; margin: 0; }
li.finding { background: #fff; border: 1px solid var(--line); border-left: 5px solid var(--line); padding: 8px 12px; margin: 6px 0; cursor: pointer; }
li.finding.sev-error { border-left-color: var(--err); }
li.finding.sev-warning { border-left-color: var(--warn); }
li.finding.sev-info { border-left-color: var(--info); }
li.finding.active, li.finding:focus { outline: 3px solid #3b82f6; outline-offset: 1px; }
.finding-head { font-weight: bold; }
.finding-head .rule { font-weight: normal; color: #555; }
.form-ref { font-weight: normal; color: #666; font-size: 12px; }
.message { margin: 4px 0; }
.figures { margin: 2px 0; font-family: Consolas, "DejaVu Sans Mono", monospace; }
.figures .computed { font-weight: bold; }
dl.detail { display: grid; grid-template-columns: max-content 1fr; gap: 0 12px; margin: 4px 0; font-size: 12px; color: #444; }
dl.detail dd { margin: 0; word-break: break-all; }
ul.locations { margin: 4px 0 0; padding-left: 18px; font-size: 13px; }
.other-file { color: #666; font-style: italic; }
blockquote.sentence { margin: 2px 0 4px; padding: 4px 8px; border-left: 3px solid #999; background: #f4f4f4; }
mark.figure { background: #ffe066; font-weight: bold; padding: 0 1px; }
figure.grid-wrap { margin: 8px 0 20px; overflow-x: auto; }
figcaption { font-weight: bold; margin-bottom: 4px; }
figcaption .partial { font-weight: normal; color: #8a5a00; }
table.grid td, table.grid th { border: 1px solid #999; padding: 2px 6px; vertical-align: top; min-width: 2em; }
table.grid thead th, table.grid th.rownum { background: #eee; color: #666; font-weight: normal; font-size: 11px; text-align: center; }
table.grid td.empty { background: #f7f7f7; }
.marked { cursor: pointer; }
td.marked, tr.marked td { outline: 2px solid var(--line); outline-offset: -2px; }
td.marked.sev-error, tr.marked.sev-error td { background: var(--err-bg); outline-color: var(--err); }
td.marked.sev-warning, tr.marked.sev-warning td { background: var(--warn-bg); outline-color: var(--warn); }
td.marked.sev-info, tr.marked.sev-info td { background: var(--info-bg); outline-color: var(--info); }
.marked.active, tr.marked.active td, .marked:focus { outline: 3px solid #3b82f6 !important; box-shadow: 0 0 0 4px rgba(59,130,246,.35); }
table.facts td, table.facts th { border: 1px solid #999; padding: 2px 6px; vertical-align: top; }
table.facts td.num { white-space: nowrap; }
#cell-panel { position: fixed; right: 16px; bottom: 16px; width: min(480px, 90vw); max-height: 50vh; overflow: auto; background: #fff; border: 2px solid #3b82f6; box-shadow: 0 4px 16px rgba(0,0,0,.25); padding: 8px 12px; z-index: 10; }
#cell-panel[hidden] { display: none; }
.panel-head { display: flex; gap: 8px; align-items: center; }
#cell-panel-close { margin-left: auto; font-size: 18px; border: 0; background: none; cursor: pointer; }
#cell-panel-list { padding-left: 20px; }
.panel-finding { margin: 6px 0; }
.panel-finding button { margin-top: 2px; }
@media print {
  li.finding { border-left-width: 3px; }
  .marked.active { box-shadow: none; }
  figure.grid-wrap { overflow: visible; }
  table.grid { font-size: 10px; }
}
`;

export const INDEX_CSS =
  BASE_CSS +
  `
.filters { margin: 12px 0; display: flex; gap: 16px; flex-wrap: wrap; align-items: center; }
.totals { margin: 8px 0; }
table.index { width: 100%; }
table.index th, table.index td { border: 1px solid #999; padding: 3px 8px; text-align: left; vertical-align: top; }
table.index th { background: #eee; cursor: pointer; user-select: none; white-space: nowrap; }
table.index th[aria-sort="ascending"]::after { content: " ▲"; }
table.index th[aria-sort="descending"]::after { content: " ▼"; }
table.index td.num { text-align: right; font-variant-numeric: tabular-nums; }
td.num.nonzero.sev-error { color: var(--err); font-weight: bold; }
td.num.nonzero.sev-warning { color: var(--warn); font-weight: bold; }
td.num.nonzero.sev-info { color: var(--info); }
tr.has-read-error td { background: var(--err-bg); }
.read-error-text { color: var(--err); }
@media print { th { cursor: auto; } }
`;
