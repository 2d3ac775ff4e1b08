import { readFile } from 'node:fs/promises';

/**
 * The exit codes every command keeps (docs/operations.md); the 6x codes are those of BSD
 * sysexits.h, so that supervisors and scripts can tell a wrong command line from an absent
 * service.
 */
export const EXIT = {
  /** Done; for check, no finding reached --fail-on. */
  ok: 0,
  /** check: a finding reached --fail-on. A service: stopped by force (--shutdown-ms passed), unfinished work is taken again on the next start. */
  findings: 1,
  /** Some input could not be read, or some job failed: its report says why. */
  unread: 2,
  /** The command line, or a profile/targets file it names, is wrong. */
  usage: 64,
  /** A file or folder the command needs does not exist or is not a file/folder of the right kind. */
  noInput: 66,
  /** Redis could not be reached within the bounded wait. */
  unavailable: 69,
  /** An internal error (a bug): please report it with the log. */
  software: 70,
} as const;

/** An error the CLI ends with: one line in Chinese (and English), and its exit code. */
export class CliError extends Error {
  constructor(
    readonly exitCode: number,
    readonly zh: string,
    readonly en: string,
  ) {
    super(en);
    this.name = 'CliError';
  }

  /** The line printed on stderr. */
  get line(): string {
    return `jxaudit: ${this.zh} / ${this.en}`;
  }
}

export function usageError(zh: string, en: string): CliError {
  return new CliError(EXIT.usage, zh, en);
}

/** The CliError of a file or folder a command needs that could not be opened. */
export function inputError(path: string, err: unknown, what: { zh: string; en: string } = { zh: '文件', en: 'file' }): CliError | null {
  const code = (err as NodeJS.ErrnoException)?.code;
  if (code === 'ENOENT' || code === 'ENOTDIR') return new CliError(EXIT.noInput, `找不到${what.zh}：${path}`, `${what.en} not found: ${path}`);
  if (code === 'EISDIR') return new CliError(EXIT.noInput, `${path} 是一个目录，这里需要一个${what.zh}`, `${path} is a directory; a ${what.en} is needed here`);
  if (code === 'EACCES' || code === 'EPERM') return new CliError(EXIT.noInput, `没有读取权限：${path}`, `permission denied: ${path}`);
  return null;
}

/** Reads a small text file the command line names (a profile, targets); unreadable: CliError 66. */
export async function readOptionFile(path: string, what: { zh: string; en: string }): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (err) {
    throw inputError(path, err, what) ?? err;
  }
}
