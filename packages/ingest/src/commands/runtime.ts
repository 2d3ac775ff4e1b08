import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import { Option, type Command } from 'commander';
import type { Lang } from '@jxaudit/score';
import { usageError } from '../exit.ts';
import { createLogger, type Logger } from '../log.ts';
import { REDIS_WAIT_MS } from '../engine/redis-link.ts';
import { startWorkers, type RunningWorkers, type WorkerHooks } from '../engine/bullmq.ts';
import { createIndexRebuilder, type IndexRebuilder } from '../engine/index-rebuild.ts';
import { ParsePool } from '../engine/parse-pool.ts';
import { processDocument, type ProcessorContext } from '../engine/processor.ts';
import { EmbeddedScoreScheduler } from '../engine/score-scheduler.ts';
import { scoreArrivals, type ScoreRequest } from '../engine/scoring.ts';
import { DEFAULT_SETTLE_MS, type IngestJobData, type ProcessOutcome } from '../engine/types.ts';

/** Options every service command shares. */
export interface ServiceOptions {
  redis?: string;
  logLevel?: string;
  quiet?: boolean;
  lang: Lang;
  concurrency?: string;
  timeoutMs: string;
  maxMemoryMb: string;
  shutdownMs: string;
  lockMs?: string;
  stalledMs?: string;
  redisWaitMs: string;
}

export interface ServiceOptionSet {
  /** Also the options of a command that processes documents (bounds, concurrency, shutdown). */
  processing?: boolean;
  /** The command refuses to start without Redis (worker, schedule): --help says so. */
  redisRequired?: boolean;
}

export function addServiceOptions(cmd: Command, { processing = true, redisRequired = false }: ServiceOptionSet = {}): Command {
  cmd
    .option(
      '--redis <url>',
      redisRequired
        ? 'Redis URL, required: this command does not run without Redis (default: $REDIS_URL)'
        : 'Redis URL: use the BullMQ engine (default: $REDIS_URL; none: the embedded engine, in this process)',
      process.env.REDIS_URL || undefined,
    )
    .option('--redis-wait-ms <ms>', 'how long to wait for Redis at start; past it the command exits 69', String(REDIS_WAIT_MS))
    .addOption(new Option('--log-level <level>', 'pino log level (default: JXAUDIT_LOG_LEVEL or info)').choices(['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent']))
    .option('--quiet', 'only errors in the log, no progress');
  if (processing) {
    cmd
      .addOption(new Option('--lang <lang>', 'language of the reports').choices(['zh', 'en']).default('zh'))
      .option('--concurrency <n>', 'documents processed at once in this process (default: the core count)')
      .option('--timeout-ms <ms>', 'time bound of one document parse', '120000')
      .option('--max-memory-mb <mb>', 'heap bound of one document parse', '1024')
      .option('--shutdown-ms <ms>', 'on SIGINT/SIGTERM, how long running documents may finish before a forced stop', '30000')
      .option('--lock-ms <ms>', 'BullMQ lockDuration (default 30000; $JXAUDIT_LOCK_MS)', process.env.JXAUDIT_LOCK_MS || undefined)
      .option('--stalled-ms <ms>', 'BullMQ stalledInterval (default 30000; $JXAUDIT_STALLED_MS)', process.env.JXAUDIT_STALLED_MS || undefined);
  }
  return cmd;
}

export function loggerFor(opts: Pick<ServiceOptions, 'logLevel' | 'quiet'>): Logger {
  return createLogger({ level: opts.logLevel, quiet: opts.quiet });
}

export function positiveInt(value: string | undefined, fallback: number, what: string): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) throw usageError(`--${what} 必须是正整数，收到的是 ${value}`, `--${what} must be a positive integer, got ${value}`);
  return n;
}

/** The Redis URL of a command that cannot run without it (exit 64 when none is given). */
export function requireRedis(opts: Pick<ServiceOptions, 'redis'>, command: string): string {
  if (opts.redis) return opts.redis;
  throw usageError(`${command} 需要 Redis：请用 --redis URL 或环境变量 REDIS_URL 指定`, `${command} needs Redis: give --redis URL or set REDIS_URL`);
}

/** --redis-wait-ms */
export function redisWaitMs(opts: Pick<ServiceOptions, 'redisWaitMs'>): number {
  return positiveInt(opts.redisWaitMs, REDIS_WAIT_MS, 'redis-wait-ms');
}

/**
 * --settle SECONDS: the settle window of the service (a submission is scored once none of its
 * documents has arrived for this long). Returns ms.
 */
export function settleMs(value: string | undefined, fallbackMs = DEFAULT_SETTLE_MS): number {
  if (value === undefined) return fallbackMs;
  const n = Number(value);
  if (!Number.isFinite(n) || n < 0 || value.trim() === '') throw usageError(`--settle 必须是不小于 0 的秒数，收到的是 ${value}`, `--settle must be a number of seconds, 0 or more, got ${value}`);
  return Math.round(n * 1000);
}

export interface Runtime {
  concurrency: number;
  index: IndexRebuilder;
  /** Reads one document; its submission's scoring is asked of `hooks.requestScore` (default: the embedded scheduler). */
  process: (data: IngestJobData, hooks?: Partial<WorkerHooks>) => Promise<ProcessOutcome>;
  /** Scores what arrived under one key now (the second stage). */
  score: (request: ScoreRequest, hooks?: Partial<WorkerHooks>) => Promise<ProcessOutcome[]>;
  /** The embedded engine's scoring jobs (debounced, one per key at a time). */
  scheduler: EmbeddedScoreScheduler;
  close(): Promise<void>;
}

/** The processor with its parse pool and its debounced index rebuilds. */
export function createRuntime(opts: ServiceOptions, log: Logger): Runtime {
  const concurrency = positiveInt(opts.concurrency, availableParallelism(), 'concurrency');
  const pool = new ParsePool({
    size: concurrency,
    timeoutMs: positiveInt(opts.timeoutMs, 120_000, 'timeout-ms'),
    maxOldMb: positiveInt(opts.maxMemoryMb, 1024, 'max-memory-mb'),
  });
  const index = createIndexRebuilder(opts.lang, log);
  const ctx = (hooks: Partial<WorkerHooks> = {}): ProcessorContext => ({
    pool,
    lang: opts.lang,
    log,
    publishReport: hooks.publish,
    onReport: (out) => index.schedule(out),
    requestScore: hooks.requestScore ?? (async (r) => scheduler.request(r)),
  });
  const scheduler = new EmbeddedScoreScheduler((request) => scoreArrivals(request, ctx()), log);
  return {
    concurrency,
    index,
    scheduler,
    process: (data, hooks) => processDocument(data, ctx(hooks)),
    score: (request, hooks) => scoreArrivals(request, ctx(hooks)),
    async close() {
      await scheduler.close();
      await index.flush();
      await pool.close();
    },
  };
}

/** BullMQ workers on `url` running this runtime's processor, with the command's lock settings. */
export function startRuntimeWorkers(url: string, opts: ServiceOptions & { out: string }, rt: Runtime, log: Logger): Promise<RunningWorkers> {
  return startWorkers({
    url,
    concurrency: rt.concurrency,
    log,
    out: resolve(opts.out),
    process: (data, hooks) => rt.process(data, hooks),
    score: (request, hooks) => rt.score(request, hooks),
    lockDuration: opts.lockMs ? positiveInt(opts.lockMs, 30_000, 'lock-ms') : undefined,
    stalledInterval: opts.stalledMs ? positiveInt(opts.stalledMs, 30_000, 'stalled-ms') : undefined,
  });
}

/**
 * Resolves on the first SIGINT/SIGTERM. A second signal exits at once; after the first,
 * `forceMs` later the process exits even if closing hangs.
 */
export function untilSignal(log: Logger, forceMs: number): Promise<string> {
  return new Promise((resolve) => {
    let seen = false;
    const onSignal = (sig: NodeJS.Signals) => {
      if (seen) {
        log.warn({ signal: sig }, 'second signal, exiting now');
        process.exit(130);
      }
      seen = true;
      log.info({ signal: sig, forceMs }, 'shutting down');
      setTimeout(() => {
        log.error({ forceMs }, 'shutdown took too long, exiting');
        process.exit(1);
      }, forceMs + 5000).unref();
      resolve(sig);
    };
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
  });
}
