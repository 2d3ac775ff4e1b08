import { html } from '@jxaudit/ingest/report/escape.ts';
import { csrfField, page, APP_TITLE, type RenderedPage } from '../layout.ts';
import type { PageContext } from './context.ts';

export function loginPage(ctx: PageContext, options: { problem?: string; notice?: string; name?: string; next?: string }): RenderedPage {
  const body = html`<section class="login card">
<h1 class="page-title">登录${APP_TITLE}</h1>
<p class="muted">财政局绩效科审核人员使用。账号由管理员在服务器上创建。</p>
${options.notice ? html`<p class="notice" role="status">${options.notice}</p>` : ''}
${options.problem ? html`<p class="problem" role="alert" id="login-problem">${options.problem}</p>` : ''}
<form method="post" action="/login" class="login-form">
${csrfField(ctx.csrf)}
<input type="hidden" name="next" value="${options.next ?? '/'}">
<label>账号<br><input type="text" name="name" autocomplete="username" required maxlength="64" value="${options.name ?? ''}" autofocus></label>
<label>密码<br><input type="password" name="password" autocomplete="current-password" required maxlength="256"></label>
<button type="submit" class="btn">登录</button>
</form>
</section>`;
  return page({
    title: '登录',
    user: null,
    body,
    css: `.login { max-width: 380px; margin: 48px auto; } .login-form { display: grid; gap: 12px; } .login-form input { width: 100%; }`,
  });
}
