export { main, buildProgram, exitCodeFor, type CliIo, type CommandRegistrar } from './cli.ts';
export { checkFiles, checkFilesDetailed, scoreDocs, readAndRecognize, readFileAndRecognize, type CheckOptions, type ReadDoc } from './pipeline.ts';
export { readInputs, reportsForInputs, scoreArrived, relocate, type CheckInput, type ReadInputs } from './pipeline.ts';
export {
  STATE_DIR,
  readStoredDoc,
  readSubmission,
  readSubmissions,
  readVersionFindings,
  readVersionReports,
  storedDocPath,
  submissionRecordPath,
  versionDirRelative,
  type VersionReport,
} from './submissions/store.ts';
export { scoreSubmissions, buildReports, type ArrivedDoc, type ScoredSubmission, type ScoredBatch } from './submissions/score.ts';
export { writeVersions, type WrittenVersionReport } from './submissions/versions.ts';
export { checkIntoOut } from './submissions/check-out.ts';
