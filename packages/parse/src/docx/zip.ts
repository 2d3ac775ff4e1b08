/**
 * A bounded zip reader: parses the central directory itself, then inflates only the entries asked
 * for, streaming, and stops as soon as the inflated total passes the bound. A decompression
 * bomb is refused after inflating at most the bound (plus one chunk), never gigabytes.
 */
import { Inflate } from 'fflate';
import * as zlib from 'node:zlib';

export interface ZipEntry {
  name: string;
  /** 0 stored, 8 deflate; anything else cannot be read. */
  method: number;
  flags: number;
  crc32: number;
  compressedSize: number;
  /** As declared in the central directory (an attacker controls it: never trust it alone). */
  uncompressedSize: number;
  localHeaderOffset: number;
}

export type ZipFailure = 'corrupt' | 'too-large' | 'encrypted';

export class ZipError extends Error {
  constructor(
    readonly kind: ZipFailure,
    message: string,
    /** The same in Chinese, for the clerk. */
    readonly messageZh: string,
  ) {
    super(message);
  }
}

const SIG_EOCD = 0x06054b50;
const SIG_EOCD64_LOCATOR = 0x07064b50;
const SIG_EOCD64 = 0x06064b50;
const SIG_CENTRAL = 0x02014b50;
const SIG_LOCAL = 0x04034b50;

function u16(b: Uint8Array, o: number): number {
  if (o + 2 > b.length) throw new ZipError('corrupt', `read past the end at ${o}`, `在第 ${o} 字节处意外结束`);
  return b[o] | (b[o + 1] << 8);
}
function u32(b: Uint8Array, o: number): number {
  if (o + 4 > b.length) throw new ZipError('corrupt', `read past the end at ${o}`, `在第 ${o} 字节处意外结束`);
  return (b[o] | (b[o + 1] << 8) | (b[o + 2] << 16) | (b[o + 3] << 24)) >>> 0;
}
function u64(b: Uint8Array, o: number): number {
  const lo = u32(b, o);
  const hi = u32(b, o + 4);
  return hi * 0x100000000 + lo;
}

/** True when the bytes start like a zip (local header, or an empty archive's EOCD). */
export function looksLikeZip(bytes: Uint8Array): boolean {
  if (bytes.length < 4) return false;
  const sig = u32(bytes, 0);
  return sig === SIG_LOCAL || sig === SIG_EOCD || sig === 0x08074b50;
}

/** Reads the central directory. Throws ZipError('corrupt') for a truncated or damaged archive. */
export function readZipDirectory(bytes: Uint8Array): ZipEntry[] {
  let eocd = -1;
  const stop = Math.max(0, bytes.length - 22 - 0xffff);
  for (let i = bytes.length - 22; i >= stop; i--) {
    if (bytes[i] === 0x50 && bytes[i + 1] === 0x4b && bytes[i + 2] === 0x05 && bytes[i + 3] === 0x06) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new ZipError('corrupt', 'no end-of-central-directory record (the file is truncated or not a zip)', '找不到压缩包目录结尾，文件被截断或不是完整的压缩包');
  let count = u16(bytes, eocd + 10);
  let cdSize = u32(bytes, eocd + 12);
  let cdOffset = u32(bytes, eocd + 16);
  if (count === 0xffff || cdSize === 0xffffffff || cdOffset === 0xffffffff) {
    const loc = eocd - 20;
    if (loc < 0 || u32(bytes, loc) !== SIG_EOCD64_LOCATOR) throw new ZipError('corrupt', 'zip64 locator missing', 'zip64 目录定位记录缺失');
    const e64 = u64(bytes, loc + 8);
    if (e64 + 56 > bytes.length || u32(bytes, e64) !== SIG_EOCD64) throw new ZipError('corrupt', 'zip64 directory record missing', 'zip64 目录记录缺失');
    count = u64(bytes, e64 + 32);
    cdSize = u64(bytes, e64 + 40);
    cdOffset = u64(bytes, e64 + 48);
  }
  if (cdOffset + cdSize > bytes.length) throw new ZipError('corrupt', 'the central directory lies past the end of the file (truncated)', '压缩包目录超出文件末尾，文件被截断');
  const entries: ZipEntry[] = [];
  const decoder = new TextDecoder('utf-8');
  let o = cdOffset;
  for (let i = 0; i < count; i++) {
    if (u32(bytes, o) !== SIG_CENTRAL) throw new ZipError('corrupt', `central directory entry ${i} is damaged`, `压缩包目录第 ${i + 1} 项已损坏`);
    const flags = u16(bytes, o + 8);
    const method = u16(bytes, o + 10);
    const crc32 = u32(bytes, o + 16);
    let compressedSize = u32(bytes, o + 20);
    let uncompressedSize = u32(bytes, o + 24);
    const nameLen = u16(bytes, o + 28);
    const extraLen = u16(bytes, o + 30);
    const commentLen = u16(bytes, o + 32);
    let localHeaderOffset = u32(bytes, o + 42);
    if (o + 46 + nameLen + extraLen > bytes.length) throw new ZipError('corrupt', `central directory entry ${i} is truncated`, `压缩包目录第 ${i + 1} 项不完整`);
    // some zip writers on Windows store "word\\document.xml": normalise to forward slashes
    const name = decoder.decode(bytes.subarray(o + 46, o + 46 + nameLen)).replace(/\\/g, '/');
    // zip64 extended information: the 0xffffffff fields, in order.
    let x = o + 46 + nameLen;
    const xEnd = x + extraLen;
    while (x + 4 <= xEnd) {
      const id = u16(bytes, x);
      const len = u16(bytes, x + 2);
      if (id === 0x0001) {
        let f = x + 4;
        if (uncompressedSize === 0xffffffff) (uncompressedSize = u64(bytes, f)), (f += 8);
        if (compressedSize === 0xffffffff) (compressedSize = u64(bytes, f)), (f += 8);
        if (localHeaderOffset === 0xffffffff) localHeaderOffset = u64(bytes, f);
      }
      x += 4 + len;
    }
    entries.push({ name, method, flags, crc32, compressedSize, uncompressedSize, localHeaderOffset });
    o += 46 + nameLen + extraLen + commentLen;
  }
  return entries;
}

const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

/** CRC-32 of `data`, continuing from `previous` (node:zlib's native one where Node has it). */
export function crc32(data: Uint8Array, previous = 0): number {
  if (nativeCrc32) return nativeCrc32(data, previous) >>> 0;
  let c = (previous ^ 0xffffffff) >>> 0;
  for (let i = 0; i < data.length; i++) c = CRC_TABLE[(c ^ data[i]) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

const nativeCrc32 = (zlib as { crc32?: (data: Uint8Array, value?: number) => number }).crc32;

/** A shared budget of inflated bytes across the entries of one archive. */
export interface InflateBudget {
  remaining: number;
  limit: number;
}

const CHUNK = 16 * 1024;

/**
 * Inflates one entry, charging the budget as data comes out, and hands each inflated chunk to
 * `onChunk` as it is produced (so a reader can consume a part without holding it whole); throws
 * ZipError('too-large') as soon as the budget is exhausted (at most one chunk past the bound).
 * The CRC is checked at the end: a reader must treat what it was given as provisional until this
 * returns.
 */
export function inflateEntryChunks(bytes: Uint8Array, entry: ZipEntry, budget: InflateBudget, onChunk: (chunk: Uint8Array) => void): void {
  if (entry.flags & 1) throw new ZipError('encrypted', `${entry.name} is encrypted inside the zip`, `${entry.name} 在压缩包内被加密`);
  const o = entry.localHeaderOffset;
  if (u32(bytes, o) !== SIG_LOCAL) throw new ZipError('corrupt', `local header of ${entry.name} is damaged`, `${entry.name} 的文件头已损坏`);
  const start = o + 30 + u16(bytes, o + 26) + u16(bytes, o + 28);
  const end = start + entry.compressedSize;
  if (end > bytes.length) throw new ZipError('corrupt', `${entry.name} is truncated`, `${entry.name} 不完整`);
  const data = bytes.subarray(start, end);
  const overBudget = () =>
    new ZipError('too-large', `${entry.name} inflates past the bound of ${budget.limit} bytes`, `${entry.name} 解压后超过 ${budget.limit} 字节的上限`);
  const pastDeclared = () =>
    new ZipError('too-large', `${entry.name} inflates past the ${entry.uncompressedSize} bytes its zip entry declares`, `${entry.name} 解压后超过压缩包声明的 ${entry.uncompressedSize} 字节`);
  let crc = 0;
  const take = (chunk: Uint8Array): void => {
    crc = crc32(chunk, crc);
    onChunk(chunk);
  };
  if (entry.method === 0) {
    if (data.length > budget.remaining) throw overBudget();
    budget.remaining -= data.length;
    take(data.slice());
  } else if (entry.method === 8) {
    let total = 0;
    let ended = false;
    let failure: unknown = null;
    const inflater = new Inflate((chunk, final) => {
      total += chunk.length;
      if (total > budget.remaining) throw overBudget();
      // an entry that inflates past the size the zip declares for it lies (a bomb): refused
      // before its data is handed on, whatever the bound
      if (total > entry.uncompressedSize) throw pastDeclared();
      if (final) ended = true;
      try {
        take(chunk);
      } catch (e) {
        // a reader's own failure is not a damaged zip: carried out of fflate untouched
        failure = e;
        throw e;
      }
    });
    try {
      for (let i = 0; i < data.length; i += CHUNK) {
        const last = i + CHUNK >= data.length;
        inflater.push(data.subarray(i, Math.min(i + CHUNK, data.length)), last);
      }
      if (data.length === 0) inflater.push(new Uint8Array(0), true);
    } catch (e) {
      if (failure !== null) throw failure;
      if (e instanceof ZipError) throw e;
      throw new ZipError('corrupt', `${entry.name} cannot be inflated: ${(e as Error).message}`, `${entry.name} 无法解压（${(e as Error).message}）`);
    }
    if (!ended) throw new ZipError('corrupt', `${entry.name} ends early`, `${entry.name} 数据提前结束`);
    budget.remaining -= total;
  } else {
    throw new ZipError('corrupt', `${entry.name} uses an unsupported compression method (${entry.method})`, `${entry.name} 使用了不支持的压缩方式（${entry.method}）`);
  }
  if (crc !== entry.crc32) throw new ZipError('corrupt', `${entry.name} fails its CRC check`, `${entry.name} 校验失败（CRC 不符）`);
}

/** Inflates one entry whole (see inflateEntryChunks for the bound and the checks). */
export function inflateEntry(bytes: Uint8Array, entry: ZipEntry, budget: InflateBudget): Uint8Array {
  const chunks: Uint8Array[] = [];
  let total = 0;
  inflateEntryChunks(bytes, entry, budget, (c) => {
    chunks.push(c);
    total += c.length;
  });
  if (chunks.length === 1) return chunks[0];
  const out = new Uint8Array(total);
  let p = 0;
  for (const c of chunks) {
    out.set(c, p);
    p += c.length;
  }
  return out;
}
