import type { WorkbookCell } from '@jxaudit/model';
import type { Rule } from '../types.ts';
import { asShown, parseAddress, parseFormula, rangeText, singleRangeSum, workbookForms } from '../workbook.ts';

/**
 * A SUM over one column (or one row) that leaves out a number of the block it totals: a number
 * between the range and the total, or one just beyond the range's far end before the header
 * (the first cell that is not a number). The classic: a row inserted under the header, outside
 * the range the total was written for.
 */
export const formulaRangeGap: Rule = {
  meta: {
    id: 'formula-range-gap',
    defaultSeverity: 'warning',
    kinds: ['department-overall', 'project'],
    title: { zh: '求和公式漏行', en: 'SUM range misses a row' },
    description: {
      zh: '工作簿中合计的求和公式，其区域应包括标题之下、合计之前的每一行（列）数字',
      en: 'A SUM total’s range covers every number under its header up to the total',
    },
  },
  check(ctx) {
    for (const { ref, form, cells } of workbookForms(ctx.forms().filter((f) => this.meta.kinds.includes(f.form.kind)))) {
      for (const cell of form.workbook!.cells) {
        if (cell.formula === undefined) continue;
        const range = singleRangeSum(parseFormula(cell.formula));
        const at = parseAddress(cell.address);
        if (!range || !at || (range.sheet !== null && range.sheet !== cell.sheet)) continue;
        const vertical = range.left === range.right && (at.row < range.top || at.row > range.bottom);
        const horizontal = range.top === range.bottom && (at.col < range.left || at.col > range.right);
        if (!vertical && !horizontal) continue;
        // positions along the line: rows of the column (vertical) or columns of the row
        const [lo, hi, pos] = vertical ? [range.top, range.bottom, at.row] : [range.left, range.right, at.col];
        const get = (i: number) => (vertical ? cells.get(cell.sheet, i, range.left) : cells.get(cell.sheet, range.top, i));
        const missing: WorkbookCell[] = [];
        const isNumber = (c: WorkbookCell | undefined): c is WorkbookCell => c?.number !== undefined;
        if (pos > hi) {
          for (let i = hi + 1; i < pos; i++) if (isNumber(get(i))) missing.push(get(i)!);
          for (let i = lo - 1; i > 0 && isNumber(get(i)); i--) missing.push(get(i)!);
        } else {
          for (let i = pos + 1; i < lo; i++) if (isNumber(get(i))) missing.push(get(i)!);
          for (let i = hi + 1; i < hi + 1000 && isNumber(get(i)); i++) missing.push(get(i)!);
        }
        if (missing.length === 0) continue;
        let inRange = 0;
        for (let i = lo; i <= hi; i++) inRange += get(i)?.number ?? 0;
        const all = inRange + missing.reduce((s, m) => s + (m.number ?? 0), 0);
        const names = missing.map((m) => m.address).join('、');
        const shown = cell.number ?? inRange;
        ctx.report({
          form: ref,
          declared: asShown(shown, cell.text),
          computed: asShown(all, cell.text),
          message: {
            zh: `工作表“${cell.sheet}”${cell.address}的公式 =${cell.formula} 只对 ${rangeText(range)} 求和，漏了同${vertical ? '列' : '行'}的${names}（${missing.map((m) => m.text).join('、')}）；含漏掉的${vertical ? '行' : '列'}合计应为${asShown(all, cell.text)}`,
            en: `sheet “${cell.sheet}” ${cell.address}: =${cell.formula} sums only ${rangeText(range)} and leaves out ${names} (${missing.map((m) => m.text).join(', ')}) in the same ${vertical ? 'column' : 'row'}; with them the total is ${asShown(all, cell.text)}`,
          },
          at: [cells.location(cell), ...missing.map((m) => cells.location(m))],
          detail: { formula: `=${cell.formula}`, missing: missing.map((m) => m.address), range: rangeText(range) },
        });
      }
    }
  },
};
