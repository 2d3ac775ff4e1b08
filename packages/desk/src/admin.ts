import { createServer, type IncomingMessage, type Server } from 'node:http';
import { timingSafeEqual } from 'node:crypto';
import type { Store } from './store/index.ts';

/*
 * The loopback admin endpoint of a running `serve`: while serve holds the embedded database,
 * `jxaudit user …` (and later `jxaudit stats`) send their request here instead of opening the
 * data directory a second time. It listens on 127.0.0.1 only, on a port of its own, and every
 * request must carry the token serve wrote into OUT/.jxaudit/db.lock (0600).
 */

export type AdminHandler = (store: Store, body: Record<string, unknown>) => Promise<unknown>;

/** Operations by name; packages built on the desk add theirs before serve starts. */
export const ADMIN_OPERATIONS = new Map<string, AdminHandler>();

export class AdminError extends Error {
  constructor(
    message: string,
    readonly status = 400,
  ) {
    super(message);
  }
}

async function readBody(req: IncomingMessage, limit = 64 * 1024): Promise<string> {
  let size = 0;
  const chunks: Buffer[] = [];
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) throw new AdminError('请求太大', 413);
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function tokenMatches(header: string | undefined, token: string): boolean {
  const given = Buffer.from(header?.replace(/^Bearer /, '') ?? '');
  const expected = Buffer.from(token);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

export async function startAdmin(store: Store, token: string): Promise<{ port: number; server: Server; close(): Promise<void> }> {
  const server = createServer(async (req, res) => {
    const send = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
      res.end(JSON.stringify(body));
    };
    try {
      if (req.method !== 'POST' || !tokenMatches(req.headers.authorization, token)) return send(403, { error: '拒绝访问' });
      const op = ADMIN_OPERATIONS.get((req.url ?? '').replace(/^\/admin\//, ''));
      if (!op) return send(404, { error: '没有这个操作' });
      const body = JSON.parse((await readBody(req)) || '{}') as Record<string, unknown>;
      send(200, { result: await op(store, body) });
    } catch (err) {
      if (err instanceof AdminError) return send(err.status, { error: err.message });
      send(500, { error: (err as Error).message });
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    port,
    server,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** Sends an admin operation to the running server. */
export async function callAdmin(port: number, token: string, op: string, body: Record<string, unknown>): Promise<unknown> {
  const res = await fetch(`http://127.0.0.1:${port}/admin/${op}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const data = (await res.json()) as { result?: unknown; error?: string };
  if (!res.ok) throw new AdminError(data.error ?? `HTTP ${res.status}`, res.status);
  return data.result;
}
