import { sql, type Kysely, type Migration } from 'kysely';

/*
 * Versioned migrations, in code (Kysely's Migrator runs the missing ones at start, in name order).
 * Never edit a migration that has shipped: add the next one.
 */

export const migrations: Record<string, Migration> = {
  '0001-accounts-decisions': {
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('users')
        .addColumn('id', 'serial', (c) => c.primaryKey())
        .addColumn('name', 'text', (c) => c.notNull().unique())
        .addColumn('display_name', 'text', (c) => c.notNull())
        .addColumn('role', 'text', (c) => c.notNull().check(sql`role in ('reviewer', 'lead')`))
        .addColumn('password_hash', 'text', (c) => c.notNull())
        .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
        .addColumn('disabled_at', 'timestamptz')
        .addColumn('password_changed_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
        .execute();
      await db.schema
        .createTable('sessions')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id'))
        .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
        .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
        .addColumn('ended_at', 'timestamptz')
        .execute();
      await db.schema
        .createTable('decision_events')
        .addColumn('id', 'serial', (c) => c.primaryKey())
        .addColumn('submission_id', 'text', (c) => c.notNull())
        .addColumn('fingerprint', 'text', (c) => c.notNull())
        .addColumn('rule', 'text', (c) => c.notNull())
        .addColumn('from_state', 'text')
        .addColumn('to_state', 'text', (c) => c.notNull().check(sql`to_state in ('confirmed', 'waived', 'needs-info')`))
        .addColumn('note', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id'))
        .addColumn('at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
        .addColumn('version', 'integer', (c) => c.notNull())
        .addColumn('batch', 'text')
        .addColumn('finding', 'jsonb', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('decision_events_current')
        .on('decision_events')
        .columns(['submission_id', 'fingerprint', 'id desc'])
        .execute();
      await db.schema
        .createTable('status_events')
        .addColumn('id', 'serial', (c) => c.primaryKey())
        .addColumn('submission_id', 'text', (c) => c.notNull())
        .addColumn('from_status', 'text', (c) => c.notNull())
        .addColumn('to_status', 'text', (c) => c.notNull().check(sql`to_status in ('pending', 'in-review', 'returned', 'approved')`))
        .addColumn('note', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id'))
        .addColumn('at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
        .addColumn('version', 'integer', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('status_events_current').on('status_events').columns(['submission_id', 'id desc']).execute();
      await db.schema
        .createTable('letter_events')
        .addColumn('id', 'serial', (c) => c.primaryKey())
        .addColumn('submission_id', 'text', (c) => c.notNull())
        .addColumn('version', 'integer', (c) => c.notNull())
        .addColumn('draft', 'jsonb', (c) => c.notNull())
        .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id'))
        .addColumn('at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
        .addColumn('action', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('settings')
        .addColumn('name', 'text', (c) => c.primaryKey())
        .addColumn('value', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('letter_events_current').on('letter_events').columns(['submission_id', 'id desc']).execute();
    },
  },
};
