import type { ApprovedTargets } from './types.ts';

/** Parses an approved-targets file (JSON or YAML). PLACEHOLDER until target-vs-approved lands. */
export function loadApprovedTargets(_text: string): ApprovedTargets {
  return { entries: [] };
}
