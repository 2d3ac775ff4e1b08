import { createHash, randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import Fastify, { type FastifyError, type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import cookie from '@fastify/cookie';
import csrf from '@fastify/csrf-protection';
import formbody from '@fastify/formbody';
import rateLimit from '@fastify/rate-limit';
import { verifyPassword, DUMMY_HASH, MAX_PASSWORD_LENGTH } from '../auth/password.ts';
import { renderLetterDocx } from '../letter/docx.ts';
import { buildLetter, defaultDraft, DEFAULT_OFFICE } from '../letter/model.ts';
import { buildReview, snapshotOf, type ReviewView } from '../review/state.ts';
import { insideFolder, type ReportSource, type SubmissionEntry } from '../source/report-source.ts';
import type { DecisionState, LetterDraft, ReviewStatus, SessionUser, Store } from '../store/index.ts';
import { AssetRegistry } from './assets.ts';
import type { RenderedPage } from './layout.ts';
import type { PageContext } from './pages/context.ts';
import { errorPage, type ProblemPage } from './pages/error.ts';
import { historyPage } from './pages/history.ts';
import { isStatus, STATUS_LABEL } from './pages/labels.ts';
import { letterEditorPage, letterPrintPage, REMEDY_MAX } from './pages/letter.ts';
import { loginPage } from './pages/login.ts';
import { anchorOf, NOTE_MAX, SHOW, submissionPage, type Show } from './pages/submission.ts';
import { listRows, parseListQuery, submissionsPage } from './pages/submissions.ts';
import { DECISION_LABEL } from '../review/state.ts';
import { decisionsCsv } from '../review/csv.ts';
import { formatTime } from './layout.ts';
import { computeStats, drillSubmissions, KIND_NAMES, ruleTitle } from '../stats/compute.ts';
import { filterParams, hasDrill, parseDrill, parseStatsFilter } from '../stats/filter.ts';
import { StatsLoader } from '../stats/load.ts';
import { filterCaption, isTableId, statsTable, statsTables, tablesXlsx } from '../stats/tables.ts';
import { dashboardPage } from './pages/dashboard.ts';
import { DASHBOARD_JS } from './dashboard-client.ts';
import { join as joinPath } from 'node:path';

/*
 * The review desk's web application. Pages are rendered on the server; every form carries a CSRF
 * token; sessions live in the database; report files are served by submission id, version and
 * document index only, from paths the report source found, never from a path in the request.
 */

export interface DeskOptions {
  store: Store;
  source: ReportSource;
  /** The output folder (every report file served must lie inside it). */
  out: string;
  sessionHours?: number;
  /** Sign-in attempts per address per minute. */
  loginAttemptsPerMinute?: number;
  /** Request body limit in bytes (a note of megabytes gets a clear page). */
  bodyLimit?: number;
  trustProxy?: boolean;
  https?: { key: Buffer; cert: Buffer } | null;
  /** The default 落款单位 of letters. */
  office?: string;
  assets?: AssetRegistry;
  now?: () => Date;
  logLevel?: string;
}

export const SESSION_COOKIE = 'jx_session';
const ID = /^[A-Za-z0-9_-]{1,128}$/;
const DECISIONS: DecisionState[] = ['confirmed', 'waived', 'needs-info'];
const MB = 1024 * 1024;

declare module 'fastify' {
  interface FastifyRequest {
    user: SessionUser | null;
    sessionHash: string | null;
  }
}

class PageError extends Error {
  constructor(readonly problem: ProblemPage) {
    super(problem.message);
  }
}

/** What a drill from the dashboard selects, in words for the list page. */
function drillCaption(f: ReturnType<typeof parseStatsFilter>, d: ReturnType<typeof parseDrill>): string {
  const parts: string[] = [];
  if (f.district) parts.push(`区县：${f.district}`);
  if (f.kind) parts.push(`表：${KIND_NAMES[f.kind]}`);
  if (d.unit) parts.push(`单位：${d.unit}`);
  if (d.rule) parts.push(`有“${ruleTitle(d.rule)}”问题`);
  if (d.decision) parts.push(`其中${d.decision === 'open' ? '未处理' : DECISION_LABEL[d.decision]}`);
  if (d.grade) parts.push(`${d.gradeBy === 'recomputed' ? '复核' : '自评'}等级为“${d.grade}”`);
  return parts.join('，');
}

function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

function sendPage(reply: FastifyReply, rendered: RenderedPage, status = 200): FastifyReply {
  return reply
    .code(status)
    .header('content-type', 'text/html; charset=utf-8')
    .header('content-security-policy', rendered.csp)
    .header('cache-control', 'no-store')
    .send(rendered.html);
}

/** A local path to go back to after signing in (never another site). */
function safeNext(next: unknown): string {
  return typeof next === 'string' && /^\/(?!\/)[^\\\s]*$/.test(next) && next.length < 500 ? next : '/';
}

function field(body: unknown, name: string): string | undefined {
  const v = (body as Record<string, unknown> | undefined)?.[name];
  if (typeof v === 'string') return v;
  if (Array.isArray(v) && typeof v[0] === 'string') return v[0];
  return undefined;
}

function fields(body: unknown, name: string): string[] {
  const v = (body as Record<string, unknown> | undefined)?.[name];
  if (typeof v === 'string') return [v];
  if (Array.isArray(v)) return v.filter((x): x is string => typeof x === 'string');
  return [];
}

function noteOf(body: unknown, max = NOTE_MAX): string {
  const note = (field(body, 'note') ?? '').trim();
  if (note.length > max) {
    throw new PageError({
      status: 400,
      title: '备注太长',
      message: `备注最多 ${max} 字，您填写了 ${note.length} 字，操作没有保存。`,
      advice: '请返回上一页，缩短备注后重新提交。较长的说明材料请另行存档，在备注中写明存放位置。',
    });
  }
  return note;
}

export async function buildDesk(options: DeskOptions): Promise<FastifyInstance> {
  const { store, source } = options;
  const now = options.now ?? (() => new Date());
  const sessionMs = (options.sessionHours ?? 12) * 3600_000;
  const bodyLimit = options.bodyLimit ?? MB;
  const assets = options.assets ?? new AssetRegistry();
  const office = options.office ?? DEFAULT_OFFICE;
  await assets.addModuleAsset('echarts.min.js', 'echarts/dist/echarts.min.js', joinPath(import.meta.dirname, '../../package.json'));
  assets.add('dashboard.js', DASHBOARD_JS, 'text/javascript; charset=utf-8');
  const statsLoader = new StatsLoader(source);
  const cookieSecret = await store.setting('cookie-secret', () => randomBytes(32).toString('base64url'));

  const app = Fastify({
    bodyLimit,
    trustProxy: options.trustProxy ?? false,
    ...(options.https ? { https: options.https } : {}),
    logger: options.logLevel && options.logLevel !== 'silent' ? { level: options.logLevel, stream: process.stderr } : false,
    routerOptions: { maxParamLength: 200 },
  } as never) as unknown as FastifyInstance;

  await app.register(cookie, { secret: cookieSecret });
  await app.register(formbody, { bodyLimit });
  await app.register(csrf, {
    sessionPlugin: '@fastify/cookie',
    cookieKey: 'jx_csrf',
    cookieOpts: { path: '/', sameSite: 'strict', httpOnly: true, signed: true, secure: 'auto' },
    getToken: (req: FastifyRequest) => field(req.body, '_csrf'),
  });
  await app.register(rateLimit, { global: false });

  app.decorateRequest('user', null);
  app.decorateRequest('sessionHash', null);

  const ctxOf = (req: FastifyRequest, reply: FastifyReply): PageContext => ({
    user: req.user,
    csrf: reply.generateCsrf(),
    path: req.url.split('?')[0] ?? '/',
  });

  const problem = (req: FastifyRequest, reply: FastifyReply, p: ProblemPage) => {
    let ctx: PageContext;
    try {
      ctx = ctxOf(req, reply);
    } catch {
      ctx = { user: req.user, csrf: '', path: '/' };
    }
    return sendPage(reply, errorPage(ctx, p), p.status);
  };

  app.setNotFoundHandler((req, reply) =>
    problem(req, reply, {
      status: 404,
      title: '找不到页面',
      message: '您打开的地址不存在。',
      advice: '请从报送列表进入需要的页面；不要手工修改地址中的路径。',
    }),
  );

  app.setErrorHandler((err: FastifyError & { problem?: ProblemPage }, req, reply) => {
    if (err instanceof PageError) return problem(req, reply, err.problem);
    if (err.code === 'FST_ERR_CTP_BODY_TOO_LARGE' || err.statusCode === 413) {
      return problem(req, reply, {
        status: 413,
        title: '提交的内容太大',
        message: `一次提交的内容不能超过 ${Math.round(bodyLimit / MB)} MB，操作没有保存。备注最多 ${NOTE_MAX} 字。`,
        advice: '请返回上一页，缩短备注后重新提交。',
      });
    }
    if (err.code?.startsWith('FST_CSRF')) {
      return problem(req, reply, {
        status: 403,
        title: '安全校验未通过',
        message: '这个表单已经失效，或者不是从本系统的页面提交的，操作没有保存。',
        advice: '请返回上一页，刷新后重新操作。如果您在别的网站上看到了提交到本系统的按钮，请不要使用它。',
      });
    }
    if (err.statusCode === 429) {
      return problem(req, reply, {
        status: 429,
        title: '登录尝试过于频繁',
        message: '这台电脑在一分钟内尝试登录的次数太多，已暂时停止接受登录。',
        advice: '请稍等一分钟后再试。如果忘记了密码，请联系管理员重设。',
        link: { href: '/login', label: '返回登录页' },
      });
    }
    if (err.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE' || err.code === 'FST_ERR_CTP_EMPTY_JSON_BODY' || err.statusCode === 415 || err.statusCode === 400) {
      return problem(req, reply, {
        status: 400,
        title: '无法处理的请求',
        message: '提交的内容格式不正确，操作没有保存。',
        advice: '请从系统页面上的表单提交。',
      });
    }
    req.log.error({ err }, 'request failed');
    return problem(req, reply, {
      status: 500,
      title: '服务器出错',
      message: '处理这个请求时服务器出错，操作可能没有完成。',
      advice: '请稍后重试；如果问题持续出现，请联系管理员并告知出错的时间。',
    });
  });

  // Every request: who is signed in (if anyone).
  app.addHook('onRequest', async (req) => {
    const token = req.cookies[SESSION_COOKIE];
    if (!token || token.length > 200) return;
    req.sessionHash = hashToken(token);
    req.user = await store.sessionUser(req.sessionHash, now());
  });

  app.addHook('onSend', async (_req, reply, payload) => {
    reply.header('x-content-type-options', 'nosniff');
    reply.header('referrer-policy', 'no-referrer');
    if (!reply.hasHeader('x-frame-options')) reply.header('x-frame-options', 'DENY');
    return payload;
  });

  /** The signed-in user, or a redirect to sign in (an expired session says so). */
  async function requireUser(req: FastifyRequest, reply: FastifyReply): Promise<SessionUser | null> {
    if (req.user) return req.user;
    const expired = req.sessionHash ? await store.sessionExpired(req.sessionHash, now()) : false;
    if (req.method === 'GET') {
      const next = encodeURIComponent(req.url);
      reply.redirect(`/login?next=${next}${expired ? '&expired=1' : ''}`, 303);
      return null;
    }
    problem(req, reply, {
      status: 401,
      title: expired ? '登录已过期' : '请先登录',
      message: expired ? '您的登录已过期，刚才的操作没有保存。' : '您还没有登录，刚才的操作没有保存。',
      advice: '请重新登录后再操作。',
      link: { href: '/login', label: '重新登录' },
    });
    return null;
  }

  async function entryOr404(id: string): Promise<SubmissionEntry> {
    const entry = ID.test(id) ? await source.get(id) : null;
    if (!entry) {
      throw new PageError({
        status: 404,
        title: '找不到这份报送',
        message: `没有编号为“${id.slice(0, 80)}”的报送材料。它可能已被移走，或者链接有误。`,
        advice: '请回到报送列表重新选择。',
      });
    }
    return entry;
  }

  // The list needs every submission's current states: read again only when a row was added
  // (by this server or another one on the same PostgreSQL).
  let statesCache: { stamp: string; statuses: Map<string, ReviewStatus>; states: Map<string, Map<string, DecisionState>> } | null = null;
  async function currentStates() {
    const stamps = await store.stamps();
    const stamp = `${stamps.decisions}/${stamps.statuses}`;
    if (statesCache?.stamp !== stamp) {
      const [statuses, states] = await Promise.all([store.allStatuses(), store.allCurrentStates()]);
      statesCache = { stamp, statuses, states };
    }
    return statesCache;
  }

  async function reviewOf(entry: SubmissionEntry): Promise<ReviewView> {
    const [documents, versionFindings, decisions] = await Promise.all([source.reports(entry), source.findings(entry), store.currentDecisions(entry.id)]);
    const diffs = await Promise.all(entry.versions.filter((v) => v.number > 1 && v.number <= entry.version).map((v) => source.diff(entry, v.number)));
    const current = entry.version > 1 ? await source.diff(entry, entry.version) : null;
    return buildReview(entry, documents, versionFindings, decisions, { diff: current, moved: diffs.flatMap((d) => d?.moved ?? []) });
  }

  // ---- assets ----

  app.get<{ Params: { name: string } }>('/assets/:name', async (req, reply) => {
    const asset = assets.get(req.params.name);
    if (!asset) return problem(req, reply, { status: 404, title: '找不到文件', message: '没有这个文件。' });
    if (req.headers['if-none-match'] === asset.etag) return reply.code(304).send();
    return reply.header('content-type', asset.type).header('etag', asset.etag).header('cache-control', 'no-cache').send(asset.body);
  });

  app.get('/favicon.ico', async (_req, reply) => reply.code(204).send());

  // ---- sign in / out ----

  app.get<{ Querystring: Record<string, string> }>('/login', async (req, reply) => {
    if (req.user) return reply.redirect(safeNext(req.query.next), 303);
    const expired = req.query.expired === '1';
    return sendPage(
      reply,
      loginPage(ctxOf(req, reply), {
        next: safeNext(req.query.next),
        notice: expired ? '您的登录已过期，请重新登录。' : req.query.bye === '1' ? '您已退出。' : undefined,
      }),
    );
  });

  app.post(
    '/login',
    { preHandler: app.csrfProtection, config: { rateLimit: { max: options.loginAttemptsPerMinute ?? 10, timeWindow: 60_000 } } },
    async (req, reply) => {
      const name = (field(req.body, 'name') ?? '').trim().slice(0, 64);
      const password = field(req.body, 'password') ?? '';
      const next = safeNext(field(req.body, 'next'));
      const user = name ? await store.userByName(name) : undefined;
      const ok = await verifyPassword(password.slice(0, MAX_PASSWORD_LENGTH + 1), user?.password_hash ?? DUMMY_HASH);
      if (!user || !ok || user.disabled_at) {
        req.log.warn({ name }, 'sign-in refused');
        return sendPage(
          reply,
          loginPage(ctxOf(req, reply), {
            name,
            next,
            problem: user?.disabled_at && ok ? '这个账号已停用，请联系科室负责人。' : '账号或密码不正确，请重新输入。',
          }),
          401,
        );
      }
      const token = randomBytes(32).toString('base64url');
      const expires = new Date(now().getTime() + sessionMs);
      await store.createSession(hashToken(token), user.id, expires);
      reply.setCookie(SESSION_COOKIE, token, { path: '/', httpOnly: true, sameSite: 'strict', secure: 'auto', expires });
      req.log.info({ name }, 'signed in');
      return reply.redirect(next, 303);
    },
  );

  app.post('/logout', { preHandler: app.csrfProtection }, async (req, reply) => {
    if (req.sessionHash) await store.endSession(req.sessionHash);
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return reply.redirect('/login?bye=1', 303);
  });

  // ---- the submissions list ----

  app.get<{ Querystring: Record<string, unknown> }>('/', async (req, reply) => {
    if (!(await requireUser(req, reply))) return reply;
    const query = parseListQuery(req.query);
    const [all, { statuses, states }] = await Promise.all([source.list(), currentStates()]);
    // From the dashboard: the submissions behind a bar or a point (district, form kind, rule, unit, grade, decision).
    const statsFilter = parseStatsFilter(req.query);
    const drill = parseDrill(req.query);
    let entries = all;
    let drilled: { caption: string; params: URLSearchParams } | null = null;
    if (statsFilter.district !== null || statsFilter.kind !== null || hasDrill(drill)) {
      const ids = drillSubmissions(await statsLoader.input({ statuses, decisions: states }), statsFilter, drill);
      entries = all.filter((e) => ids.has(e.id));
      drilled = { caption: drillCaption(statsFilter, drill), params: filterParams({ ...statsFilter, year: null, status: null }, drill) };
    }
    if (drilled) query.extra = drilled.params;
    const rows = listRows(entries, statuses, states, query);
    const years = [...new Set(entries.map((e) => e.year).filter((y): y is number => y !== null))].sort((a, b) => b - a);
    return sendPage(reply, submissionsPage(ctxOf(req, reply), rows, years, query, all.length, drilled));
  });

  // ---- the dashboard ----

  async function statsFor(query: Record<string, unknown>) {
    const { statuses, states } = await currentStates();
    return computeStats(await statsLoader.input({ statuses, decisions: states }), parseStatsFilter(query));
  }

  app.get<{ Querystring: Record<string, unknown> }>('/dashboard', async (req, reply) => {
    if (!(await requireUser(req, reply))) return reply;
    return sendPage(reply, dashboardPage(ctxOf(req, reply), await statsFor(req.query)));
  });

  app.get<{ Params: { name: string }; Querystring: Record<string, unknown> }>('/dashboard/export/:name', async (req, reply) => {
    if (!(await requireUser(req, reply))) return reply;
    const id = req.params.name.replace(/\.xlsx$/, '');
    if (!req.params.name.endsWith('.xlsx') || (id !== 'all' && !isTableId(id))) {
      throw new PageError({ status: 404, title: '找不到这张表', message: '没有这张统计表。', advice: '请从统计分析页面上的“导出 .xlsx”链接下载。', link: { href: '/dashboard', label: '返回统计分析' } });
    }
    const stats = await statsFor(req.query);
    const tables = id === 'all' ? statsTables(stats) : [statsTable(stats, id)];
    const name = `${id === 'all' ? '统计分析' : tables[0]!.title}-${filterCaption(stats).replace(/ · /g, '-')}.xlsx`.replace(/[\\/:*?"<>|\r\n]/g, '_');
    return reply
      .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
      .header('content-disposition', `attachment; filename="${id}.xlsx"; filename*=UTF-8''${encodeURIComponent(name)}`)
      .header('cache-control', 'no-store')
      .send(await tablesXlsx(tables, filterCaption(stats)));
  });

  // ---- one submission ----

  app.get<{ Params: { id: string }; Querystring: Record<string, string> }>('/s/:id', async (req, reply) => {
    if (!(await requireUser(req, reply))) return reply;
    const entry = await entryOr404(req.params.id);
    const view = await reviewOf(entry);
    const status = await store.statusOf(entry.id);
    const blocks = new Map(await Promise.all(view.documents.map(async (d) => [d.doc.index, await source.blocks(d.doc)] as const)));
    const done = Number(req.query.done);
    const state = req.query.to as DecisionState;
    const notice =
      req.query.done !== undefined && DECISIONS.includes(state)
        ? done > 0
          ? `已记录：${done} 项标为“${DECISION_LABEL[state]}”。`
          : `没有变化：所选问题已经是“${DECISION_LABEL[state]}”。`
        : req.query.status && isStatus(req.query.status)
          ? `审核状态已改为“${STATUS_LABEL[req.query.status]}”。`
          : null;
    const show = (req.query.show ?? 'all') in SHOW ? ((req.query.show ?? 'all') as Show) : 'all';
    return sendPage(reply, submissionPage(ctxOf(req, reply), view, status, blocks, notice, show));
  });

  app.post<{ Params: { id: string } }>('/s/:id/decide', { preHandler: app.csrfProtection }, async (req, reply) => {
    const user = await requireUser(req, reply);
    if (!user) return reply;
    const entry = await entryOr404(req.params.id);
    const state = field(req.body, 'state') as DecisionState;
    if (!DECISIONS.includes(state)) {
      throw new PageError({ status: 400, title: '请选择处理意见', message: '没有选择“确认问题”“不是问题”或“待补充材料”，操作没有保存。', advice: '请返回上一页，点击其中一个按钮。' });
    }
    const note = noteOf(req.body);
    const chosen = [...new Set(fields(req.body, 'fp'))];
    if (!chosen.length) {
      throw new PageError({ status: 400, title: '没有选择问题', message: '没有勾选任何问题，操作没有保存。', advice: '请返回上一页，勾选要处理的问题后再点按钮。' });
    }
    const view = await reviewOf(entry);
    const byFp = new Map(view.findings.map((f) => [f.fingerprint, f]));
    const picked = chosen.map((fp) => byFp.get(fp));
    if (picked.some((f) => !f)) {
      throw new PageError({
        status: 409,
        title: '问题已有变化',
        message: '所选的问题不在这份报送的当前版本中（可能刚收到了修改稿），操作没有保存。',
        advice: '请返回报送页面，刷新后重新处理。',
        link: { href: `/s/${entry.id}`, label: '返回报送页面' },
      });
    }
    const written = await store.decide({
      submissionId: entry.id,
      version: entry.version,
      userId: user.id,
      to: state,
      note,
      findings: picked.map((f) => ({ fingerprint: f!.fingerprint, finding: snapshotOf(f!.finding) })),
    });
    req.log.info({ submission: entry.id, state, count: written, user: user.name }, 'decision recorded');
    const anchor = picked.length === 1 ? anchorOf(picked[0]!.fingerprint) : '';
    return reply.redirect(`/s/${entry.id}?done=${written}&to=${state}${anchor ? `#${anchor}` : ''}`, 303);
  });

  app.post<{ Params: { id: string } }>('/s/:id/status', { preHandler: app.csrfProtection }, async (req, reply) => {
    const user = await requireUser(req, reply);
    if (!user) return reply;
    const entry = await entryOr404(req.params.id);
    if (user.role !== 'lead') {
      throw new PageError({ status: 403, title: '没有权限', message: '只有科室负责人可以更改审核状态。', advice: '请联系科室负责人。', link: { href: `/s/${entry.id}`, label: '返回报送页面' } });
    }
    const status = field(req.body, 'status');
    if (!isStatus(status)) throw new PageError({ status: 400, title: '无效的审核状态', message: '请选择一个审核状态，操作没有保存。' });
    const note = noteOf(req.body);
    await store.setStatus({ submissionId: entry.id, version: entry.version, userId: user.id, to: status, note });
    req.log.info({ submission: entry.id, status, user: user.name }, 'review status set');
    return reply.redirect(`/s/${entry.id}?status=${status}`, 303);
  });

  app.get<{ Params: { id: string } }>('/s/:id/decisions.csv', async (req, reply) => {
    if (!(await requireUser(req, reply))) return reply;
    const entry = await entryOr404(req.params.id);
    const name = `处理意见-${entry.unit ?? entry.id}-${entry.year ?? ''}.csv`.replace(/[\\/:*?"<>|\r\n]/g, '_');
    return reply
      .header('content-type', 'text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="decisions.csv"; filename*=UTF-8''${encodeURIComponent(name)}`)
      .header('cache-control', 'no-store')
      .send(decisionsCsv(await reviewOf(entry), formatTime));
  });

  app.get<{ Params: { id: string } }>('/s/:id/history', async (req, reply) => {
    if (!(await requireUser(req, reply))) return reply;
    const entry = await entryOr404(req.params.id);
    return sendPage(reply, historyPage(ctxOf(req, reply), entry, await store.history(entry.id)));
  });

  // ---- the letter ----

  async function letterState(entry: SubmissionEntry, user: SessionUser) {
    const view = await reviewOf(entry);
    const saved = await store.currentLetter(entry.id);
    const base = defaultDraft(view, user.displayName, now(), office);
    const draft: LetterDraft = saved ? { ...base, ...saved.draft, remedies: { ...base.remedies, ...saved.draft.remedies } } : base;
    return { view, saved, draft, letter: buildLetter(view, draft, now()) };
  }

  app.get<{ Params: { id: string }; Querystring: Record<string, string> }>('/s/:id/letter', async (req, reply) => {
    const user = await requireUser(req, reply);
    if (!user) return reply;
    const entry = await entryOr404(req.params.id);
    const { view, saved, draft, letter } = await letterState(entry, user);
    return sendPage(reply, letterEditorPage(ctxOf(req, reply), view, draft, letter, saved, req.query.saved === '1' ? '意见书已保存。' : null));
  });

  app.post<{ Params: { id: string } }>('/s/:id/letter', { preHandler: app.csrfProtection }, async (req, reply) => {
    const user = await requireUser(req, reply);
    if (!user) return reply;
    const entry = await entryOr404(req.params.id);
    const { draft: previous } = await letterState(entry, user);
    const body = req.body as Record<string, unknown>;
    const remedies: Record<string, string> = { ...previous.remedies };
    for (const [k, v] of Object.entries(body ?? {})) {
      if (!k.startsWith('remedy.') || typeof v !== 'string') continue;
      const rule = k.slice('remedy.'.length);
      if (!/^[a-z0-9-]{1,64}$/.test(rule)) continue;
      if (v.length > REMEDY_MAX) throw new PageError({ status: 400, title: '整改要求太长', message: `每条整改要求最多 ${REMEDY_MAX} 字，操作没有保存。` });
      remedies[rule] = v.trim();
    }
    const deadline = field(body, 'deadline') ?? '';
    if (!/^\d{4}-\d{2}-\d{2}$/.test(deadline) || Number.isNaN(Date.parse(deadline))) {
      throw new PageError({ status: 400, title: '整改期限无效', message: '请填写有效的整改期限日期，操作没有保存。' });
    }
    const reviewer = (field(body, 'reviewer') ?? '').trim();
    const officeName = (field(body, 'office') ?? '').trim();
    if (!reviewer || reviewer.length > 100 || !officeName || officeName.length > 100) {
      throw new PageError({ status: 400, title: '落款不完整', message: '请填写审核人和落款单位（各不超过 100 字），操作没有保存。' });
    }
    const opening = (field(body, 'opening') ?? '').trim();
    if (opening.length > REMEDY_MAX) throw new PageError({ status: 400, title: '开头太长', message: `开头最多 ${REMEDY_MAX} 字，操作没有保存。` });
    await store.saveLetter({ submissionId: entry.id, version: entry.version, userId: user.id, draft: { remedies, deadline, reviewer, office: officeName, opening }, action: 'saved' });
    const then = field(body, 'then');
    return reply.redirect(then === 'docx' ? `/s/${entry.id}/letter.docx` : then === 'print' ? `/s/${entry.id}/letter/print` : `/s/${entry.id}/letter?saved=1`, 303);
  });

  app.get<{ Params: { id: string } }>('/s/:id/letter/print', async (req, reply) => {
    const user = await requireUser(req, reply);
    if (!user) return reply;
    const entry = await entryOr404(req.params.id);
    const { letter, draft } = await letterState(entry, user);
    await store.saveLetter({ submissionId: entry.id, version: entry.version, userId: user.id, draft, action: 'exported-print' });
    return sendPage(reply, letterPrintPage(ctxOf(req, reply), entry.id, letter));
  });

  app.get<{ Params: { id: string } }>('/s/:id/letter.docx', async (req, reply) => {
    const user = await requireUser(req, reply);
    if (!user) return reply;
    const entry = await entryOr404(req.params.id);
    const { letter, draft } = await letterState(entry, user);
    const bytes = await renderLetterDocx(letter);
    await store.saveLetter({ submissionId: entry.id, version: entry.version, userId: user.id, draft, action: 'exported-docx' });
    const name = `审核意见书-${entry.unit ?? entry.id}-${entry.year ?? ''}.docx`.replace(/[\\/:*?"<>|\r\n]/g, '_');
    return reply
      .header('content-type', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document')
      .header('content-disposition', `attachment; filename="letter.docx"; filename*=UTF-8''${encodeURIComponent(name)}`)
      .header('cache-control', 'no-store')
      .send(bytes);
  });

  // ---- report files, by submission id, version and document index ----

  app.get<{ Params: { id: string; version: string; doc: string; kind: string } }>('/s/:id/v/:version/files/:doc/:kind', async (req, reply) => {
    if (!(await requireUser(req, reply))) return reply;
    const entry = await entryOr404(req.params.id);
    const version = entry.versions.find((v) => String(v.number) === req.params.version);
    const doc = version?.documents.find((d) => String(d.index) === req.params.doc);
    const kind = req.params.kind;
    const path = kind === 'report.html' ? doc?.reportHtml : kind === 'report.json' ? doc?.reportJson : null;
    if (!doc || !path || !insideFolder(options.out, path)) {
      throw new PageError({ status: 404, title: '找不到文件', message: '这份报送没有这个文件。', advice: '请从报送页面上的链接打开文件。', link: { href: `/s/${entry.id}`, label: '返回报送页面' } });
    }
    try {
      await stat(path);
    } catch {
      throw new PageError({ status: 404, title: '文件已不在', message: `检查报告“${doc.name}”已不在输出目录中。`, link: { href: `/s/${entry.id}`, label: '返回报送页面' } });
    }
    // The report page is self-contained: served sandboxed, it can run its own script but never reach the desk.
    return reply
      .header('content-type', kind === 'report.html' ? 'text/html; charset=utf-8' : 'application/json; charset=utf-8')
      .header('content-security-policy', "sandbox allow-scripts; default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:")
      .header('cache-control', 'no-store')
      .send(createReadStream(path));
  });

  return app;
}
