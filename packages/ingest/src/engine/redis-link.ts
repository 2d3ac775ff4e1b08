import { Redis } from 'ioredis';
import { CliError, EXIT } from '../exit.ts';
import type { Logger } from '../log.ts';

/** How long a command waits for Redis at start before it gives up with exit 69 (--redis-wait-ms). */
export const REDIS_WAIT_MS = 10_000;

const CONNECTION_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'ENOTFOUND', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN', 'EPIPE', 'ECONNABORTED']);

/** Whether an error says Redis cannot be reached (as opposed to a bug or a refused command). */
export function isConnectionError(err: unknown): boolean {
  const e = err as { code?: string; message?: string } | null;
  if (!e) return false;
  if (e.code && CONNECTION_CODES.has(e.code)) return true;
  return /Connection is closed|Stream isn't writeable|enableOfflineQueue|connect ETIMEDOUT|ECONNREFUSED|Reached the max retries per request limit|Connection in subscriber mode/i.test(e.message ?? '');
}

/** The URL without its password, for logs and messages. */
export function safeUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString().replace(/\/$/, '');
  } catch {
    return url.replace(/\/\/[^@/]*@/, '//***@');
  }
}

/** Exit 69 with one clear line: Redis was not reachable within the bounded wait. */
export function redisUnavailable(url: string, waitMs: number, lastError?: string): CliError {
  const s = Math.round(waitMs / 100) / 10;
  return new CliError(
    EXIT.unavailable,
    `无法连接 Redis（${safeUrl(url)}），等待 ${s} 秒后放弃${lastError ? `（${lastError}）` : ''}。请确认 Redis 已启动、地址和端口正确、本机能访问它，然后重新运行`,
    `cannot reach Redis at ${safeUrl(url)} within ${s} s${lastError ? ` (${lastError})` : ''}`,
  );
}

/**
 * Waits until Redis at `url` answers, at most `waitMs`: resolves 'ready', or 'stopped' when
 * `until` settles first (a SIGTERM during the wait), or rejects with CliError 69.
 */
export async function waitForRedis(url: string, waitMs: number, until?: Promise<unknown>): Promise<'ready' | 'stopped'> {
  const conn = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 1, enableOfflineQueue: false, connectTimeout: Math.min(waitMs, 5000), retryStrategy: () => 250 });
  let lastError: string | undefined;
  conn.on('error', (err: Error) => {
    lastError = (err as NodeJS.ErrnoException).code ?? err.message;
  });
  let timer: NodeJS.Timeout | undefined;
  try {
    const ready = new Promise<'ready'>((resolve) => conn.once('ready', () => resolve('ready')));
    conn.connect().catch(() => {});
    const expired = new Promise<'expired'>((resolve) => (timer = setTimeout(() => resolve('expired'), waitMs)));
    const outcome = await Promise.race([ready, expired, ...(until ? [until.then(() => 'stopped' as const)] : [])]);
    if (outcome === 'expired') throw redisUnavailable(url, waitMs, lastError);
    return outcome;
  } finally {
    clearTimeout(timer);
    conn.disconnect();
  }
}

/**
 * One log line per change of the link to Redis, not one per retry: "unreachable" when a
 * watched connection loses Redis, "reachable again" when every one is back.
 */
export class RedisLink {
  private readonly down = new Set<Redis>();
  private downSince: number | null = null;
  private readonly conns: Redis[] = [];

  constructor(
    private readonly url: string,
    private readonly log: Logger,
  ) {}

  /** Follows a connection's events (it must be connected or connecting). */
  watch(conn: Redis): Redis {
    this.conns.push(conn);
    conn.on('error', (err: Error) => this.lost(conn, err));
    conn.on('close', () => {
      if (conn.status !== 'end') this.lost(conn);
    });
    conn.on('ready', () => this.back(conn));
    return conn;
  }

  get reachable(): boolean {
    return this.downSince === null;
  }

  /** An error seen elsewhere (a worker, a command): a connection error marks the link down, once. */
  report(err: unknown): boolean {
    if (!isConnectionError(err)) return false;
    this.markDown((err as Error).message);
    return true;
  }

  /** A command went through: the link is back if it was marked down by report() alone. */
  succeeded(): void {
    if (this.downSince !== null && this.down.size === 0) this.back();
  }

  private lost(conn: Redis, err?: Error): void {
    this.down.add(conn);
    this.markDown(err ? ((err as NodeJS.ErrnoException).code ?? err.message) : 'connection closed');
  }

  private markDown(reason: string): void {
    if (this.downSince !== null) return;
    this.downSince = Date.now();
    this.log.warn({ redis: safeUrl(this.url), reason }, 'redis unreachable, reconnecting (logged once until it is back)');
  }

  private back(conn?: Redis): void {
    if (conn) this.down.delete(conn);
    if (this.downSince === null || this.down.size > 0) return;
    if (this.conns.some((c) => c.status !== 'ready' && c.status !== 'end')) return;
    this.log.info({ redis: safeUrl(this.url), downMs: Date.now() - this.downSince }, 'redis reachable again');
    this.downSince = null;
  }
}
