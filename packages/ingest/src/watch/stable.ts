import { open } from 'node:fs/promises';

/**
 * Whether the zip central directory of a file can be read: the end-of-central-directory record
 * is found in the tail, and the directory it points to starts with a central-file-header
 * signature and ends inside the file. A .docx still being copied fails this.
 */
export async function zipDirectoryReadable(path: string): Promise<boolean> {
  const fh = await open(path, 'r');
  try {
    const { size } = await fh.stat();
    if (size < 22) return false;
    const tailLen = Math.min(size, 22 + 65_535);
    const tail = Buffer.alloc(tailLen);
    await fh.read(tail, 0, tailLen, size - tailLen);
    for (let i = tailLen - 22; i >= 0; i--) {
      if (tail.readUInt32LE(i) !== 0x06054b50) continue;
      const entries = tail.readUInt16LE(i + 10);
      const dirSize = tail.readUInt32LE(i + 12);
      const dirOffset = tail.readUInt32LE(i + 16);
      const eocdAt = size - tailLen + i;
      if (dirOffset === 0xffffffff) return true; // zip64: leave it to the reader
      if (entries === 0 || dirOffset + dirSize > eocdAt) continue;
      const sig = Buffer.alloc(4);
      await fh.read(sig, 0, 4, dirOffset);
      if (sig.readUInt32LE(0) === 0x02014b50) return true;
    }
    return false;
  } finally {
    await fh.close();
  }
}

/** YYYY-MM-DD in Asia/Shanghai. */
export function shanghaiDate(d = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(d);
}
