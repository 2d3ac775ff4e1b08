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

describe('budget-adjustment-unexplained: the 原因 cells of the 其中 rows', () => {
  /** The family3 money block: 总额 500 → 520, of which 财政资金 450 → 470; 单位资金 unadjusted. */
  const block = (fiscalReason: string | null, unitReason: string | null) =>
    projectForm({
      family: 'sichuan',
      funds: [
        { label: '总额', init: '500', full: '520', exec: '468', points: '10', rate: '90%', score: '9' },
        { label: '财政资金', init: '450', full: '470', exec: '430', rate: '91.49%', reason: fiscalReason },
        { label: '单位资金', init: '50', full: '50', exec: '38', rate: '76%', reason: unitReason },
      ],
    });

  it('a reason on the adjusted sub-row explains the adjustment', () => {
    expect(runRule(rule, [block('年中追加安防资金20万元', null)], { profile: 'sichuan-2023' })).toEqual([]);
  });

  it('a reason on an unadjusted sub-row (why 单位资金 fell short) does not', () => {
    const drafts = runRule(rule, [block(null, '部分单位自筹资金未及时到位')], { profile: 'sichuan-2023' });
    expect(drafts.map((d) => [d.declared, d.computed, d.detail.adjustedSubRows])).toEqual([[520, 500, [{ label: '财政资金', initial: 450, full: 470 }]]]);
  });
});
