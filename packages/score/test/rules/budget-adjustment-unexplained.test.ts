import { describe, expect, it } from 'vitest';
import { budgetAdjustmentUnexplained as rule } from '../../src/rules/budget-adjustment-unexplained.ts';
import { projectForm, runRule, severityOf } from '../helpers/forms.ts';

const form = (init: string, full: string, reason: string | null = null) =>
  projectForm({ family: 'sichuan', funds: [{ label: '年度资金总额', init, full, exec: full, reason }] });

describe('budget-adjustment-unexplained', () => {
  it('fires under sichuan-2023 when 调整后预算数 differs from 年初预算数 with no reason', () => {
    const [d, ...rest] = runRule(rule, [form('100', '120.5')], { profile: 'sichuan-2023' });
    expect(rest).toEqual([]);
    expect(severityOf(rule, d)).toBe('info');
    expect([d.declared, d.computed]).toEqual([120.5, 100]);
    expect(d.message.zh).toBe('“年度资金总额”全年预算数120.5万元与年初预算数100万元不同（调增20.5万元），未说明调整理由');
  });

  it.each([
    ['no adjustment', '100', '100.00', null],
    ['an explained adjustment', '100', '120', '年中追加疫情防控经费20万元'],
  ])('does not fire: %s', (_, init, full, reason) => {
    expect(runRule(rule, [form(init, full, reason)], { profile: 'sichuan-2023' })).toEqual([]);
  });

  it('hunan-2021 does not ask for the explanation', () => {
    expect(runRule(rule, [form('100', '120')], { profile: 'hunan-2021' })).toEqual([]);
  });
});
