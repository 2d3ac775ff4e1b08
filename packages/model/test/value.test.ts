import { describe, expect, it } from 'vitest';
import {
  dropThousandsSeparators,
  isEmptyMarker,
  parseAmountWan,
  parseRate,
  parseValue,
  qualitativeTier,
  stripSpaces,
  toHalfWidth,
} from '../src/value.ts';
import type { Value } from '../src/value-schema.ts';

type Expect = Partial<Value>;

function check(raw: string, want: Expect): void {
  const v = parseValue(raw);
  for (const [k, expected] of Object.entries(want)) {
    const got = (v as Record<string, unknown>)[k];
    if (typeof expected === 'number' && typeof got === 'number') {
      expect(got, `${raw} → ${k}`).toBeCloseTo(expected, 9);
    } else {
      expect(got, `${raw} → ${k}`).toEqual(expected);
    }
  }
}

// Every target/actual printed in the sample's two tables (expected-forms.json).
const sampleCells: Array<[string, Expect]> = [
  ['全部完成', { kind: 'qualitative', tier: 'achieved', value: null, decimals: null }],
  ['基本完成', { kind: 'qualitative', tier: 'basic' }],
  ['10亿元', { kind: 'amount', value: 100000, unit: '万元', decimals: 0, comparator: null, approx: false }],
  ['7.6亿元', { kind: 'amount', value: 76000, unit: '万元', decimals: 1 }],
  ['7亿元', { kind: 'amount', value: 70000, unit: '万元', decimals: 0 }],
  ['5.5亿元', { kind: 'amount', value: 55000, unit: '万元', decimals: 1 }],
  ['5000万元', { kind: 'amount', value: 5000, unit: '万元', decimals: 0 }],
  ['2485万元', { kind: 'amount', value: 2485, unit: '万元', decimals: 0 }],
  ['100%', { kind: 'percent', value: 1, unit: '%', decimals: 0, comparator: null }],
  ['80%', { kind: 'percent', value: 0.8, unit: '%', decimals: 0 }],
  ['95%', { kind: 'percent', value: 0.95, unit: '%' }],
  ['是', { kind: 'boolean', value: true, unit: null, tier: null }],
  ['否', { kind: 'boolean', value: false }],
  ['162户', { kind: 'number', value: 162, unit: '户', decimals: 0, comparator: null }],
  ['154户', { kind: 'number', value: 154, unit: '户' }],
  ['全部稳步推进', { kind: 'qualitative', tier: 'achieved' }],
  ['基本稳步推进', { kind: 'qualitative', tier: 'basic' }],
  ['全部有序开展', { kind: 'qualitative', tier: 'achieved' }],
  ['基本有序开展', { kind: 'qualitative', tier: 'basic' }],
  ['基本稳定', { kind: 'qualitative', tier: 'basic' }],
  ['全部达到', { kind: 'qualitative', tier: 'achieved' }],
  ['基本达到', { kind: 'qualitative', tier: 'basic' }],
  ['全部提高', { kind: 'qualitative', tier: 'achieved' }],
  ['基本提高', { kind: 'qualitative', tier: 'basic' }],
  ['达到', { kind: 'qualitative', tier: 'achieved', comparator: null }],
  ['基本实现', { kind: 'qualitative', tier: 'basic' }],
  ['基本落实', { kind: 'qualitative', tier: 'basic' }],
];

// RULES.md §2 spellings.
const rulesCells: Array<[string, Expect]> = [
  ['≥95%', { kind: 'percent', value: 0.95, comparator: '≥', decimals: 0 }],
  ['≤90万元', { kind: 'amount', value: 90, unit: '万元', comparator: '≤' }],
  ['≥50个', { kind: 'number', value: 50, unit: '个', comparator: '≥' }],
  ['＝72890元', { kind: 'amount', value: 7.289, unit: '万元', comparator: '=', decimals: 0 }],
  ['﹦100', { kind: 'number', value: 100, unit: null, comparator: '=' }],
  ['≥100百分比', { kind: 'percent', value: 1, unit: '%', comparator: '≥' }],
  ['不低于90%', { kind: 'percent', value: 0.9, comparator: '≥' }],
  ['不少于3个', { kind: 'number', value: 3, unit: '个', comparator: '≥' }],
  ['不超过5万元', { kind: 'amount', value: 5, comparator: '≤' }],
  ['控制在30万元以内', { kind: 'amount', value: 30, unit: '万元', comparator: '≤', approx: false }],
  ['200余块', { kind: 'number', value: 200, unit: '块', approx: true, comparator: null }],
  ['1800多平方米', { kind: 'number', value: 1800, unit: '平方米', approx: true }],
  ['982余人次', { kind: 'number', value: 982, unit: '人次', approx: true }],
  ['2万余元', { kind: 'amount', value: 2, unit: '万元', approx: true, decimals: 0 }],
  ['2万元余元', { kind: 'text', value: null }],
  ['约3万元', { kind: 'amount', value: 3, unit: '万元', approx: true, comparator: null }],
  ['90%以上', { kind: 'percent', value: 0.9, comparator: '≥', approx: true }],
  ['100人左右', { kind: 'number', value: 100, unit: '人', approx: true }],
  ['80%-90%', { kind: 'percent', value: 0.8, range: [0.8, 0.9] }],
  ['≤80%-90%', { kind: 'percent', value: 0.9, range: [0.8, 0.9], comparator: '≤' }],
  ['5～10个', { kind: 'number', value: 5, unit: '个', range: [5, 10] }],
  ['2021年', { kind: 'text', value: null, unit: null, decimals: null }],
  ['2018-2020', { kind: 'text', value: null }],
  ['〔2020〕10号', { kind: 'text', value: null }],
  ['12月', { kind: 'text', value: null }],
  ['第3名', { kind: 'text', value: null }],
  ['11,122,315.04元', { kind: 'amount', value: 1112.231504, unit: '万元', decimals: 2 }],
  ['148%', { kind: 'percent', value: 1.48, decimals: 0 }],
  ['133.86%', { kind: 'percent', value: 1.3386, decimals: 2 }],
  ['100.00%', { kind: 'percent', value: 1, decimals: 2 }],
  ['1461.60', { kind: 'number', value: 1461.6, decimals: 2, unit: null }],
  ['３个百分点', { kind: 'number', value: 3, unit: '个百分点' }],
  ['有', { kind: 'boolean', value: true }],
  ['无', { kind: 'boolean', value: false }],
  ['达成预期指标', { kind: 'qualitative', tier: 'achieved' }],
  ['较好', { kind: 'qualitative', tier: 'basic' }],
  ['部分达成年度指标并具有一定效果', { kind: 'qualitative', tier: 'partial' }],
  ['未达成年度指标且效果较差', { kind: 'qualitative', tier: 'not' }],
  ['没有', { kind: 'qualitative', tier: 'not' }],
  ['　', { kind: 'empty', value: null, raw: '' }],
  ['', { kind: 'empty' }],
  ['按计划推进中', { kind: 'text', tier: null }],
  ['742.25 120', { kind: 'text', value: null }],
  ['1 000 000元', { kind: 'amount', value: 100 }],
  ['162 户', { kind: 'number', value: 162, unit: '户' }],
  ['30万元内', { kind: 'amount', value: 30, comparator: '≤' }],
  ['完成90%', { kind: 'percent', value: 0.9, comparator: null }],
  ['90%（基本完成）', { kind: 'percent', value: 0.9, raw: '90%（基本完成）' }],
  ['是（已完成）', { kind: 'boolean', value: true }],
  ['签约率（基本完成）', { kind: 'qualitative', tier: 'basic' }],
  ['＞９０％', { kind: 'percent', value: 0.9, comparator: '>' }],
  ['≧95%', { kind: 'percent', value: 0.95, comparator: '≥' }],
  ['2.5个百分点', { kind: 'number', value: 2.5, unit: '个百分点', decimals: 1 }],
];

describe('parseValue — the sample cells', () => {
  it.each(sampleCells)('%s', (raw, want) => check(raw, want));
});

describe('parseValue — RULES.md §2 spellings', () => {
  it.each(rulesCells)('%s', (raw, want) => check(raw, want));
});

describe('parseValue keeps the raw text trimmed', () => {
  it('trims ideographic spaces and NBSP around the cell, keeps inner text', () => {
    expect(parseValue('\u3000≥95%\u00a0').raw).toBe('≥95%');
    expect(parseValue(' 162 户 ').value).toBe(162);
  });
});

describe('helpers', () => {
  it('toHalfWidth maps full-width digits, signs and comparison forms', () => {
    expect(toHalfWidth('９５．５％（约）＋－＝﹦＞＜≧≦')).toBe('95.5%(约)+-==><≥≤');
    expect(toHalfWidth('═100%')).toBe('=100%');
  });
  it('stripSpaces removes U+3000, NBSP and ordinary whitespace', () => {
    expect(stripSpaces('年初\n预算数\u3000 \u00a0')).toBe('年初预算数');
  });
  it('dropThousandsSeparators keeps list commas', () => {
    expect(dropThousandsSeparators('11,122,315.04')).toBe('11122315.04');
    expect(dropThousandsSeparators('205.8万元,增长7.39%')).toBe('205.8万元,增长7.39%');
  });
  it('parseAmountWan reads 元, 万元, 亿元 and bare numbers', () => {
    expect(parseAmountWan('742.25')).toEqual({ value: 742.25, decimals: 2, approx: false, printedUnit: null });
    expect(parseAmountWan('0元')).toEqual({ value: 0, decimals: 0, approx: false, printedUnit: '元' });
    expect(parseAmountWan('7.6亿元')?.value).toBe(76000);
    expect(parseAmountWan('11,122,315.04', '元')?.value).toBeCloseTo(1112.231504, 9);
    expect(parseAmountWan('162户')).toBeNull();
  });
  it('parseRate gives the fraction and the printed decimals', () => {
    expect(parseRate('133.86%')).toEqual({ raw: '133.86%', value: 1.3386, decimals: 2 });
    expect(parseRate('148%')).toEqual({ raw: '148%', value: 1.48, decimals: 0 });
    expect(parseRate('9')).toBeNull();
  });
  it('qualitativeTier orders NOT, PARTIAL, BASIC before ACHIEVED', () => {
    expect(qualitativeTier('基本完成')).toBe('basic');
    expect(qualitativeTier('大部分完成')).toBe('basic');
    expect(qualitativeTier('部分完成')).toBe('partial');
    expect(qualitativeTier('未完成')).toBe('not');
    expect(qualitativeTier('成效显著')).toBe('achieved');
  });
  it('isEmptyMarker follows the empty markers of RULES.md §2', () => {
    for (const s of ['', '\u3000', '—', '－', '-', '/', '／', '无', '0']) expect(isEmptyMarker(s), s).toBe(true);
    expect(isEmptyMarker('资金未及时到位')).toBe(false);
  });
});
