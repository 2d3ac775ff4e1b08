export { main, buildProgram, exitCodeFor, type CliIo, type CommandRegistrar, type LazyCommands } from './cli.ts';
export { checkFiles, checkFilesDetailed, scoreDocs, readAndRecognize, readFileAndRecognize, type CheckOptions, type ReadDoc } from './pipeline.ts';
export { renderReportHtml, type ReportHtmlOptions } from './report/html.ts';
export { renderTableHtml, gridsFromBlocks, gridsFromLocations, cellKey, type CellMark, type GridModel } from './report/table-html.ts';
export { html, esc, raw, join as joinHtml, cssString, contentSecurityPolicy, Html } from './report/escape.ts';
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
export { defaultConverter, findSoffice, sofficeConverter, sofficeVersion, type SofficeOptions } from './convert/soffice.ts';
