import { describe, expect, it } from 'vitest';
import { formulaRangeGap as rule } from '../../src/rules/formula-range-gap.ts';
import { runRule, severityOf } from '../helpers/forms.ts';
import { workbookForm, type CellSpec } from '../helpers/workbook-form.ts';

// 分值 in column G: header G13, indicators G14–G18, total G19
const column = (total: CellSpec, extra: Record<string, CellSpec> = {}): Record<string, CellSpec> => ({
  G13: '分值', G14: 10, G15: 10, G16: 10, G17: 5, G18: 5, G19: total, ...extra,
});

describe('formula-range-gap', () => {
  it.each<[string, Record<string, CellSpec>]>([
    ['the whole column under the header', column(['SUM(G14:G18)', 40])],
    ['a total above its parts, the parts all in range', { D7: ['SUM(D8:D9)', 3], D6: '年初预算数', D8: 1, D9: 2, D10: '年度总体目标' }],
    ['not a single range (SUM of areas)', column(['SUM(G14:G16,G18)', 35])],
    ['a range in another column than the total (a copy) with nothing left out', { H19: ['SUM(G14:G18)', 40], ...column(40) }],
  ])('passes: %s', (_, cells) => {
    expect(runRule(rule, [workbookForm(cells)])).toEqual([]);
  });

  it.each<[string, Record<string, CellSpec>, string[], number, number]>([
    ['the first row under the header left out', column(['SUM(G15:G18)', 30]), ['G14'], 30, 40],
    ['the last row before the total left out', column(['SUM(G14:G17)', 35]), ['G18'], 35, 40],
    ['a total above its parts missing the last part', { D7: ['SUM(D8:D9)', 3], D6: '年初预算数', D8: 1, D9: 2, D10: 4, D11: '年度总体目标' }, ['D10'], 3, 7],
    ['a row total missing a column', { A1: '项目', B1: 1, C1: 2, D1: 3, E1: ['SUM(C1:D1)', 5] }, ['B1'], 5, 6],
  ])('fires: %s', (_, cells, missing, declared, computed) => {
    const [d, ...rest] = runRule(rule, [workbookForm(cells)]);
    expect(rest).toEqual([]);
    expect(severityOf(rule, d)).toBe('warning');
    expect(d.detail.missing).toEqual(missing);
    expect([d.declared, d.computed]).toEqual([declared, computed]);
    expect(d.message.zh).toContain('漏了');
  });
});
