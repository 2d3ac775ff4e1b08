/*
 * Narrative report extraction (TEMPLATES.md family 4). Pure: paragraphs in, figures out.
 *
 * OUTPUT CONTRACT (for form recognition and the rules of packages/score):
 *
 * facts — figures with a closed key (REPORT.md "Fact"), in document order:
 *   - value: amounts in 万元 (元 ÷ 10000, 亿元 × 10000: "公务用车0元" → 0); percentages as printed numbers
 *     (7.39 for "7.39%", unit "%"); counts as printed (unit "人", "人次"…). `raw` is the figure as printed
 *     ("3582.30万元"), `decimals` its printed decimals, `approx` true for 余/多/约/近/以上/左右/超.
 *   - label: the concept as written, subject and time words removed ("收入预算", "总支出决算数",
 *     "工资福利支出", "与上年相比增加", "增长").
 *   - at: the paragraph's Location with `text` = the sentence.
 *   - 基本支出/项目支出 inside a 支出决算 list are expense.final.basic / expense.final.project with `group` =
 *     that total (not expense.final.part); standalone they have group null.
 *   - totals: income.budget.total, income.final.total, expense.budget.total, expense.final.total,
 *     sanggong.budget.total, sanggong.final.total, staff.actual, staff.authorized, enumeration.total;
 *     standalone: expense.final.basic, expense.final.project, expense.budget.part (基本/项目支出 budget).
 *   - parts (`*.part`, staff.part, enumeration.part): `group` = index in `facts` of the fact they break
 *     down. Lists nest: "实有人员41人，其中在职人员共41人（…统发工资人员23人，非统发工资人员18人）" gives
 *     staff.actual 41 ← staff.part 在职人员 41 ← staff.part 23 and 18 (their group is the 在职人员 fact).
 *     So for narr-qizhong-sum / sanggong-sum: group parts by `group`, compare with facts[group].
 *   - the fact that has parts carries `completeList`: true only when the wording claims a complete list
 *     (分别为/包括/包含/由…构成); "其中" lists and bare parentheses are false (RULES.md narr-qizhong-sum).
 *   - changes: income.final.change.amount / .pct and expense.final.change.amount / .pct, with
 *     `direction` ("increase" for 增加/增长, "decrease" for 减少/下降) and `group` = index of the
 *     income.final.total / expense.final.total they refer to (null when the report states none).
 *     narr-yoy-recompute: p = d ÷ (N − d) for increase, d ÷ (N + d) for decrease.
 *   - indicator.actual is NOT produced here (no table is known at this stage): match `quantities`
 *     against indicators instead.
 *   - enumeration.total appears only when at least one part follows it.
 *
 * quantities — every number-with-unit of the narrative (facts included), with `context` = the printed
 *   clause before it, cut at the previous punctuation or figure ("投资总金额达到" → 7.6亿元,
 *   "杏花村片区旧改项目已完成" → 90%), and its Value (parseValue of the printed figure: amounts in 万元,
 *   percents as fractions). Comparison words such as 达到 stay in the context, not in the Value.
 *   For narr-table-indicator-match.
 *
 * rateClaims — "完成X人，完成率p%" / "Y户…签约X户，签约率p%": a percent whose clause ends in 率 (为/达到),
 *   with `count` = the closest figure before it in the same or previous two clauses, and `base` = a
 *   figure of the same unit in the count's own clause before it (162户 in "162户…签约154户"), else null.
 *   `subject` = the count's label. A money count is kept only with its base. For narr-ratio-recompute
 *   (base present) and narr-ratio-integer-base (base null).
 *
 * malformed — figures whose wording cannot be read as one quantity: two units with a qualifier between
 *   them ("2万元余元" → read as "2万余元"), or a number glued to the next figure ("742.25 120万元",
 *   "3.5.2万元" → read as the second number). `raw` as printed, `assumed`/`assumedEn` what was read
 *   instead (the quantity list holds that reading, with the printed raw).
 *
 * Lists: a figure followed by 其中 / 分别为 / 包括 / 由, or by a parenthesis holding figures, opens a list;
 * parts are the later figures of compatible unit (money with money; 人 with 人次) in the same sentence
 * (parenthesis depth respected); a list may also open in the next sentence ("…万元。其中：…") or after a
 * parenthesised remark ("…万元（比上年增加…），其中…"). "A、B分别为X、Y" labels the figures in order.
 */
import type { Fact, FactKey, Location, MalformedQuantity, NarrativeQuantity, RateClaim } from '@jxaudit/model';
import { CHANGE_FOLLOW_RE, CHANGE_RE, changeDirection, classifyConcept, cleanLabel } from './labels.ts';
import { applyRespectively, mapNormalize, scanQuantities, splitSentences, type ScannedQuantity } from './scan.ts';

export { cleanLabel, classifyConcept } from './labels.ts';
export { applyRespectively, mapNormalize, scanQuantities, splitSentences } from './scan.ts';
export { countNumber, extractCountClaims, listItems } from './counts.ts';
export { narrativeUnit } from './unit.ts';

/** One sentence-bearing paragraph of the narrative, with where it is. */
export interface NarrativeParagraph {
  text: string;
  at: Location;
}

export interface NarrativeExtraction {
  /** Every sentence of the paragraphs, with its location (text = the sentence). */
  sentences: Location[];
  facts: Fact[];
  quantities: NarrativeQuantity[];
  rateClaims: RateClaim[];
  malformed: MalformedQuantity[];
}

interface Holder {
  /** Opened in the previous ；-separated sentence: later parts must name the same kind of thing. */
  inherited?: boolean;
  /** Index of the fact broken down; null until the first part arrives (enumerations). */
  factIndex: number | null;
  partKey: FactKey;
  /** Parts live at this parenthesis depth or deeper. */
  openDepth: number;
  complete: boolean;
  q: ScannedQuantity;
  /** For a pending enumeration total. */
  pendingLabel: string;
  at: Location;
}

type FinalFamily = 'income.final' | 'expense.final';

/** A figure that may head a list opened by the next sentence ("…万元。其中：…"). */
interface Carry {
  q: ScannedQuantity;
  factIndex: number | null;
  partKey: FactKey;
  at: Location;
}

interface Breakdown {
  paren: boolean;
  complete: boolean;
}

const STRONG_INCOME = /收入决算|决算收入|总收入|本年收入|收入总额|收入合计/g;
const STRONG_EXPENSE = /支出决算|决算支出|总支出|本年支出|支出总额|支出合计/g;

function lastMatch(re: RegExp, s: string): number {
  let at = -1;
  for (const m of s.matchAll(re)) at = m.index ?? at;
  return at;
}

/**
 * Which final total a "与上年相比增加…" refers to: the last strong subject before it (收入决算…/支出决算…);
 * else the plain words 收入/支出 when this paragraph already stated a final total; else that total's
 * family when the sentence names neither. Budget changes (预算 without 决算) have no key: null.
 */
function changeFamily(before: string, ctx: string, lastFinal: FinalFamily | null): FinalFamily | null {
  if (/预算/.test(ctx + before) && !/决算/.test(ctx + before)) return null;
  const si = lastMatch(STRONG_INCOME, before);
  const se = lastMatch(STRONG_EXPENSE, before);
  if (si >= 0 || se >= 0) return si > se ? 'income.final' : 'expense.final';
  if (!lastFinal) return null;
  const wi = before.lastIndexOf('收入');
  const we = before.lastIndexOf('支出');
  if (wi < 0 && we < 0) return lastFinal;
  return wi > we ? 'income.final' : 'expense.final';
}

const BREAKDOWN_PAREN = /^\((其中|分别为|分别是|包括|包含|含)?[:：]?/;
const BREAKDOWN_INLINE = /^[,，:：]?(其中|分别为|分别是|包括|包含|由)/;

function breakdownAfter(q: ScannedQuantity): Breakdown | null {
  // "2021.29万元（不含结转），其中…": a remark without figures, then the list.
  const remark = /^\([^()]*\)/.exec(q.after);
  if (remark) {
    const m = BREAKDOWN_INLINE.exec(q.after.slice(remark[0].length));
    return m ? { paren: false, complete: m[1] !== '其中' } : null;
  }
  let m = BREAKDOWN_PAREN.exec(q.after);
  if (m) return { paren: true, complete: /分别|包括|包含/.test(m[1] ?? '') };
  m = BREAKDOWN_INLINE.exec(q.after);
  if (m) return { paren: false, complete: m[1] !== '其中' };
  return null;
}

type UnitClass = 'money' | 'count' | 'percent' | 'other';

function unitClass(q: ScannedQuantity): UnitClass {
  if (q.value.kind === 'amount') return 'money';
  if (q.value.kind === 'percent') return 'percent';
  if (q.value.kind === 'number' && q.value.unit && !/百分点/.test(q.value.unit)) return 'count';
  return 'other';
}

function compatible(a: ScannedQuantity, b: ScannedQuantity): boolean {
  const ca = unitClass(a);
  const cb = unitClass(b);
  if (ca !== cb || ca === 'percent' || ca === 'other') return false;
  if (ca === 'money') return true;
  const ua = a.value.unit ?? '';
  const ub = b.value.unit ?? '';
  return ua === ub || ua.startsWith(ub) || ub.startsWith(ua);
}

/**
 * 基本支出 / 项目支出 listed under a 支出决算 total keep their own keys (expense.final.basic/project, with
 * `group` = the total), so that table matching finds them wherever they are written.
 */
function partKeyFor(partKey: FactKey, label: string): FactKey {
  if (partKey === 'expense.final.part' && /^基本支出/.test(label)) return 'expense.final.basic';
  if (partKey === 'expense.final.part' && /^项目支出/.test(label)) return 'expense.final.project';
  return partKey;
}

/** Whether a part's label names the kind of thing its list is about (lists continued after ；). */
function labelFits(partKey: FactKey, label: string): boolean {
  if (partKey.startsWith('income.')) return /收入|拨款|资金|结转|结余|上级/.test(label);
  if (partKey.startsWith('expense.')) return /支出|费|补助|补贴|经费|工资|福利|商品|服务|资本/.test(label);
  if (partKey.startsWith('sanggong.')) return /出国|出境|接待|用车|车辆|购置/.test(label);
  if (partKey === 'staff.part') return /人员|人数|编制|职工|干部|工人|退休|在职|聘/.test(label);
  return false;
}

/** The printed number as a fact value: amounts in 万元, percents as printed (7.39), counts as printed. */
function factValue(q: ScannedQuantity): number {
  if (q.value.kind === 'percent') return Number(q.numText);
  return typeof q.value.value === 'number' ? q.value.value : Number(q.numText);
}

function factUnit(q: ScannedQuantity): string | null {
  return q.value.unit;
}

/** The figures of the narrative report (TEMPLATES.md family 4). */
export function extractNarrative(paragraphs: NarrativeParagraph[]): NarrativeExtraction {
  const facts: Fact[] = [];
  const quantities: NarrativeQuantity[] = [];
  const rateClaims: RateClaim[] = [];
  const malformed: MalformedQuantity[] = [];
  const sentences: Location[] = [];

  const makeFact = (key: FactKey, label: string, q: ScannedQuantity, at: Location, group: number | null): Fact => ({
    key,
    label,
    value: factValue(q),
    unit: factUnit(q),
    approx: q.value.approx,
    raw: q.raw,
    decimals: q.value.decimals ?? 0,
    group,
    at,
  });
  const lastIndexOf = (key: FactKey): number | null => {
    for (let i = facts.length - 1; i >= 0; i--) if (facts[i]!.key === key) return i;
    return null;
  };

  /** The scanned figure behind each fact (for unit compatibility of later parts). */
  const figureOf = new Map<number, ScannedQuantity>();
  const pushFact = (f: Fact, q: ScannedQuantity): number => {
    facts.push(f);
    figureOf.set(facts.length - 1, q);
    return facts.length - 1;
  };
  const holderFor = (factIndex: number | null, partKey: FactKey, q: ScannedQuantity, bd: Breakdown, at: Location, depth = q.depth): Holder => ({
    factIndex,
    partKey,
    openDepth: bd.paren ? depth + 1 : depth,
    complete: bd.complete,
    q,
    pendingLabel: factIndex === null ? cleanLabel(q.ctx) : '',
    at,
  });

  for (const para of paragraphs) {
    let lastFinalFamily: FinalFamily | null = null;
    /** The last figure of the previous sentence, when nothing but the terminator followed it. */
    let carry: Carry | null = null as Carry | null;
    let pendingStack: Holder[] = [];
    for (const sentence of splitSentences(para.text)) {
      const at: Location = { ...para.at, text: sentence };
      sentences.push(at);
      const t = mapNormalize(sentence);
      const qs = scanQuantities(t);
      applyRespectively(t, qs);
      const stack: Holder[] = pendingStack;
      pendingStack = [];
      let prevChange: { family: FinalFamily; group: number | null } | null = null;
      let last: Carry | null = null as Carry | null;
      /** Figures followed by a parenthesis, by depth: they own a list opened after it closes. */
      const owners = new Map<number, Carry>();
      /** The last figure of the sentence that is not a part (a total or an enumeration head). */
      let head: Carry | null = null as Carry | null;

      // "…收入预算2021.29万元。其中：经费拨款…" — a list opened in the next sentence.
      const opener = /^(其中|分别为|分别是|包括|包含)[:：,，]?/.exec(t.s);
      if (opener && carry) {
        stack.push(holderFor(carry.factIndex, carry.partKey, carry.q, { paren: false, complete: opener[1] !== '其中' }, carry.at, 0));
        if (carry.factIndex !== null) facts[carry.factIndex]!.completeList = opener[1] !== '其中';
      }
      carry = null;

      for (let i = 0; i < qs.length; i++) {
        const q = qs[i]!;
        quantities.push({ context: q.context, value: q.value, at });
        if (q.malformed) {
          malformed.push(q.malformed.glued ? {
            raw: q.raw,
            assumed: `两个数字连在一起，按后一个数“${q.malformed.reading}”理解`,
            assumedEn: `Two numbers run together; read as the second one, “${q.malformed.reading}”`,
            at,
          } : {
            raw: q.raw,
            assumed: `两个单位之间夹有“余”“多”，按“${q.malformed.repaired}”理解：约${q.malformed.reading}（至少${q.malformed.reading}），不参与精确相等核对`,
            assumedEn: `Two units with a qualifier between them; read as “${q.malformed.repaired}”: about ${q.malformed.reading} (at least ${q.malformed.reading}), kept out of exact-equality checks`,
            at,
          });
        }
        const cls = unitClass(q);
        const bd = breakdownAfter(q);
        const prev = i > 0 ? qs[i - 1]! : null;
        if (prev && last && last.q === prev && prev.after.startsWith('(')) owners.set(prev.depth, last);
        last = null;

        // Close the lists this figure is outside of.
        while (stack.length && q.depth < stack[stack.length - 1]!.openDepth) stack.pop();

        // "…万元（比上年增加10万元），其中…": the list after the parenthesis breaks down its owner.
        const reopen = prev ? /^[^()]*\)[，,:：]?(其中|分别为|分别是|包括|包含)/.exec(prev.after) : null;
        const owner = reopen ? owners.get(q.depth) : undefined;
        if (reopen && owner) {
          const complete = reopen[1] !== '其中';
          while (stack.length && stack[stack.length - 1]!.openDepth >= q.depth) stack.pop();
          stack.push(holderFor(owner.factIndex, owner.partKey, owner.q, { paren: false, complete }, owner.at, q.depth));
          if (owner.factIndex !== null) facts[owner.factIndex]!.completeList = complete;
        }

        // Year-on-year changes: never parts; a list opened right after one breaks down the total.
        const isChange = CHANGE_RE.test(q.ctx) || (prevChange !== null && CHANGE_FOLLOW_RE.test(q.ctx));
        if (isChange) {
          const family: FinalFamily | null = CHANGE_RE.test(q.ctx) ? changeFamily(t.s.slice(0, q.start), q.ctx, lastFinalFamily) : prevChange!.family;
          const group: number | null = family ? lastIndexOf(`${family}.total` as FactKey) : null;
          if (family && (cls === 'money' || cls === 'percent')) {
            const key = `${family}.change.${cls === 'money' ? 'amount' : 'pct'}` as FactKey;
            const m = /(与|比|较|同比).*$/.exec(q.ctx);
            pushFact({ ...makeFact(key, m ? m[0] : cleanLabel(q.ctx), q, at, group), direction: changeDirection(q.ctx) }, q);
          }
          prevChange = family ? { family, group } : null;
          if (bd && family && group !== null) {
            stack.length = 0;
            facts[group]!.completeList = bd.complete;
            stack.push(holderFor(group, `${family}.part` as FactKey, figureOf.get(group) ?? q, bd, at, q.depth));
          } else if (bd && head) {
            // "三公经费支出2.3万元，较上年下降15%，其中…": the list breaks down the sentence's figure.
            stack.length = 0;
            if (head.factIndex !== null) facts[head.factIndex]!.completeList = bd.complete;
            stack.push(holderFor(head.factIndex, head.partKey, head.q, bd, head.at, q.depth));
          }
          continue;
        }
        prevChange = null;
        if (cls === 'percent' || cls === 'other') continue;

        // A part of the innermost open list?
        while (stack.length && !compatible(stack[stack.length - 1]!.q, q)) stack.pop();
        if (stack.length && stack[stack.length - 1]!.inherited && !labelFits(stack[stack.length - 1]!.partKey, cleanLabel(q.ctx))) {
          stack.length = 0;
        }
        const top = stack[stack.length - 1];
        if (top) {
          if (top.factIndex === null) {
            top.factIndex = pushFact({ ...makeFact('enumeration.total', top.pendingLabel, top.q, top.at, null), completeList: top.complete }, top.q);
          }
          const label = cleanLabel(q.ctx);
          const idx = pushFact(makeFact(partKeyFor(top.partKey, label), label, q, at, top.factIndex), q);
          if (bd) {
            facts[idx]!.completeList = bd.complete;
            stack.push(holderFor(idx, top.partKey, q, bd, at));
          }
          last = { q, factIndex: idx, partKey: top.partKey, at };
          continue;
        }

        // A figure of a known concept, or the head of an enumeration.
        const concept = classifyConcept(q.ctx, cls === 'money' ? 'amount' : 'count');
        if (concept && (cls === 'money' || /^(人|名)$/.test(q.value.unit ?? ''))) {
          const idx = pushFact(makeFact(concept.key, concept.label, q, at, null), q);
          if ((concept.family === 'income.final' || concept.family === 'expense.final') && concept.key.endsWith('.total')) {
            lastFinalFamily = concept.family;
          }
          const partKey = (concept.family === 'staff' ? 'staff.part' : `${concept.family}.part`) as FactKey;
          if (bd) {
            facts[idx]!.completeList = bd.complete;
            stack.push(holderFor(idx, partKey, q, bd, at));
          }
          last = { q, factIndex: idx, partKey, at };
          head = last;
          continue;
        }
        if (bd) stack.push(holderFor(null, 'enumeration.part', q, bd, at));
        last = { q, factIndex: null, partKey: 'enumeration.part' as FactKey, at };
        head = last;
      }
      const tail = qs.length ? qs[qs.length - 1]! : null;
      if (last && tail && last.q === tail && /^[。；;!！]?$/.test(tail.after)) carry = last;
      // "基本支出1000万元，占81%；项目支出234.56万元": a fixed-concept list goes on after ；.
      if (/[；;]$/.test(t.s)) {
        pendingStack = stack
          .filter((h) => h.factIndex !== null && h.partKey !== 'enumeration.part' && h.openDepth === 0)
          .map((h) => ({ ...h, inherited: true }));
      }

      // Rate claims: "…X人，…完成率p%", "Y户…签约X户，签约率p%".
      for (let i = 0; i < qs.length; i++) {
        const r = qs[i]!;
        if (r.value.kind !== 'percent' || !/率(为|达到|达|是|约为|约)?$/.test(r.ctx)) continue;
        if (CHANGE_RE.test(r.ctx)) continue;
        let c = -1;
        for (let j = i - 1; j >= 0; j--) {
          const k = unitClass(qs[j]!);
          if (k === 'percent') break;
          if (k === 'count' || k === 'money') {
            c = j;
            break;
          }
        }
        if (c < 0 || r.clause - qs[c]!.clause > 2) continue;
        const count = qs[c]!;
        let base = null as ScannedQuantity | null;
        if (c > 0) {
          const b = qs[c - 1]!;
          const gap = t.s.slice(b.end, count.start);
          if (!/[，,；;、(:：]/.test(gap) && compatible(b, count)) base = b;
        }
        // A money "count" is a claim only with its base ("预算100万元中已支出95万元，执行率95%").
        if (unitClass(count) === 'money' && !base) continue;
        rateClaims.push({ subject: cleanLabel(count.ctx), count: count.value, base: base ? base.value : null, rate: r.value, at });
      }
    }
  }
  return { sentences, facts, quantities, rateClaims, malformed };
}
