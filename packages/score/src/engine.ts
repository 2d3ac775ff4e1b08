import type { ScoreInput, ScoreResult } from './types.ts';

/** Runs the profile's enabled rules over one submission. PLACEHOLDER until the engine lands. */
export function scoreSubmission(input: ScoreInput): ScoreResult {
  return { findings: input.docs.map(() => []) };
}
