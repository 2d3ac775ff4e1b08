export { readDocument, sniff, DEFAULT_MAX_BYTES, type ReadInput, type ReadOptions, type ReadResult, type Sniffed } from './read.ts';
export { decodeText, type DecodeResult } from './decode.ts';
export { parseTxt, type TxtParseResult } from './txt/index.ts';
export { parseDocx, type DocxLimits, type DocxParseResult } from './docx/index.ts';
export { readZipDirectory, looksLikeZip, ZipError, type ZipEntry } from './docx/zip.ts';
export { recognizeForms, type RecognizeResult } from './recognize/index.ts';
export { extractNarrative, type NarrativeExtraction, type NarrativeParagraph } from './narrative/index.ts';
export { readError } from './errors.ts';
export { READ_EXTENSIONS, extensionOf, hasReadExtension } from './formats.ts';
