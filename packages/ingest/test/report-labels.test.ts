import { describe, expect, it } from 'vitest';
import type { Finding, Source } from '@jxaudit/model';
import { beijingTime, detailEntries, gradeLabel, profileLabel, readerLabel } from '../src/report/labels.ts';

function finding(rule: string, detail: Record<string, unknown>): Finding {
  return { rule, severity: 'warning', form: 0, message: '', declared: null, computed: null, at: [], detail, fingerprint: 'x' };
}

const shown = (rule: string, detail: Record<string, unknown>, lang: 'zh' | 'en' = 'zh') =>
  detailEntries(finding(rule, detail), lang).map((e) => [e.label, e.value]);

/** The details of the sample's findings (RULES.md §5), as the rules write them. */
const CASES: [string, Record<string, unknown>, string[][]][] = [
  [
    'exec-score-recompute',
    { formula: 'w_exec × min(rate, 1)', terms: { points: 10, rate: 1.480049869142973 }, accept: [10, 10], precision: 0, direction: 'understated' },
    [['公式', '预算执行分值 × 执行率（执行率超过100%按100%计）'], ['各项', '分值 10；执行率 148%'], ['可接受的得分', '10'], ['偏差方向', '表中少计']],
  ],
  [
    'exec-over-100',
    { excess: 970.32, rate: 1.48, subRows: [], fullEqualsInitial: true, narrativeReason: '一是预算编制与实际支出存在差异。', narrativeReasonGeneric: true },
    [['超出金额', '970.32万元'], ['报告中的说明', '一是预算编制与实际支出存在差异。']],
  ],
  [
    'exec-basis-mismatch',
    { executed: 2991.61, incomeFinal: 2991.61, expenseFinal: 3582.3, budget: 2021.29, rateBasis: 'full', rateOnExpenditure: 1.7722840364321795, tolerance: 'figures equal when their printed intervals meet' },
    [['比较方法', '按印出的位数比较：数字代表其末位上下半个单位的范围，两范围相交即视为相等']],
  ],
  ['deviation-reason-missing', { type: 'qualitative', tier: 'basic', target: '全部完成', actual: '基本完成' }, []],
  ['full-score-without-achievement', { type: 'qualitative', tier: 'basic', points: 5, score: 5 }, []],
  [
    'quant-score-recompute',
    { direction: 'inflated', formula: 'w × actual / target', terms: { points: 5, actual: 2485, target: 5000, reverse: false }, accept: [2, 2], precision: 0, difference: 1.515 },
    [['公式', '分值 × 实际值 ÷ 目标值'], ['可接受的得分', '2'], ['差额', '1.515'], ['偏差方向', '表中多计']],
  ],
  [
    'level1-weight-sum',
    { level1: '效益指标', terms: [{ name: '城区经济建设是否稳步推进', points: 10 }, { name: '社会秩序是否更加稳定。', points: 5 }], formula: '效益指标 = Σ w', tolerance: 0 },
    [['公式', '效益指标分值 = 其下各三级指标分值之和'], ['各项', '城区经济建设是否稳步推进 10；社会秩序是否更加稳定。 5'], ['比较方法', '须完全相等']],
  ],
  [
    'total-score-sum',
    { withExecution: 95, indicatorsOnly: 86, executionScore: 9, totalIncludesExec: true, otherConvention: true, tolerance: 0 },
    [['各指标得分合计', '86分'], ['预算执行得分', '9分'], ['含预算执行得分的合计', '95分'], ['比较方法', '须完全相等']],
  ],
  [
    'narr-qizhong-sum',
    { total: { label: '总支出决算数', raw: '3582.30万元', value: 3582.3 }, terms: [{ label: '工资福利支出', raw: '569.97万元', value: 569.97 }], formula: 'total = Σ parts', tolerance: 0.02, direction: 'under', completeList: false, approximate: false, remainder: 650.91, remainderShare: 0.18170170002512354 },
    [['未列明部分', '650.91万元'], ['未列明占比', '18.17%'], ['公式', '总数 = 各分项之和'], ['各项', '工资福利支出 569.97万元'], ['偏差方向', '分项合计小于总数'], ['比较方法', '允许相差 ±0.02']],
  ],
  [
    'narr-ratio-integer-base',
    { subject: '居民养老保险征缴', count: '206人', rate: '117.5%', formula: 'N = X ÷ p', baseRange: [175.24457677584007, 175.39378458918688], printedDecimals: 1 },
    [['所需基数范围', '175.244577 – 175.393785'], ['公式', '基数 = 完成数 ÷ 完成率']],
  ],
  [
    'exec-below-threshold',
    { threshold: 0.9, note: 'threshold 0.9; a reason on the total row covers every row' },
    [['须说明原因的执行率', '90%'], ['说明', '执行率低于90%须说明原因；总额行的说明适用于各行']],
  ],
  ['fund-subrows-sum', { formula: '年度资金总额 = 当年财政拨款 + 其他资金', column: 'executed' }, [['公式', '年度资金总额 = 当年财政拨款 + 其他资金']]],
];

describe('detail entries: labelled, in words, the rest not shown', () => {
  it.each(CASES)('%s', (rule, detail, expected) => {
    expect(shown(rule, detail)).toEqual(expected);
  });

  it('shows no English in Chinese: an unknown formula, tolerance or note written in English is left out', () => {
    expect(shown('some-new-rule', { formula: 'y = a × x', tolerance: 'within a rounding unit', note: 'checked against the budget', total: 5 })).toEqual([]);
    expect(shown('some-new-rule', { formula: 'y = a × x', note: 'checked against the budget' }, 'en')).toEqual([
      ['Formula', 'y = a × x'],
      ['Note', 'checked against the budget'],
    ]);
  });

  it('gives English labels and words with lang en', () => {
    expect(shown('exec-score-recompute', CASES[0]![1], 'en')).toEqual([
      ['Formula', 'execution weight × rate (a rate above 100% counts as 100%)'],
      ['Terms', 'weight 10; rate 148%'],
      ['Accepted scores', '10'],
      ['Direction', 'understated in the form'],
    ]);
  });

  it('marks the entries that quote the document', () => {
    const entries = detailEntries(finding('exec-over-100', CASES[1]![1]), 'zh');
    expect(entries.map((e) => [e.key, e.doc])).toEqual([['excess', false], ['narrativeReason', true]]);
  });
});

describe('names for people', () => {
  it('calls profiles by their Chinese names', () => {
    expect(profileLabel('hunan-2021', 'zh')).toBe('湖南省2021年口径');
    expect(profileLabel('central-2020', 'zh')).toBe('中央口径（财预〔2020〕10号）');
    expect(profileLabel('hunan-2021+custom', 'zh')).toBe('基于湖南省2021年口径的自定义口径');
    expect(profileLabel('hengyang-2021', 'zh')).toBe('自定义口径“hengyang-2021”');
    expect(profileLabel('sichuan-2023', 'en')).toBe('Sichuan 2023 rules');
  });

  it('says how a file was read in words, with the codes for a tooltip', () => {
    const txt: Source = { path: 'a.txt', sha256: '', bytes: 1, format: 'txt', encoding: 'gb18030', encodingMethod: 'strict-gb18030', replacementChars: 0, layout: 'tabbed' };
    expect(readerLabel(txt, 'zh')).toEqual({ text: '文本文件 · 以制表符分列的表格 · GB18030（按 GB18030 完整解码）', codes: 'txt · tabbed · gb18030 · strict-gb18030' });
    expect(readerLabel({ ...txt, format: 'docx', layout: 'docx', encoding: null, encodingMethod: null }, 'zh').text).toBe('Word 文档');
  });

  it('gives times in Beijing with the offset: 17:07 UTC is already the next day', () => {
    expect(beijingTime('2026-11-30T17:07:02.285Z', 'zh')).toBe('2026-12-01 01:07:02（北京时间 UTC+08:00）');
    expect(beijingTime('2026-11-30T17:07:02.285Z', 'en')).toBe('2026-12-01 01:07:02 (Beijing time, UTC+08:00)');
  });

  it('gives the default grades English words, and keeps a profile’s own grades', () => {
    expect(['优', '良', '中', '差'].map((g) => gradeLabel(g, 'en'))).toEqual(['excellent', 'good', 'fair', 'poor']);
    expect(gradeLabel('优', 'zh')).toBe('优');
    expect(gradeLabel('合格', 'en')).toBe('合格');
  });
});
