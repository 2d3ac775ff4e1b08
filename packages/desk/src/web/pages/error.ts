import { html } from '@jxaudit/ingest/report/escape.ts';
import { page, type RenderedPage } from '../layout.ts';
import type { PageContext } from './context.ts';

export interface ProblemPage {
  status: number;
  title: string;
  /** What went wrong, in words a reviewer understands. */
  message: string;
  /** What to do now. */
  advice?: string;
  link?: { href: string; label: string };
}

/** A clear page for anything that went wrong: never a stack trace. */
export function errorPage(ctx: PageContext, p: ProblemPage): RenderedPage {
  const link = p.link ?? (ctx.user ? { href: '/', label: '返回报送列表' } : { href: '/login', label: '前往登录' });
  const body = html`<section class="card error-page" data-status="${p.status}">
<h1 class="page-title">${p.title}</h1>
<p class="problem" role="alert">${p.message}</p>
${p.advice ? html`<p>${p.advice}</p>` : ''}
<p><a class="btn secondary" href="${link.href}">${link.label}</a></p>
</section>`;
  return page({ title: p.title, user: ctx.user, csrf: ctx.csrf, body, css: '.error-page { max-width: 640px; margin: 32px auto; }' });
}
