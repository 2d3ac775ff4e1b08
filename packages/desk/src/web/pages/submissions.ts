import { html, raw, type Html } from '@jxaudit/ingest/report/escape.ts';
import { decidedCounts } from '../../review/state.ts';
import type { SubmissionEntry } from '../../source/report-source.ts';
import type { DecisionState, ReviewStatus } from '../../store/index.ts';
import { formatTime, page, type RenderedPage } from '../layout.ts';
import type { PageContext } from './context.ts';
import { isStatus, STATUS_LABEL, STATUSES } from './labels.ts';

/*
 * The submissions list: one row per unit × year with its files, version, counts by severity,
 * open/decided findings and review status; filtered and sorted on the server (works without
 * script), totals over everything the filter keeps, paged.
 */

export const SORTS = {
  unit: '单位',
  year: '年度',
  errors: '错误数',
  findings: '问题数',
  open: '待处理数',
  status: '审核状态',
  updated: '更新时间',
} as const;
export type SortKey = keyof typeof SORTS;

export interface ListQuery {
  status: ReviewStatus | 'all';
  year: number | null;
  q: string;
  openOnly: boolean;
  sort: SortKey;
  desc: boolean;
  page: number;
  /** Filters from the dashboard (district, form kind, rule, unit, grade, decision), kept by sorting and paging. */
  extra?: URLSearchParams;
}

export const PAGE_SIZE = 100;

/** Reads the query string leniently: anything unknown falls back to the default. */
export function parseListQuery(query: Record<string, unknown>): ListQuery {
  const str = (k: string) => (typeof query[k] === 'string' ? (query[k] as string) : '');
  const year = Number(str('year'));
  const sort = str('sort');
  const pageNo = Number(str('page'));
  return {
    status: isStatus(str('status')) ? (str('status') as ReviewStatus) : 'all',
    year: Number.isInteger(year) && year > 1900 && year < 3000 ? year : null,
    q: str('q').trim().slice(0, 100),
    openOnly: str('open') === '1',
    sort: sort in SORTS ? (sort as SortKey) : 'updated',
    desc: str('dir') ? str('dir') !== 'asc' : sort === '' || sort === 'updated' || sort === 'errors' || sort === 'findings' || sort === 'open',
    page: Number.isInteger(pageNo) && pageNo > 0 ? pageNo : 1,
  };
}

export interface ListRow {
  entry: SubmissionEntry;
  status: ReviewStatus;
  open: number;
  decided: number;
  confirmed: number;
}

export function listRows(
  entries: SubmissionEntry[],
  statuses: Map<string, ReviewStatus>,
  states: Map<string, Map<string, DecisionState>>,
  query: ListQuery,
): ListRow[] {
  const needle = query.q.toLowerCase();
  const rows = entries
    .map((entry) => ({ entry, status: statuses.get(entry.id) ?? ('pending' as ReviewStatus), ...decidedCounts(entry, states.get(entry.id)) }))
    .filter(
      (r) =>
        (query.status === 'all' || r.status === query.status) &&
        (query.year === null || r.entry.year === query.year) &&
        (!needle || (r.entry.unit ?? '').toLowerCase().includes(needle) || r.entry.documents.some((d) => d.name.toLowerCase().includes(needle))) &&
        (!query.openOnly || r.open > 0),
    );
  const collator = new Intl.Collator('zh-CN');
  const key: Record<SortKey, (a: ListRow, b: ListRow) => number> = {
    unit: (a, b) => collator.compare(a.entry.unit ?? '', b.entry.unit ?? ''),
    year: (a, b) => (a.entry.year ?? 0) - (b.entry.year ?? 0),
    errors: (a, b) => a.entry.counts.errors - b.entry.counts.errors,
    findings: (a, b) => a.entry.findings.length - b.entry.findings.length,
    open: (a, b) => a.open - b.open,
    status: (a, b) => STATUSES.indexOf(a.status) - STATUSES.indexOf(b.status),
    updated: (a, b) => (a.entry.updatedAt < b.entry.updatedAt ? -1 : a.entry.updatedAt > b.entry.updatedAt ? 1 : 0),
  };
  const cmp = key[query.sort];
  rows.sort((a, b) => (query.desc ? -cmp(a, b) : cmp(a, b)) || collator.compare(a.entry.unit ?? '', b.entry.unit ?? ''));
  return rows;
}

function queryString(q: ListQuery, change: Partial<ListQuery>): string {
  const n = { ...q, ...change };
  const params = new URLSearchParams();
  if (n.status !== 'all') params.set('status', n.status);
  if (n.year !== null) params.set('year', String(n.year));
  if (n.q) params.set('q', n.q);
  if (n.openOnly) params.set('open', '1');
  params.set('sort', n.sort);
  params.set('dir', n.desc ? 'desc' : 'asc');
  if (n.page > 1) params.set('page', String(n.page));
  for (const [k, v] of n.extra ?? []) params.set(k, v);
  return '/?' + params.toString();
}

function sortHeader(q: ListQuery, key: SortKey, label: string, className = ''): Html {
  const active = q.sort === key;
  const href = queryString(q, { sort: key, desc: active ? !q.desc : key !== 'unit' && key !== 'status', page: 1 });
  return html`<th class="${className}"${active ? raw(` aria-sort="${q.desc ? 'descending' : 'ascending'}"`) : ''}><a href="${href}">${label}${active ? (q.desc ? ' ▼' : ' ▲') : ''}</a></th>`;
}

export function submissionsPage(
  ctx: PageContext,
  all: ListRow[],
  years: number[],
  query: ListQuery,
  total: number,
  drilled: { caption: string; params: URLSearchParams } | null = null,
): RenderedPage {
  const pages = Math.max(1, Math.ceil(all.length / PAGE_SIZE));
  const pageNo = Math.min(query.page, pages);
  const shown = all.slice((pageNo - 1) * PAGE_SIZE, pageNo * PAGE_SIZE);
  const sum = (f: (r: ListRow) => number) => all.reduce((s, r) => s + f(r), 0);
  const statusCounts = new Map<string, number>();
  for (const r of all) statusCounts.set(r.status, (statusCounts.get(r.status) ?? 0) + 1);
  const rows = shown.map((r) => {
    const e = r.entry;
    return html`<tr data-id="${e.id}" data-status="${r.status}">
<td><a href="/s/${e.id}" class="unit">${e.unit ?? '（未识别单位）'}</a></td>
<td class="num">${e.year ?? '—'}</td>
<td class="files">${e.documents.length} 个文件<div class="muted small">${e.documents.map((d) => d.name + (d.role === 'superseded' ? '（已被取代）' : '')).join('、')}</div></td>
<td class="num">${e.version <= 1 ? '初稿' : `第${e.version}稿`}</td>
<td class="num"><span class="sev-n e">${e.counts.errors}</span></td>
<td class="num"><span class="sev-n w">${e.counts.warnings}</span></td>
<td class="num"><span class="sev-n i">${e.counts.infos}</span></td>
<td class="num open">${r.open}</td>
<td class="num decided">${r.decided}</td>
<td><span class="status status-${r.status}">${STATUS_LABEL[r.status]}</span></td>
<td class="muted">${e.updatedAt ? formatTime(e.updatedAt) : ''}</td>
</tr>`;
  });
  const statusOptions = [
    html`<option value="all"${query.status === 'all' ? raw(' selected') : ''}>全部状态</option>`,
    ...STATUSES.map((s) => html`<option value="${s}"${query.status === s ? raw(' selected') : ''}>${STATUS_LABEL[s]}</option>`),
  ];
  const yearOptions = [
    html`<option value="">全部年度</option>`,
    ...years.map((y) => html`<option value="${y}"${query.year === y ? raw(' selected') : ''}>${y}</option>`),
  ];
  const pager =
    pages > 1
      ? html`<nav class="pager">${pageNo > 1 ? html`<a href="${queryString(query, { page: pageNo - 1 })}">上一页</a>` : ''} 第 ${pageNo} / ${pages} 页 ${
          pageNo < pages ? html`<a href="${queryString(query, { page: pageNo + 1 })}">下一页</a>` : ''
        }</nav>`
      : '';
  const back = new URLSearchParams(drilled?.params);
  for (const k of ['rule', 'unit', 'grade', 'gradeBy', 'decision']) back.delete(k);
  if (query.year !== null) back.set('year', String(query.year));
  if (query.status !== 'all') back.set('status', query.status);
  const body = html`<h1 class="page-title">报送列表</h1>
${drilled ? html`<p class="notice drill" id="drill">来自统计分析：${drilled.caption}。<a href="/dashboard${back.size ? `?${back}` : ''}">返回统计分析</a> · <a href="/">查看全部报送</a></p>` : ''}
<form method="get" action="/" class="filters card" role="search">
${[...(drilled?.params ?? [])].map(([k, v]) => html`<input type="hidden" name="${k}" value="${v}">`)}
<label>审核状态 <select name="status">${statusOptions}</select></label>
<label>年度 <select name="year">${yearOptions}</select></label>
<label>单位或文件 <input type="search" name="q" value="${query.q}" maxlength="100" placeholder="输入单位名称"></label>
<label><input type="checkbox" name="open" value="1"${query.openOnly ? raw(' checked') : ''}> 只看有待处理问题的</label>
<input type="hidden" name="sort" value="${query.sort}"><input type="hidden" name="dir" value="${query.desc ? 'desc' : 'asc'}">
<button type="submit" class="btn">筛选</button> <a href="/">清除筛选</a>
</form>
<p class="totals" id="totals">共 <b>${all.length}</b> 份报送${all.length !== total ? html`（全部 ${total} 份）` : ''}：${STATUSES.map(
    (s) => html`<span class="status status-${s}">${STATUS_LABEL[s]} ${statusCounts.get(s) ?? 0}</span> `,
  )}</p>
<div class="table-scroll"><table class="list submissions">
<thead><tr>${sortHeader(query, 'unit', '单位')}${sortHeader(query, 'year', '年度', 'num')}<th>文件</th><th class="num">版本</th>${sortHeader(query, 'errors', '错误', 'num')}<th class="num">警告</th><th class="num">提示</th>${sortHeader(query, 'open', '待处理', 'num')}<th class="num">已处理</th>${sortHeader(query, 'status', '审核状态')}${sortHeader(query, 'updated', '更新时间')}</tr></thead>
<tbody>${rows.length ? rows : html`<tr><td colspan="11" class="muted">没有符合条件的报送。</td></tr>`}</tbody>
<tfoot><tr><td>合计（${all.length} 份）</td><td></td><td class="num">${sum((r) => r.entry.documents.length)} 个文件</td><td></td><td class="num" id="total-errors">${sum((r) => r.entry.counts.errors)}</td><td class="num" id="total-warnings">${sum((r) => r.entry.counts.warnings)}</td><td class="num">${sum((r) => r.entry.counts.infos)}</td><td class="num" id="total-open">${sum((r) => r.open)}</td><td class="num" id="total-decided">${sum((r) => r.decided)}</td><td></td><td></td></tr></tfoot>
</table></div>
${pager}`;
  return page({
    title: '报送列表',
    user: ctx.user,
    csrf: ctx.csrf,
    path: '/',
    body,
    css: `.filters { display: flex; flex-wrap: wrap; gap: 12px 20px; align-items: center; }
.small { font-size: 12px; }
td.files { max-width: 360px; }
.table-scroll { overflow-x: auto; }
table.submissions a { color: #1f3a5f; }
table.submissions th a { color: inherit; text-decoration: none; }
.pager { margin: 12px 0; display: flex; gap: 16px; }
@media (max-width: 700px) {
  table.submissions tr > :nth-child(3), table.submissions tr > :nth-child(4), table.submissions tr > :nth-child(7), table.submissions tr > :nth-child(11) { display: none; }
  table.submissions td:first-child { min-width: 7em; }
  table.list th, table.list td { padding: 4px 5px; }
}`,
  });
}
