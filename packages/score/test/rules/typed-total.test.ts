import { describe, expect, it } from 'vitest';
import { typedTotal as rule } from '../../src/rules/typed-total.ts';
import { runRule, severityOf } from '../helpers/forms.ts';
import { workbookForm, type CellSpec } from '../helpers/workbook-form.ts';

// 年度资金总额 in row 7 over its 其中 rows 8–9: 年初 D, 全年 E, 执行 F, 分值 G
const block = (row7: Record<string, CellSpec>): Record<string, CellSpec> => ({
  D8: 418, D9: 1043.6, E8: 418, E9: 1043.6, F8: 418, F9: 1538.56, G8: 10, G9: 10,
  G7: 10,
  ...row7,
});

describe('typed-total', () => {
  it.each<[string, Record<string, CellSpec>]>([
    ['every total a formula', { D7: ['SUM(D8:D9)', 1461.6], E7: ['SUM(E8:E9)', 1461.6], F7: ['SUM(F8:F9)', 1956.56] }],
    ['every total typed (no formula to be a sibling of)', { D7: 1461.6, E7: 1461.6, F7: 1956.56 }],
    ['a weight beside a SUM that is not its total (G7 = 10 beside F7)', { D7: ['SUM(D8:D9)', 1461.6], E7: ['SUM(E8:E9)', 1461.6], F7: ['SUM(F8:F9)', 1956.56] }],
    ['a rate formula beside a typed number', { D7: 1461.6, E7: ['D7*1', 1461.6] }],
  ])('passes: %s', (_, row7) => {
    expect(runRule(rule, [workbookForm(block(row7))])).toEqual([]);
  });

  it('fires on a total typed over its formula, equal to its parts (info, with the sibling formula)', () => {
    const [d, ...rest] = runRule(rule, [workbookForm(block({ D7: ['SUM(D8:D9)', 1461.6], E7: ['SUM(E8:E9)', 1461.6], F7: 1956.56 }))]);
    expect(rest).toEqual([]);
    expect(severityOf(rule, d)).toBe('info');
    expect([d.declared, d.computed]).toEqual([1956.56, 1956.56]);
    expect(d.at.map((l) => l.address)).toEqual(['F7', 'E7', 'F8', 'F9']);
    expect(d.detail).toMatchObject({ formula: '=SUM(F8:F9)', agrees: true });
    expect(d.message.zh).toContain('F7是手工输入的数字');
  });

  it('fires on a typed number between two SUM siblings even when it disagrees', () => {
    const [d] = runRule(rule, [workbookForm(block({ D7: ['SUM(D8:D9)', 1461.6], E7: 1500, F7: ['SUM(F8:F9)', 1956.56] }))]);
    expect([d.declared, d.computed, d.detail.agrees]).toEqual([1500, 1462, false]); // at the precision the typed cell shows
  });

  it('row totals: a typed number under a row-sum formula', () => {
    const drafts = runRule(rule, [workbookForm({ B1: 1, C1: 2, D1: ['SUM(B1:C1)', 3], B2: 4, C2: 5, D2: 9 })]);
    expect(drafts.map((d) => [d.at[0].address, d.declared, d.computed])).toEqual([['D2', 9, 9]]);
  });
});
