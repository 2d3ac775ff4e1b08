import type { SessionUser } from '../../store/index.ts';

/** What every page renderer gets about the request. */
export interface PageContext {
  user: SessionUser | null;
  csrf: string;
  path: string;
}
