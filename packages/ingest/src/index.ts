export { main, buildProgram, exitCodeFor, type CliIo, type CommandRegistrar } from './cli.ts';
export { checkFiles, checkFilesDetailed, scoreDocs, readAndRecognize, readFileAndRecognize, type CheckOptions, type ReadDoc } from './pipeline.ts';
export { renderReportHtml, type ReportHtmlOptions } from './report/html.ts';
export { renderTableHtml, gridsFromBlocks, gridsFromLocations, cellKey, type CellMark, type GridModel } from './report/table-html.ts';
export { html, esc, raw, join as joinHtml, cssString, contentSecurityPolicy, Html } from './report/escape.ts';
