/**
 * A streaming XML scanner for the parts of a .docx: fed decoded text chunk by chunk (as the
 * inflater produces it), it reports elements and text to a handler without building a tree.
 * Element and attribute names are renamed to canonical prefixes by namespace URI, whatever
 * prefixes (or default namespace) the producer chose, so `w:tbl` always means the
 * WordprocessingML table. A DTD or entity declaration is refused (`UnsafeXmlError`): nothing
 * here expands entities beyond the five predefined ones and character references.
 */

/** The prefixes the readers match on, by namespace URI (transitional and strict OOXML). */
const CANONICAL_PREFIX: Record<string, string> = {
  'http://schemas.openxmlformats.org/wordprocessingml/2006/main': 'w',
  'http://purl.oclc.org/ooxml/wordprocessingml/main': 'w',
  'http://schemas.openxmlformats.org/markup-compatibility/2006': 'mc',
  'urn:schemas-microsoft-com:vml': 'v',
  'http://schemas.microsoft.com/office/word/2010/wordml': 'w14',
  'http://schemas.microsoft.com/office/word/2012/wordml': 'w15',
  'http://schemas.microsoft.com/office/word/2010/wordprocessingShape': 'wps',
  'http://schemas.microsoft.com/office/word/2010/wordprocessingGroup': 'wpg',
  'http://schemas.microsoft.com/office/word/2010/wordprocessingCanvas': 'wpc',
  'http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing': 'wp',
  'http://schemas.microsoft.com/office/word/2010/wordprocessingDrawing': 'wp14',
  'http://schemas.openxmlformats.org/drawingml/2006/main': 'a',
  'http://schemas.microsoft.com/office/drawing/2010/main': 'a14',
  'http://schemas.openxmlformats.org/officeDocument/2006/relationships': 'r',
  'http://purl.oclc.org/ooxml/officeDocument/relationships': 'r',
  'http://schemas.openxmlformats.org/officeDocument/2006/math': 'm',
};

export class UnsafeXmlError extends Error {}
export class MalformedXmlError extends Error {}

/** The attributes of the element being reported, parsed only when asked for. */
export interface Attrs {
  /** The value of a canonical attribute name (`w:val`), entities decoded; undefined when absent. */
  get(name: string): string | undefined;
}

export interface XmlHandler {
  open(name: string, attrs: Attrs, selfClosing: boolean): void;
  /** Called for every element, self-closing ones included, right after `open`. */
  close(name: string): void;
  text(text: string): void;
}

interface Scope {
  /** prefix ('' for the default namespace) → canonical prefix, or the raw prefix when the URI is unknown. */
  canon: Map<string, string>;
  /** prefix → namespace URI. */
  uris: Map<string, string>;
  /** raw qualified name → canonical name, for this scope. */
  names: Map<string, string>;
}

const XML_SCOPE_ROOT: Scope = { canon: new Map([['xml', 'xml'], ['xmlns', 'xmlns']]), uris: new Map(), names: new Map() };

/** The longest markup token (tag, comment, CDATA, PI) accepted; a longer one is a broken or hostile file. */
export const MAX_TOKEN_CHARS = 1 << 20;

const ENTITY: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

export function decodeEntities(s: string): string {
  if (s.indexOf('&') < 0) return s;
  return s.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[a-zA-Z]+);/g, (m, e: string) => {
    if (e.charCodeAt(0) === 35) {
      const code = e.charCodeAt(1) === 120 ? Number.parseInt(e.slice(2), 16) : Number.parseInt(e.slice(1), 10);
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : '';
    }
    return ENTITY[e] ?? m;
  });
}

class LazyAttrs implements Attrs {
  raw = '';
  scope: Scope = XML_SCOPE_ROOT;
  private parsed: Map<string, string> | null = null;

  reset(raw: string, scope: Scope): void {
    this.raw = raw;
    this.scope = scope;
    this.parsed = null;
  }

  get(name: string): string | undefined {
    if (this.raw.length === 0) return undefined;
    if (!this.parsed) this.parsed = parseAttributes(this.raw, (q) => canonicalAttr(q, this.scope));
    return this.parsed.get(name);
  }
}

const ATTR = /([^\s=]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;

function parseAttributes(raw: string, rename: (q: string) => string): Map<string, string> {
  const out = new Map<string, string>();
  ATTR.lastIndex = 0;
  for (let m = ATTR.exec(raw); m; m = ATTR.exec(raw)) out.set(rename(m[1]), decodeEntities(m[2] ?? m[3] ?? ''));
  return out;
}

/** Unprefixed attributes belong to no namespace (XML Namespaces); prefixed ones are renamed. */
function canonicalAttr(qname: string, scope: Scope): string {
  const i = qname.indexOf(':');
  if (i < 0) return qname;
  const c = scope.canon.get(qname.slice(0, i));
  return c === undefined ? qname : `${c}:${qname.slice(i + 1)}`;
}

function canonicalName(qname: string, scope: Scope): string {
  let n = scope.names.get(qname);
  if (n === undefined) {
    const i = qname.indexOf(':');
    const prefix = i < 0 ? '' : qname.slice(0, i);
    const c = scope.canon.get(prefix);
    n = c === undefined || c === '' ? qname : `${c}:${qname.slice(i + 1)}`;
    scope.names.set(qname, n);
  }
  return n;
}

function childScope(parent: Scope, raw: string): Scope {
  const decls = parseAttributes(raw, (q) => q);
  const canon = new Map(parent.canon);
  const uris = new Map(parent.uris);
  for (const [k, uri] of decls) {
    if (k !== 'xmlns' && !k.startsWith('xmlns:')) continue;
    const prefix = k === 'xmlns' ? '' : k.slice(6);
    uris.set(prefix, uri);
    canon.set(prefix, CANONICAL_PREFIX[uri] ?? prefix);
  }
  return { canon, uris, names: new Map() };
}

/** The index of the '>' that ends the tag starting before `from` (outside quoted values), or -1 when the buffer ends first. */
function tagEnd(b: string, from: number): number {
  let q = 0;
  for (let k = from; k < b.length; k++) {
    const c = b.charCodeAt(k);
    if (q) {
      if (c === q) q = 0;
    } else if (c === 62 /* > */) return k;
    else if (c === 34 || c === 39) q = c;
  }
  return -1;
}

const isNameChar = (c: number) => c !== 32 && c !== 9 && c !== 10 && c !== 13 && c !== 47 && c !== 62;

/**
 * Feeds text to a handler. Elements left open at the end are closed (a truncated part reads as
 * far as it goes; the zip's CRC check has already refused damaged bytes).
 */
export class XmlScanner {
  private buf = '';
  private readonly attrs = new LazyAttrs();
  /** Open elements: raw names and the scope each one opened in. */
  private readonly rawNames: string[] = [];
  private readonly names: string[] = [];
  private readonly scopes: Scope[] = [];
  private scope: Scope = XML_SCOPE_ROOT;

  constructor(
    private readonly handler: XmlHandler,
    private readonly maxDepth = Number.POSITIVE_INFINITY,
    private readonly onTooDeep: () => never = () => {
      throw new MalformedXmlError('elements nested too deep');
    },
  ) {}

  /** The URI bound to a prefix at the current position (for mc:Choice's Requires). */
  namespaceOf(prefix: string): string | undefined {
    return this.scope.uris.get(prefix);
  }

  push(chunk: string): void {
    this.buf = this.buf.length ? this.buf + chunk : chunk;
    this.scan(false);
  }

  end(): void {
    this.scan(true);
    if (this.buf.length && this.buf.indexOf('<') < 0) this.emitText(this.buf);
    this.buf = '';
    while (this.names.length) this.closeTop();
  }

  private emitText(s: string): void {
    if (s.length) this.handler.text(decodeEntities(s));
  }

  private scan(final: boolean): void {
    const b = this.buf;
    const n = b.length;
    let i = 0;
    while (i < n) {
      const lt = b.indexOf('<', i);
      if (lt < 0) {
        // text up to the end; keep a possibly cut entity for the next chunk
        const amp = b.lastIndexOf('&');
        const cut = !final && amp >= i && b.indexOf(';', amp) < 0 ? amp : n;
        if (cut > i) this.emitText(b.slice(i, cut));
        i = cut;
        break;
      }
      if (lt > i) this.emitText(b.slice(i, lt));
      i = lt;
      const end = this.token(b, i, final);
      if (end < 0) break; // incomplete token: wait for more
      i = end;
    }
    this.buf = i >= n ? '' : b.slice(i);
    if (this.buf.length > MAX_TOKEN_CHARS && this.buf.indexOf('<') === 0) {
      throw new MalformedXmlError(`an XML token longer than ${MAX_TOKEN_CHARS} characters`);
    }
  }

  /** Handles the markup at `i` ('<'); returns the index after it, or -1 when the buffer ends inside it. */
  private token(b: string, i: number, final: boolean): number {
    const c1 = b.charCodeAt(i + 1);
    if (Number.isNaN(c1)) return final ? b.length : -1;
    if (c1 === 47 /* / */) {
      const gt = b.indexOf('>', i + 2);
      if (gt < 0) return final ? b.length : -1;
      // the usual case, the end tag of the innermost element, compared in place
      const top = this.rawNames[this.rawNames.length - 1];
      if (top !== undefined && gt === i + 2 + top.length && b.startsWith(top, i + 2)) this.closeTop();
      else this.closeNamed(b.slice(i + 2, gt).trim());
      return gt + 1;
    }
    if (c1 === 63 /* ? */) {
      const e = b.indexOf('?>', i + 2);
      return e < 0 ? (final ? b.length : -1) : e + 2;
    }
    if (c1 === 33 /* ! */) {
      if (b.startsWith('<!--', i)) {
        const e = b.indexOf('-->', i + 4);
        return e < 0 ? (final ? b.length : -1) : e + 3;
      }
      if (b.startsWith('<![CDATA[', i)) {
        const e = b.indexOf(']]>', i + 9);
        if (e < 0) return final ? b.length : -1;
        if (e > i + 9) this.handler.text(b.slice(i + 9, e));
        return e + 3;
      }
      if (b.length - i < 9 && !final) return -1;
      throw new UnsafeXmlError(`markup declaration ${JSON.stringify(b.slice(i, i + 12))}`);
    }
    // a start tag: its '>' is the first one outside quoted attribute values
    const j = tagEnd(b, i + 1);
    if (j < 0) return final ? b.length : -1;
    const selfClosing = b.charCodeAt(j - 1) === 47;
    const end = selfClosing ? j - 1 : j;
    let k = i + 1;
    while (k < end && isNameChar(b.charCodeAt(k))) k++;
    this.openElement(b.slice(i + 1, k), k < end ? b.slice(k, end) : '', selfClosing);
    return j + 1;
  }

  private openElement(raw: string, rest: string, selfClosing: boolean): void {
    const parent = this.scope;
    const scope = rest.indexOf('xmlns') >= 0 ? childScope(parent, rest) : parent;
    const name = canonicalName(raw, scope);
    this.rawNames.push(raw);
    this.names.push(name);
    this.scopes.push(parent);
    this.scope = scope;
    if (this.names.length > this.maxDepth) this.onTooDeep();
    this.attrs.reset(rest, scope);
    this.handler.open(name, this.attrs, selfClosing);
    if (selfClosing) this.closeTop();
  }

  private closeTop(): void {
    const name = this.names.pop()!;
    this.rawNames.pop();
    this.scope = this.scopes.pop()!;
    this.handler.close(name);
  }

  /** Closes the named element, and any left open inside it; a stray end tag is ignored. */
  private closeNamed(raw: string): void {
    const at = this.rawNames.lastIndexOf(raw);
    if (at < 0) return;
    while (this.names.length > at) this.closeTop();
  }
}
