import { COUNT_UNITS, MONEY_UNITS, normalizeText, halfWidthChar, parseValue, type Value } from '@jxaudit/model';

/** A sentence normalised for matching, with a map back to the printed text. */
export interface MappedText {
  raw: string;
  /** Whitespace dropped, full-width → ASCII, thousands separators dropped. */
  s: string;
  /** map[i] = index in `raw` of s[i]. */
  map: number[];
}

export function mapNormalize(raw: string): MappedText {
  let s = '';
  const map: number[] = [];
  for (let i = 0; i < raw.length; i++) {
    const ch = raw[i]!;
    if (/[\s\u3000\u00a0\u200b\ufeff]/.test(ch)) {
      // Whitespace between two numbers keeps them apart ("742.25 120万元" is two numbers, not one).
      let j = i;
      while (j + 1 < raw.length && /[\s\u3000\u00a0\u200b\ufeff]/.test(raw[j + 1]!)) j++;
      if (/[\d.]$/.test(s) && /^[0-9０-９]/.test(raw.slice(j + 1))) {
        s += ' ';
        map.push(i);
      }
      i = j;
      continue;
    }
    s += halfWidthChar(ch);
    map.push(i);
  }
  // Thousands separators ("11,122,315.04"): drop the commas, keep the map aligned.
  const re = /\d{1,3}(?:,\d{3})+(?:\.\d+)?(?![\d,])/g;
  let out = '';
  const outMap: number[] = [];
  let last = 0;
  for (let m = re.exec(s); m; m = re.exec(s)) {
    if (m.index > 0 && /[\d.]/.test(s[m.index - 1]!)) continue;
    out += s.slice(last, m.index);
    outMap.push(...map.slice(last, m.index));
    for (let k = m.index; k < m.index + m[0].length; k++) {
      if (s[k] !== ',') {
        out += s[k];
        outMap.push(map[k]!);
      }
    }
    last = m.index + m[0].length;
  }
  out += s.slice(last);
  outMap.push(...map.slice(last));
  return { raw, s: out, map: outMap };
}

/** The printed text of s[start, end). */
export function rawSlice(t: MappedText, start: number, end: number): string {
  if (end <= start) return '';
  return t.raw.slice(t.map[start]!, t.map[end - 1]! + 1);
}

/**
 * Splits a paragraph into sentences at 。！？ and at ；/; outside parentheses (the terminator stays with
 * its sentence): "（其中：…；…）" stays one sentence.
 */
export function splitSentences(text: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let cur = '';
  for (const ch of text) {
    cur += ch;
    if (ch === '(' || ch === '（') depth++;
    else if ((ch === ')' || ch === '）') && depth > 0) depth--;
    if (/[。！!？?]/.test(ch) || (/[；;]/.test(ch) && depth === 0)) {
      out.push(cur);
      cur = '';
      depth = 0;
    }
  }
  out.push(cur);
  return out.map((x) => x.trim()).filter((x) => x.length > 0);
}

/** Clause delimiters in normalised text. */
export const CLAUSE_DELIMS = /[，,、；;：:()。!?！？【】\[\]]/;

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

const UNIT_ALT = [...Object.keys(MONEY_UNITS), '%', '百分比', ...COUNT_UNITS]
  .sort((a, b) => b.length - a.length)
  .map(escapeRe)
  .join('|');

/**
 * A number with a unit: optional approx prefix, number, optional 万/亿, optional mid qualifier (余/多),
 * unit; then an optional garbled "余元" (malformed) and optional 以上/左右.
 */
const QTY_RE = new RegExp(
  String.raw`(?<![\d.第])(大约|(?<![签合节预制公条契违履失特守相])约|将近|(?<![最附临靠邻逼])近|超过|(?<![赶高])超)?(\d+(?:\.\d+)?)(万|亿)?(余|多)?(${UNIT_ALT})((?:余|多)(?:${UNIT_ALT}))?(以上|左右)?`,
  'g',
);

/** A number glued to the figure after it: "742.25 120万元", "3.5.2万元". */
const GLUED_RE = new RegExp(String.raw`(?<![\d.])(?:\d+\.\d+\.|\d+(?:\.\d+)? )(\d+(?:\.\d+)?(?:万|亿)?(?:余|多)?(?:${UNIT_ALT}))`, 'g');

export interface ScannedQuantity {
  /** Span in the normalised sentence. */
  start: number;
  end: number;
  /** The figure as printed ("3582.30万元", "2万元余元"). */
  raw: string;
  value: Value;
  /** The number as printed, normalised ("3582.30"). */
  numText: string;
  /** Printed clause before the figure (after the previous punctuation or figure). */
  context: string;
  /** Normalised context, quotes removed. */
  ctx: string;
  /** Parenthesis depth at the figure. */
  depth: number;
  /** Index of the clause (，；：、 separated) within the sentence. */
  clause: number;
  /** Normalised text between this figure and the next one (or the end of the sentence). */
  after: string;
  /** Set when the wording is garbled ("2万元余元"): what was read instead. */
  malformed: { repaired: string; reading: string; glued?: boolean } | null;
}

/** Every number-with-unit of a sentence, in order. Years, dates, 〔2020〕10号 and ordinals never match. */
export function scanQuantities(t: MappedText): ScannedQuantity[] {
  const out: ScannedQuantity[] = [];
  const s = t.s;
  const glued: Array<{ start: number; second: number; end: number }> = [];
  GLUED_RE.lastIndex = 0;
  for (let g = GLUED_RE.exec(s); g; g = GLUED_RE.exec(s)) {
    glued.push({ start: g.index, second: g.index + g[0].length - g[1]!.length, end: g.index + g[0].length });
  }
  QTY_RE.lastIndex = 0;
  for (let m = QTY_RE.exec(s); m; m = QTY_RE.exec(s)) {
    const [whole, pre = '', num, mult = '', , unit, garbled = '', post = ''] = m;
    const start = m.index;
    const end = start + whole.length;
    // A number glued to a preceding letter or a document number "〔2020〕10号" never reaches here (号 is no unit).
    let value: Value;
    let malformed: ScannedQuantity['malformed'] = null;
    const raw = rawSlice(t, start, end);
    if (garbled) {
      // "2万元余元": two units with a qualifier between them → read as "2万余元" (at least 2万元).
      const repaired = `${pre}${num}${mult}${garbled[0]}${unit}${post}`;
      value = { ...parseValue(repaired), raw };
      malformed = { repaired, reading: `${num}${mult}${unit}` };
    } else {
      value = parseValue(raw);
    }
    const glue = glued.find((g) => g.start <= start && start < g.end);
    if (glue) continue;
    out.push({
      start,
      end,
      raw,
      value,
      numText: num!,
      context: '',
      ctx: '',
      depth: 0,
      clause: 0,
      after: '',
      malformed,
    });
  }
  // Glued figures: read the second number with its unit, report the whole as malformed.
  for (const g of glued) {
    const second = rawSlice(t, g.second, g.end);
    out.push({
      start: g.start,
      end: g.end,
      raw: rawSlice(t, g.start, g.end),
      value: { ...parseValue(second), raw: rawSlice(t, g.start, g.end) },
      numText: /\d+(?:\.\d+)?/.exec(s.slice(g.second, g.end))![0],
      context: '',
      ctx: '',
      depth: 0,
      clause: 0,
      after: '',
      malformed: { repaired: second, reading: normalizeText(second), glued: true },
    });
  }
  out.sort((a, b) => a.start - b.start);
  // Contexts, depths, clauses, gaps.
  let depth = 0;
  let clause = 0;
  let pos = 0;
  for (let i = 0; i < out.length; i++) {
    const q = out[i]!;
    for (; pos < q.start; pos++) {
      const c = s[pos]!;
      if (c === '(') depth++;
      else if (c === ')') depth = Math.max(0, depth - 1);
      if (/[，,；;：:、(]/.test(c)) clause++;
    }
    q.depth = depth;
    q.clause = clause;
    let cs = q.start;
    const floor = i > 0 ? out[i - 1]!.end : 0;
    while (cs > floor && !CLAUSE_DELIMS.test(s[cs - 1]!)) cs--;
    q.context = rawSlice(t, cs, q.start).trim();
    q.ctx = s.slice(cs, q.start).replace(/[“”"'‘’「」『』《》]/g, '');
    q.after = s.slice(q.end, i + 1 < out.length ? out[i + 1]!.start : s.length);
    pos = q.start;
  }
  return out;
}

/**
 * "基本支出、项目支出分别为1625.75万元、1956.56万元": gives each figure its own label as `ctx` (the
 * printed `context` is kept). Applied only when the labels and the figures are equally many.
 */
export function applyRespectively(t: MappedText, qs: ScannedQuantity[]): void {
  for (let i = 0; i < qs.length; i++) {
    const q = qs[i]!;
    if (!/分别(为|是|达到|达)?$/.test(q.ctx)) continue;
    const floor = i > 0 ? qs[i - 1]!.end : 0;
    const at = t.s.lastIndexOf('分别', q.start);
    if (at < floor) continue;
    let cs = at;
    while (cs > floor && !/[，,；;：:(。]/.test(t.s[cs - 1]!)) cs--;
    const labelText = t.s.slice(cs, at).replace(/[“”"'‘’「」『』《》]/g, '');
    let n = 1;
    while (i + n < qs.length && /^(和|及|与|以及)?$/.test(qs[i + n]!.ctx) && /^[、，,]?(和|及|与|以及)?$/.test(t.s.slice(qs[i + n - 1]!.end, qs[i + n]!.start))) n++;
    let labels = labelText.split('、');
    if (labels.length < n) {
      const lastPiece = labels.pop()!;
      labels = [...labels, ...lastPiece.split(/以及|和|及|与/)];
    }
    if (labels.length !== n || labels.some((l) => !l)) continue;
    for (let k = 0; k < n; k++) qs[i + k]!.ctx = labels[k]!;
    i += n - 1;
  }
}
