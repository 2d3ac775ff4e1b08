import { randomUUID } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type {
  Database,
  DecisionState,
  FindingSnapshot,
  LetterDraft,
  ReviewStatus,
  Role,
  User,
} from './schema.ts';

/*
 * Every query of the review desk, in one module, over either engine. Decisions, statuses and
 * letters are only ever inserted: the current value of each is its newest row.
 */

export interface CurrentDecision {
  fingerprint: string;
  state: DecisionState;
  note: string;
  userName: string;
  at: Date;
  version: number;
  finding: FindingSnapshot;
}

export interface DecisionInput {
  fingerprint: string;
  finding: FindingSnapshot;
}

export interface HistoryEntry {
  kind: 'decision' | 'status' | 'letter';
  at: Date;
  userName: string;
  version: number;
  fingerprint: string | null;
  finding: FindingSnapshot | null;
  from: string | null;
  to: string;
  note: string;
  batch: string | null;
}

export interface CurrentStatus {
  status: ReviewStatus;
  note: string;
  userName: string;
  at: Date;
}

export interface SessionUser {
  id: number;
  name: string;
  displayName: string;
  role: Role;
  expiresAt: Date;
}

export interface UserRow {
  id: number;
  name: string;
  displayName: string;
  role: Role;
  createdAt: Date;
  disabledAt: Date | null;
}

export class Store {
  constructor(readonly db: Kysely<Database>) {}

  // ---- settings ----

  /** A setting, created with `make()` the first time (the first writer wins when two race). */
  async setting(name: string, make: () => string): Promise<string> {
    await this.db.insertInto('settings').values({ name, value: make() }).onConflict((oc) => oc.column('name').doNothing()).execute();
    const row = await this.db.selectFrom('settings').select('value').where('name', '=', name).executeTakeFirstOrThrow();
    return row.value;
  }

  // ---- accounts ----

  async addUser(input: { name: string; displayName: string; role: Role; passwordHash: string }): Promise<number> {
    const row = await this.db
      .insertInto('users')
      .values({ name: input.name, display_name: input.displayName, role: input.role, password_hash: input.passwordHash })
      .returning('id')
      .executeTakeFirstOrThrow();
    return row.id;
  }

  async userByName(name: string): Promise<User | undefined> {
    return this.db.selectFrom('users').selectAll().where('name', '=', name).executeTakeFirst();
  }

  async listUsers(): Promise<UserRow[]> {
    const rows = await this.db.selectFrom('users').selectAll().orderBy('name').execute();
    return rows.map((r) => ({ id: r.id, name: r.name, displayName: r.display_name, role: r.role, createdAt: r.created_at, disabledAt: r.disabled_at }));
  }

  /** Accounts that can sign in. */
  async countActiveUsers(): Promise<number> {
    const row = await this.db
      .selectFrom('users')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('disabled_at', 'is', null)
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  /** Sets a new password; every session of the account started before ends. */
  async setPassword(name: string, passwordHash: string): Promise<boolean> {
    const r = await this.db
      .updateTable('users')
      .set({ password_hash: passwordHash, password_changed_at: sql<Date>`clock_timestamp()` as never })
      .where('name', '=', name)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) > 0;
  }

  async disableUser(name: string): Promise<boolean> {
    const r = await this.db
      .updateTable('users')
      .set({ disabled_at: sql<Date>`now()` as never })
      .where('name', '=', name)
      .where('disabled_at', 'is', null)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) > 0;
  }

  // ---- sessions ----

  async createSession(idHash: string, userId: number, expiresAt: Date): Promise<void> {
    await this.db.insertInto('sessions').values({ id: idHash, user_id: userId, expires_at: expiresAt }).execute();
  }

  /** The account of a live session: not expired, not ended, account enabled, password unchanged since. */
  async sessionUser(idHash: string, now: Date): Promise<SessionUser | null> {
    const row = await this.db
      .selectFrom('sessions')
      .innerJoin('users', 'users.id', 'sessions.user_id')
      .select(['users.id', 'users.name', 'users.display_name', 'users.role', 'sessions.expires_at'])
      .where('sessions.id', '=', idHash)
      .where('sessions.ended_at', 'is', null)
      .where('sessions.expires_at', '>', now)
      .where('users.disabled_at', 'is', null)
      .whereRef('sessions.created_at', '>=', 'users.password_changed_at')
      .executeTakeFirst();
    return row ? { id: row.id, name: row.name, displayName: row.display_name, role: row.role, expiresAt: row.expires_at } : null;
  }

  /** Whether a session existed and has expired (for a clearer page than "please sign in"). */
  async sessionExpired(idHash: string, now: Date): Promise<boolean> {
    const row = await this.db.selectFrom('sessions').select(['expires_at', 'ended_at']).where('id', '=', idHash).executeTakeFirst();
    return !!row && row.ended_at === null && row.expires_at <= now;
  }

  async endSession(idHash: string): Promise<void> {
    await this.db.updateTable('sessions').set({ ended_at: sql<Date>`now()` as never }).where('id', '=', idHash).execute();
  }

  // ---- decisions ----

  /**
   * Records one decision for each finding (a bulk action gives them one batch id). A finding whose
   * current decision already is `to` with the same note is left alone. Returns the rows written.
   */
  async decide(input: {
    submissionId: string;
    version: number;
    userId: number;
    to: DecisionState;
    note: string;
    findings: DecisionInput[];
  }): Promise<number> {
    if (!input.findings.length) return 0;
    const batch = input.findings.length > 1 ? randomUUID() : null;
    return this.db.transaction().execute(async (trx) => {
      const current = await new Store(trx).currentDecisionsOf(input.submissionId, input.findings.map((f) => f.fingerprint));
      const rows = input.findings
        .filter((f) => {
          const c = current.get(f.fingerprint);
          return !c || c.state !== input.to || c.note !== input.note;
        })
        .map((f) => ({
          submission_id: input.submissionId,
          fingerprint: f.fingerprint,
          rule: f.finding.rule,
          from_state: current.get(f.fingerprint)?.state ?? null,
          to_state: input.to,
          note: input.note,
          user_id: input.userId,
          version: input.version,
          batch,
          finding: JSON.stringify(f.finding),
        }));
      if (rows.length) await trx.insertInto('decision_events').values(rows).execute();
      return rows.length;
    });
  }

  private async currentDecisionsOf(submissionId: string, fingerprints: string[] | null): Promise<Map<string, CurrentDecision>> {
    let q = this.db
      .selectFrom('decision_events as d')
      .innerJoin('users as u', 'u.id', 'd.user_id')
      .select(['d.fingerprint', 'd.to_state', 'd.note', 'd.at', 'd.version', 'd.finding', 'u.display_name'])
      .distinctOn('d.fingerprint')
      .where('d.submission_id', '=', submissionId);
    if (fingerprints) q = q.where('d.fingerprint', 'in', fingerprints);
    const rows = await q.orderBy('d.fingerprint').orderBy('d.id', 'desc').execute();
    return new Map(
      rows.map((r) => [
        r.fingerprint,
        { fingerprint: r.fingerprint, state: r.to_state, note: r.note, userName: r.display_name, at: r.at, version: r.version, finding: parseJson(r.finding) },
      ]),
    );
  }

  /** The current decision of every finding of a submission ever decided, by fingerprint. */
  async currentDecisions(submissionId: string): Promise<Map<string, CurrentDecision>> {
    return this.currentDecisionsOf(submissionId, null);
  }

  /** The newest decision's id and the newest status change's id: the rows only grow, so equal stamps mean nothing changed. */
  async stamps(): Promise<{ decisions: number; statuses: number }> {
    const d = await this.db.selectFrom('decision_events').select((eb) => eb.fn.max('id').as('m')).executeTakeFirst();
    const st = await this.db.selectFrom('status_events').select((eb) => eb.fn.max('id').as('m')).executeTakeFirst();
    return { decisions: Number(d?.m ?? 0), statuses: Number(st?.m ?? 0) };
  }

  /** For the submissions list: submission id → fingerprint → current state. */
  async allCurrentStates(): Promise<Map<string, Map<string, DecisionState>>> {
    const rows = await this.db
      .selectFrom('decision_events')
      .select(['submission_id', 'fingerprint', 'to_state'])
      .distinctOn(['submission_id', 'fingerprint'])
      .orderBy('submission_id')
      .orderBy('fingerprint')
      .orderBy('id', 'desc')
      .execute();
    const out = new Map<string, Map<string, DecisionState>>();
    for (const r of rows) {
      let m = out.get(r.submission_id);
      if (!m) out.set(r.submission_id, (m = new Map()));
      m.set(r.fingerprint, r.to_state);
    }
    return out;
  }

  // ---- review status ----

  async setStatus(input: { submissionId: string; version: number; userId: number; to: ReviewStatus; note: string }): Promise<boolean> {
    return this.db.transaction().execute(async (trx) => {
      const current = (await new Store(trx).statusOf(input.submissionId))?.status ?? 'pending';
      if (current === input.to && !input.note) return false;
      await trx
        .insertInto('status_events')
        .values({ submission_id: input.submissionId, from_status: current, to_status: input.to, note: input.note, user_id: input.userId, version: input.version })
        .execute();
      return true;
    });
  }

  async statusOf(submissionId: string): Promise<CurrentStatus | null> {
    const row = await this.db
      .selectFrom('status_events as s')
      .innerJoin('users as u', 'u.id', 's.user_id')
      .select(['s.to_status', 's.note', 's.at', 'u.display_name'])
      .where('s.submission_id', '=', submissionId)
      .orderBy('s.id', 'desc')
      .limit(1)
      .executeTakeFirst();
    return row ? { status: row.to_status, note: row.note, at: row.at, userName: row.display_name } : null;
  }

  /** submission id → current review status (submissions never set are 待审, absent here). */
  async allStatuses(): Promise<Map<string, ReviewStatus>> {
    const rows = await this.db
      .selectFrom('status_events')
      .select(['submission_id', 'to_status'])
      .distinctOn('submission_id')
      .orderBy('submission_id')
      .orderBy('id', 'desc')
      .execute();
    return new Map(rows.map((r) => [r.submission_id, r.to_status]));
  }

  // ---- the letter ----

  async saveLetter(input: { submissionId: string; version: number; userId: number; draft: LetterDraft; action: string }): Promise<void> {
    await this.db
      .insertInto('letter_events')
      .values({ submission_id: input.submissionId, version: input.version, user_id: input.userId, draft: JSON.stringify(input.draft), action: input.action })
      .execute();
  }

  async currentLetter(submissionId: string): Promise<{ draft: LetterDraft; at: Date; userName: string; version: number } | null> {
    const row = await this.db
      .selectFrom('letter_events as l')
      .innerJoin('users as u', 'u.id', 'l.user_id')
      .select(['l.draft', 'l.at', 'l.version', 'u.display_name'])
      .where('l.submission_id', '=', submissionId)
      .orderBy('l.id', 'desc')
      .limit(1)
      .executeTakeFirst();
    return row ? { draft: parseJson(row.draft), at: row.at, version: row.version, userName: row.display_name } : null;
  }

  // ---- history ----

  /** Every decision, status change and letter action of a submission, newest first. */
  async history(submissionId: string): Promise<HistoryEntry[]> {
    const decisions = await this.db
      .selectFrom('decision_events as d')
      .innerJoin('users as u', 'u.id', 'd.user_id')
      .select(['d.id', 'd.at', 'd.version', 'd.fingerprint', 'd.finding', 'd.from_state', 'd.to_state', 'd.note', 'd.batch', 'u.display_name'])
      .where('d.submission_id', '=', submissionId)
      .execute();
    const statuses = await this.db
      .selectFrom('status_events as s')
      .innerJoin('users as u', 'u.id', 's.user_id')
      .select(['s.id', 's.at', 's.version', 's.from_status', 's.to_status', 's.note', 'u.display_name'])
      .where('s.submission_id', '=', submissionId)
      .execute();
    const letters = await this.db
      .selectFrom('letter_events as l')
      .innerJoin('users as u', 'u.id', 'l.user_id')
      .select(['l.id', 'l.at', 'l.version', 'l.action', 'u.display_name'])
      .where('l.submission_id', '=', submissionId)
      .execute();
    const entries: (HistoryEntry & { id: number })[] = [
      ...decisions.map((d) => ({
        id: d.id,
        kind: 'decision' as const,
        at: d.at,
        userName: d.display_name,
        version: d.version,
        fingerprint: d.fingerprint,
        finding: parseJson<FindingSnapshot>(d.finding),
        from: d.from_state,
        to: d.to_state,
        note: d.note,
        batch: d.batch,
      })),
      ...statuses.map((s) => ({
        id: s.id,
        kind: 'status' as const,
        at: s.at,
        userName: s.display_name,
        version: s.version,
        fingerprint: null,
        finding: null,
        from: s.from_status,
        to: s.to_status,
        note: s.note,
        batch: null,
      })),
      ...letters.map((l) => ({
        id: l.id,
        kind: 'letter' as const,
        at: l.at,
        userName: l.display_name,
        version: l.version,
        fingerprint: null,
        finding: null,
        from: null,
        to: l.action,
        note: '',
        batch: null,
      })),
    ];
    const kindOrder = { decision: 0, status: 1, letter: 2 };
    entries.sort((a, b) => b.at.getTime() - a.at.getTime() || kindOrder[b.kind] - kindOrder[a.kind] || b.id - a.id);
    return entries.map(({ id: _id, ...e }) => e);
  }
}

/** jsonb comes back parsed from pg; be tolerant of a driver that returns text. */
function parseJson<T>(value: unknown): T {
  return (typeof value === 'string' ? JSON.parse(value) : value) as T;
}
