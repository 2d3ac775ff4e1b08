/*
 * Labels and concepts of narrative figures: "我街道2021年度收入预算" → label "收入预算", family income.budget.
 */

/** The text after the last list marker ("其中在职人员共" → "在职人员共", "经…核定列入统发工资人员" → "统发工资人员"). */
const SPLIT_MARKERS = /(其中|即|列入|包括|包含|分别为|分别是|分别|由)/g;

const LEADING: RegExp[] = [
  /^[：:，,、;；()]+/,
  /^(截止|截至|截止到|截至到|到|至)/,
  /^(19|20)\d\d年(度)?(\d{1,2}月)?(\d{1,2}日)?(底|末|初)?/,
  /^(\d{1,2}月)(\d{1,2}日)?(底|末|初)?/,
  /^(我|本)(街道|单位|部门|局|委|办|中心|镇|乡|院|校|所|区|县|市)/,
  /^(街道|全街|全年|全镇|全乡|全区|全县|本年度|本年|今年|当年|年末|年底|年初)/,
  /^(其中|共计|共有|合计|总计|累计|共|完成|实现|已完成|已实现|新增)/,
];

// 约/达 end many words (签约, 节约, 下达, 传达): strip them only as a standalone qualifier or verb.
const TRAILING = /(共计|共有|合计|总计|累计完成|累计|完成了|完成|共|总额为|总额|总数为|为|是|达到|(?<![到抵传下送表发])达|(?<![签合节制公条预履违])约|近|超过|有|计)$/;

/** Cleans a clause into a label: quotes removed, leading subject/time words and trailing verbs stripped. */
export function cleanLabel(ctx: string): string {
  let s = ctx.replace(/[“”"'‘’「」『』《》]/g, '');
  let last = -1;
  let lastLen = 0;
  for (let m = SPLIT_MARKERS.exec(s); m; m = SPLIT_MARKERS.exec(s)) {
    last = m.index;
    lastLen = m[0].length;
  }
  SPLIT_MARKERS.lastIndex = 0;
  if (last >= 0 && last + lastLen < s.length) s = s.slice(last + lastLen);
  for (let changed = true; changed; ) {
    changed = false;
    for (const re of LEADING) {
      const m = re.exec(s);
      if (m && m[0].length > 0 && m[0].length < s.length) {
        s = s.slice(m[0].length);
        changed = true;
      }
    }
    const t = TRAILING.exec(s);
    if (t && t.index > 0) {
      s = s.slice(0, t.index);
      changed = true;
    }
  }
  return s.replace(/[：:，,、]+$/, '');
}

export type Family =
  | 'income.budget'
  | 'income.final'
  | 'expense.budget'
  | 'expense.final'
  | 'sanggong.budget'
  | 'sanggong.final'
  | 'staff'
  | 'enumeration';

export type StandaloneKey =
  | 'income.budget.total'
  | 'income.final.total'
  | 'expense.budget.total'
  | 'expense.final.total'
  | 'expense.final.basic'
  | 'expense.final.project'
  | 'expense.budget.part'
  | 'sanggong.budget.total'
  | 'sanggong.final.total'
  | 'staff.authorized'
  | 'staff.actual';

export interface Concept {
  key: StandaloneKey;
  /** The family whose `.part` key its breakdown uses. */
  family: Family;
  /** The label as written ("收入预算", "总支出决算数"). */
  label: string;
}

/**
 * What a money or head-count figure stands for, from the clause before it (normalised, quotes
 * removed). Null when the clause names none of the report's fixed concepts.
 */
export function classifyConcept(ctx: string, kind: 'amount' | 'count'): Concept | null {
  const label = cleanLabel(ctx);
  if (kind === 'count') {
    if (/编制(数|人数)?$|核定编制|编制(人员|人数)/.test(ctx) && !/实有/.test(ctx)) return { key: 'staff.authorized', family: 'staff', label };
    if (/(实有|在职|在编|现有)(人员|人数|职工|干部)?/.test(ctx)) return { key: 'staff.actual', family: 'staff', label };
    return null;
  }
  if (/三公/.test(ctx)) {
    return /预算/.test(ctx)
      ? { key: 'sanggong.budget.total', family: 'sanggong.budget', label }
      : { key: 'sanggong.final.total', family: 'sanggong.final', label };
  }
  if (/基本支出/.test(ctx)) {
    return /预算/.test(ctx) ? { key: 'expense.budget.part', family: 'expense.budget', label } : { key: 'expense.final.basic', family: 'expense.final', label };
  }
  if (/项目支出/.test(ctx)) {
    return /预算/.test(ctx) ? { key: 'expense.budget.part', family: 'expense.budget', label } : { key: 'expense.final.project', family: 'expense.final', label };
  }
  const budget = /预算/.test(ctx) && !/决算/.test(ctx);
  if (/收入预算|预算收入|预算总收入|总收入|收入决算|决算收入|收入总(额|计)|收入合计|本年收入/.test(ctx)) {
    return budget ? { key: 'income.budget.total', family: 'income.budget', label } : { key: 'income.final.total', family: 'income.final', label };
  }
  if (/支出预算|预算支出|预算总支出|总支出|支出决算|决算支出|支出总(额|计)|支出合计|本年支出/.test(ctx)) {
    return budget ? { key: 'expense.budget.total', family: 'expense.budget', label } : { key: 'expense.final.total', family: 'expense.final', label };
  }
  return null;
}

/** "与上年相比增加", "比上年增长", "同比下降": a year-on-year change at the end of the clause. */
export const CHANGE_RE = /(与上年|与去年|与上一年|与上年度|与上年同期|比上年|比去年|比上年度|较上年|较去年|较上年度|同比)(相比|比较)?(增加|减少|增长|下降|上升|降低|提高|增|减|多|少)了?(了|为)?$/;

/** A clause that continues a change just stated ("，增长7.39%"). */
export const CHANGE_FOLLOW_RE = /^(增长|下降|增加|减少|上升|降低|提高|增幅|降幅|增长率|下降率|增幅为|降幅为|增长率为|下降率为)(了|为)?$/;

export function changeDirection(ctx: string): 'increase' | 'decrease' {
  return /减少|下降|降低|降幅|减|少/.test(ctx) ? 'decrease' : 'increase';
}
