export { main, buildProgram, exitCodeFor, type CliIo, type CommandRegistrar } from './cli.ts';
export { checkFiles, checkFilesDetailed, scoreDocs, readAndRecognize, readFileAndRecognize, type CheckOptions, type ReadDoc } from './pipeline.ts';
