import { describe, expect, it } from 'vitest';
import { parseValue, type Form, type Location, type RateClaim } from '@jxaudit/model';
import { narrRatioRecompute } from '../../src/rules/narr-ratio-recompute.ts';
import { reportForm, runRule } from '../helpers/forms.ts';
import { sentence } from '../helpers/narrative.ts';


/** A rate claim as the extractor gives it: count X, base Y when printed, rate p. */
function claim(subject: string, count: string, base: string | null, rate: string, at: Location): RateClaim {
  return { subject, count: parseValue(count), base: base === null ? null : parseValue(base), rate: parseValue(rate), at };
}

/** A report form holding only `rateClaims` filled in. */
function report(rateClaims: RateClaim[]): Form {
  return { ...reportForm(), rateClaims };
}

const run = (forms: Form[]) => runRule(narrRatioRecompute, forms);

const SIGNING = sentence(548, '重点项目方面，雷公塘棚户区改造项目已实现35.04亩集体土地全部预征收，162户国有土地上房屋预征收签约154户，签约率95%');
const signing = (rate: string, count = '154户', base = '162户') => claim('国有土地上房屋预征收签约', count, base, rate, SIGNING);

describe('narr-ratio-recompute', () => {
  const silent: [string, RateClaim][] = [
    ['the sample: 154 ÷ 162 = 95.06% printed "95%"', signing('95%')],
    ['at two decimals: 95.06%', signing('95.06%')],
    ['truncated: 95.0%', signing('95.0%')],
    ['rounded: 95.1%', signing('95.1%')],
    ['units differ (154户 of 162人): not a ratio of like things', signing('90%', '154户', '162人')],
    ['an approximate count ("150余户") is not checked', signing('90%', '150余户')],
    [
      'a growth rate is not X ÷ Y: 162户中签约154户，签约户数同比增长10%',
      claim('国有土地上房屋预征收签约', '154户', '162户', '10%', sentence(548, '162户国有土地上房屋预征收签约154户，签约户数同比增长10%')),
    ],
  ];
  it.each(silent)('passes silently: %s', (_name, c) => {
    expect(run([report([c])])).toEqual([]);
  });

  const firing: [string, RateClaim, number][] = [
    ['96% against 95.06%', signing('96%'), 0.96],
    ['94% against 95.06%', signing('94%'), 0.94],
    ['95.05% is below both 95.06 (rounded) and 95.06 (truncated)', signing('95.05%'), 0.9505],
    ['95.07% is above them', signing('95.07%'), 0.9507],
  ];
  it.each(firing)('errors: %s', (_name, c, declared) => {
    const [finding, ...rest] = run([report([c])]);
    expect(rest).toEqual([]);
    expect(finding).toMatchObject({ declared, form: { doc: 0, form: 0 }, at: [SIGNING] });
    expect(finding!.severity).toBeUndefined();
    expect(finding!.computed).toBeCloseTo(154 / 162, 12);
  });

  it('names the recomputation in both languages', () => {
    const [finding] = run([report([signing('96%')])]);
    expect(finding!.message.zh).toBe('国有土地上房屋预征收签约：162户中154户，报告称96%，复算154户 ÷ 162户 = 95%');
    expect(finding!.message.en).toContain('recomputed 154户 ÷ 162户 = 95%');
  });
});
