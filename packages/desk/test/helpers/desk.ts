import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { checkIntoOut, readInputs } from '@jxaudit/ingest';
import { resolveProfile } from '@jxaudit/score';
import { hashPassword } from '../../src/auth/password.ts';
import { openReportSource } from '../../src/source/report-source.ts';
import type { Store } from '../../src/store/index.ts';
import { buildDesk, type DeskOptions } from '../../src/web/server.ts';

export const REPO = join(import.meta.dirname, '../../../..');
export const SEED = join(REPO, 'fixtures/seed');

/**
 * Runs `check --out OUT` in-process on the given files (shown under their base names): reports,
 * the document store and the submission records, versions continuing those already in OUT.
 */
export async function checkInto(out: string, files: string[]): Promise<void> {
  const options = { lang: 'zh' as const, resolveProfile: (name: string) => resolveProfile(name) };
  await checkIntoOut(out, await readInputs(files.map((path) => ({ path, shown: basename(path) }))), options);
}

export async function tempDir(prefix: string): Promise<{ dir: string; dispose(): Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  return { dir, dispose: () => rm(dir, { recursive: true, force: true }) };
}

export const PASSWORDS = { wang: 'lead-password-1', li: 'reviewer-pass-1' } as const;
let hashed: Record<string, string> | null = null;

/** 王科长 (lead) and 李审核 (reviewer). */
export async function addUsers(store: Store): Promise<void> {
  hashed ??= { wang: await hashPassword(PASSWORDS.wang), li: await hashPassword(PASSWORDS.li) };
  await store.addUser({ name: 'wang', displayName: '王科长', role: 'lead', passwordHash: hashed.wang! });
  await store.addUser({ name: 'li', displayName: '李审核', role: 'reviewer', passwordHash: hashed.li! });
}

export async function deskOver(store: Store, out: string, extra: Partial<DeskOptions> = {}): Promise<FastifyInstance> {
  return buildDesk({ store, source: openReportSource(out, { refreshMs: 0 }), out, ...extra });
}

interface Response {
  status: number;
  body: string;
  headers: Record<string, string | string[] | number | undefined>;
}

/** A browser-like client over app.inject: keeps cookies, reads CSRF tokens from forms. */
export class Client {
  cookies = new Map<string, string>();
  lastToken = '';
  constructor(readonly app: FastifyInstance) {}

  private cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  private keep(res: { cookies: Array<{ name: string; value: string; expires?: Date; maxAge?: number }> }) {
    for (const c of res.cookies) {
      if (c.value === '' || (c.expires && c.expires.getTime() < Date.now()) || c.maxAge === 0) this.cookies.delete(c.name);
      else this.cookies.set(c.name, c.value);
    }
  }

  async get(url: string): Promise<Response> {
    const res = await this.app.inject({ method: 'GET', url, headers: { cookie: this.cookieHeader() } });
    this.keep(res);
    const token = /name="_csrf" value="([^"]+)"/.exec(res.body)?.[1];
    if (token) this.lastToken = token;
    return { status: res.statusCode, body: res.body, headers: res.headers };
  }

  async post(url: string, form: Record<string, string | string[]>, options: { token?: string | null } = {}): Promise<Response> {
    const params = new URLSearchParams();
    const token = options.token === undefined ? this.lastToken : options.token;
    if (token !== null) params.append('_csrf', token);
    for (const [k, v] of Object.entries(form)) for (const x of Array.isArray(v) ? v : [v]) params.append(k, x);
    const res = await this.app.inject({
      method: 'POST',
      url,
      headers: { cookie: this.cookieHeader(), 'content-type': 'application/x-www-form-urlencoded' },
      payload: params.toString(),
    });
    this.keep(res);
    return { status: res.statusCode, body: res.body, headers: res.headers };
  }

  async signIn(name: keyof typeof PASSWORDS): Promise<Response> {
    await this.get('/login');
    return this.post('/login', { name, password: PASSWORDS[name] });
  }
}
