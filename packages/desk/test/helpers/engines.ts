import type { PGlite } from '@electric-sql/pglite';
import { startPostgres, type PrivatePostgres } from '../../../../test/helpers/postgres.ts';
import { openDb, Store, type OpenedDb } from '../../src/store/index.ts';
import { privatePglite } from './pglite.ts';

/*
 * Store tests run on both engines: one PGlite and one private PostgreSQL server per test file,
 * a schema of its own per test (fresh tables, the migrations run again).
 */

export type EngineName = 'pglite' | 'postgres';
export const ENGINES: EngineName[] = ['pglite', 'postgres'];

export interface EngineHarness {
  name: EngineName;
  /** A store on a fresh schema; the previous one of this harness is closed first. */
  fresh(): Promise<Store>;
  /** Reopens the current schema (as a restart would). */
  reopen(): Promise<Store>;
  /** Where the current schema lives, for a server started in the test. */
  target(): { engine: 'pglite'; instance: PGlite; schema: string } | { engine: 'postgres'; url: string; schema: string };
  dispose(): Promise<void>;
}

export async function startEngine(name: EngineName): Promise<EngineHarness> {
  let pglite: Awaited<ReturnType<typeof privatePglite>> | null = null;
  let postgres: PrivatePostgres | null = null;
  if (name === 'pglite') pglite = await privatePglite();
  else postgres = await startPostgres();
  let opened: OpenedDb | null = null;
  let counter = 0;
  let schema = '';
  const open = async () => {
    await opened?.close();
    opened = pglite
      ? await openDb({ engine: 'pglite', instance: pglite.db }, { schema })
      : await openDb({ engine: 'postgres', url: postgres!.url }, { schema });
    return new Store(opened.db);
  };
  return {
    name,
    async fresh() {
      schema = `t${process.pid}_${++counter}`;
      return open();
    },
    reopen: open,
    target() {
      return pglite ? { engine: 'pglite', instance: pglite.db, schema } : { engine: 'postgres', url: postgres!.url, schema };
    },
    async dispose() {
      await opened?.close();
      opened = null;
      await pglite?.dispose();
      await postgres?.dispose();
    },
  };
}
