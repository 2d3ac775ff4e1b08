import { html, join, raw, type Html } from '@jxaudit/ingest/report/escape.ts';
import { BASE_CSS } from '@jxaudit/ingest/report/style.ts';
import { scriptHash } from './assets.ts';
import type { SessionUser } from '../store/index.ts';

/*
 * The page shell of the review desk: header, navigation, the signed-in user, CSS, and the page's
 * own scripts (inline, allowed by hash in the Content-Security-Policy). Other pages of the desk
 * (a dashboard, statistics) add a nav item and render through `page()`.
 */

export const APP_TITLE = '绩效自评审核台';

export interface NavItem {
  href: string;
  label: string;
  /** Shown to leads only. */
  leadOnly?: boolean;
}

/** The top navigation; other packages may push items (before the server starts). */
export const NAV: NavItem[] = [
  { href: '/', label: '报送列表' },
  { href: '/dashboard', label: '统计分析' },
];

export interface PageInput {
  title: string;
  user: SessionUser | null;
  /** The request's CSRF token, for the sign-out form of the header. */
  csrf?: string;
  body: Html;
  /** Inline scripts of this page (each allowed by its hash). */
  scripts?: string[];
  /** Scripts served from /assets/ (allowed as 'self'). */
  assetScripts?: string[];
  /** The current path, to mark the nav item. */
  path?: string;
  /** Extra CSS for this page. */
  css?: string;
  bodyClass?: string;
}

export interface RenderedPage {
  html: string;
  csp: string;
}

export const ROLE_LABEL = { reviewer: '审核人', lead: '科室负责人' } as const;

export function csp(scripts: string[], options: { frameAncestors?: boolean } = {}): string {
  return [
    "default-src 'none'",
    `script-src 'self' ${scripts.map(scriptHash).join(' ')}`.trim(),
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "connect-src 'self'",
    "form-action 'self'",
    "base-uri 'none'",
    options.frameAncestors ? "frame-ancestors 'self'" : "frame-ancestors 'none'",
  ].join('; ');
}

export function page(input: PageInput): RenderedPage {
  const scripts = input.scripts ?? [];
  const nav = input.user
    ? html`<nav class="top-nav">${NAV.filter((n) => !n.leadOnly || input.user!.role === 'lead').map(
        (n) => html`<a href="${n.href}"${input.path === n.href ? raw(' aria-current="page"') : ''}>${n.label}</a>`,
      )}</nav>
<div class="who"><span class="user-name">${input.user.displayName}</span> <span class="role">${ROLE_LABEL[input.user.role]}</span>
<form method="post" action="/logout" class="inline"><input type="hidden" name="_csrf" value="${input.csrf ?? ''}"><button type="submit" class="link">退出</button></form></div>`
    : '';
  const doc = html`<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${input.title} — ${APP_TITLE}</title>
<style>${raw(BASE_CSS + DESK_CSS + (input.css ?? ''))}</style>
</head>
<body class="${input.bodyClass ?? ''}">
<header class="app-header"><a class="brand" href="/">${APP_TITLE}</a>${nav}</header>
<main>${input.body}</main>
${join((input.assetScripts ?? []).map((s) => html`<script src="/assets/${s}"></script>`))}
${join(scripts.map((s) => html`<script>${raw(s)}</script>`))}
</body>
</html>
`;
  return { html: doc.value, csp: csp(scripts) };
}

/** A hidden CSRF field for a form. */
export function csrfField(token: string): Html {
  return html`<input type="hidden" name="_csrf" value="${token}">`;
}

export function formatTime(d: Date | string): string {
  const date = typeof d === 'string' ? new Date(d) : d;
  // Beijing time, as the office reads it.
  const t = new Date(date.getTime() + 8 * 3600_000);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${t.getUTCFullYear()}-${p(t.getUTCMonth() + 1)}-${p(t.getUTCDate())} ${p(t.getUTCHours())}:${p(t.getUTCMinutes())}`;
}

export const DESK_CSS = `
body { background: #f4f5f7; }
.app-header { display: flex; align-items: center; gap: 24px; flex-wrap: wrap; padding: 10px 24px; background: #1f3a5f; color: #fff; border: 0; }
.app-header a { color: #fff; text-decoration: none; }
.brand { font-size: 18px; font-weight: bold; letter-spacing: 1px; }
.top-nav { display: flex; gap: 16px; }
.top-nav a { padding: 4px 2px; border-bottom: 2px solid transparent; }
.top-nav a[aria-current="page"], .top-nav a:hover { border-bottom-color: #fff; }
.who { margin-left: auto; display: flex; align-items: center; gap: 8px; }
.who .role { font-size: 12px; background: rgba(255,255,255,.18); padding: 1px 6px; border-radius: 3px; }
form.inline { display: inline; margin: 0; }
button.link { background: none; border: 0; color: inherit; text-decoration: underline; cursor: pointer; font: inherit; padding: 0; }
main { padding: 8px 24px 48px; max-width: none; }
h1.page-title { font-size: 20px; margin: 16px 0 4px; }
.muted { color: #666; }
.notice { background: #e8f4ea; border: 1px solid #6aa874; padding: 8px 12px; margin: 12px 0; }
.problem { background: var(--err-bg); border: 1px solid var(--err); padding: 8px 12px; margin: 12px 0; }
.card { background: #fff; border: 1px solid var(--line); padding: 12px 16px; margin: 12px 0; }
.btn { display: inline-block; padding: 5px 12px; border: 1px solid #1f3a5f; background: #1f3a5f; color: #fff; border-radius: 3px; cursor: pointer; font: inherit; text-decoration: none; }
.btn.secondary { background: #fff; color: #1f3a5f; }
.btn.small { padding: 2px 8px; font-size: 12px; }
.btn.confirm { background: #b3261e; border-color: #b3261e; }
.btn.waive { background: #fff; color: #2e6b36; border-color: #2e6b36; }
.btn.needs-info { background: #fff; color: #8a5a00; border-color: #8a5a00; }
input[type=text], input[type=password], input[type=date], input[type=search], select, textarea { font: inherit; padding: 4px 6px; border: 1px solid #999; border-radius: 3px; background: #fff; }
textarea { width: 100%; }
.status { display: inline-block; padding: 1px 8px; border-radius: 10px; font-size: 12px; border: 1px solid; white-space: nowrap; }
.status-pending { color: #555; border-color: #999; background: #f2f2f2; }
.status-in-review { color: #1f5fa8; border-color: #1f5fa8; background: #e6f0fb; }
.status-returned { color: #b3261e; border-color: #b3261e; background: #fde7e5; }
.status-approved { color: #2e6b36; border-color: #2e6b36; background: #e8f4ea; }
.decision { display: inline-block; padding: 0 6px; border-radius: 3px; font-size: 12px; border: 1px solid; white-space: nowrap; }
.decision-confirmed { color: #fff; background: #b3261e; border-color: #b3261e; }
.decision-waived { color: #2e6b36; background: #e8f4ea; border-color: #2e6b36; }
.decision-needs-info { color: #8a5a00; background: #fff3d6; border-color: #8a5a00; }
.decision-open { color: #555; background: #fff; border-color: #aaa; }
.carry { display: inline-block; padding: 0 6px; border-radius: 3px; font-size: 12px; font-weight: bold; }
.carry-still-open { color: #fff; background: #7a1c16; }
.carry-fixed { color: #fff; background: #2e6b36; }
.carry-new { color: #1f5fa8; border: 1px solid #1f5fa8; }
table.list { border-collapse: collapse; width: 100%; background: #fff; }
table.list th, table.list td { border-bottom: 1px solid #ddd; padding: 6px 8px; text-align: left; vertical-align: top; }
table.list th { background: #eef1f5; white-space: nowrap; font-weight: normal; color: #333; }
table.list td.num, table.list th.num { text-align: right; font-variant-numeric: tabular-nums; }
table.list tfoot td { font-weight: bold; background: #f7f8fa; }
.sev-n { font-variant-numeric: tabular-nums; }
.sev-n.e { color: var(--err); } .sev-n.w { color: var(--warn); } .sev-n.i { color: var(--info); }
.doc-text { white-space: pre-wrap; word-break: break-word; }
@media (max-width: 700px) {
  .app-header { padding: 8px 12px; gap: 10px; }
  .who { margin-left: 0; }
  main { padding: 4px 10px 32px; }
}
@media print {
  .app-header, .no-print { display: none !important; }
  body { background: #fff; }
}
`;
