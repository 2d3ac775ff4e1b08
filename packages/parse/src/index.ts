export { readDocument, DEFAULT_MAX_BYTES, type ReadInput, type ReadOptions, type ReadResult } from './read.ts';
export { decodeText, type DecodeResult } from './decode.ts';
export { parseTxt, type TxtParseResult } from './txt/index.ts';
export { parseDocx, type DocxLimits, type DocxParseResult } from './docx/index.ts';
export { recognizeForms, type RecognizeResult } from './recognize/index.ts';
export { extractNarrative, type NarrativeExtraction, type NarrativeParagraph } from './narrative/index.ts';
export { readError } from './errors.ts';
