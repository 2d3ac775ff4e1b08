import type { FactKey, Finding, Source } from '@jxaudit/model';
import type { Lang } from '@jxaudit/score';
import { formatNumber } from './text.ts';

/*
 * The one catalog of words for people: what each code of a report (detail keys and their values,
 * formulas, tolerances, profiles, readers, fact keys, grades) is called in Chinese and English.
 * A detail key without an entry here is not shown to people; codes stay in the JSON for machines.
 */

type Words = { zh: string; en: string };

const PROFILE_LABELS: Record<string, Words> = {
  'central-2020': { zh: '中央口径（财预〔2020〕10号）', en: 'Central rules (MOF 2020 No. 10)' },
  'hunan-2021': { zh: '湖南省2021年口径', en: 'Hunan 2021 rules' },
  'sichuan-2023': { zh: '四川省2023年口径', en: 'Sichuan 2023 rules' },
};

/** A profile by its name for people: built-ins by their Chinese name; "<base>+custom" as a custom profile on it. */
export function profileLabel(name: string | null, lang: Lang): string | null {
  if (name === null) return null;
  const builtin = PROFILE_LABELS[name];
  if (builtin) return builtin[lang];
  const base = /^(.+)\+custom$/.exec(name)?.[1];
  if (base && PROFILE_LABELS[base]) return lang === 'zh' ? `基于${PROFILE_LABELS[base].zh}的自定义口径` : `custom rules based on ${PROFILE_LABELS[base].en}`;
  return lang === 'zh' ? `自定义口径“${name}”` : `custom rules “${name}”`;
}

const FORMAT_LABELS: Record<NonNullable<Source['format']>, Words> = {
  docx: { zh: 'Word 文档', en: 'Word document' },
  txt: { zh: '文本文件', en: 'text file' },
  xlsx: { zh: 'Excel 工作簿', en: 'Excel workbook' },
};
const LAYOUT_LABELS: Record<NonNullable<Source['layout']>, Words | null> = {
  docx: null,
  xlsx: null,
  tika: { zh: '导出文本中的表格（每格一行）', en: 'tables exported as text, one cell per line' },
  tabbed: { zh: '以制表符分列的表格', en: 'tab-separated tables' },
  pipe: { zh: '以竖线分列的表格', en: 'pipe-separated tables' },
};
const ENCODING_LABELS: Record<NonNullable<Source['encoding']>, string> = {
  'utf-8': 'UTF-8',
  'utf-8-bom': 'UTF-8（BOM）',
  gb18030: 'GB18030',
  'utf-16le': 'UTF-16LE',
  'utf-16be': 'UTF-16BE',
};
const ENCODING_METHOD_LABELS: Record<NonNullable<Source['encodingMethod']>, Words> = {
  bom: { zh: '由文件开头的字节顺序标记判定', en: 'told by the byte-order mark' },
  'strict-utf8': { zh: '按 UTF-8 完整解码', en: 'decodes as UTF-8 without error' },
  'strict-gb18030': { zh: '按 GB18030 完整解码', en: 'decodes as GB18030 without error' },
  detector: { zh: '自动检测', en: 'detected' },
};

/** How the file was read, in words ("文本文件 · 以制表符分列的表格 · GB18030（按 GB18030 完整解码）"); the codes for a tooltip. */
export function readerLabel(source: Source, lang: Lang): { text: string; codes: string } {
  const parts: string[] = [];
  if (source.format) parts.push(FORMAT_LABELS[source.format][lang]);
  const layout = source.layout ? LAYOUT_LABELS[source.layout] : null;
  if (layout) parts.push(layout[lang]);
  if (source.encoding) {
    const method = source.encodingMethod ? ENCODING_METHOD_LABELS[source.encodingMethod][lang] : null;
    parts.push(method ? `${ENCODING_LABELS[source.encoding]}${lang === 'zh' ? `（${method}）` : ` (${method})`}` : ENCODING_LABELS[source.encoding]);
  }
  if (source.replacementChars) {
    parts.push(lang === 'zh' ? `${source.replacementChars} 个字符无法解码` : `${source.replacementChars} characters could not be decoded`);
  }
  const codes = [source.format, source.layout, source.encoding, source.encodingMethod].filter(Boolean).join(' · ');
  return { text: parts.join(' · '), codes };
}

/** An ISO time as Beijing time with its offset: "2026-12-01 01:07:02（北京时间 UTC+08:00）". */
export function beijingTime(iso: string, lang: Lang): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-US', {
      timeZone: 'Asia/Shanghai',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
      timeZoneName: 'longOffset',
    })
      .formatToParts(date)
      .map((p) => [p.type, p.value]),
  );
  const offset = (parts.timeZoneName ?? 'GMT+08:00').replace(/^GMT/, 'UTC');
  const stamp = `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}:${parts.second}`;
  return lang === 'zh' ? `${stamp}（北京时间 ${offset}）` : `${stamp} (Beijing time, ${offset})`;
}

const DEFAULT_GRADE_WORDS: Record<string, string> = { 优: 'excellent', 良: 'good', 中: 'fair', 差: 'poor' };

/** A grade for people: as the profile names it; in English the default grades (优 良 中 差) by their English word. */
export function gradeLabel(grade: string, lang: Lang): string {
  return lang === 'en' ? (DEFAULT_GRADE_WORDS[grade] ?? grade) : grade;
}

export const FACT_KEY_LABELS: Record<FactKey, Words> = {
  'income.budget.total': { zh: '收入预算总数', en: 'budgeted income, total' },
  'income.budget.part': { zh: '收入预算分项', en: 'budgeted income, part' },
  'income.final.total': { zh: '收入决算总数', en: 'final income, total' },
  'income.final.part': { zh: '收入决算分项', en: 'final income, part' },
  'income.final.change.amount': { zh: '收入决算增减额', en: 'change in final income' },
  'income.final.change.pct': { zh: '收入决算增减率', en: 'change in final income, %' },
  'expense.budget.total': { zh: '支出预算总数', en: 'budgeted expenditure, total' },
  'expense.budget.part': { zh: '支出预算分项', en: 'budgeted expenditure, part' },
  'expense.final.total': { zh: '支出决算总数', en: 'final expenditure, total' },
  'expense.final.part': { zh: '支出决算分项', en: 'final expenditure, part' },
  'expense.final.change.amount': { zh: '支出决算增减额', en: 'change in final expenditure' },
  'expense.final.change.pct': { zh: '支出决算增减率', en: 'change in final expenditure, %' },
  'expense.final.basic': { zh: '基本支出决算', en: 'basic expenditure' },
  'expense.final.project': { zh: '项目支出决算', en: 'project expenditure' },
  'sanggong.budget.total': { zh: '三公经费预算总数', en: '“three public expenses” budget, total' },
  'sanggong.budget.part': { zh: '三公经费预算分项', en: '“three public expenses” budget, part' },
  'sanggong.final.total': { zh: '三公经费决算总数', en: '“three public expenses” spent, total' },
  'sanggong.final.part': { zh: '三公经费决算分项', en: '“three public expenses” spent, part' },
  'staff.authorized': { zh: '编制人数', en: 'authorised staff' },
  'staff.actual': { zh: '实有人数', en: 'actual staff' },
  'staff.part': { zh: '人员分项', en: 'staff, part' },
  'indicator.actual': { zh: '指标完成值', en: 'indicator actual' },
  'enumeration.total': { zh: '列举的总数', en: 'stated total' },
  'enumeration.part': { zh: '列举的分项', en: 'stated part' },
};

export function factKeyLabel(key: FactKey, lang: Lang): string {
  return FACT_KEY_LABELS[key]?.[lang] ?? '';
}

/* ---- finding details ---- */

type Render = (value: unknown, lang: Lang, finding: Finding) => string | null;

interface DetailEntry {
  label: Words;
  render: Render;
  /** The value is (or quotes) document text: names, sentences, file names. */
  doc?: true;
}

const isNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const isText = (v: unknown): v is string => typeof v === 'string' && v.trim() !== '';
const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const hasLatin = (s: string) => /[A-Za-z]/.test(s);

const num: Render = (v) => (isNumber(v) ? formatNumber(v) : null);
const wan: Render = (v, lang) => (isNumber(v) ? `${formatNumber(v)}${lang === 'zh' ? '万元' : ' (10k yuan)'}` : null);
const points: Render = (v, lang) => (isNumber(v) ? `${formatNumber(v)}${lang === 'zh' ? '分' : ' points'}` : null);
const percent: Render = (v) => (isNumber(v) ? `${formatNumber(Number((v * 100).toFixed(2)))}%` : null);
/** Document text (a sentence, a label): shown as written. */
const docText: Render = (v) => (isText(v) ? v : null);
const range =
  (unit: Render): Render =>
  (v, lang, f) =>
    Array.isArray(v) && v.length === 2 && v.every(isNumber)
      ? v[0] === v[1]
        ? unit(v[0], lang, f)
        : `${unit(v[0], lang, f)} – ${unit(v[1], lang, f)}`
      : null;
const numberList: Render = (v, lang) =>
  Array.isArray(v) && v.length && v.every(isNumber) ? v.map((x) => formatNumber(x)).join(lang === 'zh' ? '、' : ', ') : null;

const DIRECTION: Record<string, Words> = {
  understated: { zh: '表中少计', en: 'understated in the form' },
  inflated: { zh: '表中多计', en: 'inflated in the form' },
  under: { zh: '分项合计小于总数', en: 'parts fall short of the total' },
  over: { zh: '分项合计大于总数', en: 'parts exceed the total' },
  increase: { zh: '增长', en: 'increase' },
  decrease: { zh: '下降', en: 'decrease' },
};
const enumOf =
  (table: Record<string, Words>): Render =>
  (v, lang) =>
    typeof v === 'string' && table[v] ? table[v][lang] : null;

/** Formulas as the rules write them → in words. A formula made only of the document's own labels is shown as it is. */
const FORMULAS: Record<string, Words> = {
  'w_exec × min(rate, 1)': { zh: '预算执行分值 × 执行率（执行率超过100%按100%计）', en: 'execution weight × rate (a rate above 100% counts as 100%)' },
  'w × min(rate, 1)': { zh: '分值 × 执行率（执行率超过100%按100%计）', en: 'weight × rate (a rate above 100% counts as 100%)' },
  'w × actual / target': { zh: '分值 × 实际值 ÷ 目标值', en: 'weight × actual ÷ target' },
  'w × max(0, 1 − (actual − target) / target)': { zh: '分值 × (1 − 超出目标的比例)，最低0分', en: 'weight × (1 − share above the target), at least 0' },
  'target 0: w if actual ≤ 0, else 0': { zh: '目标为0：实际不超过0得满分，否则0分', en: 'target 0: full marks when the actual is at most 0, else 0' },
  'rate = executed / budgetFull': { zh: '执行率 = 全年执行数 ÷ 全年预算数', en: 'rate = executed ÷ full-year budget' },
  'rate = executed / budgetInitial': { zh: '执行率 = 全年执行数 ÷ 年初预算数', en: 'rate = executed ÷ initial budget' },
  'total = Σ parts': { zh: '总数 = 各分项之和', en: 'total = sum of the parts' },
  'N = X ÷ p': { zh: '基数 = 完成数 ÷ 完成率', en: 'base = count ÷ rate' },
  'p = X ÷ Y': { zh: '比率 = 完成数 ÷ 基数', en: 'rate = count ÷ base' },
  'p = d ÷ (N − d)': { zh: '增长率 = 增加额 ÷ (本年数 − 增加额)', en: 'growth = increase ÷ (this year − increase)' },
  'p = d ÷ (N + d)': { zh: '下降率 = 减少额 ÷ (本年数 + 减少额)', en: 'decline = decrease ÷ (this year + decrease)' },
  'total = 出国 + 接待 + 用车': { zh: '三公经费 = 因公出国（境）费 + 公务接待费 + 公务用车购置及运行费', en: 'total = travel abroad + receptions + official cars' },
  'total ≥ Σ stated parts': { zh: '合计 ≥ 所列分项之和', en: 'total ≥ sum of the parts stated' },
};

const formula: Render = (v, lang) => {
  if (!isText(v)) return null;
  if (v.startsWith('=')) return v; // an Excel formula, as the workbook holds it
  if (FORMULAS[v]) return FORMULAS[v][lang];
  const level1 = /^(.+) = Σ w$/.exec(v);
  if (level1) return lang === 'zh' ? `${level1[1]}分值 = 其下各三级指标分值之和` : `${level1[1]} weight = sum of its indicators' weights`;
  return hasLatin(v) ? (lang === 'en' ? v : null) : v;
};

const INTERVALS: Words = {
  zh: '按印出的位数比较：数字代表其末位上下半个单位的范围，两范围相交即视为相等',
  en: 'compared at their printed precision: a figure stands for ± half a unit of its last digit; equal when the ranges meet',
};
const TOLERANCES: Record<string, Words> = {
  'figures equal when their printed intervals meet': INTERVALS,
  'equal when the printed intervals (± half a unit of the last digit) meet': INTERVALS,
  'equal when the printed intervals (± half a unit of the last digit, in the printed unit) meet': {
    zh: '按印出的单位和位数比较：数字代表其末位上下半个单位的范围，两范围相交即视为相等',
    en: 'compared in the printed unit and precision: equal when the ranges of ± half a unit meet',
  },
  'as shown: both rounded to the decimals the cell shows': {
    zh: '按单元格显示的位数比较：两者按该位数四舍五入后相等即可',
    en: 'as the cell shows them: equal once both are rounded to the decimals it shows',
  },
  'printed percentage equals X ÷ Y rounded half up or truncated to its decimals': {
    zh: '印出的百分比等于 完成数 ÷ 基数 按其位数四舍五入或截断的结果即可',
    en: 'the printed percentage equals count ÷ base rounded half up or truncated to its decimals',
  },
  'printed percentage equals the recomputed rate rounded half up or truncated, for any value the printed N and d may stand for': {
    zh: '在印出数字的精度范围内，百分比等于复算结果按其位数四舍五入或截断即可',
    en: 'the printed percentage equals the recomputed rate rounded half up or truncated, within the printed figures’ precision',
  },
};
const tolerance: Render = (v, lang) => {
  if (isNumber(v)) {
    if (v === 0) return lang === 'zh' ? '须完全相等' : 'must be equal';
    return lang === 'zh' ? `允许相差 ±${formatNumber(v)}` : `± ${formatNumber(v)}`;
  }
  if (isText(v)) return TOLERANCES[v]?.[lang] ?? (lang === 'en' ? v : null);
  return null;
};

const NOTES: Record<string, Words> = {
  'no sentence of the narrative that was read explains the excess; check the report text for a reason such as 预算编制与实际支出存在差异': {
    zh: '读到的报告中没有说明超支原因的句子；请查看报告原文是否有“预算编制与实际支出存在差异”一类的说明',
    en: 'no sentence of the report explains the excess; check the report text for a reason such as 预算编制与实际支出存在差异',
  },
  'no narrative report in this submission': { zh: '此次提交没有自评报告', en: 'no narrative report in this submission' },
  'the total row reads 0 while its sub-rows do not: the total was not filled in': {
    zh: '合计行为0而其中各行不为0：合计行未填写',
    en: 'the total row reads 0 while its sub-rows do not: the total was not filled in',
  },
};
const note: Render = (v, lang) => {
  if (!isText(v)) return null;
  if (NOTES[v]) return NOTES[v][lang];
  const threshold = /^threshold ([\d.]+); a reason on the total row covers every row$/.exec(v);
  if (threshold) {
    const pct = `${formatNumber(Number((Number(threshold[1]) * 100).toFixed(2)))}%`;
    return lang === 'zh' ? `执行率低于${pct}须说明原因；总额行的说明适用于各行` : `a rate below ${pct} needs a reason; a reason on the total row covers every row`;
  }
  return hasLatin(v) ? (lang === 'en' ? v : null) : v;
};

const TERM_LABELS: Record<string, { label: Words; render: Render }> = {
  points: { label: { zh: '分值', en: 'weight' }, render: num },
  rate: { label: { zh: '执行率', en: 'rate' }, render: percent },
  executed: { label: { zh: '执行数', en: 'executed' }, render: wan },
  basis: { label: { zh: '预算数', en: 'budget' }, render: wan },
};

/** A list of named figures ("城区经济建设是否稳步推进 10；…") or a record of labelled terms ("分值 10；执行率 148%"). */
const terms: Render = (v, lang, f) => {
  const sep = lang === 'zh' ? '；' : '; ';
  if (Array.isArray(v)) {
    const items = v.map((t) => {
      if (isNumber(t)) return formatNumber(t);
      if (!isRecord(t)) return null;
      const name = [t.name, t.label, t.level1].find(isText);
      const figure = isText(t.raw) ? t.raw : [t.points, t.value, t.sum].find(isNumber);
      if (figure === undefined) return null;
      return `${name ?? ''} ${typeof figure === 'number' ? formatNumber(figure) : figure}`.trim();
    });
    return items.length && items.every((x) => x !== null) ? items.join(sep) : null;
  }
  if (isRecord(v)) {
    const items = Object.entries(v)
      .filter(([k]) => TERM_LABELS[k])
      .map(([k, x]) => {
        const shown = TERM_LABELS[k]!.render(x, lang, f);
        return shown === null ? null : `${TERM_LABELS[k]!.label[lang]} ${shown}`;
      })
      .filter((x): x is string => x !== null);
    return items.length ? items.join(sep) : null;
  }
  return null;
};

const CHANGES: Record<string, Words> = {
  missing: { zh: '批复的指标未列入', en: 'approved indicator missing' },
  added: { zh: '新增的指标', en: 'indicator added' },
  target: { zh: '目标值与批复不同', en: 'target differs from the approved one' },
  weight: { zh: '分值与批复不同', en: 'weight differs from the approved one' },
};
const approved: Render = (v, lang) => {
  if (isText(v)) return v;
  if (isNumber(v)) return formatNumber(v);
  if (isRecord(v) && isText(v.name)) {
    const target = isText(v.target) ? (lang === 'zh' ? ` 目标${v.target}` : ` target ${v.target}`) : '';
    const w = isNumber(v.points) ? (lang === 'zh' ? ` 分值${formatNumber(v.points)}` : ` weight ${formatNumber(v.points)}`) : '';
    return `${v.name}${target}${w}`;
  }
  return null;
};

const L = (zh: string, en: string): Words => ({ zh, en });

/** The parts form-incomplete names, for the English page. */
const ABSENT_EN: Record<string, string> = { 资金情况: 'money block', 绩效指标: 'indicator block', 总分: '总分 row', 产出指标: '产出指标 (outputs)', 效益指标: '效益指标 (effects)', 满意度指标: '满意度指标 (satisfaction)' };

/** Entries every rule may carry, in the order shown. */
const COMMON: Record<string, DetailEntry> = {
  formula: { label: L('公式', 'Formula'), render: formula },
  terms: { label: L('各项', 'Terms'), render: terms, doc: true },
  accept: { label: L('可接受的得分', 'Accepted scores'), render: range(num) },
  difference: { label: L('差额', 'Difference'), render: num },
  direction: { label: L('偏差方向', 'Direction'), render: enumOf(DIRECTION) },
  tolerance: { label: L('比较方法', 'Tolerance'), render: tolerance },
  note: { label: L('说明', 'Note'), render: note },
  formFile: { label: L('所属表所在文件', 'File of the form'), render: docText, doc: true },
};

/** Entries of one rule, shown before the common ones. */
const BY_RULE: Record<string, Record<string, DetailEntry>> = {
  'narr-count-list': {
    listed: { label: L('所列名单', 'Listed'), render: (v) => (Array.isArray(v) ? v.map(String).join('、') : null), doc: true },
  },
  'form-incomplete': {
    absent: {
      label: L('表中未见', 'Not printed'),
      render: (v, lang) => (Array.isArray(v) ? v.map((x) => (lang === 'zh' ? String(x) : (ABSENT_EN[String(x)] ?? String(x)))).join(lang === 'zh' ? '、' : ', ') : null),
    },
  },
  'exec-over-100': {
    excess: { label: L('超出金额', 'Excess'), render: wan },
    narrativeReason: { label: L('报告中的说明', 'The report says'), render: docText, doc: true },
  },
  'exec-below-threshold': { threshold: { label: L('须说明原因的执行率', 'Rate needing a reason below'), render: percent } },
  'budget-adjustment-unexplained': { change: { label: L('调整金额', 'Adjustment'), render: wan } },
  'formula-stale': {
    cached: { label: L('单元格保存的结果', 'Stored result'), render: num },
    recomputed: { label: L('按公式重算', 'Recomputed'), render: num },
  },
  'typed-total': { sibling: { label: L('相邻的公式', 'Formula beside it'), render: docText, doc: true } },
  'formula-range-gap': {
    range: { label: L('求和区域', 'Range summed'), render: docText, doc: true },
    missing: { label: L('漏掉的单元格', 'Cells left out'), render: (v, lang) => (Array.isArray(v) ? v.join(lang === 'zh' ? '、' : ', ') : null), doc: true },
  },
  'malformed-quantity': {
    assumed: { label: L('按此理解', 'Read as'), render: (v, lang, f) => (lang === 'zh' ? docText(v, lang, f) : null), doc: true },
    assumedEn: { label: L('按此理解', 'Read as'), render: (v, lang, f) => (lang === 'en' ? docText(v, lang, f) : null), doc: true },
  },
  'narr-qizhong-sum': {
    remainder: { label: L('未列明部分', 'Not itemised'), render: wan },
    remainderShare: { label: L('未列明占比', 'Share not itemised'), render: percent },
  },
  'narr-ratio-integer-base': { baseRange: { label: L('所需基数范围', 'Base range needed'), render: range(num) } },
  'narr-table-amount-match': {
    concept: { label: L('报告中数字的类别', 'Kind of figure'), render: (v, lang) => (typeof v === 'string' && v in FACT_KEY_LABELS ? FACT_KEY_LABELS[v as FactKey][lang] : null) },
    tableFigures: { label: L('表中的数字', 'Figures in the tables'), render: numberList },
  },
  'narr-table-indicator-match': {
    reportFigures: {
      label: L('报告中的数字', 'Figures in the report'),
      doc: true,
      render: (v, lang) =>
        Array.isArray(v) && v.every((x) => isRecord(x) && isText(x.raw))
          ? v.map((x) => `${isText((x as Record<string, unknown>).label) ? `${(x as Record<string, unknown>).label} ` : ''}${(x as Record<string, unknown>).raw}`).join(lang === 'zh' ? '；' : '; ')
          : null,
    },
  },
  // The message states actual, target and weight with their units; the bare numbers would not.
  'quant-score-recompute': { terms: { label: L('各项', 'Terms'), render: () => null } },
  'narr-yoy-recompute': { priorYear: { label: L('推算的上年数', 'Prior year implied'), render: num } },
  'overachievement-unexplained': {
    ratio: { label: L('实际为目标的', 'Actual over target'), render: percent },
    limit: { label: L('超过此比例须说明', 'Limit'), render: percent },
  },
  'qual-score-tier': {
    range: { label: L('应有的得分率', 'Score ratio expected'), render: range(percent) },
    ratio: { label: L('表中得分率', 'Score ratio in the form'), render: percent },
  },
  'score-range': { range: { label: L('得分应在', 'Score range'), render: range(num) } },
  'target-vs-approved': {
    change: { label: L('差异', 'Change'), render: enumOf(CHANGES) },
    approved: { label: L('批复', 'Approved'), render: approved, doc: true },
    printed: { label: L('表中', 'In the form'), render: approved, doc: true },
  },
  'total-score-sum': {
    indicatorsOnly: { label: L('各指标得分合计', 'Indicator scores'), render: points },
    executionScore: { label: L('预算执行得分', 'Execution score'), render: points },
    withExecution: { label: L('含预算执行得分的合计', 'With the execution score'), render: points },
  },
  'weight-total': {
    expectedIndicatorTotal: { label: L('口径要求的指标分值合计', 'Indicator weights expected'), render: points },
    wExec: { label: L('预算执行分值', 'Execution weight'), render: points },
  },
};

/** The details of a finding people can read: labelled, in words, in the order of the catalog; the rest is not shown. */
export function detailEntries(finding: Finding, lang: Lang): { key: string; label: string; value: string; doc: boolean }[] {
  const own = BY_RULE[finding.rule] ?? {};
  const keys = [...Object.keys(own), ...Object.keys(COMMON).filter((k) => !(k in own))];
  const out: { key: string; label: string; value: string; doc: boolean }[] = [];
  for (const key of keys) {
    const entry = own[key] ?? COMMON[key]!;
    if (!(key in finding.detail)) continue;
    const value = entry.render(finding.detail[key], lang, finding);
    if (value === null || value === '') continue;
    // A formula that fell back to the document's own labels quotes document text too.
    const doc = entry.doc === true || (key === 'formula' && !FORMULAS[String(finding.detail[key])]);
    out.push({ key, label: entry.label[lang], value, doc });
  }
  return out;
}

/** Every detail key the catalog can show, by rule ('*' for all rules): for tests and for the docs. */
export function labelledDetailKeys(): Record<string, string[]> {
  return { '*': Object.keys(COMMON), ...Object.fromEntries(Object.entries(BY_RULE).map(([rule, e]) => [rule, Object.keys(e)])) };
}
