import { describe, expect, it } from 'vitest';
import { fundSubrowsSum as rule } from '../../src/rules/fund-subrows-sum.ts';
import { projectForm, runRule, severityOf, type FundRowSpec } from '../helpers/forms.ts';

const special = (rows: FundRowSpec[]) => projectForm({ funds: rows });

describe('fund-subrows-sum', () => {
  it.each([
    ['the sample: 418 + 1043.6 = 1461.6 and 418 + 1538.56 = 1956.56', [
      { label: '年度资金总额', init: '1461.6', full: '1461.6', exec: '1956.56' },
      { label: '当年财政拨款', init: '418', full: '418', exec: '418' },
      { label: '其他资金', init: '1043.6', full: '1043.6', exec: '1538.56' },
    ]],
    ['a rounding gap inside the printed intervals: 100.0 vs 33.3 + 33.3 + 33.3', [
      { label: '年度资金总额', init: '100.0' },
      { label: '当年财政拨款', init: '33.3' },
      { label: '上年结转', init: '33.3' },
      { label: '其他资金', init: '33.3' },
    ]],
    ['boundary: 120 stands for [119.5, 120.5], so 119.5 + 1.00 meets it', [
      { label: '年度资金总额', init: '120' },
      { label: '当年财政拨款', init: '119.5' },
      { label: '其他资金', init: '1.00' },
    ]],
    ['sub-rows with "/" (null) are left out', [
      { label: '年度资金总额', init: '90', exec: '89.974' },
      { label: '财政资金', init: '90', exec: '89.974' },
      { label: '单位资金', init: null, exec: null },
    ]],
  ] as [string, FundRowSpec[]][])('passes: %s', (_, rows) => {
    expect(runRule(rule, [special(rows)])).toEqual([]);
  });

  it('fires per failing column with the printed total and the exact sum', () => {
    const form = special([
      { label: '年度资金总额', init: '1461.6', full: '1461.6', exec: '1956.56' },
      { label: '当年财政拨款', init: '418', full: '418', exec: '418' },
      { label: '其他资金', init: '1043.6', full: '1043.6', exec: '1528.56' },
    ]);
    const [d, ...rest] = runRule(rule, [form]);
    expect(rest).toEqual([]);
    expect(severityOf(rule, d)).toBe('error');
    expect([d.declared, d.computed]).toEqual([1956.56, 1946.56]);
    expect(d.detail.column).toBe('executed');
    expect(d.at[0]).toMatchObject({ row: 2, col: 3, text: '1956.56' });
    expect(d.message.zh).toContain('全年执行数为1956.56万元，其中各行合计1946.56万元（当年财政拨款 418 + 其他资金 1528.56），相差10万元');
  });

  it('boundary: 120 vs 119.51 + 1.00 touch at 120.5 (no finding); 119.52 + 1.00 does not', () => {
    const form = special([
      { label: '年度资金总额', init: '120' },
      { label: '当年财政拨款', init: '119.51' },
      { label: '其他资金', init: '1.00' },
    ]);
    // [119.5, 120.5] against [120.5, 120.52]: they meet at 120.5; one more cent and they do not.
    expect(runRule(rule, [form])).toEqual([]);
    const over = special([
      { label: '年度资金总额', init: '120' },
      { label: '当年财政拨款', init: '119.52' },
      { label: '其他资金', init: '1.00' },
    ]);
    expect(runRule(rule, [over]).map((d) => [d.declared, d.computed])).toEqual([[120, 120.52]]);
  });

  it('a total row of 0 0 0 over a sub-row 90 / 89.974 fails ([C8] Chizhou)', () => {
    const form = special([
      { label: '年度资金总额', init: '0', full: '0', exec: '0' },
      { label: '财政资金', init: '90', full: '90', exec: '89.974' },
    ]);
    expect(runRule(rule, [form]).map((d) => [d.detail.column, d.declared, d.computed])).toEqual([
      ['budgetInitial', 0, 90],
      ['budgetFull', 0, 90],
      ['executed', 0, 89.974],
    ]);
  });
});

describe('fund-subrows-sum: a total row left at 0', () => {
  it('fails even when the sub-row lies inside the half unit of "0" (0 against 0.3)', () => {
    const form = special([
      { label: '年度资金总额', init: '0', full: '0', exec: '0' },
      { label: '财政资金', init: '0.3', full: '0.3', exec: '0.2' },
      { label: '其他资金', init: '0', full: '0', exec: '0' },
    ]);
    const drafts = runRule(rule, [form]);
    expect(drafts.map((d) => [d.detail.column, d.declared, d.computed])).toEqual([
      ['budgetInitial', 0, 0.3],
      ['budgetFull', 0, 0.3],
      ['executed', 0, 0.2],
    ]);
    expect(drafts[0].message.zh).toContain('（总额行为0，疑未填写）');
  });

  it('a total of 0 over sub-rows that are all 0 passes', () => {
    const form = special([
      { label: '年度资金总额', init: '0', exec: '0' },
      { label: '财政资金', init: '0.00', exec: '0' },
      { label: '其他资金', init: '0', exec: null },
    ]);
    expect(runRule(rule, [form])).toEqual([]);
  });
});

describe('fund-subrows-sum: a money block printed in 元', () => {
  /** A （元） block: cells keep the text in 元, values are stored in 万元 (÷ 10000), as the recognizer stores them. */
  const yuanBlock = (rows: FundRowSpec[]) => {
    const form = special(rows);
    const wan = (v: number | null) => (v === null ? null : Number((v / 10000).toFixed(10)));
    return { ...form, funds: form.funds.map((r) => ({ ...r, budgetInitial: wan(r.budgetInitial), budgetFull: wan(r.budgetFull), executed: wan(r.executed) })) };
  };

  it('100000 against 60000 + 30000 元 fails: each figure stands for ± 0.5 元, not ± 0.5 万元', () => {
    const form = yuanBlock([
      { label: '年度资金总额', init: '100000' },
      { label: '财政拨款', init: '60000' },
      { label: '其他资金', init: '30000' },
    ]);
    const drafts = runRule(rule, [form]);
    expect(drafts.map((d) => [d.declared, d.computed])).toEqual([[10, 9]]);
    expect(drafts[0].detail.tolerance).toBe(0.00015);
  });

  it('a printed 0 of the block takes the block’s unit: 100000 against 99998 + 0 元 fails', () => {
    const form = yuanBlock([
      { label: '年度资金总额', init: '100000' },
      { label: '财政拨款', init: '99998' },
      { label: '其他资金', init: '0' },
    ]);
    expect(runRule(rule, [form]).map((d) => [d.declared, d.computed])).toEqual([[10, 9.9998]]);
  });

  it.each([
    ['70000 + 30000 = 100000', ['100000', '70000', '30000']],
    ['rounding to the 元: 11122315 against 11122314.6 + 0.4', ['11122315', '11122314.6', '0.4']],
  ])('passes: %s', (_, [total, a, b]) => {
    const form = yuanBlock([
      { label: '年度资金总额', init: total },
      { label: '财政拨款', init: a },
      { label: '其他资金', init: b },
    ]);
    expect(runRule(rule, [form])).toEqual([]);
  });
});
