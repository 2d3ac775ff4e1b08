import { describe, expect, it } from 'vitest';
import { execRateRecompute as rule } from '../../src/rules/exec-rate-recompute.ts';
import { departmentForm, profile, projectForm, runRule, severityOf } from '../helpers/forms.ts';

describe('exec-rate-recompute', () => {
  it.each([
    ['148% for 2991.61 ÷ 2021.29 = 1.48005', '2021.29', '2991.61', '148%'],
    ['133.86% for 1956.56 ÷ 1461.6', '1461.6', '1956.56', '133.86%'],
    ['147.43% for 1538.56 ÷ 1043.6', '1043.6', '1538.56', '147.43%'],
    ['100% for 418 ÷ 418', '418', '418', '100%'],
    ['truncation is accepted: 2/3 printed as 66.66%', '3', '2', '66.66%'],
    ['rounding is accepted: 2/3 printed as 66.67%', '3', '2', '66.67%'],
    ['100.00% keeps its two decimals', '90', '90', '100.00%'],
  ])('passes: %s', (_, full, exec, rate) => {
    expect(runRule(rule, [projectForm({ funds: [{ label: '年度资金总额', init: full, full, exec, rate }] })])).toEqual([]);
  });

  it('fires when the printed rate is neither rounded nor truncated', () => {
    const form = departmentForm({ funds: [{ label: '年度资金总额', init: '2021.29', full: '2021.29', exec: '2991.61', rate: '147%' }] });
    const [d, ...rest] = runRule(rule, [form]);
    expect(rest).toEqual([]);
    expect(severityOf(rule, d)).toBe('error');
    expect(d.declared).toBe(1.47);
    expect(d.computed).toBeCloseTo(1.480049869, 8);
    expect(d.message.zh).toBe('“年度资金总额”执行率印为147%，按全年执行数2991.61÷全年预算数2021.29应为148.00%');
  });

  it('checks sub-rows as well, and uses 年初预算数 under rate_basis initial', () => {
    const form = projectForm({
      funds: [
        { label: '年度资金总额', init: '100', full: '120', exec: '96', rate: '80%' },
        { label: '当年财政拨款', init: '100', full: '120', exec: '96', rate: '96%' },
      ],
    });
    expect(runRule(rule, [form]).map((d) => d.declared)).toEqual([0.96]);
    const initial = { extends: 'central-2020', params: { rate_basis: 'initial' } };
    const drafts = runRule(rule, [form], { profile: profile(initial) });
    expect(drafts.map((d) => d.declared)).toEqual([0.8]);
  });
});

describe('exec-rate-recompute: printed decimals', () => {
  it.each([
    ['"148.00%" for 1.4800499… (two decimals)', '2021.29', '2991.61', '148.00%'],
    ['"148.0%" (one decimal)', '2021.29', '2991.61', '148.0%'],
    ['[C7] "86%" for 37.24 ÷ 43.2 = 86.20%', '43.2', '37.24', '86%'],
  ])('passes: %s', (_, full, exec, rate) => {
    expect(runRule(rule, [projectForm({ funds: [{ label: '年度资金总额', init: full, full, exec, rate }] })])).toEqual([]);
  });

  it('"148.01%" is neither the rounded nor the truncated value of 148.00499…%', () => {
    const drafts = runRule(rule, [projectForm({ funds: [{ label: '年度资金总额', init: '2021.29', full: '2021.29', exec: '2991.61', rate: '148.01%' }] })]);
    expect(drafts.map((d) => d.declared)).toEqual([1.4801]);
  });
});
