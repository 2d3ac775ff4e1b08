import { describe, expect, it } from 'vitest';
import { execBelowThreshold as rule } from '../../src/rules/exec-below-threshold.ts';
import { projectForm, runRule, severityOf } from '../helpers/forms.ts';

const sichuan = (exec: string, reason: string | null = null) =>
  projectForm({ family: 'sichuan', funds: [{ label: '年度资金总额', init: '100', full: '100', exec, points: '10', rate: `${exec}%`, score: '8', reason }] });

describe('exec-below-threshold', () => {
  it('fires under sichuan-2023 for 85% without a reason', () => {
    const [d, ...rest] = runRule(rule, [sichuan('85')], { profile: 'sichuan-2023' });
    expect(rest).toEqual([]);
    expect(severityOf(rule, d)).toBe('warning');
    expect([d.declared, d.computed]).toEqual([0.85, 0.9]);
    expect(d.message.zh).toBe('“年度资金总额”执行率85%低于90%，未说明原因');
  });

  it.each([
    ['the boundary 90% itself', '90', null],
    ['a reason given', '85', '项目延期至次年实施'],
  ])('does not fire: %s', (_, exec, reason) => {
    expect(runRule(rule, [sichuan(exec, reason)], { profile: 'sichuan-2023' })).toEqual([]);
  });

  it('"无" counts as no reason', () => {
    expect(runRule(rule, [sichuan('85', '无')], { profile: 'sichuan-2023' })).toHaveLength(1);
  });

  it('profiles without a threshold (hunan-2021) stay silent', () => {
    expect(runRule(rule, [sichuan('50')], { profile: 'hunan-2021' })).toEqual([]);
  });
});

describe('exec-below-threshold: 其中 rows of the Sichuan money block', () => {
  /** The family3 fixture's money block: 总额 90%, 财政资金 91.49%, 单位资金 76%. */
  const block = (totalReason: string | null, unitReason: string | null) =>
    projectForm({
      family: 'sichuan',
      funds: [
        { label: '总额', init: '500', full: '520', exec: '468', points: '10', rate: '90%', score: '9', reason: totalReason },
        { label: '财政资金', init: '450', full: '470', exec: '430', rate: '91.49%', reason: null },
        { label: '财政专户管理资金', init: '0', full: '0', exec: '0', reason: null },
        { label: '单位资金', init: '50', full: '50', exec: '38', rate: '76%', reason: unitReason },
      ],
    });

  it('a sub-row below 90% with no reason anywhere fires, on that row', () => {
    const [d, ...rest] = runRule(rule, [block(null, null)], { profile: 'sichuan-2023' });
    expect(rest).toEqual([]);
    expect([d.declared, d.computed]).toEqual([0.76, 0.9]);
    expect(d.message.zh).toBe('“其中：单位资金”执行率76%低于90%，未说明原因');
    expect(d.message.en).toBe('sub-row 单位资金: execution rate 76% is below 90% and no reason is given');
    expect(d.at[0]).toMatchObject({ text: '76%' });
  });

  it.each([
    ['the fixture: the sub-row gives its own reason', null, '部分单位自筹资金未及时到位'],
    ['a reason on the total row covers the sub-rows', '单位自筹资金未到位', null],
  ])('does not fire: %s', (_, totalReason, unitReason) => {
    expect(runRule(rule, [block(totalReason, unitReason)], { profile: 'sichuan-2023' })).toEqual([]);
  });

  it('total and sub-row both low and unexplained: one finding naming both', () => {
    const form = projectForm({
      family: 'sichuan',
      funds: [
        { label: '总额', init: '100', full: '100', exec: '85', points: '10', rate: '85%', score: '8.5' },
        { label: '财政资金', init: '100', full: '100', exec: '85', rate: '85%' },
      ],
    });
    const drafts = runRule(rule, [form], { profile: 'sichuan-2023' });
    expect(drafts.map((d) => [d.declared, d.message.zh])).toEqual([[0.85, '“总额”执行率85%，“其中：财政资金”执行率85%低于90%，未说明原因']]);
  });
});
