export { main, buildProgram, exitCodeFor } from './cli.ts';
export { checkFiles, checkFilesDetailed, scoreDocs, readAndRecognize, type CheckOptions, type ReadDoc } from './pipeline.ts';
