import { describe, expect, it } from 'vitest';
import { execSubrowScored as rule } from '../../src/rules/exec-subrow-scored.ts';
import { projectForm, runRule } from '../helpers/forms.ts';

const sample = () =>
  projectForm({
    funds: [
      { label: '年度资金总额', init: '1461.6', full: '1461.6', exec: '1956.56', points: '10', rate: '133.86%', score: '9' },
      { label: '当年财政拨款', init: '418', full: '418', exec: '418', points: '10', rate: '100%', score: '10' },
      { label: '其他资金', init: '1043.6', full: '1043.6', exec: '1538.56', points: '10', rate: '147.43%', score: '9' },
    ],
  });

describe('exec-subrow-scored', () => {
  it('hunan-2021 tolerates scored sub-rows: one info listing each row and its formula score', () => {
    const [d, ...rest] = runRule(rule, [sample()], { profile: 'hunan-2021' });
    expect(rest).toEqual([]);
    expect(d.severity).toBe('info');
    expect([d.declared, d.computed]).toEqual([null, null]);
    expect(d.detail.rows).toEqual([
      { label: '当年财政拨款', points: 10, score: 10, formulaScore: 10 },
      { label: '其他资金', points: 10, score: 9, formulaScore: 10 },
    ]);
    expect(d.message.zh).toBe('资金“其中”行单独计分：当年财政拨款 分值10、得分10（按公式应为10）；其他资金 分值10、得分9（按公式应为10）；这些分数不计入总分');
  });

  it('exec_scored_subrows = no (central-2020) makes it a warning', () => {
    expect(runRule(rule, [sample()], { profile: 'central-2020' }).map((d) => d.severity)).toEqual(['warning']);
  });

  it('Sichuan "/" in the sub-row 权重/得分 cells: no finding', () => {
    const form = projectForm({
      funds: [
        { label: '年度资金总额', init: '90', full: '90', exec: '89.974', points: '10', rate: '99.97%', score: '9.99' },
        { label: '财政资金', init: '90', full: '90', exec: '89.974', points: null, rate: '99.97%', score: null },
      ],
    });
    expect(runRule(rule, [form], { profile: 'sichuan-2023' })).toEqual([]);
  });
});
