/**
 * The fallback reader: mammoth over a clean copy of the document's bounded, checked XML parts,
 * its HTML read with cheerio (docx/html.ts). Chosen automatically when the streaming pass fails
 * on something it does not expect. It loses what mammoth loses (w:gridBefore, the rowspans of a
 * table with a bookmark between rows), so the streaming pass stays the reader of record.
 */
import mammoth from 'mammoth';
import { zipSync } from 'fflate';
import type { Block, ParseWarning, ReadError } from '@jxaudit/model';
import { readError } from '../errors.ts';
import { decodeXml, isNeededPart, UNSAFE_XML, type OpenedDocx } from './open.ts';
import { htmlToBlocks } from './html.ts';
import { inflateEntry } from './zip.ts';

export type FallbackResult = { ok: true; blocks: Block[]; warnings: ParseWarning[] } | { ok: false; error: ReadError };

/** mammoth's HTML of the document (also the tests' oracle), or the reason it was refused. */
export async function mammothHtml(doc: OpenedDocx): Promise<{ ok: true; html: string; messages: string[] } | { ok: false; error: ReadError }> {
  const parts: Record<string, Uint8Array> = {};
  const order = [doc.byName.get(doc.mainName)!, ...doc.entries.filter((e) => isNeededPart(e.name) && e.name !== doc.mainName)];
  for (const e of order) {
    if (e.name.endsWith('/')) continue;
    const data = inflateEntry(doc.bytes, e, doc.budget);
    // mammoth parses every part it reads with a DOM parser: none may declare a DTD or entities
    if (UNSAFE_XML.test(decodeXml(data))) {
      return { ok: false, error: readError('unsafe-xml', { zh: `${e.name} 含有 DTD/实体定义`, en: `${e.name} holds a DTD or entity declarations` }) };
    }
    parts[e.name] = data;
  }
  const clean = zipSync(parts, { level: 0 });
  const result = await mammoth.convertToHtml(
    { buffer: Buffer.from(clean.buffer, clean.byteOffset, clean.byteLength) },
    { convertImage: mammoth.images.imgElement(() => Promise.resolve({ src: '' })) },
  );
  return { ok: true, html: result.value, messages: result.messages.map((m) => m.message) };
}

export async function readWithMammoth(doc: OpenedDocx, file: string): Promise<FallbackResult> {
  const converted = await mammothHtml(doc);
  if (!converted.ok) return converted;
  const warnings: ParseWarning[] = [];
  const seen = new Set<string>();
  for (const m of converted.messages) {
    if (/^Unrecognised (paragraph|run) style/.test(m) || seen.has(m)) continue;
    seen.add(m);
    warnings.push({ code: 'mammoth', message: m });
  }
  const read = htmlToBlocks(converted.html, file);
  return { ok: true, blocks: read.blocks, warnings: [...warnings, ...read.warnings] };
}
