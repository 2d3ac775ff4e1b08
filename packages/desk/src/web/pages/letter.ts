import { html, lines, type Html } from '@jxaudit/ingest/report/escape.ts';
import type { LetterContent, LetterProblem } from '../../letter/model.ts';
import type { ReviewView } from '../../review/state.ts';
import type { LetterDraft } from '../../store/index.ts';
import { csrfField, formatTime, page, type RenderedPage } from '../layout.ts';
import type { PageContext } from './context.ts';

/*
 * The letter editor (整改要求 per rule, deadline, reviewer, office, opening: saved as a draft,
 * then exported) and the A4 print page.
 */

export const REMEDY_MAX = 2000;

function problemItem(p: LetterProblem): Html {
  return html`<li data-fingerprint="${p.fingerprint}"><span class="doc-text">${p.message}</span>${p.stillOpen ? html` <span class="still">（上一稿已指出，仍未整改）</span>` : ''}${
    p.figures || p.where ? html`<div class="facts">${[p.figures, p.where ? `位置：${p.where}` : null].filter(Boolean).join('；')}</div>` : ''
  }</li>`;
}

export function letterEditorPage(
  ctx: PageContext,
  view: ReviewView,
  draft: LetterDraft,
  letter: LetterContent,
  saved: { at: Date; userName: string } | null,
  notice: string | null,
): RenderedPage {
  const e = view.entry;
  const sections = letter.sections.map(
    (s) => html`<section class="letter-section card" data-rule="${s.rule}"><h3>${s.title}（${s.problems.length} 个）</h3><ol start="${s.problems[0]!.n}">${s.problems.map(problemItem)}</ol>
<label>整改要求<textarea name="remedy.${s.rule}" rows="3" maxlength="${REMEDY_MAX}">${s.remedy}</textarea></label></section>`,
  );
  const body = html`<nav class="crumbs"><a href="/">报送列表</a> › <a href="/s/${e.id}">${e.unit ?? '（未识别单位）'}</a> › 审核意见书</nav>
<h1 class="page-title">审核意见书 · ${e.unit ?? ''} ${e.year ?? ''}年度</h1>
${notice ? html`<p class="notice" role="status" id="notice">${notice}</p>` : ''}
<p class="muted">意见书只列出“确认问题”的事项（含仍未整改的），“不是问题”的不列入；“待补充材料”的事项单独列出。可修改每类问题的整改要求、整改期限和落款，保存后导出。${
    saved ? html` 上次保存：${saved.userName} ${formatTime(saved.at)}。` : ''
  }</p>
${letter.sections.length === 0 ? html`<p class="problem">还没有确认的问题：在报送页面把问题标为“确认问题”后，它们会出现在意见书中。</p>` : ''}
<form method="post" action="/s/${e.id}/letter" class="letter-form">${csrfField(ctx.csrf)}
<div class="card fields">
<label>标题<input type="text" value="${letter.title}" disabled></label>
<label>开头（留空则自动生成）<textarea name="opening" rows="3" maxlength="${REMEDY_MAX}" placeholder="${letter.opening}">${draft.opening}</textarea></label>
<label>整改期限<input type="date" name="deadline" value="${draft.deadline}" required></label>
<label>审核人<input type="text" name="reviewer" value="${draft.reviewer}" maxlength="100" required></label>
<label>落款单位<input type="text" name="office" value="${draft.office}" maxlength="100" required></label>
</div>
${sections}
${letter.pending.length ? html`<section class="card"><h3>需补充材料或说明的事项（${letter.pending.length} 个）</h3><ol>${letter.pending.map(problemItem)}</ol></section>` : ''}
<p class="buttons"><button type="submit" name="then" value="save" class="btn">保存</button>
<button type="submit" name="then" value="docx" class="btn">保存并导出 Word</button>
<button type="submit" name="then" value="print" class="btn secondary">保存并打开打印页</button></p>
</form>`;
  return page({
    title: '审核意见书',
    user: ctx.user,
    csrf: ctx.csrf,
    path: ctx.path,
    body,
    css: `.crumbs { margin: 10px 0 0; font-size: 13px; }
.letter-form { max-width: 960px; }
.fields { display: grid; gap: 10px; }
.fields label, .letter-section label { display: grid; gap: 4px; }
.letter-section ol { padding-left: 24px; }
.letter-section li { margin: 4px 0; }
.facts { font-size: 12px; color: #555; }
.still { color: #7a1c16; font-weight: bold; }
.buttons { display: flex; gap: 10px; flex-wrap: wrap; }`,
  });
}

const PRINT_SCRIPT = `document.getElementById('print-now').addEventListener('click', function () { window.print(); });`;

export function letterPrintPage(ctx: PageContext, entryId: string, letter: LetterContent): RenderedPage {
  const heads = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十', '十一', '十二', '十三', '十四', '十五', '十六', '十七', '十八', '十九', '二十'];
  const sections = letter.sections.map(
    (s, i) => html`<section class="l-section"><h2>${heads[i] ?? i + 1}、${s.title}（${s.problems.length} 个）</h2>
${s.problems.map(
  (p) => html`<p class="l-problem" data-fingerprint="${p.fingerprint}">${p.n}. <span class="doc-text">${p.message}</span>${p.stillOpen ? '（上一稿已指出，仍未整改）' : ''}</p>${
    p.figures || p.where ? html`<p class="l-facts">${[p.figures, p.where ? `位置：${p.where}` : null].filter(Boolean).join('；')}</p>` : ''
  }`,
)}
<p class="l-remedy"><b>整改要求：</b>${lines(s.remedy)}</p></section>`,
  );
  const pending = letter.pending.length
    ? html`<section class="l-section"><h2>${heads[letter.sections.length] ?? ''}、需补充材料或说明的事项（${letter.pending.length} 个）</h2>${letter.pending.map(
        (p) => html`<p class="l-problem" data-fingerprint="${p.fingerprint}">${p.n}. <span class="doc-text">${p.message}</span></p>${p.where ? html`<p class="l-facts">位置：${p.where}</p>` : ''}`,
      )}</section>`
    : '';
  const body = html`<div class="toolbar no-print"><a href="/s/${entryId}/letter">返回编辑</a> <button type="button" class="btn" id="print-now">打印</button> <a class="btn secondary" href="/s/${entryId}/letter.docx">下载 Word</a></div>
<article class="a4">
<h1 class="l-title">${letter.title}</h1>
<p class="l-addressee">${letter.addressee}</p>
<p class="l-body">${letter.opening}</p>
${letter.fixedCount ? html`<p class="l-body">上一稿已确认的问题中有 ${letter.fixedCount} 个已整改，不再列出。</p>` : ''}
${sections}${pending}
<p class="l-body">${letter.closing}</p>
${letter.sections.length || letter.pending.length ? html`<p class="l-body">整改期限：${letter.deadline}</p>` : ''}
<div class="signature"><p>审核人：${letter.reviewer}</p><p>签字：＿＿＿＿＿＿＿＿</p><p class="office">${letter.office}</p><p>（盖章）</p><p>${letter.date}</p></div>
</article>`;
  return page({
    title: letter.title,
    user: ctx.user,
    csrf: ctx.csrf,
    path: ctx.path,
    body,
    scripts: [PRINT_SCRIPT],
    bodyClass: 'print-page',
    css: `
@page { size: A4; margin: 25mm 22mm 22mm 26mm; }
body.print-page { background: #e9e9e9; }
.toolbar { max-width: 210mm; margin: 12px auto; display: flex; gap: 12px; align-items: center; }
.a4 { width: 210mm; min-height: 297mm; margin: 0 auto 24px; background: #fff; padding: 25mm 22mm 22mm 26mm; box-shadow: 0 1px 6px rgba(0,0,0,.2);
  font-family: "FangSong", "仿宋", "STFangsong", "Noto Serif CJK SC", "Source Han Serif SC", SimSun, serif; font-size: 16pt; line-height: 1.75; color: #000; }
.l-title { font-family: "SimHei", "黑体", "Noto Sans CJK SC", sans-serif; font-size: 20pt; text-align: center; margin: 0 0 18pt; line-height: 1.4; }
.a4 h2 { font-family: "SimHei", "黑体", "Noto Sans CJK SC", sans-serif; font-size: 16pt; font-weight: normal; border: 0; margin: 8pt 0 0; padding: 0; text-indent: 2em; }
.a4 p { margin: 0; }
.l-body, .l-problem, .l-remedy { text-indent: 2em; }
.l-facts { text-indent: 2em; font-size: 13pt; color: #333; }
.signature { margin-top: 36pt; text-align: right; }
.signature .office { margin-top: 12pt; }
@media (max-width: 800px) { .a4 { width: auto; min-height: 0; padding: 16px; font-size: 14px; } .l-title { font-size: 18px; } .a4 h2 { font-size: 15px; } .l-facts { font-size: 12px; } }
@media print {
  body.print-page { background: #fff; }
  .a4 { width: auto; min-height: 0; margin: 0; padding: 0; box-shadow: none; }
  main { padding: 0; }
  .l-problem, .l-facts { break-inside: avoid; }
}`,
  });
}

