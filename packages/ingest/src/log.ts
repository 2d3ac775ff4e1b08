import pino, { type Logger } from 'pino';

export type { Logger } from 'pino';

export interface LogOptions {
  level?: string;
  quiet?: boolean;
}

/** Structured logs: pino JSON lines on stderr (stdout stays for command output). */
export function createLogger(options: LogOptions = {}): Logger {
  const level = options.quiet ? 'error' : (options.level ?? process.env.JXAUDIT_LOG_LEVEL ?? 'info');
  return pino({ level, base: { pid: process.pid }, timestamp: pino.stdTimeFunctions.isoTime }, pino.destination({ fd: 2, sync: true }));
}

/** A logger that drops everything (library use and tests). */
export function silentLogger(): Logger {
  return pino({ level: 'silent' });
}
