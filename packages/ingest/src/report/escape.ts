import { createHash } from 'node:crypto';
import { showInvisible } from '@jxaudit/model';
import { numbersIn, sameNumber } from './text.ts';

/*
 * A small escaping HTML builder. Every document text goes through `esc`; attribute values are
 * always double-quoted and escaped the same way. Nothing here builds a URL from document text.
 */

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;', '`': '&#96;' };

export { showInvisible };

/** Escapes text for element content and double-quoted attribute values; invisible controls are shown. */
export function esc(text: string): string {
  // Lone surrogates and C0 controls (but tab/newline) have no place in a page.
  return showInvisible(text)
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, '\ufffd')
    .replace(/[&<>"'`]/g, (c) => ESCAPES[c]!);
}

/** Safe markup: a string already escaped or built from literals. */
export class Html {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

export function raw(markup: string): Html {
  return new Html(markup);
}

type Part = Html | string | number | null | undefined | false | Part[];

function render(part: Part): string {
  if (part === null || part === undefined || part === false) return '';
  if (part instanceof Html) return part.value;
  if (Array.isArray(part)) return part.map(render).join('');
  return esc(String(part));
}

/** Tagged template: interpolated strings are escaped, Html values inserted as they are. */
export function html(strings: TemplateStringsArray, ...parts: Part[]): Html {
  let out = strings[0]!;
  parts.forEach((p, i) => {
    out += render(p) + strings[i + 1]!;
  });
  return new Html(out);
}

/** Joins parts (escaping strings) into one Html value. */
export function join(parts: Part[], sep = ''): Html {
  return new Html(parts.map(render).join(sep));
}

/** Text with line breaks kept (each line escaped). */
export function lines(text: string): Html {
  return new Html(text.split(/\r?\n/).map(esc).join('<br>'));
}

/**
 * A Content-Security-Policy for a self-contained page: no network at all, our one inline script
 * allowed by its hash (so no injected script or event handler could run even if escaping failed).
 */
export function contentSecurityPolicy(script: string): string {
  const hash = createHash('sha256').update(script, 'utf8').digest('base64');
  return `default-src 'none'; style-src 'unsafe-inline'; script-src 'sha256-${hash}'; img-src data:; base-uri 'none'; form-action 'none'`;
}

/**
 * Spans of `text` that print `figure`: an exact printed hint first ("2万元余元"), else every number
 * whose value is the figure as printed in 万元/元/亿元 or as a percentage of a fraction.
 */
export function figureSpans(text: string, figure: number | null, hints: string[] = []): Array<[number, number]> {
  for (const hint of hints) {
    if (!hint) continue;
    const spans: Array<[number, number]> = [];
    for (let i = text.indexOf(hint); i >= 0; i = text.indexOf(hint, i + hint.length)) spans.push([i, i + hint.length]);
    if (spans.length) return spans;
  }
  if (figure === null) return [];
  const candidates = [figure, figure * 100, figure * 10000, figure / 10000];
  return numbersIn(text)
    .filter((m) => candidates.some((c) => sameNumber(m.value, c)))
    .map((m): [number, number] => [m.start, m.end]);
}

/** `text` escaped with the given spans wrapped in <mark>. */
export function markSpans(text: string, spans: Array<[number, number]>, className = 'figure'): Html {
  const sorted = [...spans].sort((a, b) => a[0] - b[0]);
  let out = '';
  let at = 0;
  for (const [start, end] of sorted) {
    if (start < at) continue;
    out += esc(text.slice(at, start)) + `<mark class="${className}">` + esc(text.slice(start, end)) + '</mark>';
    at = end;
  }
  out += esc(text.slice(at));
  return new Html(out.replace(/\r?\n/g, '<br>'));
}
