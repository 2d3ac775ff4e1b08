export * from './types.ts';
export { scoreSubmission } from './engine.ts';
export { builtinProfiles, resolveProfile, proposeProfile } from './profiles.ts';
export { groupSubmissions, type SubmissionGroup, type SubmissionGroupInput } from './submission.ts';
export { loadApprovedTargets } from './targets.ts';
