import type { Encoding, EncodingMethod, ParseWarning, ReadError } from '@jxaudit/model';
import { createRequire } from 'node:module';
import type IconvLite from 'iconv-lite';
import type Jschardet from 'jschardet';
import { readError } from './errors.ts';

/*
 * iconv-lite and jschardet are large (compiling them is most of a command's start-up) and a
 * clean UTF-8 file never needs them: they load on first use. `prepareDecoders` loads them
 * ahead (asynchronously: what the bundled command does); else the first use requires them.
 */
let iconvLib: typeof IconvLite | null = null;
let jschardetLib: typeof Jschardet | null = null;
const requireHere = createRequire(import.meta.url);
const iconv = {
  decode: (...a: Parameters<typeof IconvLite.decode>) => (iconvLib ??= requireHere('iconv-lite') as typeof IconvLite).decode(...a),
  encode: (...a: Parameters<typeof IconvLite.encode>) => (iconvLib ??= requireHere('iconv-lite') as typeof IconvLite).encode(...a),
};
const jschardet = {
  detectAll: (...a: Parameters<typeof Jschardet.detectAll>) => (jschardetLib ??= requireHere('jschardet') as typeof Jschardet).detectAll(...a),
};

/** Loads the GB18030 decoder and the encoding detector. */
export async function prepareDecoders(): Promise<void> {
  iconvLib ??= (await import('iconv-lite')).default;
  jschardetLib ??= (await import('jschardet')).default;
}

/** True when decodeText may need iconv-lite or jschardet: anything but strict UTF-8 (with or without its BOM). */
export function needsDecoders(bytes: Uint8Array): boolean {
  const bom = bomOf(bytes);
  if (bom && bom.encoding !== 'utf-8-bom') return true;
  return strictUtf8(bom ? bytes.subarray(bom.length) : bytes) === null;
}

export type DecodeResult =
  | { ok: true; text: string; encoding: Encoding; method: EncodingMethod; replacementChars: number; warnings?: ParseWarning[] }
  | { ok: false; error: ReadError };

const REPLACEMENT = '\uFFFD';

/**
 * The decoding ladder of INPUTS.md: a BOM; a strict UTF-8 decode; a strict GB18030 decode that
 * looks like Chinese text; then the detector (jschardet) restricted to the encodings we accept.
 * Files that are binary, or that nothing decodes, give a typed ReadError.
 *
 * A BOM is evidence, not proof: a tool that prepends one to bytes of another encoding is common.
 * It is trusted when the rest decodes cleanly under it; else the ladder runs on the bytes after
 * it, and the result carries a `bom-mismatch` warning.
 */
export function decodeText(bytes: Uint8Array): DecodeResult {
  const bom = bomOf(bytes);
  if (!bom) return decodeByLadder(bytes);
  const rest = bytes.subarray(bom.length);
  const underBom = decodeUnderBom(rest, bom.encoding);
  if (underBom.clean) return underBom.result;
  const ladder = decodeByLadder(rest);
  if (!ladder.ok) {
    // Nothing else reads it either: the BOM's reading is the best there is, said to be doubtful.
    return underBom.result.replacementChars === 0 ? { ...underBom.result, warnings: [bomMismatch(bom.encoding, null)] } : ladder;
  }
  if (family(ladder.encoding) === family(bom.encoding)) return { ...ladder, encoding: bom.encoding, method: 'bom' };
  return { ...ladder, warnings: [bomMismatch(bom.encoding, ladder.encoding), ...(ladder.warnings ?? [])] };
}

type BomEncoding = 'utf-8-bom' | 'utf-16le' | 'utf-16be';

function bomOf(bytes: Uint8Array): { encoding: BomEncoding; length: number } | null {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { encoding: 'utf-8-bom', length: 3 };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { encoding: 'utf-16le', length: 2 };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { encoding: 'utf-16be', length: 2 };
  return null;
}

const family = (e: Encoding): string => (e === 'utf-8-bom' ? 'utf-8' : e);
const ENCODING_NAME: Record<string, string> = { 'utf-8': 'UTF-8', 'utf-16le': 'UTF-16LE', 'utf-16be': 'UTF-16BE', gb18030: 'GB18030' };

function bomMismatch(declared: BomEncoding, readAs: Encoding | null): ParseWarning {
  const d = ENCODING_NAME[family(declared)];
  if (!readAs) {
    return {
      code: 'bom-mismatch',
      message: `文件开头的字节顺序标记（BOM）表示 ${d}，但内容按 ${d} 读出来不像正常文字，其他编码也读不通；已按 ${d} 读取，如有乱码请将文件另存为 UTF-8 后重新提交 (the byte-order mark says ${d}, but the text does not look right under it and no other encoding reads it; read as ${d})`,
    };
  }
  const r = ENCODING_NAME[family(readAs)];
  return {
    code: 'bom-mismatch',
    message: `文件开头的字节顺序标记（BOM）表示 ${d}，但其后的内容按 ${d} 解不通；已忽略该标记，按 ${r} 读取。请核对读出的文字，必要时将文件另存为 UTF-8 后重新提交 (the byte-order mark says ${d}, but the content does not decode as ${d}; the mark was ignored and the text read as ${r})`,
  };
}

/** The rest of the bytes decoded under their BOM, and whether that decode is clean. */
function decodeUnderBom(rest: Uint8Array, encoding: BomEncoding): { clean: boolean; result: Extract<DecodeResult, { ok: true }> } {
  if (encoding === 'utf-8-bom') {
    const strict = strictUtf8(rest);
    if (strict !== null) return { clean: true, result: { ok: true, text: strict, encoding, method: 'bom', replacementChars: 0 } };
    const lossy = decodeUtf8Lossy(rest);
    return { clean: false, result: { ok: true, text: lossy.text, encoding, method: 'bom', replacementChars: lossy.replacementChars } };
  }
  const d = decodeUtf16(rest, encoding);
  const clean = d.replacementChars === 0 && looksLikeText(d.text) && plausibleUtf16(d.text);
  return { clean, result: { ok: true, text: d.text, encoding, method: 'bom', replacementChars: d.replacementChars } };
}

/**
 * Text decoded as UTF-16 that is really text: no private-use characters, and nearly all of it
 * in the scripts and symbols a document uses. Bytes of another encoding read as UTF-16 give
 * private-use characters and Hangul (UTF-8 Chinese: its lead bytes E4–E9 become U+E4xx–U+E9xx).
 */
function plausibleUtf16(text: string): boolean {
  let chars = 0;
  let expected = 0;
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    chars++;
    if (isPrivateUse(cp)) return false;
    if (
      cp === 0x09 || cp === 0x0a || cp === 0x0d || cp === 0x0c ||
      (cp >= 0x20 && cp <= 0x7e) ||
      (cp >= 0xa0 && cp <= 0x24f) || // Latin-1, Latin Extended
      (cp >= 0x370 && cp <= 0x4ff) || // Greek, Cyrillic
      (cp >= 0x2000 && cp <= 0x27bf) || // punctuation, letterlike, numbers, arrows, maths, box drawing, shapes, ①
      (cp >= 0x3040 && cp <= 0x30ff) || // kana
      (cp >= 0x3200 && cp <= 0x33ff) || // enclosed CJK, CJK compatibility
      isCjk(cp) ||
      cp === 0xfeff
    ) expected++;
  }
  return chars === 0 || expected / chars >= 0.95;
}

function decodeByLadder(bytes: Uint8Array): DecodeResult {
  const nul = nulPattern(bytes);
  if (nul.utf16) {
    const utf16 = decodeUtf16(bytes, nul.utf16);
    if (utf16.replacementChars === 0 && looksLikeText(utf16.text)) {
      return { ok: true, text: utf16.text, encoding: nul.utf16, method: 'detector', replacementChars: 0 };
    }
  }
  const binary = binaryEvidence(bytes, nul.nulCount);
  if (binary) return { ok: false, error: readError('binary', binary) };

  const utf8 = strictUtf8(bytes);
  if (utf8 !== null) return { ok: true, text: stripBom(utf8), encoding: 'utf-8', method: 'strict-utf8', replacementChars: 0 };

  // UTF-8 with a few broken bytes must stay UTF-8: read as GB18030 it would turn into mojibake (设计 → 璁捐).
  const lossyUtf8 = decodeUtf8Lossy(bytes);
  if (mostlyValidUtf8(lossyUtf8)) {
    return { ok: true, text: lossyUtf8.text, encoding: 'utf-8', method: 'detector', replacementChars: lossyUtf8.replacementChars };
  }

  const gb = decodeGb18030(bytes);
  if (gb.strict && plausibleChinese(gb.text)) {
    return { ok: true, text: gb.text, encoding: 'gb18030', method: 'strict-gb18030', replacementChars: 0 };
  }

  for (const candidate of detectorCandidates(bytes)) {
    if (candidate === 'gb18030' && gb.strict && looksLikeText(gb.text)) {
      return { ok: true, text: gb.text, encoding: 'gb18030', method: 'detector', replacementChars: 0 };
    }
    if (candidate === 'utf-16le' || candidate === 'utf-16be') {
      const utf16 = decodeUtf16(bytes, candidate);
      if (utf16.replacementChars === 0 && looksLikeText(utf16.text)) {
        return { ok: true, text: utf16.text, encoding: candidate, method: 'detector', replacementChars: 0 };
      }
    }
  }

  // Chinese text with a few broken bytes: keep it, and say how many characters were replaced.
  if (!gb.strict && gb.replacementChars > 0 && gb.replacementChars <= Math.max(2, gb.text.length / 200) && plausibleChinese(gb.text.replaceAll(REPLACEMENT, ''))) {
    return { ok: true, text: gb.text, encoding: 'gb18030', method: 'detector', replacementChars: gb.replacementChars };
  }

  return {
    ok: false,
    error: readError('undecodable', {
      zh: `${bytes.length} 字节中有 ${lossyUtf8.replacementChars} 处不是有效的 UTF-8，按 GB18030 读取也不像中文${describeDetector(bytes)}`,
      en: `${lossyUtf8.replacementChars} invalid UTF-8 sequences in ${bytes.length} bytes, and read as GB18030 it does not look like Chinese${describeDetectorEn(bytes)}`,
    }),
  };
}

function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

function strictUtf8(bytes: Uint8Array): string | null {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    return null;
  }
}

interface Lossy {
  text: string;
  replacementChars: number;
}

/** Counts only the U+FFFD the decoder produced, not those the file spelled out (EF BF BD). */
function decodeUtf8Lossy(bytes: Uint8Array): Lossy & { nonAscii: number } {
  const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
  let literal = 0;
  for (let i = 0; i + 2 < bytes.length; i++) {
    if (bytes[i] === 0xef && bytes[i + 1] === 0xbf && bytes[i + 2] === 0xbd) literal++;
  }
  const produced = countChar(text, REPLACEMENT) - literal;
  let nonAscii = 0;
  for (const ch of text) if (ch.codePointAt(0)! > 0x7f && ch !== REPLACEMENT) nonAscii++;
  return { text, replacementChars: Math.max(0, produced), nonAscii };
}

function mostlyValidUtf8(d: { replacementChars: number; nonAscii: number }): boolean {
  return d.replacementChars > 0 && d.nonAscii >= 4 && d.nonAscii >= 20 * d.replacementChars;
}

function decodeUtf16(bytes: Uint8Array, encoding: 'utf-16le' | 'utf-16be'): Lossy {
  let le = bytes;
  if (encoding === 'utf-16be') {
    le = new Uint8Array(bytes.length);
    for (let i = 0; i + 1 < bytes.length; i += 2) {
      le[i] = bytes[i + 1];
      le[i + 1] = bytes[i];
    }
    if (bytes.length % 2) le[bytes.length - 1] = bytes[bytes.length - 1];
  }
  const text = new TextDecoder('utf-16le', { ignoreBOM: true }).decode(le);
  let literal = 0;
  for (let i = 0; i + 1 < le.length; i += 2) if (le[i] === 0xfd && le[i + 1] === 0xff) literal++;
  return { text, replacementChars: Math.max(0, countChar(text, REPLACEMENT) - literal) };
}

/** GB18030 through iconv-lite, which is lenient: strict means no replacement and an exact round trip. */
function decodeGb18030(bytes: Uint8Array): Lossy & { strict: boolean } {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const text = iconv.decode(buffer, 'gb18030', { stripBOM: false });
  let literal = 0;
  for (let i = 0; i + 3 < bytes.length; i++) {
    if (bytes[i] === 0x84 && bytes[i + 1] === 0x31 && bytes[i + 2] === 0xa4 && bytes[i + 3] === 0x37) literal++;
  }
  const replacementChars = Math.max(0, countChar(text, REPLACEMENT) - literal);
  const strict = replacementChars === 0 && buffer.equals(iconv.encode(text, 'gb18030'));
  return { text, replacementChars, strict };
}

function countChar(text: string, ch: string): number {
  let n = 0;
  for (let i = text.indexOf(ch); i !== -1; i = text.indexOf(ch, i + 1)) n++;
  return n;
}

function isCjk(cp: number): boolean {
  return (
    (cp >= 0x4e00 && cp <= 0x9fff) ||
    (cp >= 0x3400 && cp <= 0x4dbf) ||
    (cp >= 0x20000 && cp <= 0x3134f) ||
    (cp >= 0xf900 && cp <= 0xfaff) ||
    (cp >= 0x3000 && cp <= 0x303f) ||
    (cp >= 0xff00 && cp <= 0xffef) ||
    (cp >= 0x2010 && cp <= 0x203b) // dashes, quotes, ellipsis, reference mark used in Chinese text
  );
}

function isPrivateUse(cp: number): boolean {
  return (cp >= 0xe000 && cp <= 0xf8ff) || cp >= 0xf0000;
}

/** Text read as GB18030 that is really Chinese: mostly CJK beyond ASCII, no C1 controls, no private-use characters. */
function plausibleChinese(text: string): boolean {
  let nonAscii = 0;
  let cjk = 0;
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    if (cp < 0x80) continue;
    if (cp <= 0x9f || isPrivateUse(cp) || cp === 0xfffd) return false;
    nonAscii++;
    if (isCjk(cp)) cjk++;
  }
  return nonAscii > 0 && cjk / nonAscii >= 0.9 && !looksLikeMojibake(text);
}

/**
 * UTF-8 Chinese (or Latin-1) misread as GB18030 produces rare characters; real text is dominated
 * by the common characters of GB2312. Too many ideographs outside GB2312 means mojibake.
 */
function looksLikeMojibake(text: string): boolean {
  let ideographs = 0;
  let rare = 0;
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    if (!((cp >= 0x4e00 && cp <= 0x9fff) || (cp >= 0x3400 && cp <= 0x4dbf))) continue;
    if (++ideographs > 20000) break;
    const encoded = iconv.encode(ch, 'gb18030');
    const inGb2312 = encoded.length === 2 && encoded[0] >= 0xb0 && encoded[0] <= 0xf7 && encoded[1] >= 0xa1;
    if (!inGb2312) rare++;
  }
  ideographs = Math.min(ideographs, 20000);
  return ideographs < 4 ? rare > 0 && rare === ideographs : rare / ideographs > 0.3;
}

/** No stray controls: decoded text must be mostly printable. */
function looksLikeText(text: string): boolean {
  if (text.length === 0) return true;
  let controls = 0;
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    if ((cp < 0x20 && cp !== 0x09 && cp !== 0x0a && cp !== 0x0d && cp !== 0x0c) || (cp >= 0x7f && cp <= 0x9f)) controls++;
  }
  return controls / text.length < 0.01;
}

/** NULs in every other byte are UTF-16 (LE when they follow, BE when they lead); anywhere else they mean binary. */
function nulPattern(bytes: Uint8Array): { utf16: 'utf-16le' | 'utf-16be' | null; nulCount: number } {
  let even = 0;
  let odd = 0;
  for (let i = 0; i < bytes.length; i++) {
    if (bytes[i] === 0) {
      if (i % 2 === 0) even++;
      else odd++;
    }
  }
  const nulCount = even + odd;
  const pairs = Math.floor(bytes.length / 2);
  if (pairs === 0 || nulCount === 0) return { utf16: null, nulCount };
  // ASCII-heavy UTF-16 has a NUL in nearly every pair; Chinese UTF-16 has fewer, but always on one side.
  if (odd >= pairs * 0.2 && even <= odd * 0.02) return { utf16: 'utf-16le', nulCount };
  if (even >= pairs * 0.2 && odd <= even * 0.02) return { utf16: 'utf-16be', nulCount };
  return { utf16: null, nulCount };
}

const SIGNATURES: { magic: number[]; zh: string; en: string }[] = [
  { magic: [0x25, 0x50, 0x44, 0x46], zh: 'PDF 文件', en: 'a PDF file' },
  { magic: [0xd0, 0xcf, 0x11, 0xe0], zh: 'OLE 复合文档（旧版 .doc 或加密的 .docx）', en: 'an OLE compound file (an old .doc or an encrypted .docx)' },
  { magic: [0x50, 0x4b, 0x03, 0x04], zh: 'ZIP 压缩文件（可能是 .docx）', en: 'a zip file (perhaps a .docx)' },
  { magic: [0x89, 0x50, 0x4e, 0x47], zh: 'PNG 图片', en: 'a PNG image' },
  { magic: [0xff, 0xd8, 0xff], zh: 'JPEG 图片', en: 'a JPEG image' },
  { magic: [0x47, 0x49, 0x46, 0x38], zh: 'GIF 图片', en: 'a GIF image' },
  { magic: [0x52, 0x61, 0x72, 0x21], zh: 'RAR 压缩文件', en: 'a RAR archive' },
  { magic: [0x1f, 0x8b], zh: 'gzip 压缩文件', en: 'a gzip file' },
];

/** Why the bytes are binary, or null when they may be text. */
function binaryEvidence(bytes: Uint8Array, nulCount: number): { zh: string; en: string } | null {
  for (const s of SIGNATURES) {
    if (s.magic.every((b, i) => bytes[i] === b)) return { zh: `文件开头是${s.zh}的标记`, en: `the file starts with the signature of ${s.en}` };
  }
  if (nulCount > 0) {
    return { zh: `含有 ${nulCount} 个空字节（NUL），且不是 UTF-16 文本`, en: `${nulCount} NUL bytes, not in a UTF-16 pattern` };
  }
  let controls = 0;
  for (const b of bytes) {
    // VT (0x0b) is Word's line break inside a cell in "save as plain text" exports: text, not binary.
    if ((b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0b && b !== 0x0d && b !== 0x0c && b !== 0x1a && b !== 0x1b) || b === 0x7f) controls++;
  }
  if (controls > 0 && controls / bytes.length > 0.02) {
    const percent = ((100 * controls) / bytes.length).toFixed(1);
    return { zh: `${percent}% 的字节是控制字符`, en: `${percent}% of the bytes are control characters` };
  }
  return null;
}

type Candidate = 'gb18030' | 'utf-16le' | 'utf-16be';

/** jschardet's guesses, restricted to what we accept; UTF-8 is not listed: it was tried strictly already. */
function detectorCandidates(bytes: Uint8Array): Candidate[] {
  const out: Candidate[] = [];
  for (const guess of detectAll(bytes)) {
    const name = guess.encoding.toUpperCase();
    let candidate: Candidate | null = null;
    if (name === 'GB2312' || name === 'GBK' || name === 'GB18030' || name === 'HZ-GB-2312') candidate = 'gb18030';
    else if (name === 'UTF-16LE') candidate = 'utf-16le';
    else if (name === 'UTF-16BE') candidate = 'utf-16be';
    if (candidate && guess.confidence >= 0.2 && !out.includes(candidate)) out.push(candidate);
  }
  return out;
}

function detectAll(bytes: Uint8Array): { encoding: string; confidence: number }[] {
  try {
    return jschardet.detectAll(Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.byteLength, 256 * 1024)));
  } catch {
    return [];
  }
}

function describeDetector(bytes: Uint8Array): string {
  const best = detectAll(bytes)[0];
  return best ? `；编码检测结果为 ${best.encoding}（置信度 ${best.confidence.toFixed(2)}），不在支持之列` : '';
}

function describeDetectorEn(bytes: Uint8Array): string {
  const best = detectAll(bytes)[0];
  return best ? `; the detector suggests ${best.encoding} (confidence ${best.confidence.toFixed(2)}), which is not supported` : '';
}
