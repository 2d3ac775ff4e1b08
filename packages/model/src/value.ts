import { printedDecimals } from './precision.ts';
import type { Comparator, Tier, Value } from './value-schema.ts';

/*
 * The pure value parser (RULES.md §2). Everything here is synchronous and side-effect free.
 *
 * Exports:
 * - parseValue(raw)          one cell or phrase → Value
 * - toHalfWidth(s)           full-width digits/signs → ASCII, ≧≦ → ≥≤, ＝/﹦ → =
 * - stripSpaces(s)           removes every whitespace incl. U+3000 and NBSP
 * - normalizeText(s)         stripSpaces + toHalfWidth + thousands separators dropped
 * - dropThousandsSeparators  "11,122,315.04" → "11122315.04" (only 3-digit groups)
 * - printedDecimals, intervals of printed figures: see precision.ts
 * - parseAmountWan(text)     a money amount in 万元 with its printed decimals
 * - parseRate(text)          "133.86%" → { raw, value: 1.3386, decimals: 2 }
 * - qualitativeTier(text)    the RULES.md §2 tier of a qualitative wording
 * - isEmptyMarker(text)      "", —, －, -, /, ／, 无, 0 → true (empty `why` cells)
 * - COUNT_UNITS, MONEY_UNITS measurement units recognised in prose
 */

/** Full-width to ASCII (RULES.md §2): ０-９．％（）＋－, ＝ ﹦ ═ → =, ＞＜ → ><, ≧≦ → ≥≤, >= <= → ≥ ≤. */
export function toHalfWidth(s: string): string {
  // Most strings have nothing to map: returned as they are, without building a copy.
  if (!HALF_WIDTH_NEEDED.test(s)) return s;
  let out = '';
  for (const ch of s) out += HALF_WIDTH[ch] ?? ch;
  return out.replace(/>=/g, '≥').replace(/<=/g, '≤');
}

/** One character of toHalfWidth (without its `>=` → `≥` pairs). */
export function halfWidthChar(ch: string): string {
  return HALF_WIDTH[ch] ?? ch;
}

const HALF_WIDTH: Record<string, string> = {
  '．': '.', '％': '%', '（': '(', '）': ')', '＋': '+', '－': '-', '＝': '=', '﹦': '=', '＞': '>', '＜': '<',
  '≧': '≥', '≦': '≤', '～': '~', '〜': '~',
  // ═ (U+2550, box drawing) stands for = in some published forms (VARIANTS.md).
  '═': '=',
};
for (let c = 0xff10; c <= 0xff19; c++) HALF_WIDTH[String.fromCharCode(c)] = String.fromCharCode(c - 0xff10 + 0x30);
/** A string toHalfWidth changes: one of the characters it maps, or >= / <=. */
const HALF_WIDTH_NEEDED = new RegExp(`[${Object.keys(HALF_WIDTH).join('')}]|[<>]=`);

/** Removes all whitespace, including U+3000 (ideographic space) and NBSP. */
export function stripSpaces(s: string): string {
  return s.replace(/[\s\u3000\u00a0\u200b\ufeff]+/g, '');
}

/** Drops thousands separators between digits ("11,122,315.04" → "11122315.04"); list commas stay. */
export function dropThousandsSeparators(s: string): string {
  return s.replace(/\d{1,3}(?:,\d{3})+(?:\.\d+)?(?![\d,])/g, (m, offset: number, whole: string) => {
    // Do not glue onto a preceding digit run ("2021,100" is a list, not 2021100).
    if (offset > 0 && /[\d.]/.test(whole[offset - 1]!)) return m;
    return m.replace(/,/g, '');
  });
}

/** stripSpaces + toHalfWidth + dropThousandsSeparators: the form every matcher works on. */
export function normalizeText(s: string): string {
  // The same labels and cells are normalised by recognition and by many rules: once each.
  let n = NORMALIZED.get(s);
  if (n === undefined) {
    n = dropThousandsSeparators(toHalfWidth(stripSpaces(s)));
    if (NORMALIZED.size >= MEMO_LIMIT) NORMALIZED.clear();
    NORMALIZED.set(s, n);
  }
  return n;
}

/** Entries kept by the string memos (a bound on their memory; cleared whole when reached). */
export const MEMO_LIMIT = 50_000;
const NORMALIZED = new Map<string, string>();


/** Rounds away binary noise (0.0739000000001 → 0.0739). */
function clean(x: number): number {
  return Number(x.toPrecision(12));
}

/** Money units and their factor to 万元. */
export const MONEY_UNITS: Record<string, number> = { 亿元: 10000, 万元: 1, 千元: 0.1, 元: 0.0001 };

/**
 * Count and measure units recognised after a number in prose (longest first when matching).
 * Cells accept any short unit as printed; prose needs this list to know where a unit ends.
 */
export const COUNT_UNITS: readonly string[] = [
  '平方公里', '平方千米', '平方米', '立方米', '公里', '千米', '公顷', '万人次', '人次', '户次', '场次', '车次', '批次',
  '个百分点', '百分点', '小时', '分钟', '课时', '学时', '人', '户', '个', '块', '米', '册', '条', '场', '套', '车', '处', '吨', '次',
  '件', '起', '家', '份', '亩', '项', '所', '名', '辆', '台', '间', '栋', '座', '批', '张', '本', '篇', '期', '天', '周',
  '宗', '例', '组', '支', '只', '株', '棵', '箱', '袋', '盏', '床', '位', '对', '部', '门', '盒', '斤', '公斤', '千克',
  '克', '升', '度', '元/人', '元/月', '分', '节', '轮', '级', '类', '幅', '面', '根', '把', '种', '包', '瓶', '顿',
];

const EMPTY_MARKERS = new Set(['', '—', '－', '-', '/', '／', '无', '0', '——', '--']);

/** True when a reason (`why`) cell counts as empty (RULES.md §2 empty markers). */
export function isEmptyMarker(text: string): boolean {
  return EMPTY_MARKERS.has(stripSpaces(text));
}

/**
 * The tier of a qualitative wording (RULES.md §2), or null when it has none.
 * NOT: 未…/没有/差; PARTIAL: 部分…/一定…; BASIC: 基本…/较好/较高/大部分; ACHIEVED: 全部…/完成/达成/已实现/
 * 有效/显著/明显/良好/优/高/好/达到/实现.
 */
export function qualitativeTier(text: string): Tier | null {
  const s = normalizeText(text).replace(/[。.!！]+$/, '');
  if (!s) return null;
  if (/^(未|没有|无法|不达|不合格|不满意|不到位)|没有|较差|差$|未达|未完成|未实现/.test(s)) return 'not';
  if (/^大部分|^大部/.test(s)) return 'basic';
  if (/^部分|^一定|部分(达成|完成|实现|达到)/.test(s)) return 'partial';
  if (/^基本|较好|较高|大部分|大部|基本(完成|达到|稳定|落实|实现)/.test(s)) return 'basic';
  if (/^全部|^全面|完成|达成|已实现|实现|有效|显著|明显|良好|优|高|好|达到|达标|稳定|提升|提高|改善|满意/.test(s)) return 'achieved';
  return null;
}

type Parsed = {
  value: number;
  unit: string | null;
  kind: 'amount' | 'percent' | 'number';
  decimals: number;
  approx: boolean;
};

/** Matches one number with an optional 万/亿 multiplier, mid qualifier (余/多/来) and unit. */
const NUM = String.raw`(\d+(?:\.\d+)?)`;

function unitOf(mult: string, unitText: string): { kind: Parsed['kind']; unit: string | null; factor: number } | null {
  const u = mult + unitText;
  if (u === '') return { kind: 'number', unit: null, factor: 1 };
  if (u in MONEY_UNITS) return { kind: 'amount', unit: '万元', factor: MONEY_UNITS[u]! };
  if (u === '%' || u === '百分比') return { kind: 'percent', unit: '%', factor: 0.01 };
  // Anything else is a count or measure, kept as printed (never years, months, days, document numbers).
  if (/^[年月日号时]|^(周岁|岁)$/.test(unitText) && mult === '') return null;
  if (!/^[\u4e00-\u9fffA-Za-z/·²³%]{0,6}$/.test(u)) return null;
  // "万元余元" (garbled) or "元多": not one unit.
  if (/[余多]/.test(u) || (/元/.test(u) && !/\//.test(u))) return null;
  return { kind: 'number', unit: u, factor: 1 };
}

function readOne(numText: string, mult: string, midQual: string, unitText: string): Parsed | null {
  const u = unitOf(mult, unitText);
  if (!u) return null;
  const n = Number(numText);
  if (!Number.isFinite(n)) return null;
  return {
    value: clean(n * u.factor),
    unit: u.unit,
    kind: u.kind,
    decimals: printedDecimals(numText),
    approx: midQual !== '',
  };
}

const PREFIX_WORDS: Array<[RegExp, Comparator | null, boolean]> = [
  [/^(不低于|不少于|不小于|大于等于|大于或等于|至少|达到|≥)/, '≥', false],
  [/^(不高于|不超过|不大于|小于等于|小于或等于|控制在|≤)/, '≤', false],
  [/^(高于|大于|>)/, '>', false],
  [/^(低于|小于|<)/, '<', false],
  [/^(等于|=)/, '=', false],
  [/^(超过|超)/, null, true],
  [/^(大约|约为|约|近|将近|接近)/, null, true],
  // Verbs that only introduce the figure ("完成90%", "累计162户").
  [/^(已完成|完成|已实现|实现|累计|共计|合计|共)/, null, false],
];

const SUFFIX_WORDS: Array<[RegExp, Comparator | null, boolean]> = [
  [/(以上|及以上)$/, '≥', true],
  [/(以内|以下|及以下|之内|内)$/, '≤', false],
  [/(左右|上下)$/, null, true],
  [/(余|多)$/, null, true],
];

const SINGLE = new RegExp(String.raw`^${NUM}(万|亿)?(余|多|来)?([^\d.~\-至到]*)$`);
const RANGE = new RegExp(String.raw`^${NUM}(万|亿)?([^\d.~\-至到]*)(?:~|-|—|–|至|到)${NUM}(万|亿)?([^\d.~\-至到]*)$`);

/** Parses a normalised quantity body (comparator words removed). */
function parseBody(body: string): { p: Parsed; range: [number, number] | null } | null {
  let m = SINGLE.exec(body);
  if (m) {
    const p = readOne(m[1]!, m[2] ?? '', m[3] ?? '', m[4] ?? '');
    return p ? { p, range: null } : null;
  }
  m = RANGE.exec(body);
  if (m) {
    const [, n1, mult1 = '', unit1 = '', n2, mult2 = '', unit2 = ''] = m;
    // "2018-2020": two years, not a range.
    if (!unit1 && !unit2 && /^(19|20)\d\d$/.test(n1!) && /^(19|20)\d\d$/.test(n2!)) return null;
    const hi = readOne(n2!, mult2, '', unit2);
    const lo = readOne(n1!, mult1 || (unit1 ? '' : mult2), '', unit1 || unit2);
    if (!hi || !lo || lo.kind !== hi.kind || lo.unit !== hi.unit) return null;
    return { p: { ...lo, decimals: Math.max(lo.decimals, hi.decimals) }, range: [lo.value, hi.value] };
  }
  return null;
}

const BOOLEANS: Record<string, boolean> = { 是: true, 有: true, 否: false, 无: false };

/** Reads a cell or phrase as one quantity (RULES.md §2). Pure. */
export function parseValue(raw: string): Value {
  const trimmed = raw.replace(/^[\s\u3000\u00a0]+|[\s\u3000\u00a0]+$/g, '');
  const base: Value = {
    raw: trimmed,
    kind: 'empty',
    value: null,
    unit: null,
    comparator: null,
    approx: false,
    tier: null,
    decimals: null,
    range: null,
  };
  // Digits separated by spaces are two numbers glued together ("742.25 120"), unless the groups are
  // thousands groups ("1 000 000").
  const spaced = toHalfWidth(trimmed).replace(/(?<![\d.])(\d{1,3})((?:[ \u3000\u00a0]\d{3})+)(?![\d.])/g, (_m, a: string, b: string) => a + b.replace(/[ \u3000\u00a0]/g, ''));
  if (/[\d.][\s\u3000\u00a0]+\d/.test(spaced)) return { ...base, kind: 'text' };
  let s = normalizeText(trimmed).replace(/[。；;，,]+$/, '');
  if (!s) return base;
  // A trailing remark in parentheses ("90%(基本完成)", "是(已完成)") does not change the value.
  const remark = /^([^()]+)\([^()]*\)$/.exec(s);
  if (remark && /[\d是否有无]/.test(remark[1]!) && parseValue(remark[1]!).kind !== 'text') {
    return { ...parseValue(remark[1]!), raw: trimmed };
  }
  if (s in BOOLEANS) return { ...base, kind: 'boolean', value: BOOLEANS[s]! };

  let comparator: Comparator | null = null;
  let approx = false;
  // Leading comparison words and qualifiers (several may stack: "≥约").
  for (let changed = true; changed; ) {
    changed = false;
    for (const [re, cmp, ap] of PREFIX_WORDS) {
      const m = re.exec(s);
      if (!m) continue;
      const rest = s.slice(m[0].length);
      if (!/^\d/.test(rest) && !PREFIX_WORDS.some(([re2]) => re2.test(rest))) continue;
      if (cmp && !comparator) comparator = cmp;
      approx ||= ap;
      s = rest;
      changed = true;
      break;
    }
  }
  // Trailing comparison words and qualifiers ("200余块" keeps 余 inside; "90%以上", "30万元以内").
  for (let changed = true; changed; ) {
    changed = false;
    for (const [re, cmp, ap] of SUFFIX_WORDS) {
      const m = re.exec(s);
      if (!m) continue;
      const rest = s.slice(0, m.index);
      if (!/\d/.test(rest)) continue;
      // "余"/"多" right after a digit is a mid qualifier handled by the body grammar.
      if ((m[1] === '余' || m[1] === '多') && /\d$/.test(rest)) continue;
      // "内" alone only after 控制在 or a unit ("30万元内"); never eat part of a unit.
      if (m[1] === '内' && comparator !== '≤' && !/[\u4e00-\u9fff%]$/.test(rest)) continue;
      if (cmp) comparator = cmp;
      approx ||= ap;
      s = rest;
      changed = true;
      break;
    }
  }
  if (/^第|^\(?[〔\[【(]?(19|20)\d\d[〕\]】)]/.test(s)) return qualitativeOrText(base);
  const parsed = parseBody(s);
  if (!parsed) return qualitativeOrText(base);
  const { p, range } = parsed;
  let value = p.value;
  if (range) value = comparator === '≤' || comparator === '<' ? range[1] : range[0];
  return {
    ...base,
    kind: p.kind,
    value,
    unit: p.unit,
    comparator,
    approx: approx || p.approx,
    decimals: p.decimals,
    range,
  };
}

function qualitativeOrText(base: Value): Value {
  const tier = qualitativeTier(base.raw);
  return tier ? { ...base, kind: 'qualitative', tier } : { ...base, kind: 'text' };
}

/** A money amount: value in 万元 (a bare number is read in `defaultUnit`), its printed decimals, approx. */
export interface AmountWan {
  value: number;
  decimals: number;
  approx: boolean;
  /** The unit as printed ("元", "万元", "亿元"), or null for a bare number. */
  printedUnit: string | null;
}

/**
 * Reads a money amount in 万元 ("7.6亿元" → 76000, "72890元" → 7.289, "11,122,315.04元" → 1112.231504,
 * "742.25" → 742.25 when defaultUnit is 万元). Returns null when the text is not one amount.
 */
export function parseAmountWan(text: string, defaultUnit: '万元' | '元' | '亿元' = '万元'): AmountWan | null {
  const v = parseValue(text);
  if (v.kind === 'amount' && typeof v.value === 'number') {
    const m = /(亿元|万元|千元|元)/.exec(normalizeText(text));
    return { value: v.value, decimals: v.decimals ?? 0, approx: v.approx, printedUnit: m ? m[1]! : null };
  }
  if (v.kind === 'number' && v.unit === null && typeof v.value === 'number') {
    return { value: clean(v.value * MONEY_UNITS[defaultUnit]!), decimals: v.decimals ?? 0, approx: v.approx, printedUnit: null };
  }
  return null;
}

/** A printed rate: "148%" → { raw: "148%", value: 1.48, decimals: 0 }; null unless a percent. */
export function parseRate(text: string): { raw: string; value: number; decimals: number } | null {
  const v = parseValue(text);
  if (v.kind !== 'percent' || typeof v.value !== 'number') return null;
  return { raw: v.raw, value: v.value, decimals: v.decimals ?? 0 };
}
