export * from './types.ts';
export { scoreSubmission, ruleEnabled, fingerprint } from './engine.ts';
export { builtinProfiles, resolveProfile, proposeProfile, ProfileError } from './profiles.ts';
export { sameUnit } from '@jxaudit/model';
export { groupSubmissions, type SubmissionGroup, type SubmissionGroupInput } from './submission.ts';
export { loadApprovedTargets, TargetsError } from './targets.ts';
export { allRules, tableRules, ruleById } from './registry.ts';
export * as tolerance from './tolerance.ts';
export { scoreVersion, DEFAULT_LIMITS, type VersionLimits, type VersionScore, type VersionScoreInput } from './version.ts';
