import type { Block, ParseWarning, ReadError } from '@jxaudit/model';

export interface DocxLimits {
  /** Bound on the sum of inflated sizes of the zip entries mammoth will read. */
  maxInflatedBytes: number;
}

export type DocxParseResult = { ok: true; blocks: Block[]; warnings: ParseWarning[] } | { ok: false; error: ReadError };

/** Reads a .docx into blocks with every merged cell rebuilt. PLACEHOLDER until the reader lands. */
export async function parseDocx(_bytes: Uint8Array, _file: string, _limits?: Partial<DocxLimits>): Promise<DocxParseResult> {
  return { ok: true, blocks: [], warnings: [] };
}
