import { lstat, readdir, stat } from 'node:fs/promises';
import { basename, join, relative, resolve } from 'node:path';
import type { ReadError } from '@jxaudit/model';
import { READ_EXTENSIONS, extensionOf, hasReadExtension, readError } from '@jxaudit/parse';
import { CliError, EXIT, inputError } from './exit.ts';
import { RefusedPathError, hashRegularFile, notFound, refusalOf } from './fs/regular.ts';

/** Names the watched folder and the bulk walk never take (OPERATIONS.md). */
export function isIgnoredName(name: string): boolean {
  return name.startsWith('~$') || name.startsWith('.') || /\.(tmp|part|crdownload)$/i.test(name);
}

export interface FoundFile {
  path: string;
  /** Path relative to the directory given (the file name for a file given directly). */
  relative: string;
  /**
   * Why the file is reported without being read: not found, not a regular file (a link, a pipe,
   * a device, a socket), or a format the walk does not read. Absent for a file to read.
   */
  refused?: ReadError;
}

export interface ExpandOptions {
  /** Directories not walked into (the report folder when it lies inside an input directory). */
  exclude?: string[];
}

/** A folder the command needs (enqueue DIR, schedule DIR): CliError 66 when it is missing or not a folder. */
export async function requireDirectory(dir: string): Promise<void> {
  let info;
  try {
    info = await stat(dir);
  } catch (err) {
    throw inputError(dir, err, { zh: '目录', en: 'directory' }) ?? err;
  }
  if (!info.isDirectory()) throw new CliError(EXIT.noInput, `${dir} 不是目录，这里需要一个目录`, `${dir} is not a directory; a directory is needed here`);
}

/** The unsupported-format error of a file a walk does not read, by its extension. */
export function formatNotRead(path: string): ReadError {
  const ext = extensionOf(path);
  const list = READ_EXTENSIONS.map((e) => `.${e}`).join('、');
  return readError('unsupported-format', {
    zh: ext ? `扩展名为 .${ext}，目录检查只读取 ${list} 文件，未读取` : `没有扩展名，目录检查只读取 ${list} 文件，未读取`,
    en: ext ? `the extension is .${ext}; a directory check reads only ${READ_EXTENSIONS.map((e) => `.${e}`).join(', ')} files, so it was not read` : `no extension; a directory check reads only ${READ_EXTENSIONS.map((e) => `.${e}`).join(', ')} files, so it was not read`,
  });
}

/**
 * Expands the paths given, in order. A directory (or a link to one, when named here) means
 * every file below it, sorted: files with an extension of READ_EXTENSIONS are read; every other
 * file, link, pipe, device or socket is returned with `refused` set, so that it is reported,
 * never skipped silently. Ignored names (isIgnoredName) are skipped. A path given directly is
 * read by its content whatever its extension; a missing one is returned as `not-found`.
 */
export async function expandInputs(paths: string[], options: ExpandOptions = {}): Promise<FoundFile[]> {
  const exclude = new Set((options.exclude ?? []).map((d) => resolve(d)));
  const found: FoundFile[] = [];
  for (const p of paths) {
    const name = basename(p) || p;
    let info;
    try {
      info = await lstat(p);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code !== 'ENOENT' && code !== 'ENOTDIR') throw err;
      found.push({ path: p, relative: name, refused: notFound(p) });
      continue;
    }
    const isDir = info.isDirectory() || (info.isSymbolicLink() && (await stat(p).then((s) => s.isDirectory()).catch(() => false)));
    if (isDir) {
      for (const file of await walk(p, exclude)) found.push({ ...file, relative: relative(p, file.path) });
      continue;
    }
    const refused = await refusalOf(p, info);
    found.push(refused ? { path: p, relative: name, refused } : { path: p, relative: name });
  }
  return found;
}

async function walk(dir: string, exclude: Set<string>): Promise<Array<Omit<FoundFile, 'relative'>>> {
  const out: Array<Omit<FoundFile, 'relative'>> = [];
  const entries = await readdir(dir, { withFileTypes: true });
  entries.sort((a, b) => a.name.localeCompare(b.name));
  for (const e of entries) {
    if (isIgnoredName(e.name)) continue;
    const full = join(dir, e.name);
    if (e.isDirectory()) {
      if (!exclude.has(resolve(full))) out.push(...(await walk(full, exclude)));
      continue;
    }
    const refused = await refusalOf(full, e);
    if (refused) out.push({ path: full, refused });
    else if (hasReadExtension(e.name)) out.push({ path: full });
    else out.push({ path: full, refused: formatNotRead(full) });
  }
  return out;
}

/** The sha256 of a file a walk found, or why it is not read (refused by the walk, or since). */
export async function hashFound(f: FoundFile): Promise<{ sha256: string } | { refused: ReadError }> {
  if (f.refused) return { refused: f.refused };
  try {
    return { sha256: await hashRegularFile(f.path) };
  } catch (err) {
    if (err instanceof RefusedPathError) return { refused: err.readError };
    throw err;
  }
}
