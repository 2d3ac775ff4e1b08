import { describe, expect, it } from 'vitest';
import type { Fact, Form } from '@jxaudit/model';
import { sanggongSum } from '../../src/rules/sanggong-sum.ts';
import { runRule } from '../helpers/forms.ts';
import { fact, report, sentence } from '../helpers/narrative.ts';

const run = (forms: Form[]) => runRule(sanggongSum, forms);

const SANGGONG = sentence(547, '2021年“三公”经费预算0.8万元（其中：因公出国费用0万元，公务接待费0.8万元，公务用车0元），实际未使用。');

/** 三公经费预算 with its three parts as printed; the sample's wording unless overridden. */
function sanggong(total = '0.8万元', abroad: string | null = '0万元', reception: string | null = '0.8万元', vehicles: string | null = '0元'): Fact[] {
  const parts: [string, string | null][] = [['因公出国费用', abroad], ['公务接待费', reception], ['公务用车', vehicles]];
  return [
    fact('sanggong.budget.total', '三公经费预算', total, SANGGONG),
    ...parts.filter(([, raw]) => raw !== null).map(([label, raw]) => fact('sanggong.budget.part', label, raw!, SANGGONG, { group: 0 })),
  ];
}

describe('sanggong-sum', () => {
  const silent: [string, Fact[]][] = [
    ['the sample: 0 + 0.8 + 0 = 0.8 (公务用车0元 is 0 in 万元 too)', sanggong()],
    ['units converted: 公务接待费8000元 = 0.8万元', sanggong('0.8万元', '0万元', '8000元', '0元')],
    ['at the half unit: 0.8 against 0 + 0.75 + 0 (0.75 ± 0.005 meets 0.8 ± 0.05)', sanggong('0.8万元', '0万元', '0.75万元', '0元')],
    ['two categories stated, below the total: not a contradiction', sanggong('0.8万元', '0万元', '0.5万元', null)],
  ];
  it.each(silent)('passes silently: %s', (_name, facts) => {
    expect(run([report(facts)])).toEqual([]);
  });

  const firing: [string, Fact[], number, number][] = [
    ['公务用车0.5万元 makes 1.3 against 0.8', sanggong('0.8万元', '0万元', '0.8万元', '0.5万元'), 0.8, 1.3],
    ['公务接待费800元 is 0.08万元, not 0.8', sanggong('0.8万元', '0万元', '800元', '0元'), 0.8, 0.08],
    ['just outside the half units: 0.8 against 0.74', sanggong('0.8万元', '0万元', '0.74万元', '0元'), 0.8, 0.74],
    ['two categories stated, above the total: 0.5 + 0.8 > 0.8', sanggong('0.8万元', '0.5万元', '0.8万元', null), 0.8, 1.3],
  ];
  it.each(firing)('errors: %s', (_name, facts, declared, computed) => {
    const [finding, ...rest] = run([report(facts)]);
    expect(rest).toEqual([]);
    expect(finding).toMatchObject({ severity: 'error', declared, form: { doc: 0, form: 0 }, at: [SANGGONG] });
    expect(finding!.computed).toBeCloseTo(computed, 10);
  });

  it('keeps an approximate total at info', () => {
    expect(run([report(sanggong('约0.8万元', '0万元', '0.8万元', '0.5万元'))])).toMatchObject([{ severity: 'info' }]);
  });

  it('shows the terms as printed and the sum in 万元', () => {
    const [finding] = run([report(sanggong('0.8万元', '0万元', '800元', '0元'))]);
    expect(finding!.message.zh).toBe('“三公”经费预算0.8万元，而因公出国费用0万元 + 公务接待费800元 + 公务用车0元 = 0.08万元');
  });
});
