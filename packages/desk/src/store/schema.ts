import type { ColumnType, Generated, Insertable, Selectable } from 'kysely';

/*
 * The tables of the review desk (one schema for PGlite and PostgreSQL). What people decide lives
 * here; reports stay in the output folder. Decisions, review statuses and letters are append-only:
 * the current value is the newest row, and every row is history.
 */

export type Role = 'reviewer' | 'lead';
/** 确认问题 / 不是问题 / 待补充材料. */
export type DecisionState = 'confirmed' | 'waived' | 'needs-info';
/** 待审 / 审核中 / 退回修改 / 审核通过. */
export type ReviewStatus = 'pending' | 'in-review' | 'returned' | 'approved';

type Timestamp = ColumnType<Date, Date | string | undefined, never>;

export interface UsersTable {
  id: Generated<number>;
  name: string;
  display_name: string;
  role: Role;
  password_hash: string;
  created_at: Timestamp;
  /** Set once by `user disable`; a disabled account cannot sign in and its sessions end. */
  disabled_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  /** Bumped on every password change: sessions started before it end. */
  password_changed_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

export interface SessionsTable {
  /** sha256 of the cookie token: a leaked database does not leak live sessions. */
  id: string;
  user_id: number;
  created_at: Timestamp;
  expires_at: ColumnType<Date, Date | string, Date | string>;
  /** Signed out: the row stays, the session ends. */
  ended_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
}

/** A finding as it was when decided: enough to name it after it disappeared from the reports. */
export interface FindingSnapshot {
  rule: string;
  severity: string;
  message: string;
  declared: number | null;
  computed: number | null;
  where: string;
  file: string;
}

export interface DecisionEventsTable {
  id: Generated<number>;
  submission_id: string;
  fingerprint: string;
  rule: string;
  from_state: DecisionState | null;
  to_state: DecisionState;
  note: string;
  user_id: number;
  at: Timestamp;
  /** The version of the submission the decision was taken on. */
  version: number;
  /** One id for the rows of one bulk action. */
  batch: string | null;
  finding: ColumnType<FindingSnapshot, string, never>;
}

export interface StatusEventsTable {
  id: Generated<number>;
  submission_id: string;
  from_status: ReviewStatus;
  to_status: ReviewStatus;
  note: string;
  user_id: number;
  at: Timestamp;
  version: number;
}

export interface LetterDraft {
  /** rule id → 整改要求 as edited. */
  remedies: Record<string, string>;
  /** yyyy-mm-dd. */
  deadline: string;
  /** Who signs the letter (the reviewer's name as it should print). */
  reviewer: string;
  /** The issuing office (signature block). */
  office: string;
  /** An optional opening paragraph. */
  opening: string;
}

export interface LetterEventsTable {
  id: Generated<number>;
  submission_id: string;
  version: number;
  draft: ColumnType<LetterDraft, string, never>;
  user_id: number;
  at: Timestamp;
  /** 'saved' or 'exported-docx' / 'exported-print'. */
  action: string;
}

/** Server settings shared by every process on the database (the cookie-signing secret). */
export interface SettingsTable {
  name: string;
  value: string;
}

export interface Database {
  settings: SettingsTable;
  users: UsersTable;
  sessions: SessionsTable;
  decision_events: DecisionEventsTable;
  status_events: StatusEventsTable;
  letter_events: LetterEventsTable;
}

export type User = Selectable<UsersTable>;
export type NewUser = Insertable<UsersTable>;
export type DecisionEvent = Selectable<DecisionEventsTable>;
export type StatusEvent = Selectable<StatusEventsTable>;
export type LetterEvent = Selectable<LetterEventsTable>;
