import { describe, expect, it } from 'vitest';
import {
  exactSum,
  halfUnit,
  printedDecimals,
  printedScale,
  printedInterval,
  rateMatches,
  rational,
  roundHalfUpTo,
  scoreAcceptRange,
  scoreAgainstExpected,
  storedDecimals,
  sumCanMeet,
  truncTo,
} from '../src/tolerance.ts';

describe('tolerance', () => {
  it('a printed figure stands for ± half a unit of its last digit', () => {
    const i = printedInterval(742.25, 2);
    expect([rational.toNumber(i.lo), rational.toNumber(i.hi)]).toEqual([742.245, 742.255]);
    const j = printedInterval(120, 0);
    expect([rational.toNumber(j.lo), rational.toNumber(j.hi)]).toEqual([119.5, 120.5]);
  });

  it('sums meet at the printed precision: 1625.75 + 1956.56 = 3582.31 against 3582.30', () => {
    expect(sumCanMeet({ value: 3582.3, decimals: 2 }, [{ value: 1625.75, decimals: 2 }, { value: 1956.56, decimals: 2 }])).toBe(true);
    expect(sumCanMeet({ value: 3582.28, decimals: 2 }, [{ value: 1625.75, decimals: 2 }, { value: 1956.56, decimals: 2 }])).toBe(false);
  });

  it('no float equality: 0.1 + 0.2 = 0.3 exactly', () => {
    expect(exactSum([0.1, 0.2])).toBe(0.3);
    expect(sumCanMeet({ value: 0.3, decimals: 1 }, [{ value: 0.1, decimals: 1 }, { value: 0.2, decimals: 1 }])).toBe(true);
  });

  it('rates pass when printed equals round or trunc at the printed decimals', () => {
    expect(rateMatches(148, 0, 2991.61, 2021.29)).toBe(true);
    expect(rateMatches(95, 0, 154, 162)).toBe(true); // 95.06%
    expect(rateMatches(95.07, 2, 154, 162)).toBe(false);
    expect(rateMatches(29, 0, 0.29, 1)).toBe(true); // 0.29 × 100 is 28.999… in floats
  });

  it('round half up and truncation are exact', () => {
    expect(rational.toNumber(roundHalfUpTo(2.485, 2))).toBe(2.49);
    expect(rational.toNumber(roundHalfUpTo(4.5, 0))).toBe(5);
    expect(rational.toNumber(truncTo(2.485, 2))).toBe(2.48);
  });

  it('score rounding accepts [floor_p(e), round_half_up_p(e)]', () => {
    expect(scoreAcceptRange(9.5, 0)).toEqual([9, 10]);
    expect(scoreAgainstExpected(4, 2.485, 0)).toBe(1);
    expect(scoreAgainstExpected(5, 9.5, 0)).toBe(-1);
    expect(scoreAgainstExpected(4, 4.5, 0)).toBe(0);
    expect(scoreAgainstExpected(2.49, 2.485, 2)).toBe(0);
  });

  it('printed decimals of a text', () => {
    expect(printedDecimals('1,461.60')).toBe(2);
    expect(printedDecimals('133.86％')).toBe(2);
    expect(printedDecimals('148%')).toBe(0);
    expect(printedDecimals('１２０．５')).toBe(1);
  });

  it('decimals in the stored unit: a （元） cell has 4 more in 万元, an 亿元 figure fewer', () => {
    expect(printedScale('72890', 7.289)).toBe(-4);
    expect(storedDecimals('72890', 7.289)).toBe(4);
    expect(storedDecimals('11,122,315.04', 1112.231504)).toBe(6);
    expect(storedDecimals('1461.60', 1461.6)).toBe(2);
    expect(storedDecimals('7.6亿元', 76000)).toBe(-3);
    expect(rational.toNumber(halfUnit(-3))).toBe(500);
    // A printed 0 cannot tell its unit: the block's scale stands in.
    expect(printedScale('0', 0)).toBeNull();
    expect(storedDecimals('0', 0, -4)).toBe(4);
  });
});
