import { createHash } from 'node:crypto';
import { constants, type Dirent, type Stats } from 'node:fs';
import { lstat, open, readlink, type FileHandle } from 'node:fs/promises';
import type { ReadError } from '@jxaudit/model';
import { readError } from '@jxaudit/parse';

/**
 * Only regular files are read, in every entry point (check, dump, the walks, enqueue, the
 * watched folder, the worker): a symlink may point at /dev/zero or /etc/passwd, a FIFO blocks
 * the reader for ever, a device never ends. Paths are inspected without following a link, and
 * opened with O_NOFOLLOW|O_NONBLOCK so that a swap between the check and the open cannot make
 * the reader follow a link or hang on a pipe.
 */

export type PathKind = 'file' | 'directory' | 'symlink' | 'fifo' | 'socket' | 'char-device' | 'block-device' | 'other';

export function kindOf(st: Stats | Dirent): PathKind {
  if (st.isSymbolicLink()) return 'symlink';
  if (st.isFile()) return 'file';
  if (st.isDirectory()) return 'directory';
  if (st.isFIFO()) return 'fifo';
  if (st.isSocket()) return 'socket';
  if (st.isCharacterDevice()) return 'char-device';
  if (st.isBlockDevice()) return 'block-device';
  return 'other';
}

const KIND_WORDS: Record<Exclude<PathKind, 'file'>, { zh: string; en: string }> = {
  symlink: { zh: '符号链接', en: 'a symbolic link' },
  directory: { zh: '目录', en: 'a directory' },
  fifo: { zh: '命名管道（FIFO）', en: 'a named pipe (FIFO)' },
  socket: { zh: '套接字', en: 'a socket' },
  'char-device': { zh: '字符设备', en: 'a character device' },
  'block-device': { zh: '块设备', en: 'a block device' },
  other: { zh: '特殊文件', en: 'a special file' },
};

/** The not-regular-file error of a path of this kind (a link names its target, which is not read). */
export function notRegularFile(kind: Exclude<PathKind, 'file'>, target?: string): ReadError {
  const w = KIND_WORDS[kind];
  return readError('not-regular-file', {
    zh: `它是${w.zh}${target !== undefined ? `，指向 ${target}` : ''}`,
    en: `it is ${w.en}${target !== undefined ? ` to ${target}` : ''}`,
  });
}

export function notFound(path: string): ReadError {
  return readError('not-found', { zh: path, en: path });
}

/** The too-large error of a file over the size bound, with both sizes in words. */
export function fileTooLarge(size: number, maxBytes: number, grew = false): ReadError {
  const mib = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MiB`;
  return grew
    ? readError('too-large', { zh: `读取时文件仍在变大，已超过上限 ${mib(maxBytes)}`, en: `the file kept growing while read, past the ${mib(maxBytes)} limit` })
    : readError('too-large', { zh: `文件 ${mib(size)}，上限 ${mib(maxBytes)}`, en: `${mib(size)}, limit ${mib(maxBytes)}` });
}

/** A path that is not a regular file, or is gone: thrown by the hashing of the walks and the watcher. */
export class RefusedPathError extends Error {
  constructor(
    readonly path: string,
    readonly readError: ReadError,
  ) {
    super(`${path}: ${readError.messageEn}`);
    this.name = 'RefusedPathError';
  }
}

/** Why a non-regular path is refused, from its lstat (a link's target is read, never followed). */
export async function refusalOf(path: string, st: Stats | Dirent): Promise<ReadError | null> {
  const kind = kindOf(st);
  if (kind === 'file') return null;
  const target = kind === 'symlink' ? await readlink(path).catch(() => undefined) : undefined;
  return notRegularFile(kind, target);
}

/** What stands in the way of reading `path` as a regular file (lstat only), or null when nothing does. */
export async function inspectRegular(path: string): Promise<ReadError | null> {
  try {
    return await refusalOf(path, await lstat(path));
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT' || (err as NodeJS.ErrnoException).code === 'ENOTDIR') return notFound(path);
    throw err;
  }
}

const OPEN_FLAGS = constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK;

/** Opens `path` as a regular file, or says why not. */
async function openRegular(path: string): Promise<{ fh: FileHandle; size: number; mtimeMs: number } | { error: ReadError }> {
  const refused = await inspectRegular(path);
  if (refused) return { error: refused };
  let fh: FileHandle;
  try {
    fh = await open(path, OPEN_FLAGS);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return { error: notFound(path) };
    // Swapped for a link since the lstat.
    if (code === 'ELOOP') return { error: notRegularFile('symlink', await readlink(path).catch(() => undefined)) };
    throw err;
  }
  const st = await fh.stat();
  if (!st.isFile()) {
    await fh.close();
    return { error: notRegularFile(kindOf(st) as Exclude<PathKind, 'file'>) };
  }
  return { fh, size: st.size, mtimeMs: st.mtimeMs };
}

async function hashHandle(fh: FileHandle, upTo: number): Promise<string> {
  const hash = createHash('sha256');
  const chunk = Buffer.alloc(1024 * 1024);
  for (let at = 0; at < upTo; ) {
    const { bytesRead } = await fh.read(chunk, 0, Math.min(chunk.length, upTo - at), at);
    if (bytesRead === 0) break;
    hash.update(chunk.subarray(0, bytesRead));
    at += bytesRead;
  }
  return hash.digest('hex');
}

export type RegularRead =
  /** Read: the bytes, their sha256, and the file's mtime (from the open file). */
  | { ok: true; bytes: Uint8Array; sha256: string; mtimeMs: number }
  /** Not read: `size` and `sha256` are known for a file over the bound, 0 and '' otherwise. */
  | { ok: false; error: ReadError; size: number; sha256: string };

/**
 * Reads a regular file of at most `maxBytes`. Refused without reading: anything that is not a
 * regular file, a missing path, a file over the bound (its sha256 is streamed). A file that
 * grows past the bound while read is refused too: the read never exceeds maxBytes + 1 bytes.
 */
export async function readRegularFile(path: string, maxBytes: number): Promise<RegularRead> {
  const opened = await openRegular(path);
  if ('error' in opened) return { ok: false, error: opened.error, size: 0, sha256: '' };
  const { fh, size, mtimeMs } = opened;
  try {
    if (size > maxBytes) return { ok: false, error: fileTooLarge(size, maxBytes), size, sha256: await hashHandle(fh, size) };
    // One byte more than the bound: a file that grew since the stat is caught without reading on.
    let buffer = Buffer.alloc(size + 1);
    let length = 0;
    for (;;) {
      if (length === buffer.length) {
        if (length > maxBytes) return { ok: false, error: fileTooLarge(length, maxBytes, true), size: length, sha256: '' };
        const bigger = Buffer.alloc(Math.min(maxBytes + 1, buffer.length * 2));
        buffer.copy(bigger, 0, 0, length);
        buffer = bigger;
      }
      const { bytesRead } = await fh.read(buffer, length, buffer.length - length, length);
      if (bytesRead === 0) break;
      length += bytesRead;
    }
    if (length > maxBytes) return { ok: false, error: fileTooLarge(length, maxBytes, true), size: length, sha256: '' };
    const bytes = new Uint8Array(buffer.buffer, buffer.byteOffset, length);
    return { ok: true, bytes, sha256: createHash('sha256').update(bytes).digest('hex'), mtimeMs };
  } finally {
    await fh.close();
  }
}

/** sha256 of a regular file; throws RefusedPathError for anything else (or a missing path). */
export async function hashRegularFile(path: string): Promise<string> {
  const opened = await openRegular(path);
  if ('error' in opened) throw new RefusedPathError(path, opened.error);
  try {
    const hash = createHash('sha256');
    const chunk = Buffer.alloc(1024 * 1024);
    for (let at = 0; ; ) {
      const { bytesRead } = await opened.fh.read(chunk, 0, chunk.length, at);
      if (bytesRead === 0) break;
      hash.update(chunk.subarray(0, bytesRead));
      at += bytesRead;
    }
    return hash.digest('hex');
  } finally {
    await opened.fh.close();
  }
}
