import { describe, expect, it } from 'vitest';
import { execOver100 as rule } from '../../src/rules/exec-over-100.ts';
import { departmentForm, projectForm, reportForm, runRule, severityOf } from '../helpers/forms.ts';

const dept = () =>
  departmentForm({ funds: [{ label: '年度资金总额', init: '2021.29', full: '2021.29', exec: '2991.61', points: '10', rate: '148%', score: '9' }] });

describe('exec-over-100', () => {
  it('fires on the sample department: +970.32 at 148%, the budget not adjusted', () => {
    const [d, ...rest] = runRule(rule, [dept()]);
    expect(rest).toEqual([]);
    expect(severityOf(rule, d)).toBe('warning');
    expect(d.detail).toMatchObject({ excess: 970.32, fullEqualsInitial: true });
    expect(d.message.zh).toBe('“年度资金总额”全年执行数2991.61万元超过预算数2021.29万元（超出970.32万元，执行率148%）；全年预算数等于年初预算数，全年预算数未随追加调整');
    expect(d.detail.note).toBe('no narrative report in this submission');
  });

  it('notes a narrative that only gives the generic reason', () => {
    const report = reportForm({ sentences: ['一是预算编制与实际支出存在差异，预算编制有待更严格的执行。'] });
    const [d] = runRule(rule, [dept(), report]);
    expect(d.detail.narrativeReasonGeneric).toBe(true);
    expect(d.message.zh).toContain('报告仅笼统说明“一是预算编制与实际支出存在差异，预算编制有待更严格的执行。”');
  });

  it('also reads the narrative’s sentences when the report form carries them', () => {
    const report = { ...reportForm(), sentences: [{ file: 'r.txt', table: null, row: null, col: null, line: 90, paragraph: 60, text: '一是预算编制与实际支出存在差异，预算编制有待更严格的执行。' }] };
    expect(runRule(rule, [dept(), report])[0].detail.narrativeReasonGeneric).toBe(true);
  });

  it('a specific reason (追加) is not called generic', () => {
    const report = reportForm({ sentences: ['预算编制与实际支出存在差异，主要是年中上级追加拆迁补偿资金970.32万元。'] });
    const [d] = runRule(rule, [dept(), report]);
    expect(d.detail.narrativeReasonGeneric).toBe(false);
    expect(d.message.zh).not.toContain('报告仅笼统说明');
  });

  it('names the sub-row that holds all of the excess (the sample project: 其他资金 1538.56 vs 1043.6)', () => {
    const form = projectForm({
      funds: [
        { label: '年度资金总额', init: '1461.6', full: '1461.6', exec: '1956.56', rate: '133.86%' },
        { label: '当年财政拨款', init: '418', full: '418', exec: '418', rate: '100%' },
        { label: '其他资金', init: '1043.6', full: '1043.6', exec: '1538.56', rate: '147.43%' },
      ],
    });
    const [d] = runRule(rule, [form]);
    expect(d.detail.excess).toBe(494.96);
    expect(d.detail.subRows).toEqual([{ label: '其他资金', budget: 1043.6, executed: 1538.56, excess: 494.96, rate: '147.43%' }]);
    expect(d.message.zh).toContain('超出部分全部在其他资金（1538.56对1043.6，147.43%）');
  });

  it.each([
    ['exactly 100%', '418', '418', '418'],
    ['below 100%', '100', '120', '96'],
  ])('does not fire: %s', (_, init, full, exec) => {
    expect(runRule(rule, [projectForm({ funds: [{ label: '年度资金总额', init, full, exec }] })])).toEqual([]);
  });

  it('an adjusted budget (full ≠ init) is not called unadjusted', () => {
    const [d] = runRule(rule, [projectForm({ funds: [{ label: '年度资金总额', init: '100', full: '120', exec: '130' }] })]);
    expect(d.detail.fullEqualsInitial).toBe(false);
    expect(d.message.zh).not.toContain('未随追加调整');
  });
});

describe('exec-over-100: a missing figure', () => {
  it('a printed rate of 105% with no 全年执行数 says the figure is missing instead of "executed 0"', () => {
    const form = projectForm({ funds: [{ label: '年度资金总额', init: '100', full: '120', exec: null, points: '10', rate: '105%', score: '10' }] });
    const [d, ...rest] = runRule(rule, [form]);
    expect(rest).toEqual([]);
    expect(d.message.zh).toBe('“年度资金总额”执行率印为105%，超过100%（全年执行数未填，无法复核超出金额）');
    expect(d.message.en).toBe('年度资金总额: the printed rate 105% exceeds 100% (executed figure missing: the excess cannot be checked)');
    expect(d.detail.excess).toBeNull();
  });
});
