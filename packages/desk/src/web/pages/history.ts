import { html } from '@jxaudit/ingest/report/escape.ts';
import { DECISION_LABEL, ruleTitleZh } from '../../review/state.ts';
import type { SubmissionEntry } from '../../source/report-source.ts';
import type { DecisionState, HistoryEntry, ReviewStatus } from '../../store/index.ts';
import { formatTime, page, type RenderedPage } from '../layout.ts';
import type { PageContext } from './context.ts';
import { STATUS_LABEL, versionLabel } from './labels.ts';
import { anchorOf } from './submission.ts';

const LETTER_ACTION: Record<string, string> = {
  saved: '保存审核意见书',
  'exported-docx': '导出审核意见书（Word）',
  'exported-print': '打开审核意见书打印页',
};

function what(e: HistoryEntry, entry: SubmissionEntry) {
  if (e.kind === 'decision') {
    const from = e.from ? DECISION_LABEL[e.from as DecisionState] : '待处理';
    return html`<td><a href="/s/${entry.id}#${anchorOf(e.fingerprint!)}">${ruleTitleZh(e.finding!.rule)}</a><div class="doc-text small">${e.finding!.message}</div><div class="muted small">${e.finding!.where}</div></td>
<td class="change">${from} → <b>${DECISION_LABEL[e.to as DecisionState]}</b>${e.batch ? html` <span class="muted small">（批量）</span>` : ''}</td>`;
  }
  if (e.kind === 'status') {
    return html`<td>审核状态</td><td class="change">${STATUS_LABEL[e.from as ReviewStatus]} → <b>${STATUS_LABEL[e.to as ReviewStatus]}</b></td>`;
  }
  return html`<td>审核意见书</td><td class="change">${LETTER_ACTION[e.to] ?? e.to}</td>`;
}

export function historyPage(ctx: PageContext, entry: SubmissionEntry, entries: HistoryEntry[]): RenderedPage {
  const rows = entries.map(
    (e) => html`<tr class="kind-${e.kind}"><td class="nowrap">${formatTime(e.at)}</td><td>${e.userName}</td><td class="nowrap">${versionLabel(e.version)}</td>${what(e, entry)}<td class="doc-text note">${e.note}</td></tr>`,
  );
  const body = html`<nav class="crumbs"><a href="/">报送列表</a> › <a href="/s/${entry.id}">${entry.unit ?? '（未识别单位）'}</a> › 审核记录</nav>
<h1 class="page-title">审核记录 · ${entry.unit ?? ''} ${entry.year ?? ''}年度</h1>
<p class="muted">每一次处理意见、审核状态和意见书操作都按时间记录在此，记录不可修改。</p>
<div class="table-scroll"><table class="list history"><thead><tr><th>时间</th><th>审核人</th><th>版本</th><th>对象</th><th>变更</th><th>备注</th></tr></thead>
<tbody>${rows.length ? rows : html`<tr><td colspan="6" class="muted">还没有审核记录。</td></tr>`}</tbody></table></div>`;
  return page({
    title: '审核记录',
    user: ctx.user,
    csrf: ctx.csrf,
    path: ctx.path,
    body,
    css: `.crumbs { margin: 10px 0 0; font-size: 13px; } .small { font-size: 12px; } .nowrap { white-space: nowrap; } td.note { max-width: 360px; } .table-scroll { overflow-x: auto; }`,
  });
}
