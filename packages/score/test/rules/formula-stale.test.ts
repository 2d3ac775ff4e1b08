import { describe, expect, it } from 'vitest';
import { formulaStale as rule } from '../../src/rules/formula-stale.ts';
import { runRule, severityOf } from '../helpers/forms.ts';
import { workbookForm, type CellSpec } from '../helpers/workbook-form.ts';

const parts: Record<string, CellSpec> = { D8: 418, D9: 1043.6, E8: 418, E9: 1538.56, I6: 9, H14: 44, H15: 33, H16: 9 };

describe('formula-stale', () => {
  it.each<[string, CellSpec]>([
    ['SUM of a range', ['SUM(D8:D9)', 1461.6]],
    ['+ of cells', ['D8+D9', 1461.6]],
    ['− and unary minus', ['-D8+D9', 625.6]],
    ['× and ÷ (a rate shown as 147.43%)', ['E9/D9', 1.4742813338443848, '147.43%']],
    ['a cached value off in a digit the cell does not show (1.3386 as 134%)', ['E9/D9*100/100-0.1357', 1.3386, '134%']],
    ['ROUND', ['ROUND(E9/D9*100,2)', 147.43]],
    ['absolute references and a sheet name', ["SUM('附件2'!$D$8:$D9)", 1461.6]],
    ['a percent literal', ['D8*50%', 209]],
    ['SUM of a cell and a range', ['SUM(I6,H14:H16)', 95]],
  ])('passes: %s', (_, formula) => {
    expect(runRule(rule, [workbookForm({ ...parts, D7: formula })])).toEqual([]);
  });

  it.each<[string, CellSpec]>([
    ['a function it does not know (AVERAGE)', ['AVERAGE(D8:D9)', 1]],
    ['a reference to a sheet not read', ['其他表!A1*2', 5]],
    ['a division by an empty cell', ['D8/Z99', 7]],
  ])('leaves alone: %s', (_, formula) => {
    expect(runRule(rule, [workbookForm({ ...parts, D7: formula })])).toEqual([]);
  });

  it.each<[string, CellSpec, number, number]>([
    ['a SUM whose cached total counts the execution score the cells do not show', ['SUM(I6,H14:H16)', 86], 86, 95],
    ['a part changed after the last recalculation', ['SUM(D8:D9)', 1461.7], 1461.7, 1461.6],
    ['a rate stale in the digits it shows', ['E9/D9', 1.4, '140.00%'], 1.4, 1.4743],
    ['a ROUND', ['ROUND(D9,0)', 1043], 1043, 1044],
  ])('fires: %s', (_, formula, declared, computed) => {
    const [d, ...rest] = runRule(rule, [workbookForm({ ...parts, D7: formula })]);
    expect(rest).toEqual([]);
    expect(severityOf(rule, d)).toBe('warning');
    expect([d.declared, d.computed]).toEqual([declared, computed]);
    expect(d.at[0]).toMatchObject({ sheet: '附件2', address: 'D7', row: 6, col: 3 });
    expect(d.message.zh).toContain('工作表“附件2”D7的公式');
  });
});
