import { readdir, stat } from 'node:fs/promises';
import { join, relative } from 'node:path';

const DOC_EXTENSIONS = /\.(docx|txt)$/i;

/** Names the watched folder and the bulk walk never take (OPERATIONS.md). */
export function isIgnoredName(name: string): boolean {
  return name.startsWith('~$') || name.startsWith('.') || /\.(tmp|part|crdownload)$/i.test(name);
}

export interface FoundFile {
  path: string;
  /** Path relative to the directory given (the file name for a file given directly). */
  relative: string;
}

/** Expands the paths given: a directory means every .docx/.txt below it, sorted. */
export async function expandInputs(paths: string[]): Promise<FoundFile[]> {
  const found: FoundFile[] = [];
  for (const p of paths) {
    const info = await stat(p);
    if (info.isDirectory()) {
      for (const file of await walk(p)) found.push({ path: file, relative: relative(p, file) });
    } else {
      found.push({ path: p, relative: p.split(/[\\/]/).pop() ?? p });
    }
  }
  return found;
}

async function walk(dir: string): Promise<string[]> {
  const out: string[] = [];
  const entries = await readdir(dir, { withFileTypes: true });
  entries.sort((a, b) => a.name.localeCompare(b.name));
  for (const e of entries) {
    if (isIgnoredName(e.name)) continue;
    const full = join(dir, e.name);
    if (e.isDirectory()) out.push(...(await walk(full)));
    else if (e.isFile() && DOC_EXTENSIONS.test(e.name)) out.push(full);
  }
  return out;
}
