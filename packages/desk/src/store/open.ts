import { mkdir } from 'node:fs/promises';
import { Kysely, Migrator, PostgresDialect, sql, type Dialect } from 'kysely';
import { migrations } from './migrations.ts';
import type { Database } from './schema.ts';

/*
 * One query layer over two engines: PGlite (Postgres in WASM, the embedded default) and a
 * PostgreSQL server (the pg client). The same migrations run at start on either.
 */

export type StoreTarget =
  | { engine: 'pglite'; dataDir: string }
  /** An open PGlite instance the caller owns (tests share one per file, a schema per test). */
  | { engine: 'pglite'; instance: import('@electric-sql/pglite').PGlite }
  | { engine: 'postgres'; url: string };

export interface OpenOptions {
  /** A schema of its own (created when missing): tests use one per test on a shared server. */
  schema?: string;
}

export interface OpenedDb {
  db: Kysely<Database>;
  engine: 'pglite' | 'postgres';
  /** Closes the query layer (and the PGlite instance when this call opened it). */
  close(): Promise<void>;
}

const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

async function pgliteDialect(target: Extract<StoreTarget, { engine: 'pglite' }>, schema: string | undefined) {
  const { PGlite } = await import('@electric-sql/pglite');
  const { PGliteDialect } = await import('kysely-pglite-dialect');
  let pglite: import('@electric-sql/pglite').PGlite;
  let owned = false;
  if ('instance' in target) pglite = target.instance;
  else {
    await mkdir(target.dataDir, { recursive: true });
    pglite = await PGlite.create(target.dataDir);
    owned = true;
  }
  if (schema) await pglite.exec(`create schema if not exists ${schema}; set search_path to ${schema}`);
  else if (!owned) await pglite.exec('set search_path to public');
  // The dialect's destroy() closes PGlite: keep a caller's instance open.
  const dialect: Dialect = new PGliteDialect(owned ? pglite : ({ query: pglite.query.bind(pglite), close: async () => {} } as never));
  return { dialect, closeExtra: async () => {} };
}

async function postgresDialect(url: string, schema: string | undefined) {
  const pg = (await import('pg')).default;
  // int8 (count(*)) as a JS number: our counts stay far below 2^53.
  pg.types.setTypeParser(20, (v: string) => Number(v));
  if (schema) {
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    try {
      await admin.query(`create schema if not exists ${schema}`);
    } finally {
      await admin.end();
    }
  }
  const pool = new pg.Pool({
    connectionString: url,
    max: 10,
    ...(schema ? { options: `-c search_path=${schema}` } : {}),
  });
  return { dialect: new PostgresDialect({ pool }) as Dialect, closeExtra: async () => {} };
}

/** Opens the database and brings its schema to the newest migration. */
export async function openDb(target: StoreTarget, options: OpenOptions = {}): Promise<OpenedDb> {
  const schema = options.schema;
  if (schema !== undefined && !SCHEMA_NAME.test(schema)) throw new Error(`invalid schema name: ${schema}`);
  const { dialect, closeExtra } =
    target.engine === 'postgres' ? await postgresDialect(target.url, schema) : await pgliteDialect(target, schema);
  const db = new Kysely<Database>({ dialect });
  try {
    const migrator = new Migrator({
      db,
      provider: { getMigrations: async () => migrations },
      ...(schema ? { migrationTableSchema: schema } : {}),
    });
    const { error, results } = await migrator.migrateToLatest();
    if (error) {
      const failed = results?.find((r) => r.status === 'Error')?.migrationName;
      throw new Error(`database migration ${failed ?? ''} failed: ${(error as Error).message ?? String(error)}`);
    }
    await sql`select 1`.execute(db);
  } catch (err) {
    await db.destroy().catch(() => {});
    throw err;
  }
  return {
    db,
    engine: target.engine,
    async close() {
      await db.destroy();
      await closeExtra();
    },
  };
}
