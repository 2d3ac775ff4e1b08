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
 *   `subject` = the count's label. For narr-ratio-recompute (base present) and narr-ratio-integer-base
 *   (base null).
 *
 * malformed — figures whose wording cannot be read as one quantity ("2万元余元"): `raw` as printed,
 *   `assumed`/`assumedEn` what was read instead (the quantity list holds that reading).
 */
import type { Fact, FactKey, Location, MalformedQuantity, NarrativeQuantity, RateClaim } from '@jxaudit/model';
import { CHANGE_FOLLOW_RE, CHANGE_RE, changeDirection, classifyConcept, cleanLabel, type Family } from './labels.ts';
import { mapNormalize, scanQuantities, splitSentences, type ScannedQuantity } from './scan.ts';

export { cleanLabel, classifyConcept } from './labels.ts';
export { mapNormalize, scanQuantities, splitSentences } from './scan.ts';

/** One sentence-bearing paragraph of the narrative, with where it is. */
export interface NarrativeParagraph {
  text: string;
  at: Location;
}

export interface NarrativeExtraction {
  facts: Fact[];
  quantities: NarrativeQuantity[];
  rateClaims: RateClaim[];
  malformed: MalformedQuantity[];
}

interface Holder {
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

const BREAKDOWN_PAREN = /^\((其中|分别为|分别是|包括|包含|含)?[:：]?/;
const BREAKDOWN_INLINE = /^[,，:：]?(其中|分别为|分别是|包括|包含|由)/;

function breakdownAfter(q: ScannedQuantity): { paren: boolean; complete: boolean } | null {
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

  for (const para of paragraphs) {
    let lastFinalFamily: 'income.final' | 'expense.final' | null = null;
    for (const sentence of splitSentences(para.text)) {
      const at: Location = { ...para.at, text: sentence };
      const t = mapNormalize(sentence);
      const qs = scanQuantities(t);
      const stack: Holder[] = [];
      let prevChange: { family: 'income.final' | 'expense.final'; group: number | null } | null = null;

      for (let i = 0; i < qs.length; i++) {
        const q = qs[i]!;
        quantities.push({ context: q.context, value: q.value, at });
        if (q.malformed) {
          malformed.push({
            raw: q.raw,
            assumed: `两个单位之间夹有“余”“多”，按“${q.malformed.repaired}”理解：约${q.malformed.reading}（至少${q.malformed.reading}），不参与精确相等核对`,
            assumedEn: `Two units with a qualifier between them; read as “${q.malformed.repaired}”: about ${q.malformed.reading} (at least ${q.malformed.reading}), kept out of exact-equality checks`,
            at,
          });
        }
        const cls = unitClass(q);

        // Close the lists this figure is outside of.
        while (stack.length && q.depth < stack[stack.length - 1]!.openDepth) stack.pop();

        // Year-on-year changes.
        const isChange = CHANGE_RE.test(q.ctx) || (prevChange !== null && CHANGE_FOLLOW_RE.test(q.ctx));
        if (isChange) {
          stack.length = 0;
          let family: 'income.final' | 'expense.final' | null = null;
          if (CHANGE_RE.test(q.ctx)) {
            const before = t.s.slice(0, q.start);
            const inc = before.lastIndexOf('收入');
            const exp = before.lastIndexOf('支出');
            family = inc < 0 && exp < 0 ? lastFinalFamily : inc > exp ? 'income.final' : 'expense.final';
            if (/预算/.test(q.ctx) && !/决算/.test(q.ctx)) family = null;
          } else family = prevChange!.family;
          if (family && (cls === 'money' || cls === 'percent')) {
            const group = lastIndexOf(`${family}.total` as FactKey);
            const key = `${family}.change.${cls === 'money' ? 'amount' : 'pct'}` as FactKey;
            const m = /(与|比|较|同比).*$/.exec(q.ctx);
            const label = m ? m[0] : cleanLabel(q.ctx);
            facts.push({ ...makeFact(key, label, q, at, group), direction: changeDirection(q.ctx) });
            prevChange = { family, group };
          }
          continue;
        }
        prevChange = null;
        if (cls === 'percent' || cls === 'other') continue;

        // A part of the innermost open list?
        while (stack.length && !compatible(stack[stack.length - 1]!.q, q)) stack.pop();
        const top = stack[stack.length - 1];
        if (top) {
          if (top.factIndex === null) {
            facts.push({ ...makeFact('enumeration.total', top.pendingLabel, top.q, top.at, null), completeList: top.complete });
            top.factIndex = facts.length - 1;
          }
          facts.push(makeFact(top.partKey, cleanLabel(q.ctx), q, at, top.factIndex));
          const idx = facts.length - 1;
          const bd = breakdownAfter(q);
          if (bd) {
            facts[idx]!.completeList = bd.complete;
            stack.push({ factIndex: idx, partKey: top.partKey, openDepth: bd.paren ? q.depth + 1 : q.depth, complete: bd.complete, q, pendingLabel: '', at });
          }
          continue;
        }

        // A figure of a known concept, or the head of an enumeration.
        const concept = classifyConcept(q.ctx, cls === 'money' ? 'amount' : 'count');
        const bd = breakdownAfter(q);
        if (concept && (cls === 'money' || /^(人|名)$/.test(q.value.unit ?? ''))) {
          facts.push(makeFact(concept.key, concept.label, q, at, null));
          const idx = facts.length - 1;
          if (concept.family === 'income.final' || concept.family === 'expense.final') {
            if (concept.key.endsWith('.total')) lastFinalFamily = concept.family;
          }
          if (bd) {
            facts[idx]!.completeList = bd.complete;
            const partKey = (concept.family === 'staff' ? 'staff.part' : `${concept.family}.part`) as FactKey;
            stack.push({ factIndex: idx, partKey, openDepth: bd.paren ? q.depth + 1 : q.depth, complete: bd.complete, q, pendingLabel: '', at });
          }
          continue;
        }
        if (bd) {
          stack.push({
            factIndex: null,
            partKey: 'enumeration.part',
            openDepth: bd.paren ? q.depth + 1 : q.depth,
            complete: bd.complete,
            q,
            pendingLabel: cleanLabel(q.ctx),
            at,
          });
        }
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
        rateClaims.push({ subject: cleanLabel(count.ctx), count: count.value, base: base ? base.value : null, rate: r.value, at });
      }
    }
  }
  return { facts, quantities, rateClaims, malformed };
}
