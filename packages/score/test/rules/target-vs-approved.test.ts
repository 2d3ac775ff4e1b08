import { describe, expect, it } from 'vitest';
import { targetVsApproved as rule } from '../../src/rules/target-vs-approved.ts';
import { loadApprovedTargets } from '../../src/targets.ts';
import { projectForm, runRule, severityOf, type IndicatorSpec } from '../helpers/forms.ts';

const rows: IndicatorSpec[] = [
  { level1: '产出指标', level1Points: 50, level2: '数量指标', name: '国有土地上房屋预征收户数', target: '162户', actual: '154户', points: 10, score: 9 },
  { level1: '产出指标', level1Points: 50, level2: '数量指标', name: '国有土地上房屋预征收签约率', target: '100%', actual: '95%', points: 10, score: 5 },
  { level1: '产出指标', level1Points: 50, level2: '质量指标', name: '质量达标率', target: '100%', actual: '85%', points: 5, score: 4 },
];
const form = projectForm({ indicators: rows });

const approvedYaml = `
entries:
  - unit: 雁峰街道
    year: 2021
    kind: project
    projectName: 基层政权建设和社区治理
    indicators:
      - { level1: 产出指标, name: 国有土地上房屋预征收户数, target: 170户, points: 10 }
      - { level1: 产出指标, name: 国有土地上房屋预征收签约率, target: ≥100%, points: 5 }
      - { level1: 产出指标, name: 杏花村片区旧改项目工程完成量, target: 100%, points: 10 }
`;

describe('target-vs-approved', () => {
  it('reports a changed target, a changed weight, a missing and an added indicator', () => {
    const drafts = runRule(rule, [form], { targets: loadApprovedTargets(approvedYaml) });
    expect(drafts.every((d) => severityOf(rule, d) === 'error')).toBe(true);
    expect(drafts.map((d) => [d.detail.change, d.declared, d.computed])).toEqual([
      ['target', 162, 170],
      ['weight', 10, 5],
      ['missing', null, 10],
      ['added', 5, null],
    ]);
    expect(drafts[0].message.zh).toBe('“国有土地上房屋预征收户数”年度指标值填“162户”，批复目标为“170户”');
    expect(drafts[2].message.zh).toBe('批复绩效目标中的指标“杏花村片区旧改项目工程完成量”（100%，10分）未出现在自评表中');
    expect(drafts[3].message.zh).toBe('指标“质量达标率”（100%）不在批复绩效目标中，属自行增加');
  });

  it('"≥100%" and "100%" are the same target; JSON works as well', () => {
    const json = JSON.stringify([{ unit: '雁峰区雁峰街道办事处', year: 2021, indicators: rows.map((r) => ({ name: r.name, target: r.target === '100%' ? '≥100%' : r.target, points: r.points })) }]);
    expect(runRule(rule, [form], { targets: loadApprovedTargets(json) })).toEqual([]);
  });

  it('silent without targets, or when no entry matches the unit/year', () => {
    expect(runRule(rule, [form])).toEqual([]);
    const other = loadApprovedTargets('[{unit: 珠晖区, year: 2021, indicators: [{name: 质量达标率, target: 90%}]}]');
    expect(runRule(rule, [form], { targets: other })).toEqual([]);
  });

  it('rejects a file with an unknown field or a missing target', () => {
    expect(() => loadApprovedTargets('[{unit: x, indicator: []}]')).toThrow('entry 1: unknown field "indicator"');
    expect(() => loadApprovedTargets('[{indicators: [{name: 质量达标率}]}]')).toThrow('entry 1, indicator 1: target is required');
  });
});
