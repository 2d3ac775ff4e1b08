import type { WorkbookCell } from '@jxaudit/model';
import type { Rule } from '../types.ts';
import { address, agreeAsShown, asShown, parseAddress, parseFormula, singleRangeSum, workbookForms, type SheetCells } from '../workbook.ts';

/** The SUM a neighbour's formula would be at this cell: the same range, moved along with it. */
function siblingSum(cell: WorkbookCell, neighbour: WorkbookCell, cells: SheetCells): { range: string; sum: number; terms: WorkbookCell[] } | null {
  if (neighbour.formula === undefined) return null;
  const range = singleRangeSum(parseFormula(neighbour.formula));
  const at = parseAddress(neighbour.address);
  const here = parseAddress(cell.address);
  if (!range || !at || !here || (range.sheet !== null && range.sheet !== cell.sheet)) return null;
  let top = range.top;
  let bottom = range.bottom;
  let left = range.left;
  let right = range.right;
  if (here.row === at.row && range.left === range.right && range.left === at.col && (at.row < range.top || at.row > range.bottom)) {
    // a column total beside it in the row: the same rows, this column
    left = right = here.col;
  } else if (here.col === at.col && range.top === range.bottom && range.top === at.row && (at.col < range.left || at.col > range.right)) {
    // a row total above or below it in the column: the same columns, this row
    top = bottom = here.row;
  } else return null;
  const terms: WorkbookCell[] = [];
  let sum = 0;
  for (let r = top; r <= bottom; r++) {
    for (let c = left; c <= right; c++) {
      const t = cells.get(cell.sheet, r, c);
      if (t?.number === undefined) continue;
      terms.push(t);
      sum += t.number;
    }
  }
  if (terms.length < 2) return null;
  return { range: `${address(top, left)}:${address(bottom, right)}`, sum, terms };
}

/**
 * A total typed as a constant where the totals beside it are formulas: it does not follow its
 * parts when they change. A number beside a column-total SUM counts as a typed total when it
 * equals the same SUM over its own column, or when SUMs of that shape stand on both sides of it.
 * Reported as information, with what the sibling formula gives here.
 */
export const typedTotal: Rule = {
  meta: {
    id: 'typed-total',
    defaultSeverity: 'info',
    kinds: ['department-overall', 'project'],
    title: { zh: '合计为手工输入的数字', en: 'Total typed as a constant' },
    description: {
      zh: '工作簿中相邻的合计都是求和公式时，这一个合计却是手工输入的数字（分项改动后它不会随之变化）',
      en: 'A total typed as a constant in a workbook where the totals beside it are SUM formulas (it does not follow its parts)',
    },
  },
  check(ctx) {
    for (const { ref, form, cells } of workbookForms(ctx.forms().filter((f) => this.meta.kinds.includes(f.form.kind)))) {
      for (const cell of form.workbook!.cells) {
        if (cell.formula !== undefined || cell.number === undefined) continue;
        const here = parseAddress(cell.address);
        if (!here) continue;
        const near = (r: number, c: number) => {
          const n = r > 0 && c > 0 ? cells.get(cell.sheet, r, c) : undefined;
          const sum = n ? siblingSum(cell, n, cells) : null;
          return n && sum ? { n, sum } : null;
        };
        const pairs = [
          [near(here.row, here.col - 1), near(here.row, here.col + 1)],
          [near(here.row - 1, here.col), near(here.row + 1, here.col)],
        ];
        for (const [a, b] of pairs) {
          const hit = a ?? b;
          if (!hit) continue;
          const { n, sum: s } = hit;
          const agrees = agreeAsShown(s.sum, cell.number, cell.text);
          // a number beside a SUM that is not its total (a 分值 beside the 执行数 total) neither
          // equals the sum nor sits between two such formulas
          if (!agrees && !(a && b)) continue;
          const computed = asShown(s.sum, cell.text);
          ctx.report({
            form: ref,
            declared: cell.number,
            computed,
            message: {
              zh: `工作表“${cell.sheet}”${cell.address}是手工输入的数字“${cell.text}”，相邻的${n.address}却是公式 =${n.formula}；按同样的公式 =SUM(${s.range}) 应为${computed}${agrees ? '（目前一致，但分项改动后不会随之变化）' : '，与输入的数不符'}`,
              en: `sheet “${cell.sheet}” ${cell.address} is a typed number “${cell.text}” while ${n.address} beside it is =${n.formula}; the same formula =SUM(${s.range}) gives ${computed}${agrees ? ' (equal now, but it will not follow its parts)' : ', not the typed number'}`,
            },
            at: [cells.location(cell), cells.location(n), ...s.terms.map((t) => cells.location(t))],
            detail: { formula: `=SUM(${s.range})`, sibling: `${n.address}: =${n.formula}`, agrees },
          });
          break;
        }
      }
    }
  },
};
