/**
 * w:altChunk: content a program imported from another file into the document, which Word merges
 * when it opens it (office systems export "Word" files this way: one altChunk holding a web page).
 * The chunk's part is read by what it is: a web page (.htm/.html/.xhtml) or a single-file web
 * page (.mht/.mhtml) with cheerio (docx/html.ts); anything else is left unread, and said.
 */
import type { Block, ParseWarning } from '@jxaudit/model';
import { htmlToBlocks } from './html.ts';

/** The charset a web page declares (MIME header, <meta charset>, http-equiv), if any. */
function declaredCharset(headerOrHtml: string): string | null {
  const m = /charset\s*=\s*["']?([\w.:-]+)/i.exec(headerOrHtml);
  return m ? m[1].toLowerCase() : null;
}

/** Bytes of a web page → text: BOM, then the declared charset (GBK/GB2312/GB18030 included), else UTF-8. */
export function decodeHtml(bytes: Uint8Array, charset: string | null = null): string {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return new TextDecoder('utf-8').decode(bytes);
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes);
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes);
  const declared = charset ?? declaredCharset(new TextDecoder('latin1').decode(bytes.subarray(0, 2048)));
  try {
    return new TextDecoder(declared ?? 'utf-8').decode(bytes);
  } catch {
    return new TextDecoder('utf-8').decode(bytes);
  }
}

function quotedPrintable(s: string): Uint8Array {
  const body = s.replace(/=\r?\n/g, '');
  const out: number[] = [];
  for (let i = 0; i < body.length; i++) {
    const c = body.charCodeAt(i);
    if (c === 0x3d && /^[0-9A-Fa-f]{2}$/.test(body.slice(i + 1, i + 3))) {
      out.push(Number.parseInt(body.slice(i + 1, i + 3), 16));
      i += 2;
    } else out.push(c & 0xff);
  }
  return Uint8Array.from(out);
}

/** The web page inside a single-file web page (MIME multipart/related), decoded; null when there is none. */
export function mhtHtml(bytes: Uint8Array): string | null {
  const raw = new TextDecoder('latin1').decode(bytes);
  const boundary = /boundary\s*=\s*"?([^";\r\n]+)"?/i.exec(raw)?.[1];
  const parts = boundary ? raw.split(`--${boundary}`).slice(1) : [raw];
  for (const part of parts) {
    const split = /\r?\n\r?\n/.exec(part);
    if (!split) continue;
    const head = part.slice(0, split.index);
    if (!/content-type:\s*text\/html/i.test(head)) continue;
    const body = part.slice(split.index + split[0].length);
    const encoding = /content-transfer-encoding:\s*([\w-]+)/i.exec(head)?.[1].toLowerCase();
    const data =
      encoding === 'base64'
        ? new Uint8Array(Buffer.from(body.replace(/\s+/g, ''), 'base64'))
        : encoding === 'quoted-printable'
          ? quotedPrintable(body)
          : Uint8Array.from(body, (ch) => ch.charCodeAt(0) & 0xff);
    return decodeHtml(data, declaredCharset(head));
  }
  return null;
}

/** Blocks of one chunk part by its name, or null when its kind is not read. */
export function chunkBlocks(name: string, bytes: Uint8Array, file: string): { blocks: Block[]; warnings: ParseWarning[] } | null {
  const ext = name.slice(name.lastIndexOf('.') + 1).toLowerCase();
  if (ext === 'htm' || ext === 'html' || ext === 'xhtml') return htmlToBlocks(decodeHtml(bytes), file);
  if (ext === 'mht' || ext === 'mhtml') {
    const html = mhtHtml(bytes);
    return html === null ? null : htmlToBlocks(html, file);
  }
  return null;
}
