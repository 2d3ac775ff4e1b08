import type { Rule } from '../types.ts';
import { agreeAsShown, asShown, evaluate, parseFormula, workbookForms } from '../workbook.ts';

/**
 * A formula whose cached value (what Excel stored and shows) disagrees with the formula recomputed
 * over the cells it names, at the precision the cell shows: the file was saved without
 * recalculating, or the value was pasted over and the formula typed back. SUM, ROUND, + − × ÷.
 */
export const formulaStale: Rule = {
  meta: {
    id: 'formula-stale',
    defaultSeverity: 'warning',
    kinds: ['department-overall', 'project'],
    title: { zh: '公式结果与重算不符', en: 'Formula result is stale' },
    description: {
      zh: '工作簿中公式单元格保存的结果，应等于按其所引用单元格重新计算的值（按单元格显示的位数比较）',
      en: 'A formula cell’s stored result equals the formula recomputed over the cells it names, at the precision the cell shows',
    },
  },
  check(ctx) {
    for (const { ref, form, cells } of workbookForms(ctx.forms().filter((f) => this.meta.kinds.includes(f.form.kind)))) {
      for (const cell of form.workbook!.cells) {
        if (cell.formula === undefined || cell.number === undefined) continue;
        const node = parseFormula(cell.formula);
        if (!node) continue;
        const recomputed = evaluate(node, cells, cell.sheet);
        if (recomputed === null || agreeAsShown(recomputed, cell.number, cell.text)) continue;
        const computed = asShown(recomputed, cell.text);
        const declared = asShown(cell.number, cell.text);
        ctx.report({
          form: ref,
          declared,
          computed,
          message: {
            zh: `工作表“${cell.sheet}”${cell.address}的公式 =${cell.formula} 按所引用的单元格重算为${computed}，单元格保存并显示的却是“${cell.text}”：文件保存时未重新计算，或数值被改过。请在 Excel/WPS 中重新计算（F9）后核对`,
            en: `sheet “${cell.sheet}” ${cell.address}: =${cell.formula} recomputes to ${computed} over the cells it names, but the cell stores and shows “${cell.text}”: the file was saved without recalculating, or the value was changed. Recalculate (F9) in Excel/WPS and check`,
          },
          at: [cells.location(cell)],
          detail: { formula: `=${cell.formula}`, cached: cell.number, recomputed, tolerance: 'as shown: both rounded to the decimals the cell shows' },
        });
      }
    }
  },
};
