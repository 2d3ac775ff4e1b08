/*
 * Counts a narrative report states and then lists (VARIANTS.md "Narrative reports"): "下设3个直属事业单位：
 * A、B、C", "下设A、B等2个股室", "共实施项目5个，其中：基础设施类项目3个（…），民生类项目2个", and a count
 * closed by a colon whose list follows as numbered paragraphs ("下设3个事业单位：" / "1.A" / "2.B" / "3.C").
 * Pure: paragraphs in, claims out. The rule narr-count-list compares each count with its own list.
 */
import type { CountClaim, Location } from '@jxaudit/model';

/** One paragraph of the narrative with where it is. */
interface Paragraph {
  text: string;
  at: Location;
}

const DIGITS: Record<string, number> = { 零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };

/** "12" → 12, "十二" → 12, "二十" → 20, "三十五" → 35; null when not a count up to 99. */
export function countNumber(text: string): number | null {
  const t = text.replace(/[０-９]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
  if (/^\d+$/.test(t)) return Number(t);
  const m = /^([一二两三四五六七八九])?(十)?([一二三四五六七八九])?$/.exec(t);
  if (!m || t === '') return null;
  if (!m[2]) return m[1] && !m[3] ? DIGITS[m[1]]! : null;
  return (m[1] ? DIGITS[m[1]]! : 1) * 10 + (m[3] ? DIGITS[m[3]]! : 0);
}

const NUM = '(\\d{1,3}|[一二两三四五六七八九十]{1,3})';
const COUNTER = '(个|家|所|项|支|座)';
/** What is counted: a short noun phrase ending in a unit-ish word. */
const THING = '([\\u4e00-\\u9fff]{1,12}?(?:单位|机构|股室|科室|部门|站所|中心|项目|学校|分局|所|站|队|室|局|办))';

/** "下设3个直属事业单位" (the list after) */
const COUNT_THEN_LIST = new RegExp(`(?:下设|内设|设有|下辖|管辖|共有|共设|所属)${NUM}${COUNTER}${THING}`, 'g');
/** "下设A、B、C等3个股室" (the list before) */
const LIST_THEN_COUNT = new RegExp(`(?:下设|内设|设有|下辖|包括)([^，。；:：]{2,200}?)(?:等|共)${NUM}${COUNTER}${THING}`, 'g');
/** "共实施项目5个" / "共实施5个项目" / "共5个项目" */
const PROJECT_TOTAL = new RegExp(`共(?:实施|安排|开展|建设)?(?:项目${NUM}${COUNTER}|${NUM}${COUNTER}(?:[\\u4e00-\\u9fff]{0,6})?项目)`, 'g');
/** A group of projects after 其中: "基础设施类项目3个（A、B、C）" / "民生类2个". */
const GROUP = new RegExp(`([\\u4e00-\\u9fff]{1,12}?(?:类|方面|领域)?(?:项目)?)${NUM}${COUNTER}(?:[(（]([^()（）]*)[)）])?`, 'g');

/** List items: names separated by 、 (the last may follow 和/及), a trailing 等 dropped. */
export function listItems(text: string): string[] {
  const body = text.replace(/^[:：，,]?(?:分别为|分别是|包括|即|为|是)?[:：]?/, '').replace(/[。；;，,]+$/, '').replace(/等$/, '');
  if (!body) return [];
  return body
    .split(/、|和|及|以及/)
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

/** A numbered list paragraph: "1.某某中心", "（2）某某站", "3、某某所", "一是…"; its style and number. */
const NUMBERED = /^\s*(?:(\d{1,2})[.．、]|[(（](\d{1,2})[)）]|([一二三四五六七八九十]{1,3})是)\s*(.+)$/;

/** The numbered paragraphs right after a count: same numbering style, consecutive from 1. */
function numberedFollowing(paragraphs: Paragraph[], from: number): string[] {
  const out: string[] = [];
  let style: number | null = null;
  for (let i = from; i < paragraphs.length; i++) {
    const m = NUMBERED.exec(paragraphs[i]!.text);
    if (!m) break;
    const which = m[1] ? 1 : m[2] ? 2 : 3;
    const n = countNumber(m[1] ?? m[2] ?? m[3]!);
    if ((style !== null && which !== style) || n !== out.length + 1) break;
    style = which;
    out.push(m[4]!.replace(/[：:，,。；;].*$/, '').trim());
  }
  return out;
}

/** The counts a narrative states with the list that follows them (or precedes them). */
export function extractCountClaims(paragraphs: Paragraph[]): CountClaim[] {
  const claims: CountClaim[] = [];
  paragraphs.forEach((para, index) => {
    const text = para.text.replace(/[\s\u3000]+/g, '');
    const at: Location = { ...para.at, text: para.text };
    const taken: [number, number][] = [];
    const overlaps = (a: number, b: number) => taken.some(([x, y]) => a < y && x < b);

    for (const m of text.matchAll(LIST_THEN_COUNT)) {
      const count = countNumber(m[2]!);
      const items = listItems(m[1]!);
      if (count === null || items.length < 2) continue;
      taken.push([m.index!, m.index! + m[0].length]);
      claims.push({ subject: m[4]!, count, raw: m[0], items, openEnded: false, groups: null, at });
    }
    for (const m of text.matchAll(COUNT_THEN_LIST)) {
      if (overlaps(m.index!, m.index! + m[0].length)) continue;
      const count = countNumber(m[1]!);
      if (count === null) continue;
      const rest = text.slice(m.index! + m[0].length);
      const sentenceEnd = rest.search(/[。；;]/);
      const tail = sentenceEnd < 0 ? rest : rest.slice(0, sentenceEnd);
      let items: string[] = [];
      // the list: after a colon or 分别为/包括/即, up to the end of the sentence
      const opener = /^(?:[，,]?(?:分别为|分别是|包括|即)[:：]?|[:：])/.exec(tail);
      if (opener) items = listItems(tail.slice(opener[0].length));
      if (opener && items.length === 0 && sentenceEnd < 0) items = numberedFollowing(paragraphs, index + 1);
      if (items.length < 2) continue;
      claims.push({ subject: m[3]!, count, raw: m[0], items, openEnded: /等$/.test(tail), groups: null, at });
    }
    for (const m of text.matchAll(PROJECT_TOTAL)) {
      const count = countNumber(m[1] ?? m[3]!);
      if (count === null) continue;
      const rest = text.slice(m.index! + m[0].length);
      const end = rest.search(/。/);
      const tail = end < 0 ? rest : rest.slice(0, end);
      const opener = /^[，,；;]?(?:其中|分别为|包括)[:：]?/.exec(tail);
      if (!opener) {
        const colon = /^[:：]/.exec(tail);
        if (!colon) continue;
        const items = tail.length > 1 ? listItems(tail.slice(1)) : numberedFollowing(paragraphs, index + 1);
        if (items.length >= 2) claims.push({ subject: '项目', count, raw: m[0], items, openEnded: /等$/.test(tail), groups: null, at });
        continue;
      }
      const groups: NonNullable<CountClaim['groups']> = [];
      for (const g of tail.slice(opener[0].length).matchAll(GROUP)) {
        const n = countNumber(g[2]!);
        if (n === null) continue;
        const label = g[1]!.replace(/^[，,；;、]/, '');
        const items = g[4] !== undefined ? listItems(g[4]) : null;
        groups.push({ label, count: n, items });
      }
      if (groups.length >= 2) claims.push({ subject: '项目', count, raw: m[0], items: [], openEnded: false, groups, at });
    }
  });
  return claims;
}
