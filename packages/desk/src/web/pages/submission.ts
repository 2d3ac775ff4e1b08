import type { Severity } from '@jxaudit/model';
import { html, raw, type Html } from '@jxaudit/ingest/report/escape.ts';
import { formatFigure, formatNumber, severityLabel } from '@jxaudit/ingest/report/text.ts';
import { DECISION_LABEL, placesText, type ReviewView, type ReviewedFinding } from '../../review/state.ts';
import type { Block } from '@jxaudit/model';
import type { CurrentStatus, DecisionState } from '../../store/index.ts';
import { GRID_CSS, cellKey, gridsOf, originOf, renderGrid, type CellMark, type GridModel } from '../grid.ts';
import { csrfField, formatTime, page, type RenderedPage } from '../layout.ts';
import type { PageContext } from './context.ts';
import { STATUS_LABEL, STATUSES, versionLabel } from './labels.ts';

/*
 * One submission: its findings grouped by rule with the decision controls inline (one finding,
 * or every checked finding of a group at once), beside the rebuilt tables with the cells marked;
 * the review status; the difference from the version before.
 */

export const NOTE_MAX = 2000;

/** What a document is in its version, for people. */
const ROLE_NOTE = { current: '', copy: '（副本，内容与其他文件相同）', superseded: '（已被修改稿取代）' } as const;

export function anchorOf(fingerprint: string): string {
  return 'f-' + fingerprint.slice(0, 16);
}

const RANK: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

function figures(f: ReviewedFinding): Html | '' {
  const { declared, computed, rule, at } = f.finding;
  if (declared === null && computed === null) return '';
  return html`<p class="figures">填报 <b>${declared === null ? '—' : formatFigure(rule, declared, at[0]?.text)}</b> → 复核 <b>${
    computed === null ? '—' : formatFigure(rule, computed)
  }</b>${declared !== null && computed !== null && rule !== 'exec-rate-recompute' ? html` <span class="muted">（差 ${computed - declared > 0 ? '+' : ''}${formatNumber(computed - declared)}）</span>` : ''}</p>`;
}

function decisionBadge(state: DecisionState | null): Html {
  return state
    ? html`<span class="decision decision-${state}">${DECISION_LABEL[state]}</span>`
    : html`<span class="decision decision-open">待处理</span>`;
}

function decideButtons(prefix: string): Html {
  return html`<button type="submit" name="state" value="confirmed" class="btn small confirm">${prefix}确认问题</button>
<button type="submit" name="state" value="waived" class="btn small waive">${prefix}不是问题</button>
<button type="submit" name="state" value="needs-info" class="btn small needs-info">${prefix}待补充材料</button>`;
}

function renderFinding(ctx: PageContext, view: ReviewView, f: ReviewedFinding, keys: string[], multiFile: boolean, groupForm: string): Html {
  const d = f.decision;
  const anchor = anchorOf(f.fingerprint);
  const where = placesText(f.finding.at, multiFile, 8);
  const carry =
    f.carry === 'still-open'
      ? html`<span class="carry carry-still-open" title="第${d!.version}稿已确认的问题在本稿仍然存在">仍未整改</span>`
      : f.carry === 'carried'
        ? html`<span class="carry carry-carried muted">沿用${versionLabel(d!.version)}的意见</span>`
        : f.isNew
          ? html`<span class="carry carry-new">本稿新出现</span>`
          : '';
  return html`<li class="finding sev-${f.finding.severity} state-${d?.state ?? 'open'}" id="${anchor}" data-fingerprint="${f.fingerprint}" data-state="${d?.state ?? 'open'}" data-targets="${keys.join(' ')}" tabindex="-1">
<div class="finding-head"><label class="pick" title="纳入本组批量处理"><input type="checkbox" form="${groupForm}" name="fp" value="${f.fingerprint}" checked><span class="sr">纳入批量处理</span></label>
<span class="badge sev-${f.finding.severity}">${severityLabel(f.finding.severity, 'zh')}</span> ${decisionBadge(d?.state ?? null)} ${carry}</div>
<p class="message doc-text">${f.finding.message}</p>
${figures(f)}
<p class="where">位置：${where}</p>
${d ? html`<p class="decided">${d.userName} · ${formatTime(d.at)}${d.note ? html`<span class="note doc-text">备注：${d.note}</span>` : ''}</p>` : ''}
<form method="post" action="/s/${view.entry.id}/decide#${anchor}" class="decide no-print">
${csrfField(ctx.csrf)}<input type="hidden" name="fp" value="${f.fingerprint}">
<input type="text" name="note" maxlength="${NOTE_MAX}" placeholder="备注（可选）" aria-label="备注" value="">
${decideButtons('')}
</form>
</li>`;
}

function statusSection(ctx: PageContext, view: ReviewView, status: CurrentStatus | null): Html {
  const current = status?.status ?? 'pending';
  const info = status
    ? html`<span class="muted">${status.userName} 于 ${formatTime(status.at)} 设定${status.note ? html`：<span class="doc-text">${status.note}</span>` : ''}</span>`
    : html`<span class="muted">尚未开始审核</span>`;
  const form =
    ctx.user?.role === 'lead'
      ? html`<form method="post" action="/s/${view.entry.id}/status" class="status-form no-print">${csrfField(ctx.csrf)}
<label>改为 <select name="status">${STATUSES.map((s) => html`<option value="${s}"${s === current ? raw(' selected') : ''}>${STATUS_LABEL[s]}</option>`)}</select></label>
<input type="text" name="note" maxlength="${NOTE_MAX}" placeholder="说明（可选）" aria-label="说明">
<button type="submit" class="btn small">更新审核状态</button></form>`
      : html`<p class="muted small no-print">审核状态由科室负责人设定。</p>`;
  return html`<div class="status-line">审核状态：<span class="status status-${current}" id="review-status">${STATUS_LABEL[current]}</span> ${info}</div>${form}`;
}

function versionSection(view: ReviewView): Html {
  const e = view.entry;
  const current = e.versions.find((v) => v.number === e.version);
  const fixed = view.gone.filter((g) => g.fixed);
  const rows = [...e.versions]
    .sort((a, b) => b.number - a.number)
    .map(
      (v) => html`<li>${versionLabel(v.number)}${v.number === e.version ? '（当前）' : ''} · ${formatTime(v.at)} · ${v.documents.map(
        (d, i) => html`${i ? '、' : ''}<a href="/s/${e.id}/v/${v.number}/files/${d.index}/report.html" target="_blank" rel="noopener">${d.name}</a>`,
      )}${v.diff ? html` <span class="muted">（与上一稿相比：已消失 ${v.diff.fixed}，新出现 ${v.diff.new}，未变 ${v.diff.unchanged}）</span>` : ''}</li>`,
    );
  const gone = view.gone.length
    ? html`<h3>上一稿的问题在本稿已不再出现</h3><ul class="gone">${view.gone.map(
        (g) => html`<li id="${anchorOf(g.fingerprint)}" data-fingerprint="${g.fingerprint}" class="gone-item">${
          g.fixed ? html`<span class="carry carry-fixed">已整改</span>` : html`<span class="decision decision-${g.decision.state}">${DECISION_LABEL[g.decision.state]}</span> <span class="muted">不再出现</span>`
        } <span class="doc-text">${g.decision.finding.message}</span> <span class="muted">（${versionLabel(g.decision.version)} ${g.decision.finding.where}）</span></li>`,
      )}</ul>`
    : '';
  return html`<section class="card versions" id="versions"><h2>版本</h2><ul>${rows}</ul>${
    current?.diff || view.counts.stillOpen || fixed.length
      ? html`<p>已确认的问题：<span class="carry carry-still-open">仍未整改 ${view.counts.stillOpen}</span> <span class="carry carry-fixed">已整改 ${fixed.length}</span></p>`
      : ''
  }${gone}</section>`;
}

/** The marks of one document's cells: worst severity, and the decision state when all agree. */
function marksOf(view: ReviewView, docIndex: number, grids: GridModel[], keysByFinding: Map<string, string[]>): Map<string, CellMark> {
  const marks = new Map<string, { sev: Severity; states: Set<string>; findings: string[] }>();
  for (const f of view.findings) {
    for (const key of keysByFinding.get(f.fingerprint) ?? []) {
      if (!key.startsWith(`d${docIndex}t`)) continue;
      const m = marks.get(key) ?? { sev: f.finding.severity, states: new Set<string>(), findings: [] };
      if (RANK[f.finding.severity] < RANK[m.sev]) m.sev = f.finding.severity;
      m.states.add(f.decision?.state ?? 'open');
      m.findings.push(anchorOf(f.fingerprint));
      marks.set(key, m);
    }
  }
  void grids;
  return new Map(
    [...marks].map(([k, m]) => [k, { severity: m.sev, className: m.states.size === 1 && !m.states.has('open') ? `state-${[...m.states][0]}` : undefined, findings: m.findings }]),
  );
}

/** Which findings the page lists (?show=…). */
export const SHOW = {
  all: '全部',
  open: '待处理',
  confirmed: '确认问题',
  waived: '不是问题',
  'needs-info': '待补充材料',
  'still-open': '仍未整改',
} as const;
export type Show = keyof typeof SHOW;

function shown(f: ReviewedFinding, show: Show): boolean {
  if (show === 'all') return true;
  if (show === 'open') return !f.decision;
  if (show === 'still-open') return f.carry === 'still-open';
  return f.decision?.state === show;
}

export function submissionPage(
  ctx: PageContext,
  view: ReviewView,
  status: CurrentStatus | null,
  blocksByDoc: Map<number, Block[] | null>,
  notice: string | null,
  show: Show = 'all',
): RenderedPage {
  const e = view.entry;
  const multiFile = view.documents.length > 1;
  const docByFile = new Map(view.documents.map((d) => [d.report.source.path, d.doc.index]));
  const gridsByDoc = new Map(view.documents.map((d) => [d.doc.index, gridsOf(d.report, blocksByDoc.get(d.doc.index) ?? null)]));
  // Finding → cell keys it rests on (origin cells of merged ranges).
  const keysByFinding = new Map<string, string[]>();
  for (const f of view.findings) {
    const keys = new Set<string>();
    for (const loc of f.finding.at) {
      const doc = docByFile.get(loc.file);
      if (doc === undefined || loc.table === null || loc.row === null || loc.col === null) continue;
      const grid = gridsByDoc.get(doc)?.find((g) => g.index === loc.table);
      const origin = grid ? originOf(grid, loc.row, loc.col) : null;
      keys.add(origin ? cellKey(doc, loc.table, origin.row, origin.col) : cellKey(doc, loc.table, loc.row, loc.col));
    }
    keysByFinding.set(f.fingerprint, [...keys]);
  }
  const groups = view.groups.map((group, gi) => {
    const g = { ...group, findings: group.findings.filter((f) => shown(f, show)) };
    if (!g.findings.length) return '';
    const formId = `bulk-${gi}`;
    const decided = group.findings.filter((f) => f.decision).length;
    return html`<section class="rule-group" id="g-${gi}" data-rule="${g.rule}">
<h3><span class="badge sev-${g.severity}">${severityLabel(g.severity, 'zh')}</span> ${g.title} <span class="muted count">${group.findings.length} 项，已处理 ${decided}</span></h3>
${g.findings.length > 1 ? html`<form method="post" action="/s/${e.id}/decide#g-${gi}" id="${formId}" class="bulk no-print">${csrfField(ctx.csrf)}
<span class="bulk-label">本组勾选的 ${g.findings.length} 项：</span>
<input type="text" name="note" maxlength="${NOTE_MAX}" placeholder="备注（可选，用于全部）" aria-label="批量备注">
${decideButtons('全部')}
</form>` : html`<form id="${formId}" hidden></form>`}
<ol class="findings">${g.findings.map((f) => renderFinding(ctx, view, f, keysByFinding.get(f.fingerprint) ?? [], multiFile, formId))}</ol>
</section>`;
  });
  const tables = view.documents.filter(({ doc }) => doc.role === 'current').map(({ doc, report }) => {
    const grids = gridsByDoc.get(doc.index) ?? [];
    const marks = marksOf(view, doc.index, grids, keysByFinding);
    return html`<section class="doc-tables" id="doc-${doc.index}"><h3>${doc.name} <a class="small" href="/s/${e.id}/v/${e.version}/files/${doc.index}/report.html" target="_blank" rel="noopener">查看检查报告</a></h3>${
      report.error ? html`<p class="problem">此文件无法读取：${report.error.message}</p>` : ''
    }${grids.length ? grids.map((g) => renderGrid(doc.index, g, marks)) : html`<p class="muted">此文件没有表格。</p>`}</section>`;
  });
  const c = view.counts;
  const body = html`<nav class="crumbs no-print"><a href="/">报送列表</a> › ${e.unit ?? '（未识别单位）'}</nav>
<h1 class="page-title">${e.unit ?? '（未识别单位）'} · ${e.year ?? '年度未识别'}年度 <span class="muted small">${versionLabel(e.version)}</span></h1>
${notice ? html`<p class="notice" role="status" id="notice">${notice}</p>` : ''}
<div class="card summary-card">
${statusSection(ctx, view, status)}
<p class="counts">问题 ${view.findings.length} 项：<span class="sev-n e">错误 ${e.counts.errors}</span> · <span class="sev-n w">警告 ${e.counts.warnings}</span> · <span class="sev-n i">提示 ${e.counts.infos}</span>
　|　<span class="decision decision-open">待处理 ${c.open}</span> <span class="decision decision-confirmed">确认问题 ${c.confirmed}</span> <span class="decision decision-waived">不是问题 ${c.waived}</span> <span class="decision decision-needs-info">待补充材料 ${c.needsInfo}</span></p>
<p class="files">文件：${view.documents.map(
    ({ doc }, i) => html`${i ? '、' : ''}<a href="/s/${e.id}/v/${e.version}/files/${doc.index}/report.html" target="_blank" rel="noopener">${doc.name}</a>${ROLE_NOTE[doc.role]}`,
  )}</p>
<p class="actions no-print"><a class="btn" href="/s/${e.id}/letter">审核意见书</a> <a class="btn secondary" href="/s/${e.id}/history">审核记录</a> <a class="btn secondary" href="/s/${e.id}/decisions.csv">导出处理意见（Excel）</a></p>
</div>
${e.versions.length > 1 || view.gone.length ? versionSection(view) : ''}
<div class="review">
<div class="findings-col"><h2>问题（按规则分组）</h2>
<nav class="show no-print" aria-label="筛选问题">${(Object.keys(SHOW) as Show[]).map(
    (k) => html`<a href="/s/${e.id}${k === 'all' ? '' : `?show=${k}`}"${k === show ? raw(' aria-current="true"') : ''}>${SHOW[k]} ${countShown(view, k)}</a>`,
  )}</nav>
${view.findings.length ? (view.findings.some((f) => shown(f, show)) ? groups : html`<p class="muted">没有“${SHOW[show]}”的问题。</p>`) : html`<p class="muted">本报送未发现问题。</p>`}</div>
<div class="tables-col"><h2>重建的表格</h2><p class="muted small no-print">点击问题可在表中定位；点击标记的单元格可定位到问题。</p>${tables}</div>
</div>`;
  return page({
    title: `${e.unit ?? '报送'} ${e.year ?? ''}`,
    user: ctx.user,
    csrf: ctx.csrf,
    path: ctx.path,
    body,
    scripts: [SUBMISSION_SCRIPT],
    css: GRID_CSS + SUBMISSION_CSS,
  });
}

function countShown(view: ReviewView, show: Show): number {
  return view.findings.filter((f) => shown(f, show)).length;
}

const SUBMISSION_CSS = `
nav.show { display: flex; flex-wrap: wrap; gap: 4px 14px; margin: 4px 0 8px; font-size: 13px; }
nav.show a { color: #1f3a5f; text-decoration: none; padding: 1px 6px; border-radius: 3px; }
nav.show a[aria-current] { background: #1f3a5f; color: #fff; }
.crumbs { margin: 10px 0 0; font-size: 13px; }
.small { font-size: 12px; }
.summary-card p { margin: 6px 0; }
.status-line { margin-bottom: 6px; }
.status-form { display: flex; flex-wrap: wrap; gap: 8px; align-items: center; margin: 6px 0; }
.review { display: grid; grid-template-columns: minmax(460px, 5fr) minmax(0, 6fr); gap: 20px; align-items: start; }
.tables-col { position: sticky; top: 0; max-height: 100vh; overflow: auto; background: #fff; border: 1px solid var(--line); padding: 0 12px; }
.rule-group { background: #fff; border: 1px solid var(--line); margin: 10px 0; padding: 6px 12px; }
.rule-group h3 { margin: 6px 0; font-size: 15px; }
.rule-group .count { font-weight: normal; font-size: 12px; }
form.bulk { display: flex; flex-wrap: wrap; gap: 6px; align-items: center; background: #f4f6f9; padding: 6px 8px; margin: 4px 0 8px; border-radius: 3px; }
form.bulk input[type=text] { flex: 1 1 160px; }
.bulk-label { font-size: 12px; color: #444; }
ol.findings { list-style: none; margin: 0; padding: 0; }
li.finding { border-top: 1px solid #e3e3e3; border-left: 4px solid var(--line); padding: 6px 8px; margin: 0; }
li.finding.sev-error { border-left-color: var(--err); }
li.finding.sev-warning { border-left-color: var(--warn); }
li.finding.sev-info { border-left-color: var(--info); }
li.finding.state-waived { opacity: .75; }
li.finding.active { background: #eef4ff; outline: 2px solid #3b82f6; }
.finding-head { display: flex; gap: 6px; align-items: center; flex-wrap: wrap; }
.pick input { margin: 0; }
.sr { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); }
.message { margin: 4px 0; }
.figures { margin: 2px 0; font-variant-numeric: tabular-nums; }
.where { margin: 2px 0; font-size: 12px; color: #444; }
.decided { margin: 2px 0; font-size: 12px; color: #555; }
.decided .note { display: block; color: #222; background: #f6f6f6; padding: 2px 6px; margin-top: 2px; }
form.decide { display: flex; flex-wrap: wrap; gap: 4px; align-items: center; margin: 4px 0 2px; }
form.decide input[type=text] { flex: 1 1 140px; min-width: 0; font-size: 12px; }
.versions ul { margin: 4px 0; padding-left: 20px; }
ul.gone li { margin: 3px 0; }
@media (max-width: 1000px) {
  .review { grid-template-columns: 1fr; }
  .tables-col { position: static; max-height: none; }
}
`;

/** Finding ↔ cells: highlight, scroll; never reads document text. */
const SUBMISSION_SCRIPT = `(function () {
  'use strict';
  var active = [];
  function clear() { active.forEach(function (el) { el.classList.remove('active'); }); active = []; }
  function mark(el) { el.classList.add('active'); active.push(el); }
  document.addEventListener('click', function (event) {
    var t = event.target;
    if (!(t instanceof Element) || t.closest('form, a, button, input, label')) return;
    var cell = t.closest('td.marked');
    if (cell) {
      clear(); mark(cell);
      var first = null;
      (cell.getAttribute('data-findings') || '').split(' ').forEach(function (id) {
        var f = id && document.getElementById(id);
        if (f) { mark(f); if (!first) first = f; }
      });
      if (first) { first.scrollIntoView({ block: 'center' }); first.focus({ preventScroll: true }); }
      return;
    }
    var finding = t.closest('li.finding');
    if (finding) {
      clear(); mark(finding);
      var firstCell = null;
      (finding.getAttribute('data-targets') || '').split(' ').forEach(function (key) {
        var c = key && document.getElementById('c-' + key);
        if (c) { mark(c); if (!firstCell) firstCell = c; }
      });
      if (firstCell) firstCell.scrollIntoView({ block: 'center', inline: 'nearest' });
    }
  });
  document.addEventListener('keydown', function (event) {
    if (event.key !== 'Enter') return;
    var el = document.activeElement;
    if (el instanceof HTMLElement && el.matches('td.marked')) { event.preventDefault(); el.click(); }
  });
})();`;
