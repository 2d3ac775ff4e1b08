import { createHash } from 'node:crypto';
import type { Block, ParseWarning, ReadError, Source } from '@jxaudit/model';
import { decodeText } from './decode.ts';
import { parseDocx, type DocxLimits } from './docx/index.ts';
import { readError } from './errors.ts';
import { parseTxt } from './txt/index.ts';

export interface ReadInput {
  /** The path as given (recorded in every location). */
  path: string;
  bytes: Uint8Array;
}

export interface ReadOptions {
  /** Largest input accepted, in bytes. */
  maxBytes?: number;
  docx?: Partial<DocxLimits>;
}

export interface ReadResult {
  source: Source;
  blocks: Block[];
  warnings: ParseWarning[];
  error: ReadError | null;
}

export const DEFAULT_MAX_BYTES = 50 * 1024 * 1024;

/**
 * Bytes into blocks: sniffs the format (by content first, extension second), decodes text,
 * reads .docx. Never throws for bad input: the error is in `error`. PLACEHOLDER sniffing until
 * the bad-input work lands.
 */
export async function readDocument(input: ReadInput, options: ReadOptions = {}): Promise<ReadResult> {
  const sha256 = createHash('sha256').update(input.bytes).digest('hex');
  const source: Source = {
    path: input.path,
    sha256,
    bytes: input.bytes.length,
    format: null,
    encoding: null,
    encodingMethod: null,
    replacementChars: 0,
    layout: null,
  };
  if (input.bytes.length === 0) return { source, blocks: [], warnings: [], error: readError('empty') };
  if (input.bytes.length > (options.maxBytes ?? DEFAULT_MAX_BYTES)) {
    return { source, blocks: [], warnings: [], error: readError('too-large') };
  }
  if (input.bytes[0] === 0x50 && input.bytes[1] === 0x4b) {
    source.format = 'docx';
    source.layout = 'docx';
    const docx = await parseDocx(input.bytes, input.path, options.docx);
    if (!docx.ok) return { source, blocks: [], warnings: [], error: docx.error };
    return { source, blocks: docx.blocks, warnings: docx.warnings, error: null };
  }
  source.format = 'txt';
  const decoded = decodeText(input.bytes);
  if (!decoded.ok) return { source, blocks: [], warnings: [], error: decoded.error };
  source.encoding = decoded.encoding;
  source.encodingMethod = decoded.method;
  source.replacementChars = decoded.replacementChars;
  const txt = parseTxt(decoded.text, input.path);
  source.layout = txt.layout;
  return { source, blocks: txt.blocks, warnings: txt.warnings, error: null };
}
