export { main, buildProgram, exitCodeFor } from './cli.ts';
export { checkFiles, checkFilesDetailed, scoreDocs, readAndRecognize, readFileAndRecognize, type CheckOptions, type ReadDoc } from './pipeline.ts';
