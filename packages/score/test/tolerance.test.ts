import { describe, expect, it } from 'vitest';
import {
  exactSum,
  rateMatches,
  rational,
  roundHalfUpTo,
  scoreAcceptRange,
  scoreAgainstExpected,
  sumCanMeet,
  truncTo,
} from '../src/tolerance.ts';

describe('tolerance', () => {
  it('a total printed 0 over parts that carry money does not add up (a printed 0 is none)', () => {
    expect(sumCanMeet({ value: 0, decimals: 2 }, [{ value: 0.3, decimals: 2 }])).toBe(false);
    expect(sumCanMeet({ value: 100, decimals: 2 }, [{ value: 100, decimals: 2 }, { value: 0, decimals: 0 }])).toBe(true);
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


});
