export * from './types.ts';
export { scoreSubmission, ruleEnabled, fingerprint } from './engine.ts';
export { builtinProfiles, resolveProfile, proposeProfile, ProfileError, DEFAULT_GRADE_BANDS } from './profiles.ts';
export { rescoreForm, gradeOf, SCORE_RECOMPUTING_RULES } from './rescore.ts';
export { groupSubmissions, sameUnit, type SubmissionGroup, type SubmissionGroupInput } from './submission.ts';
export { loadApprovedTargets, TargetsError } from './targets.ts';
export { allRules, tableRules, ruleById } from './registry.ts';
export * as tolerance from './tolerance.ts';
