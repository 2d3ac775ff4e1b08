import { describe, expect, it } from 'vitest';
import { parseValue, type Form, type Location, type RateClaim } from '@jxaudit/model';
import { narrRatioIntegerBase } from '../../src/rules/narr-ratio-integer-base.ts';
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

const run = (forms: Form[]) => runRule(narrRatioIntegerBase, forms);

const WELFARE = sentence(550, '全年完成居民养老保险征缴206人，区任务完成率117.5%，完成居民基本医疗保险征缴7068人，任务完成率77.12%。');
const pension = (count: string, rate: string) => claim('居民养老保险征缴', count, null, rate, WELFARE);

describe('narr-ratio-integer-base', () => {
  it('reports the sample 养老保险: 206人 at 117.5% needs a base of 175.24–175.39', () => {
    const [finding, ...rest] = run([report([pension('206人', '117.5%'), claim('居民基本医疗保险征缴', '7068人', null, '77.12%', WELFARE)])]);
    expect(rest).toEqual([]);
    expect(finding).toMatchObject({ declared: null, computed: null, at: [WELFARE], form: { doc: 0, form: 0 } });
    expect(finding!.severity).toBeUndefined();
    expect(finding!.message.zh).toContain('所需基数为175.24–175.39');
    expect(finding!.message.en).toContain('206人 at 117.5% needs a base of 175.24–175.39');
    const [lo, hi] = finding!.detail.baseRange as [number, number];
    expect(lo).toBeCloseTo(175.245, 3);
    expect(hi).toBeCloseTo(175.394, 3);
  });

  const silent: [string, RateClaim][] = [
    ['医保 7068人 at 77.12%: 7068 ÷ 9165 = 77.12%', claim('居民基本医疗保险征缴', '7068人', null, '77.12%', WELFARE)],
    ['206人 at 117.7%: 206 ÷ 175 = 117.71%', pension('206人', '117.7%')],
    ['7人 at 77.78%: 7 ÷ 9 = 77.777…% rounded', pension('7人', '77.78%')],
    ['7人 at 77.77%: 7 ÷ 9 truncated', pension('7人', '77.77%')],
    ['a printed base is narr-ratio-recompute\'s business', claim('签约', '154户', '162户', '117.5%', WELFARE)],
    ['an approximate count ("206余人") is not checked', pension('206余人', '117.5%')],
    ['money is not a count', pension('206万元', '117.5%')],
    [
      'a growth rate is not X out of a base: 新增城镇就业206人，同比增长率117.5%',
      claim('新增城镇就业', '206人', null, '117.5%', sentence(550, '新增城镇就业206人，同比增长率117.5%。')),
    ],
  ];
  it.each(silent)('passes silently: %s', (_name, c) => {
    expect(run([report([c])])).toEqual([]);
  });

  const firing: [string, RateClaim][] = [
    ['206人 at 117.6%: bases 175.02–175.24 hold no whole number', pension('206人', '117.6%')],
    ['7人 at 77.76%: just below what 7 ÷ 9 can print as', pension('7人', '77.76%')],
  ];
  it.each(firing)('reports: %s', (_name, c) => {
    expect(run([report([c])])).toMatchObject([{ declared: null, computed: null, at: [WELFARE] }]);
  });
});
