import { describe, expect, it } from 'vitest';
import {
  cellFigure,
  exact,
  halfUnit,
  parseValue,
  printedDecimals,
  printedFigure,
  printedInterval,
  printedScale,
  rational,
  roundHalfUpTo,
  storedDecimals,
  truncTo,
  valueInterval,
  type Interval,
  type Qualifier,
} from '../src/index.ts';

const asNumbers = (i: Interval | null) => (i ? [rational.toNumber(i.lo), rational.toNumber(i.hi)] : null);

describe('printed precision: one property of the printed figure', () => {
  it.each([
    ['1461.60', 2],
    ['1,461.60', 2],
    ['133.86％', 2],
    ['148%', 0],
    ['１２０．５', 1],
    ['7.6', 1],
    ['148', 0],
    ['约20.5万元', 1],
    ['', 0],
  ])('printedDecimals(%j) = %i', (text, decimals) => {
    expect(printedDecimals(text)).toBe(decimals);
  });

  it.each([
    // text, stored value, power of ten between them, decimals in the stored unit
    ['72890', 7.289, -4, 4],
    ['11,122,315.04', 1112.231504, -4, 6],
    ['1461.60', 1461.6, 0, 2],
    ['7.6亿元', 76000, 4, -3],
  ])('%j stored as %d: scale %i, %i decimals in the stored unit', (text, value, scale, decimals) => {
    expect(printedScale(text, value)).toBe(scale);
    expect(storedDecimals(text, value)).toBe(decimals);
  });

  it('a printed 0 cannot tell its unit: the block scale stands in', () => {
    expect(printedScale('0', 0)).toBeNull();
    expect(storedDecimals('0', 0, -4)).toBe(4);
    expect(cellFigure(0, '0', -4)).toEqual({ value: 0, decimals: 4 });
    expect(cellFigure(1461.6, null)).toEqual({ value: 1461.6, decimals: 1 });
  });

  it('half a unit of the last digit, negative decimals included', () => {
    expect(rational.toNumber(halfUnit(2))).toBe(0.005);
    expect(rational.toNumber(halfUnit(0))).toBe(0.5);
    expect(rational.toNumber(halfUnit(-3))).toBe(500);
  });
});

describe('printedInterval: the values a printed figure may stand for', () => {
  it.each<[string, number, number, Qualifier, [number, number]]>([
    ['742.25 → ± half a cent of 万元', 742.25, 2, 'exact', [742.245, 742.255]],
    ['120 → ± 0.5', 120, 0, 'exact', [119.5, 120.5]],
    ['a 元 figure stored in 万元 (4 more decimals)', 7.289, 4, 'exact', [7.28895, 7.28905]],
    ['a printed 0 is none at all, at any precision', 0, 0, 'exact', [0, 0]],
    ['a printed 0.00 too', 0, 2, 'exact', [0, 0]],
    ['约100 → ±10% and the half unit', 100, 0, 'about', [89.5, 110.5]],
  ])('%s', (_name, value, decimals, qualifier, expected) => {
    expect(asNumbers(printedInterval({ value, decimals, qualifier }))).toEqual(expected);
  });

  it('余/多/以上 leave the top open', () => {
    const i = printedInterval({ value: 200, decimals: 0, qualifier: 'at-least' });
    expect(rational.toNumber(i.lo)).toBe(199.5);
    expect(rational.cmp(i.hi, 1e12)).toBe(1);
  });
});

describe('valueInterval: the interval of a parsed value, in its stored unit', () => {
  it.each<[string, [number, number] | null]>([
    ['742.25万元', [742.245, 742.255]],
    ['72890元', [7.28895, 7.28905]],
    ['7.6亿元', [75500, 76500]],
    ['0元', [0, 0]],
    ['0', [0, 0]],
    ['95.06%', [0.95055, 0.95065]],
    ['148%', [1.475, 1.485]],
    ['41人', [41, 41]],
    ['154户', [154, 154]],
    ['2.5公里', [2.45, 2.55]],
    ['约100万元', [89.5, 110.5]],
    ['全部完成', null],
    ['', null],
  ])('%j → %j', (raw, expected) => {
    expect(asNumbers(valueInterval(parseValue(raw)))).toEqual(expected);
  });

  it('the recogniser and the rules read the same decimals: printedFigure counts them in the stored unit', () => {
    expect(printedFigure(parseValue('72890元'))).toEqual({ value: 7.289, decimals: 4, qualifier: 'exact' });
    expect(printedFigure(parseValue('1500.00'))).toEqual({ value: 1500, decimals: 2, qualifier: 'exact' });
    expect(printedFigure(parseValue('133.86%'))).toEqual({ value: 1.3386, decimals: 4, qualifier: 'exact' });
    expect(printedFigure(parseValue('200余户'))?.qualifier).toBe('at-least');
  });
});

describe('exact arithmetic', () => {
  it('no float equality: 0.1 + 0.2 = 0.3 exactly', () => {
    expect(rational.cmp(rational.add(0.1, 0.2), 0.3)).toBe(0);
    expect(exact(1e-7)).toEqual({ num: 1n, den: 10000000n });
  });

  it.each([
    [2.485, 2, 2.49, 2.48],
    [4.5, 0, 5, 4],
    [133.855, 2, 133.86, 133.85],
  ])('%d at %i decimals: half up %d, truncated %d', (x, d, up, trunc) => {
    expect(rational.toNumber(roundHalfUpTo(x, d))).toBe(up);
    expect(rational.toNumber(truncTo(x, d))).toBe(trunc);
  });
});
