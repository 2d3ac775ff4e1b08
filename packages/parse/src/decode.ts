import type { Encoding, EncodingMethod, ReadError } from '@jxaudit/model';

export type DecodeResult =
  | { ok: true; text: string; encoding: Encoding; method: EncodingMethod; replacementChars: number }
  | { ok: false; error: ReadError };

/** The decoding ladder of INPUTS.md. PLACEHOLDER until the decoder lands. */
export function decodeText(bytes: Uint8Array): DecodeResult {
  const text = new TextDecoder('utf-8').decode(bytes);
  return { ok: true, text, encoding: 'utf-8', method: 'strict-utf8', replacementChars: 0 };
}
