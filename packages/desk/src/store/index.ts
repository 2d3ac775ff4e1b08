export { openDb, type StoreTarget, type OpenedDb, type OpenOptions } from './open.ts';
export { Store, type CurrentDecision, type CurrentStatus, type DecisionInput, type HistoryEntry, type SessionUser, type UserRow } from './queries.ts';
export type { DecisionState, FindingSnapshot, LetterDraft, ReviewStatus, Role } from './schema.ts';
