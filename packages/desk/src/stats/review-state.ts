import { ADMIN_OPERATIONS } from '../admin.ts';
import type { Store } from '../store/index.ts';
import type { ReviewState } from './load.ts';

/*
 * The review state statistics need (every submission's status and every finding's current
 * decision), from a store, or as JSON through serve's admin endpoint while serve holds the
 * embedded database.
 */

export async function reviewStateOf(store: Store): Promise<ReviewState> {
  const [statuses, decisions] = await Promise.all([store.allStatuses(), store.allCurrentStates()]);
  return { statuses, decisions };
}

type Wire = { statuses: [string, string][]; decisions: [string, [string, string][]][] };

export function reviewStateToWire(s: ReviewState): Wire {
  return { statuses: [...s.statuses], decisions: [...s.decisions].map(([id, m]) => [id, [...m]]) };
}

export function reviewStateFromWire(w: Wire): ReviewState {
  return {
    statuses: new Map(w.statuses) as ReviewState['statuses'],
    decisions: new Map(w.decisions.map(([id, m]) => [id, new Map(m)])) as ReviewState['decisions'],
  };
}

ADMIN_OPERATIONS.set('review-state', async (store: Store) => reviewStateToWire(await reviewStateOf(store)));
