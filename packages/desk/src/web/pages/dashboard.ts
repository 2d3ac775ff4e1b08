import { html, raw, type Html } from '@jxaudit/ingest/report/escape.ts';
import { KIND_NAMES, STATUS_NAMES, STATUS_ORDER, type Drill, type Stats, type StatsFilter } from '../../stats/compute.ts';
import { filterParams, KINDS } from '../../stats/filter.ts';
import { filterCaption, statsTable, TABLE_TITLES, type StatsTable, type TableId } from '../../stats/tables.ts';
import { page, type RenderedPage } from '../layout.ts';
import type { PageContext } from './context.ts';

/*
 * /dashboard: the statistics as charts (drawn in the browser by /assets/dashboard.js with
 * ECharts), each with its table beneath and an .xlsx export of that table. The page works and
 * prints without script: the tables carry every number. A click on a bar or a point opens the
 * submissions behind it (the submissions list with the same filters and the drill).
 */

export interface ChartSeries {
  name: string;
  data: (number | null)[] | [number, number][];
  /** Scatter: a label drawn beside the point (units above the diagonal), else null. */
  labels?: (string | null)[];
  /** Scatter: what the tooltip names. */
  names?: string[];
}

export interface ChartSpec {
  id: TableId;
  type: 'bar' | 'hbar' | 'line' | 'scatter';
  stack?: boolean;
  categories?: string[];
  valueName?: string;
  xName?: string;
  yName?: string;
  diagonal?: [number, number];
  series: ChartSeries[];
  /** Per series, per data point: the page a click opens (null: none). */
  links: (string | null)[][];
}

/** How many bars a ranking shows (the table beneath lists them all). */
export const TOP_UNITS = 15;
export const TOP_LINES = 8;
/** Rows printed beneath a chart; the .xlsx holds them all. */
export const TABLE_ROWS = 60;

function listLink(filter: StatsFilter, drill: Drill): string {
  return `/?${filterParams(filter, drill).toString()}`;
}

export function chartSpecs(s: Stats): ChartSpec[] {
  const f = s.filter;
  const specs: ChartSpec[] = [];

  // 1. 自评总分 against 复核总分: above the diagonal, the unit scored itself higher.
  const above = s.inflation.filter((r) => r.inflation > 0);
  const rest = s.inflation.filter((r) => r.inflation <= 0);
  const scores = s.inflation.flatMap((r) => [r.declared, r.recomputed]);
  const lo = scores.length ? Math.floor(Math.min(...scores) / 5) * 5 : 0;
  const hi = scores.length ? Math.ceil(Math.max(...scores) / 5) * 5 : 100;
  const point = (r: (typeof s.inflation)[number]) => [r.recomputed, r.declared] as [number, number];
  const name = (r: (typeof s.inflation)[number]) => `${r.unit} ${r.year ?? ''}年 ${KIND_NAMES[r.kind]}`;
  specs.push({
    id: 'inflation',
    type: 'scatter',
    xName: '复核总分',
    yName: '自评总分',
    diagonal: [lo, hi],
    series: [
      { name: '自评高于复核', data: above.map(point), labels: above.map((r) => r.unit.replace(/办事处$/, '')), names: above.map(name) },
      { name: '自评不高于复核', data: rest.map(point), labels: rest.map(() => null), names: rest.map(name) },
    ],
    links: [above.map((r) => `/s/${r.id}`), rest.map((r) => `/s/${r.id}`)],
  });

  // 2. Grades.
  specs.push({
    id: 'grades',
    type: 'bar',
    categories: s.grades.map((g) => g.grade),
    valueName: '张表',
    series: [
      { name: '自评等级', data: s.grades.map((g) => g.declared) },
      { name: '复核等级', data: s.grades.map((g) => g.recomputed) },
    ],
    links: [
      s.grades.map((g) => listLink(f, { grade: g.grade, gradeBy: 'declared' })),
      s.grades.map((g) => listLink(f, { grade: g.grade, gradeBy: 'recomputed' })),
    ],
  });

  // 3. Findings by rule and severity, rules failing in most units first.
  specs.push({
    id: 'rules',
    type: 'hbar',
    stack: true,
    categories: s.rules.map((r) => r.title),
    valueName: '问题数',
    series: [
      { name: '错误', data: s.rules.map((r) => r.errors) },
      { name: '警告', data: s.rules.map((r) => r.warnings) },
      { name: '提示', data: s.rules.map((r) => r.infos) },
    ],
    links: [0, 1, 2].map(() => s.rules.map((r) => listLink(f, { rule: r.rule }))),
  });

  // 4, 5. Units ranked.
  const errorsTop = s.unitsByErrors.slice(0, TOP_UNITS);
  specs.push({
    id: 'units-errors',
    type: 'hbar',
    categories: errorsTop.map((u) => u.unit),
    valueName: '错误数',
    series: [{ name: '错误', data: errorsTop.map((u) => u.errors) }],
    links: [errorsTop.map((u) => listLink(f, { unit: u.unit }))],
  });
  const shortTop = s.unitsByShortfalls.slice(0, TOP_UNITS);
  specs.push({
    id: 'units-shortfalls',
    type: 'hbar',
    categories: shortTop.map((u) => u.unit),
    valueName: '处',
    series: [{ name: '未说明偏差', data: shortTop.map((u) => u.shortfalls) }],
    links: [shortTop.map((u) => listLink(f, { unit: u.unit }))],
  });

  // 6, 7. Year over year.
  const years = s.years.map((y) => `${y}年`);
  const unitLines = s.unitYears.slice(0, TOP_LINES);
  specs.push({
    id: 'unit-years',
    type: 'line',
    categories: years,
    series: unitLines.map((r) => ({ name: r.label, data: r.values })),
    links: unitLines.map((r) => s.years.map((y) => listLink({ ...f, year: y }, { unit: r.key }))),
  });
  const ruleLines = s.ruleYears.slice(0, TOP_LINES);
  specs.push({
    id: 'rule-years',
    type: 'line',
    categories: years,
    series: ruleLines.map((r) => ({ name: r.label, data: r.values })),
    links: ruleLines.map((r) => s.years.map((y) => listLink({ ...f, year: y }, { rule: r.key }))),
  });

  // 8. Review progress.
  specs.push({
    id: 'progress',
    type: 'bar',
    categories: s.progress.map((p) => p.label),
    valueName: '报送数',
    series: [{ name: '报送', data: s.progress.map((p) => p.submissions) }],
    links: [s.progress.map((p) => listLink({ ...f, status: p.status }, {}))],
  });

  // 9. Confirmed vs waived per rule.
  const states = [
    ['确认问题', 'confirmed', 'confirmed'],
    ['不是问题', 'waived', 'waived'],
    ['待补充材料', 'needsInfo', 'needs-info'],
    ['未处理', 'open', 'open'],
  ] as const;
  specs.push({
    id: 'decisions',
    type: 'hbar',
    stack: true,
    categories: s.decisions.map((r) => r.title),
    valueName: '问题数',
    series: states.map(([label, key]) => ({ name: label, data: s.decisions.map((r) => r[key]) })),
    links: states.map(([, , decision]) => s.decisions.map((r) => listLink(f, { rule: r.rule, decision }))),
  });
  return specs;
}

const NOTES: Partial<Record<TableId, string>> = {
  inflation: '每个点是一张自评表；虚线以上的点自评总分高于复核总分，标出单位名称。点击一个点打开该份报送。',
  grades: '按默认等级：优 ≥ 90，良 80–90，中 60–80，差 < 60。',
  rules: '涉及单位最多的规则在上；一条规则很多单位都出错，说明需要加强指导或培训。',
  'units-errors': `前 ${TOP_UNITS} 个单位；完整名单见下表。`,
  'units-shortfalls': '未说明偏差：指标未完成或扣分却未写明原因（偏差原因分析为空）。',
  'unit-years': '两个年度以上都有报送的单位，各年问题总数。',
  'rule-years': '各年中出现该规则问题的报送份数。',
  progress: '点击柱条查看该状态的报送。',
  decisions: '“不是问题”占已处理比例最高的规则在上：审核人多数认为不是问题的规则，值得重新审视。',
};

function tableHtml(t: StatsTable): Html {
  const shown = t.rows.slice(0, TABLE_ROWS);
  return html`<div class="table-scroll"><table class="list stats-table" data-table="${t.id}">
<thead><tr>${t.columns.map((c, i) => html`<th${t.numeric[i] ? raw(' class="num"') : ''}>${c}</th>`)}</tr></thead>
<tbody>${shown.length ? shown.map((r) => html`<tr>${r.map((c, i) => html`<td${t.numeric[i] ? raw(' class="num"') : ''}>${c === null ? '—' : c}</td>`)}</tr>`) : html`<tr><td colspan="${t.columns.length}" class="muted">没有数据。</td></tr>`}</tbody>
</table></div>${t.rows.length > shown.length ? html`<p class="muted small">共 ${t.rows.length} 行，这里列出前 ${shown.length} 行；完整数据请导出 .xlsx。</p>` : ''}`;
}

function select(name: string, label: string, options: [string, string][], value: string): Html {
  return html`<label>${label} <select name="${name}">${options.map(([v, l]) => html`<option value="${v}"${v === value ? raw(' selected') : ''}>${l}</option>`)}</select></label>`;
}

export function dashboardPage(ctx: PageContext, s: Stats): RenderedPage {
  const f = s.filter;
  const specs = chartSpecs(s);
  const qs = filterParams(f).toString();
  const suffix = qs ? `?${qs}` : '';
  const sections = specs.map((spec) => {
    const t = statsTable(s, spec.id);
    const rows = spec.categories?.length ?? 0;
    const height = spec.type === 'hbar' ? Math.max(220, rows * 26 + 70) : spec.type === 'scatter' ? 420 : 320;
    return html`<section class="chart-card card" id="sec-${spec.id}">
<div class="chart-head"><h2>${TABLE_TITLES[spec.id]}</h2><a class="btn secondary small no-print" href="/dashboard/export/${spec.id}.xlsx${suffix}" download>导出 .xlsx</a></div>
<p class="muted small">${NOTES[spec.id] ?? ''}</p>
<div class="chart" id="chart-${spec.id}" style="height:${height}px" role="img" aria-label="${TABLE_TITLES[spec.id]}（图表，数据见下表）"></div>
${tableHtml(t)}
</section>`;
  });
  const t = s.totals;
  const body = html`<h1 class="page-title">统计分析</h1>
<form method="get" action="/dashboard" class="filters card no-print" role="search">
${select('year', '年度', [['', '全部年度'], ...s.choices.years.map((y): [string, string] => [String(y), `${y}年`])], f.year === null ? '' : String(f.year))}
${select('district', '区县', [['', '全部区县'], ...s.choices.districts.map((d): [string, string] => [d, d])], f.district ?? '')}
${select('kind', '表', [['', '全部表'], ...KINDS.map((k): [string, string] => [k, KIND_NAMES[k]])], f.kind ?? '')}
${select('status', '审核状态', [['', '全部状态'], ...STATUS_ORDER.map((st): [string, string] => [st, STATUS_NAMES[st]])], f.status ?? '')}
<button type="submit" class="btn">筛选</button> <a href="/dashboard">清除筛选</a>
<a class="export-all" href="/dashboard/export/all.xlsx${suffix}" download>全部表格导出 .xlsx</a>
</form>
<p class="caption">统计范围：<b id="caption">${filterCaption(s)}</b>（区县按单位名称开头的区、县、市划分）</p>
<div class="kpis">
<div class="kpi"><span class="n" id="kpi-submissions">${t.submissions}</span><span>份报送（${t.units} 个单位）</span></div>
<div class="kpi"><span class="n">${t.findings}</span><span>个问题：错误 ${t.errors}，警告 ${t.warnings}，提示 ${t.infos}</span></div>
<div class="kpi"><span class="n">${t.shortfalls}</span><span>处未说明偏差</span></div>
<div class="kpi"><span class="n">${t.inflated}</span><span>张表自评总分高于复核总分</span></div>
</div>
<div class="charts">${sections}</div>
<script type="application/json" id="dash-data">${raw(JSON.stringify(specs).replace(/</g, '\\u003c'))}</script>`;
  return page({
    title: '统计分析',
    user: ctx.user,
    csrf: ctx.csrf,
    path: '/dashboard',
    body,
    assetScripts: ['echarts.min.js', 'dashboard.js'],
    css: `.filters { display: flex; flex-wrap: wrap; gap: 12px 20px; align-items: center; }
.export-all { margin-left: auto; }
.caption { margin: 4px 0 8px; }
.small { font-size: 12px; }
.kpis { display: flex; flex-wrap: wrap; gap: 12px; margin: 8px 0; }
.kpi { background: #fff; border: 1px solid var(--line); padding: 8px 14px; display: flex; align-items: baseline; gap: 6px; }
.kpi .n { font-size: 24px; font-weight: bold; color: #1f3a5f; font-variant-numeric: tabular-nums; }
.charts { display: grid; grid-template-columns: repeat(auto-fit, minmax(620px, 1fr)); gap: 0 16px; }
.chart-card { break-inside: avoid; min-width: 0; }
.chart-head { display: flex; align-items: center; gap: 12px; }
.chart-head h2 { font-size: 16px; margin: 4px 0; }
.chart-head .btn { margin-left: auto; }
.chart { width: 100%; }
.table-scroll { overflow-x: auto; max-height: 420px; overflow-y: auto; }
table.stats-table { font-size: 13px; }
@media (max-width: 700px) {
  .charts { grid-template-columns: 1fr; }
  .export-all { margin-left: 0; }
  .kpi { flex: 1 1 40%; padding: 6px 10px; }
  table.stats-table th, table.stats-table td { white-space: nowrap; }
  .kpi .n { font-size: 20px; }
}
@page { size: A4 landscape; margin: 12mm; }
@media print {
  .charts { display: block; }
  .chart-card { border: 0; padding: 0; margin: 0 0 8mm; break-inside: auto; }
  .chart-head, .chart-card > p { break-after: avoid; }
  .chart { break-inside: avoid; }
  table.stats-table tr { break-inside: avoid; }
  .chart { width: 100% !important; }
  .table-scroll { max-height: none; overflow: visible; }
  .kpi { border-color: #999; }
}`,
  });
}
