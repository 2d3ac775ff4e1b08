/**
 * A variant generator (issue 11): composes a self-evaluation form from choices — family, fund
 * column set and order, indicator column set, header wording, labels split over paragraphs, money
 * unit, comparison signs, blank and placeholder rows, a second table, truncation — with figures it
 * invents, writes it in the three layouts of fixtures/tools/layouts.ts (.docx with real merges,
 * Tika .txt, tabbed .txt), and knows the answer key from where it put each figure. It can inject
 * one error of a known kind; the key then names the rule that must find it.
 *
 * Everything is drawn from a seeded generator: the same seed gives the same form, byte for byte.
 */
import { c, cont, write, type Block, type Spec, type Written } from '../../fixtures/tools/layouts.ts';
import type { FormKey } from '../../fixtures/tools/build-variant-fixtures.ts';

// ---------------------------------------------------------------- seeded choices

/** mulberry32: small, fast, good enough to pick choices. */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

class Dice {
  constructor(readonly next: () => number) {}
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }
  pick<T>(xs: readonly T[]): T {
    return xs[Math.floor(this.next() * xs.length)]!;
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
}

// ---------------------------------------------------------------- the choices

export const FAMILIES = ['project', 'department'] as const;
/** Fund block column sets of VARIANTS.md (the sample's, lettered, no 年初, Sichuan's rate-before-weight order). */
export const FUND_COLUMN_SETS = ['national', 'lettered', 'no-initial', 'rate-before-weight'] as const;
/**
 * Indicator column sets: national (值 before 分值), 衔接资金 (分值 before the values), Yunnan's two-row
 * header (年度指标值 split into 指标性质 | 指标值 | 度量单位, 绩效指标 spanning 一级/二级/三级), Sichuan's
 * one-row 指标性质 | 指标值 | 度量单位 | 完成值 | 权重 | 得分.
 */
export const INDICATOR_COLUMN_SETS = ['national', 'points-first', 'two-row', 'sichuan'] as const;
export const MONEY_UNITS = ['万元', '元'] as const;
export const ERRORS = ['part-sum', 'rate-digit', 'score-over-weight', 'header-weight', 'total-drops-budget'] as const;
export const NA_MARKERS = ['—', '/', '-', ''] as const;
export const TRUNCATIONS = ['none', 'before-total', 'before-satisfaction'] as const;

export interface Choices {
  family: (typeof FAMILIES)[number];
  fundColumns: (typeof FUND_COLUMN_SETS)[number];
  indicatorColumns: (typeof INDICATOR_COLUMN_SETS)[number];
  moneyUnit: (typeof MONEY_UNITS)[number];
  /** Header labels broken over paragraphs ("年初\n预算数"), else on one line. */
  splitHeaders: boolean;
  /** Vertical one-character-per-paragraph block labels (绩/效/指/标, 产/出/指/标/(50分)). */
  verticalLabels: boolean;
  /** 一级 cells carry their weight ("产出指标(50分)"); else the weight is left out. */
  level1Weights: boolean;
  totalWord: '总分' | '合计';
  satisfactionWord: '服务对象满意度指标' | '满意度指标' | '服务对象满意度指标等';
  /** Which spelling of ≥ the targets use. */
  geSign: '≥' | '≧' | '>=' | '＞=' | '不低于';
  /** Which spelling of = an exact target uses ('' for none). */
  eqSign: '' | '=' | '＝' | '﹦' | '═';
  /** Money printed with thousands separators (1,234,567.89). */
  thousands: boolean;
  /** One quality indicator falls short of its target, is scored in proportion and explained. */
  shortfall: boolean;
  /** How a 其中 row marks a figure it does not have (分值, 执行率, 得分). */
  naMarker: '—' | '/' | '-' | '';
  /** Lines above the title (公开14表, 报表编号). */
  headLines: boolean;
  /** Department forms: composition lines (按收入性质分 / 按支出性质分) in two wide cells in place of 其中 rows. */
  composition: boolean;
  /** Wording of the goal and indicator block labels (VARIANTS.md "Header wording"). */
  blockWording: 'national' | 'completion' | 'weighted';
  /** How the two .txt layouts are encoded. */
  txtEncoding: 'utf-8' | 'utf-16le-bom';
  /** Rows inside the indicator block that are not indicators. */
  blankRows: boolean;
  /** A second table (基础数据表) after the form. */
  secondTable: boolean;
  truncation: (typeof TRUNCATIONS)[number];
  error: (typeof ERRORS)[number] | null;
}

export function drawChoices(d: Dice): Choices {
  const truncation = d.chance(0.7) ? 'none' : d.pick(TRUNCATIONS);
  let error: Choices['error'] = d.chance(0.5) ? null : d.pick(ERRORS);
  // A total that drops the budget score needs a total row.
  if (truncation !== 'none' && error === 'total-drops-budget') error = null;
  const family = d.pick(FAMILIES);
  return {
    family,
    composition: family === 'department' && d.chance(0.5),
    fundColumns: d.pick(FUND_COLUMN_SETS),
    indicatorColumns: d.pick(INDICATOR_COLUMN_SETS),
    moneyUnit: d.pick(MONEY_UNITS),
    splitHeaders: d.chance(0.5),
    verticalLabels: d.chance(0.5),
    level1Weights: d.chance(0.8),
    totalWord: d.pick(['总分', '合计'] as const),
    satisfactionWord: d.pick(['服务对象满意度指标', '满意度指标', '服务对象满意度指标等'] as const),
    geSign: d.pick(['≥', '≧', '>=', '＞=', '不低于'] as const),
    eqSign: d.pick(['', '=', '＝', '﹦', '═'] as const),
    thousands: d.chance(0.3),
    shortfall: d.chance(0.3),
    naMarker: d.pick(['—', '/', '-', ''] as const),
    headLines: d.chance(0.3),
    txtEncoding: d.chance(0.2) ? 'utf-16le-bom' : 'utf-8',
    blockWording: d.pick(['national', 'completion', 'weighted'] as const),
    blankRows: d.chance(0.5),
    secondTable: d.chance(0.3),
    truncation,
    error,
  };
}

// ---------------------------------------------------------------- figures

/** Exact cents arithmetic: amounts are kept as integer hundredths of the printed unit. */
const fixed2 = (cents: number) => (cents / 100).toFixed(2);
/** A printed percentage as the fraction it stands for ("91.48%" → 0.9148, without binary noise). */
const fraction = (percentText: string) => Number((Number(percentText.replace('%', '')) * 0.01).toPrecision(12));
/** Half up to 2 decimals of a non-negative ratio × 100, exactly enough for the sizes drawn here. */
function percent2(num: number, den: number): string {
  const hundredths = Math.floor((num * 10000 * 2 + den) / (2 * den));
  return (hundredths / 100).toFixed(2);
}

interface Indicator {
  /** 指标性质 | 指标值 | 度量单位 of the target, for the two-row header. */
  split?: [string, string, string];
  level1: string;
  level1Points: number;
  level2: string;
  name: string;
  target: string;
  actual: string;
  points: number;
  score: number;
  reason: string;
}

export interface Generated {
  seed: number;
  choices: Choices;
  written: Written;
  key: FormKey;
  /** The rule that must find the injected error (error- or warning-level), or null on a clean form. */
  expectedRule: string | null;
  /** What is absent from a truncated form (the info finding must say so), else []. */
  absent: string[];
}

const UNITS = ['平川县水利局', '青石镇人民政府', '东湖区教育局', '123001-某某县某某镇人民政府', '白沙街道办事处'];
const PROJECTS = ['农村饮水安全巩固提升', '高标准农田建设', '城乡环境综合整治', '义务教育薄弱环节改善', '社区养老服务中心运营'];

const COUNT_TARGETS: [string, string, string][] = [
  ['新建供水管网', '公里', '30'],
  ['培训农民', '人次', '500'],
  ['改造校舍面积', '平方米', '1200'],
  ['完成检查', '次', '24'],
  ['建设服务站点', '个', '12'],
];

/** The level-1 groups: name, weight, and the 二级 categories under it. */
function indicatorPlan(d: Dice, c: Choices): { level1: string; weight: number; level2: string[] }[] {
  return [
    { level1: '产出指标', weight: 50, level2: ['数量指标', '质量指标', '时效指标', ...(d.chance(0.5) ? ['成本指标'] : [])] },
    { level1: '效益指标', weight: 30, level2: ['社会效益指标', '可持续影响指标', ...(d.chance(0.4) ? ['经济效益指标'] : [])] },
    { level1: '满意度指标', weight: 10, level2: [c.satisfactionWord] },
  ];
}

/** Splits a whole weight into n positive integer parts. */
function splitPoints(d: Dice, total: number, n: number): number[] {
  const parts = Array.from({ length: n }, () => 1);
  for (let left = total - n; left > 0; left--) parts[d.int(0, n - 1)]!++;
  return parts;
}

function makeIndicator(d: Dice, c: Choices, level1: string, level1Points: number, level2: string, points: number): Indicator {
  const base = { level1, level1Points, level2, points, score: points, reason: d.pick(['', '0', '无', '/']) };
  // 指标性质 columns hold signs only (=, ≥, ≤ and their look-alikes), never words.
  const geSign = (c.indicatorColumns === 'two-row' || c.indicatorColumns === 'sichuan') && c.geSign === '不低于' ? '≥' : c.geSign;
  const ge = (v: string) => (geSign === '不低于' ? `不低于${v}` : `${geSign}${v}`);
  if (level2.includes('满意度')) {
    const t = d.pick([85, 90, 95]);
    return { ...base, name: '受益群众满意度', target: ge(`${t}%`), actual: `${t + d.int(0, 100 - t)}%` };
  }
  switch (level2) {
    case '数量指标': {
      const [name, unit, n] = d.pick(COUNT_TARGETS);
      return { ...base, name, target: ge(`${n}${unit}`), actual: `${Number(n) + d.int(0, 5)}${unit}` };
    }
    case '质量指标': {
      const t = d.pick([90, 95, 98]);
      if (c.shortfall) {
        // Short by a few points, scored points × actual ÷ target (half up at 2 decimals), and explained.
        const a = t - d.int(1, 6);
        const hundredths = Math.floor((points * 100 * a * 2 + t) / (2 * t));
        return { ...base, name: '工程验收合格率', target: ge(`${t}%`), actual: `${a}%`, score: hundredths / 100, reason: '受汛期影响部分工程延期验收，已督促施工单位限期整改，下年度加强进度管理' };
      }
      return { ...base, name: d.pick(['工程验收合格率', '水质达标率', '培训合格率']), target: ge(`${t}%`), actual: `${t + d.int(0, 100 - t)}%` };
    }
    case '时效指标':
      return { ...base, name: '项目完成及时率', target: `${c.eqSign}100%`, actual: '100%' };
    case '成本指标': {
      const n = d.pick([180, 250, 500]);
      return { ...base, name: '人均受益成本', target: `≤${n}元`, actual: `${n - d.int(0, 30)}元` };
    }
    case '经济效益指标':
      return { ...base, name: '带动农户增收', target: d.pick(['有效', '明显']), actual: '有效' };
    case '社会效益指标':
      return { ...base, name: d.pick(['群众生活条件改善', '公共服务水平提升']), target: d.pick(['有效改善', '显著提升']), actual: d.pick(['有效改善', '显著提升']) };
    default:
      return { ...base, name: '长效管护机制', target: d.pick(['长期', '建立']), actual: d.pick(['已建立', '长期有效']) };
  }
}

// ---------------------------------------------------------------- composing

/** The fund block's header cells, in order, and which figure each column holds. */
type FundField = 'initial' | 'full' | 'executed' | 'points' | 'rate' | 'score';
function fundColumns(c: Choices): { header: string; field: FundField }[] {
  const br = (a: string, b: string) => (c.splitHeaders ? `${a}\n${b}` : a + b);
  switch (c.fundColumns) {
    case 'national':
      return [
        { header: br('年初', '预算数'), field: 'initial' },
        { header: br('全年', '预算数'), field: 'full' },
        { header: br('全年', '执行数'), field: 'executed' },
        { header: '分值', field: 'points' },
        { header: '执行率', field: 'rate' },
        { header: '得分', field: 'score' },
      ];
    case 'lettered':
      return [
        { header: br('年初', '预算数'), field: 'initial' },
        { header: br('全年', '预算数(A)'), field: 'full' },
        { header: br('全年', '执行数(B)'), field: 'executed' },
        { header: '分值', field: 'points' },
        { header: br('执行率', '(B/A)'), field: 'rate' },
        { header: '得分', field: 'score' },
      ];
    case 'no-initial':
      return [
        { header: br('全年', '预算数(A)'), field: 'full' },
        { header: br('全年', '执行数(B)'), field: 'executed' },
        { header: '分值', field: 'points' },
        { header: br('执行率', '(B/A)'), field: 'rate' },
        { header: '得分', field: 'score' },
      ];
    case 'rate-before-weight':
      return [
        { header: br('年初', '预算'), field: 'initial' },
        { header: br('调整后', '预算数'), field: 'full' },
        { header: br('预算', '执行数'), field: 'executed' },
        { header: br('预算', '执行率'), field: 'rate' },
        { header: '权重', field: 'points' },
        { header: '得分', field: 'score' },
      ];
  }
}

/** A score as printed: whole points bare ("16"), a proportional one at 2 decimals ("15.79"). */
const scoreText = (score: number) => (Number.isInteger(score) ? String(score) : score.toFixed(2));

const vertical = (s: string) => [...s].join('\n');

/** Generates one form from a seed. */
export function generate(seed: number): Generated {
  const d = new Dice(seeded(seed));
  const ch = drawChoices(d);
  const year = d.int(2019, 2024);
  const unit = d.pick(UNITS);
  const projectName = d.pick(PROJECTS);
  const implementer = d.pick(['平川县农村供水管理站', '青石镇农业综合服务中心', '东湖区第一中学']);
  const yuan = ch.moneyUnit === '元';

  // Figures in cents of the printed unit. 全年 ≥ 年初; the 其中 rows add up; the rate is at least 90%.
  const scaleCents = yuan ? 10000 : 1;
  const fullCents = d.int(5000, 500000) * (yuan ? d.int(9000, 11000) : 1);
  const initialCents = ch.fundColumns === 'no-initial' ? null : d.chance(0.5) ? fullCents : fullCents - d.int(0, Math.floor(fullCents / 10));
  const executedCents = Math.floor((fullCents * d.int(9000, 10000)) / 10000);
  const carryCents = d.chance(0.5) ? 0 : Math.floor(fullCents * d.next() * 0.3);
  const currentCents = fullCents - carryCents;
  const carryInitialCents = initialCents === null ? null : Math.min(carryCents, initialCents);
  const currentInitialCents = initialCents === null ? null : initialCents - carryInitialCents!;
  // Each 其中 row is executed at about the total's rate (a row below 90% would need a reason under sichuan-2023).
  const carryExecCents = Math.floor(carryCents * (executedCents / fullCents));
  const currentExecCents = executedCents - carryExecCents;
  const ratePrinted = percent2(executedCents, fullCents);
  const execPoints = 10;
  // 得分 = 10 × rate, half up to 2 decimals, in exact integer arithmetic.
  const execScoreHundredths = Math.floor((execPoints * 100 * executedCents * 2 + fullCents) / (2 * fullCents));
  let execScoreText = (execScoreHundredths / 100).toFixed(2);
  let rateText = `${ratePrinted}%`;

  // Indicators, all met, scored in full.
  const plan = indicatorPlan(d, ch);
  const indicators: Indicator[] = [];
  for (const g of plan) {
    const pts = splitPoints(d, g.weight, g.level2.length);
    g.level2.forEach((l2, i) => indicators.push(makeIndicator(d, ch, g.level1, g.weight, l2, pts[i]!)));
  }

  // ---- error injection (one per form) ----
  let expectedRule: string | null = null;
  let partSumDelta = 0;
  let totalCentsPrinted = { initial: initialCents, full: fullCents, executed: executedCents };
  const headerWeight = new Map(plan.map((g) => [g.level1, g.weight]));
  switch (ch.error) {
    case 'part-sum':
      if (ch.composition) {
        partSumDelta = 100 * d.int(1, 50) * scaleCents;
        expectedRule = 'income-breakdown-sum';
      } else {
        totalCentsPrinted = { ...totalCentsPrinted, executed: executedCents + 100 * d.int(1, 50) * scaleCents };
        expectedRule = 'fund-subrows-sum';
      }
      break;
    case 'rate-digit': {
      // Off by one from the half-up rounding, never onto the truncation (which the rule also accepts).
      const rounded = Math.round(Number(ratePrinted) * 100);
      const truncated = Math.floor((executedCents * 10000) / fullCents);
      const hundredths = rounded + (truncated !== rounded || d.chance(0.5) ? 1 : -1);
      rateText = `${(hundredths / 100).toFixed(2)}%`;
      expectedRule = 'exec-rate-recompute';
      break;
    }
    case 'score-over-weight': {
      // only a printed indicator: never one the truncation cuts away
      const printed = indicators.filter((i) => ch.truncation !== 'before-satisfaction' || i.level1 !== '满意度指标');
      const victim = printed[d.int(0, printed.length - 1)]!;
      victim.score = victim.points + d.int(1, 3);
      expectedRule = 'score-range';
      break;
    }
    case 'header-weight': {
      const g = plan[d.int(0, 1)]!;
      headerWeight.set(g.level1, g.weight + d.pick([-10, -5, 5, 10]));
      expectedRule = 'level1-weight-sum';
      break;
    }
    case 'total-drops-budget':
      expectedRule = 'total-score-sum';
      break;
    case null:
      break;
  }
  if (ch.error === 'score-over-weight' || ch.error === 'header-weight') {
    // the form's own weights: 一级 headers as printed
    for (const ind of indicators) ind.level1Points = headerWeight.get(ind.level1)!;
  }
  if (ch.error === 'header-weight' && !ch.level1Weights) ch.level1Weights = true;

  const indicatorScoreHundredths = indicators.reduce((s, i) => s + Math.round(i.score * 100), 0);
  const totalScoreHundredths = indicatorScoreHundredths + (ch.error === 'total-drops-budget' ? 0 : execScoreHundredths);
  const totalScoreText = (totalScoreHundredths / 100).toFixed(2).replace(/\.00$/, '');
  if (ch.error === 'total-drops-budget') execScoreText = (execScoreHundredths / 100).toFixed(2);

  // ---- layout ----
  const money = (cents: number | null) => (cents === null ? '' : ch.thousands ? fixed2(cents).replace(/\B(?=(\d{3})+\.)/g, ',') : fixed2(cents));
  const cols = fundColumns(ch);
  const W = ch.indicatorColumns === 'two-row' ? 11 : ch.indicatorColumns === 'sichuan' ? 11 : 9; // a label column, the row label, then the fund columns
  const fundLabelSpan = W - 1 - cols.length;
  const moneyLabel = `${ch.family === 'department' ? '年度预算申请' : '项目资金'}\n（${ch.moneyUnit}）`;
  const fundRow = (label: string, fig: Partial<Record<FundField, string>>): Spec[] => [cont(), c(label, fundLabelSpan), ...cols.map((col) => c(fig[col.field] ?? ''))];
  const subDash = { points: ch.naMarker, rate: ch.naMarker, score: ch.naMarker };

  const rows: Spec[][] = [];
  if (ch.family === 'project') {
    rows.push([c('项目名称'), c(projectName, W - 1)]);
    rows.push([c('主管部门'), c(unit, 3), c('实施单位', 2), c(implementer, W - 6)]);
  } else {
    rows.push([c(d.pick(['预算部门名称', '部门名称', '单位名称'])), c(unit, W - 1)]);
  }
  rows.push([c(moneyLabel, 1, 'restart'), c('', fundLabelSpan), ...cols.map((col) => c(col.header))]);
  rows.push(
    fundRow(d.pick(['年度资金总额', '年度资金总额：']), {
      initial: money(totalCentsPrinted.initial),
      full: money(totalCentsPrinted.full),
      executed: money(totalCentsPrinted.executed),
      points: String(execPoints),
      rate: rateText,
      score: execScoreText,
    }),
  );
  const partRate = (exec: number, full: number) => (full === 0 ? ch.naMarker : `${percent2(exec, full)}%`);
  const current = d.pick(['其中：当年财政拨款', '其中：本年财政拨款', '其中：财政资金']);
  const carryBlank = carryCents === 0 && d.chance(0.5);
  // Composition lines: the income side adds up to 全年预算数 (plus an injected error), so does the expense side.
  const otherIncomeCents = d.chance(0.5) ? 0 : Math.floor(fullCents * 0.1 * d.next());
  const basicCents = Math.floor(fullCents * (0.3 + 0.4 * d.next()));
  const income: [string, number | null][] = [['一般公共预算', fullCents - otherIncomeCents + partSumDelta], ['政府性基金拨款', null], ['其他资金', otherIncomeCents || null]];
  const expense: [string, number][] = [['基本支出', basicCents], ['项目支出', fullCents - basicCents]];
  if (ch.composition) {
    const left = Math.floor((W - 1) / 2);
    const line = ([label, cents]: [string, number | null]) => `${label}：${cents === null ? '' : money(cents)}`;
    const incomeText = [`按收入性质分：${money(fullCents)}`, `其中：${line(income[0]!)}`, ...income.slice(1).map(line)].join('\n');
    const expenseText = [`按支出性质分：${money(fullCents)}`, `其中：${line(expense[0]!)}`, line(expense[1]!)].join('\n');
    rows.push([cont(), c(incomeText, left), c(expenseText, W - 1 - left)]);
  } else {
    rows.push(fundRow(current, { initial: money(currentInitialCents), full: money(currentCents), executed: money(currentExecCents), ...subDash, rate: partRate(currentExecCents, currentCents) }));
    rows.push(
      fundRow('上年结转资金', carryBlank ? {} : { initial: money(carryInitialCents), full: money(carryCents), executed: money(carryExecCents), ...subDash }),
    );
    rows.push(fundRow('其他资金', d.chance(0.5) ? {} : { ...subDash }));
  }

  // Goals.
  const left = Math.floor((W - 1) / 2);
  const [goalLabel, expectedLabel, actualLabel] =
    ch.blockWording === 'completion' ? ['年度总体目标完成情况', '年初设定目标', '年度总体目标完成情况综述'] : ['年度总体目标', '预期目标', '实际完成情况'];
  rows.push([c(goalLabel, 1, 'restart'), c(expectedLabel, left), c(actualLabel, W - 1 - left)]);
  rows.push([cont(), c('目标1：完成年度建设任务。', left), c('目标1：已完成年度建设任务。', W - 1 - left)]);

  // Indicator block. Columns: (a lead label,) 一级, 二级, then the set's cells; the rest merged into the reason.
  const twoRow = ch.indicatorColumns === 'two-row';
  const lead = twoRow ? 0 : 1;
  const br = (a: string, b: string) => (ch.splitHeaders ? `${a}\n${b}` : a + b);
  const indHeader =
    ch.indicatorColumns === 'national'
      ? ['三级指标', br('年度', '指标值'), br('实际', '完成值'), '分值', '得分']
      : ch.indicatorColumns === 'points-first'
        ? ['三级指标', '分值', br('年度', '指标值'), br('全年', '实际值'), '得分']
        : ch.indicatorColumns === 'two-row'
          ? ['三级指标', '指标性质', '指标值', '度量单位', br('实际', '完成值'), '分值', '得分']
          : ['三级指标', '指标性质', '指标值', '度量单位', '完成值', '权重', '得分'];
  const reasonHeader = ch.indicatorColumns === 'points-first' ? '未完成原因及拟采取的改进措施' : ch.indicatorColumns === 'sichuan' ? '未完成原因分析' : '偏差原因分析及改进措施';
  const pointsHeader = ch.indicatorColumns === 'sichuan' ? '权重' : '分值';
  const reasonSpan = W - lead - 2 - indHeader.length;
  if (reasonSpan < 1) throw new Error('too few columns for the indicator block');
  /** "≥30公里" → 指标性质 "≥", 指标值 "30", 度量单位 "公里"; a wording stays whole in 指标值. */
  const splitTarget = (t: string): [string, string, string] => {
    const m = /^(≥|≧|>=|＞=|=|＝|﹦|═|≤)?(\d+(?:\.\d+)?)(.*)$/.exec(t);
    return m ? [m[1] ?? '', m[2]!, m[3]!] : ['', t, ''];
  };
  const indCells = (i: Indicator): string[] =>
    ch.indicatorColumns === 'national'
      ? [i.name, i.target, i.actual, String(i.points), scoreText(i.score)]
      : ch.indicatorColumns === 'points-first'
        ? [i.name, String(i.points), i.target, i.actual, scoreText(i.score)]
        : [i.name, ...splitTarget(i.target), i.actual, String(i.points), scoreText(i.score)]; // two-row and sichuan
  if (twoRow) {
    // 绩效指标 spans 一级/二级/三级 and 年度指标值 spans its three columns; the others span both header rows.
    rows.push([c('绩效指标', 3), c('年度指标值', 3), c(indHeader[4]!, 1, 'restart'), c('分值', 1, 'restart'), c('得分', 1, 'restart'), c(reasonHeader, reasonSpan, 'restart')]);
    rows.push([c('一级指标'), c('二级指标'), c('三级指标'), c('指标性质'), c('指标值'), c('度量单位'), cont(), cont(), cont(), cont(reasonSpan)]);
  } else {
    const word = ch.blockWording === 'completion' ? '年度绩效指标完成情况' : ch.blockWording === 'weighted' ? '绩效指标(90分)' : '绩效指标';
    const blockLabel = ch.verticalLabels && ch.blockWording === 'national' ? vertical(word) : word;
    rows.push([c(blockLabel, 1, 'restart'), c('一级指标'), c('二级指标'), ...indHeader.map((h) => c(h)), c(reasonHeader, reasonSpan)]);
  }

  // Rows of the block: indicators grouped, with optional blank and placeholder rows.
  type Line = { ind: Indicator | null; l1: string; l2: string; cells: string[] };
  const lines: Line[] = [];
  const empties = indHeader.map(() => '');
  const placeholder = (name: string) => [name, ...empties.slice(1)];
  for (const ind of indicators) {
    lines.push({ ind, l1: ind.level1, l2: ind.level2, cells: indCells(ind) });
    if (ch.blankRows && ind.level2 === '数量指标') lines.push({ ind: null, l1: ind.level1, l2: ind.level2, cells: placeholder(d.pick(['指标2：', '……', '指标2：/'])) });
    if (ch.blankRows && ind.level2 === '社会效益指标') lines.push({ ind: null, l1: ind.level1, l2: '生态效益指标', cells: empties });
    if (ch.blankRows && ind.level2 === '可持续影响指标') lines.push({ ind: null, l1: ind.level1, l2: ind.level2, cells: empties });
  }
  const cut = ch.truncation === 'before-satisfaction' ? lines.findIndex((l) => l.l1 === '满意度指标') : lines.length;
  const kept = lines.slice(0, cut);
  const level1Label = (l1: string) => {
    const w = headerWeight.get(l1)!;
    const weight = ch.level1Weights ? `（${w}分）` : '';
    if (ch.verticalLabels) return vertical(l1) + (weight ? `\n${weight}` : '');
    return l1 + weight;
  };
  const level2Label = (l2: string) => (l2 === '可持续影响指标' && ch.splitHeaders ? '可持续影\n响指标' : l2);
  kept.forEach((line, i) => {
    const first1 = i === 0 || kept[i - 1]!.l1 !== line.l1;
    const first2 = first1 || kept[i - 1]!.l2 !== line.l2;
    const run = (pred: (l: Line) => boolean) => {
      let n = 1;
      while (i + n < kept.length && pred(kept[i + n]!)) n++;
      return n;
    };
    const span1 = first1 ? run((l) => l.l1 === line.l1) : 0;
    const span2 = first2 ? run((l) => l.l1 === line.l1 && l.l2 === line.l2) : 0;
    rows.push([
      ...(lead ? [cont()] : []),
      first1 ? c(level1Label(line.l1), 1, span1 > 1 ? 'restart' : undefined) : cont(),
      first2 ? c(level2Label(line.l2), 1, span2 > 1 ? 'restart' : undefined) : cont(),
      ...line.cells.map((x) => c(x)),
      c(line.ind?.reason ?? '', reasonSpan),
    ]);
  });
  if (ch.truncation === 'none') {
    // 总分 spans up to the 分值 column; its 分值 and 得分 sit under theirs.
    const pointsCol = lead + 2 + indHeader.indexOf(pointsHeader);
    const scoreCol = lead + 2 + indHeader.indexOf('得分');
    const total: Spec[] = [c(ch.totalWord, pointsCol), c('100')];
    if (scoreCol - pointsCol > 1) total.push(c('', scoreCol - pointsCol - 1));
    total.push(c(totalScoreText), c('', W - scoreCol - 1));
    rows.push(total);
  }

  const title = ch.family === 'project' ? d.pick(['项目支出绩效自评表', '专项资金绩效自评表']) : '部门整体支出绩效自评表';
  const blocks: Block[] = [
    ...(ch.headLines ? [{ type: 'p' as const, text: d.pick(['公开14表', '报表编号：' + String(d.int(100, 999))]) }] : []),
    { type: 'p', text: title },
    { type: 'p', text: `（${year}年度）` },
    { type: 'table', cols: W, rows },
  ];
  if (ch.secondTable) {
    blocks.push({ type: 'p', text: '部门整体支出绩效评价基础数据表' });
    blocks.push({
      type: 'table',
      cols: 4,
      rows: [
        [c('财政供养人员情况(人'), c('编制数'), c('实有人数'), c('控制率')],
        [c(''), c(String(d.int(20, 80))), c(String(d.int(15, 80))), c('95%')],
        [c('三公经费（万元）'), c('预算数'), c('决算数'), c('')],
        [c(''), c('12.50'), c('11.80'), c('')],
      ],
    });
  }
  const written = write(blocks);

  // ---- the answer key, from where each figure was put ----
  const wan = (cents: number | null) => (cents === null ? null : Number(((cents / 100) * (yuan ? 1e-4 : 1)).toFixed(10)));
  const noInitial = ch.fundColumns === 'no-initial';
  const carryRow: FormKey['funds'][number] = carryBlank
    ? ['上年结转资金', 'part', null, null, null, null, null, null]
    : ['上年结转资金', 'part', noInitial ? null : wan(carryInitialCents), wan(carryCents), wan(carryExecCents), null, null, null];
  const keyIndicators = kept.filter((l) => l.ind).map((l) => l.ind!);
  const key: FormKey = {
    kind: ch.family === 'project' ? 'project' : 'department-overall',
    year,
    unit,
    ...(ch.family === 'project' ? { implementer, projectName } : {}),
    funds: [
      ['年度资金总额', 'total', wan(totalCentsPrinted.initial), wan(totalCentsPrinted.full), wan(totalCentsPrinted.executed), execPoints, fraction(rateText), Number(execScoreText)],
      ...(ch.composition
        ? []
        : ([
            [current.replace(/^其中：/, ''), 'part', wan(currentInitialCents), wan(currentCents), wan(currentExecCents), null, fraction(percent2(currentExecCents, currentCents)), null],
            carryRow,
            ['其他资金', 'part', null, null, null, null, null, null],
          ] as FormKey['funds'])),
    ],
    ...(ch.composition
      ? {
          composition: {
            income: income.filter((l): l is [string, number] => l[1] !== null).map(([label, cents]) => [label, wan(cents)!] as [string, number]),
            expense: expense.map(([label, cents]) => [label, wan(cents)!] as [string, number]),
          },
        }
      : {}),
    indicators: keyIndicators.map((i) => [i.level1, ch.level1Weights ? i.level1Points : null, i.level2, i.name, i.target, i.actual, i.points, i.score]),
    totals: ch.truncation === 'none' ? [100, Number(totalScoreText)] : null,
  };
  // Two marks of the Sichuan layout (TEMPLATES.md family 3: 调整后预算数, a 度量单位 column, 绩效指标(90分), 合计)
  // make a Sichuan form, scored under sichuan-2023, whose 一级 set is not fixed: there a missing 满意度
  // block cannot be told from a form that has none.
  const sichuanMarks =
    (ch.fundColumns === 'rate-before-weight' ? 1 : 0) +
    (ch.indicatorColumns === 'two-row' || ch.indicatorColumns === 'sichuan' ? 1 : 0) +
    (ch.blockWording === 'weighted' && ch.indicatorColumns !== 'two-row' ? 1 : 0) +
    (ch.totalWord === '合计' && ch.truncation === 'none' ? 1 : 0);
  const fixedLevel1 = sichuanMarks < 2;
  const absent = ch.truncation === 'none' ? [] : ch.truncation === 'before-total' || !fixedLevel1 ? ['总分'] : ['满意度指标', '总分'];
  return { seed, choices: ch, written, key, expectedRule, absent };
}
