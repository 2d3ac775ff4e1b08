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
