import { cp, mkdtemp, rename, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { PGlite } from '@electric-sql/pglite';

/*
 * PGlite's first start runs initdb in WASM (seconds, tens of seconds on a loaded machine). Tests
 * start from a copy of one initialised data directory, made once per PGlite version in the temp
 * dir and copied per use (a reopen takes about a second).
 */

async function pgliteVersion(): Promise<string> {
  const { readFile } = await import('node:fs/promises');
  const pkg = join(import.meta.dirname, '../../node_modules/@electric-sql/pglite/package.json');
  return (JSON.parse(await readFile(pkg, 'utf8')) as { version: string }).version;
}

/** An initialised, empty PGlite data directory (shared; never open it directly: copy it). */
export async function pgliteTemplate(): Promise<string> {
  const template = join(tmpdir(), `jx-pglite-template-${await pgliteVersion()}`);
  try {
    await stat(join(template, 'PG_VERSION'));
    return template;
  } catch {
    /* build it */
  }
  const { PGlite } = await import('@electric-sql/pglite');
  const building = await mkdtemp(join(tmpdir(), 'jx-pglite-build-'));
  const db = await PGlite.create(building);
  await db.close();
  try {
    await rename(building, template);
  } catch {
    // Another test file built it meanwhile: keep theirs.
    await rm(building, { recursive: true, force: true });
  }
  return template;
}

/** A fresh copy of the template at `dir` (created), ready for PGlite.create(dir). */
export async function seedPgliteDir(dir: string): Promise<void> {
  await cp(await pgliteTemplate(), dir, { recursive: true });
}

/** A PGlite instance on a temp copy of the template; dispose() closes it and removes the copy. */
export async function privatePglite(): Promise<{ db: PGlite; dir: string; dispose(): Promise<void> }> {
  const { PGlite } = await import('@electric-sql/pglite');
  const dir = await mkdtemp(join(tmpdir(), 'jx-pglite-'));
  await rm(dir, { recursive: true });
  await seedPgliteDir(dir);
  const db = await PGlite.create(dir);
  return {
    db,
    dir,
    async dispose() {
      await db.close().catch(() => {});
      await rm(dir, { recursive: true, force: true });
    },
  };
}
