import {
  cellAt,
  cellsCoveringRow,
  cellsStartingInRow,
  parseValue,
  printedFigure,
  type Cell,
  type CompositionLine,
  type FundRow,
  type Grid,
  type Indicator,
  type Location,
  type ParseWarning,
  type Totals,
} from '@jxaudit/model';
import { departmentUnitLabel, goalColumn, headerConcept, infoField, MONEY_CONCEPTS, splitWeight, type Concept } from './headers.ts';
import { vocab } from './vocabulary.ts';
import { cellLines, cellLocation, cellValue, labelKey, squash, trimAll } from './text.ts';
import { formTitleKind, isYearLine, yearIn, type TitleKind } from './titles.ts';
import { foldValue, moneyAmount, plainNumber, rateOf, reasonText, valueOf } from './values.ts';

/** What one grid row is, before meaning is given to it. */
export type RowKind =
  | { kind: 'title'; text: string; title: TitleKind; cell: Cell }
  | { kind: 'year'; year: number }
  | { kind: 'info'; fields: InfoField[] }
  | { kind: 'money-header'; map: ColumnMap }
  | { kind: 'indicator-header'; map: ColumnMap }
  | { kind: 'goals-header'; expected: number; actual: number }
  | { kind: 'composition-marker'; income: number | null; expense: number | null }
  | { kind: 'totals'; label: Cell }
  | { kind: 'note' }
  | { kind: 'data' };

export interface InfoField {
  field: 'unit' | 'projectName' | 'implementer';
  value: string;
  label: Cell;
  /** The header said 实施单位（盖章）: a Sichuan mark. */
  sealed: boolean;
  /** The header names a budget department (预算部门名称): a department form. */
  department: boolean;
}

/** Header concepts to the grid column where their header cell starts. */
export interface ColumnMap {
  cols: Map<Concept, number>;
  /** Grid width of the table the header was read from (continued tables are aligned on the right). */
  width: number;
  lettered: boolean;
  /** The block's money unit factor: 1 for （万元）, 1e-4 for （元）. */
  factor: number;
  /** Marks of the Sichuan layout seen in the header row (调整后预算数, 度量单位, 预算执行情况…). */
  sichuanMarks: number;
  /** The weight a header names where there is no 分值 column: 得分(20分*执行率) → 20. */
  scoreWeight: number | null;
}

const SICHUAN_TEXT = /预算执行情况|年度预算数|绩效指标\(90分\)/;

function readColumnMap(grid: Grid, row: number): ColumnMap {
  const cols = new Map<Concept, number>();
  let lettered = false;
  let factor = 1;
  let sichuanMarks = 0;
  let scoreWeight: number | null = null;
  for (const cell of cellsCoveringRow(grid, row)) {
    const key = labelKey(cell.text);
    if (/\(元\)/.test(key)) factor = 1e-4;
    if (SICHUAN_TEXT.test(key)) sichuanMarks++;
    const m = headerConcept(cell.text);
    if (!m) continue;
    if (m.lettered) lettered = true;
    if (m.weight !== undefined && m.concept === 'score') scoreWeight = m.weight;
    if (key.startsWith('调整后预算') || m.concept === 'unit') sichuanMarks++;
    if (!cols.has(m.concept)) cols.set(m.concept, cell.col);
  }
  if (cols.has('points')) scoreWeight = null;
  return { cols, width: grid.cols, lettered, factor, sichuanMarks, scoreWeight };
}

/**
 * A two-row header (Yunnan 公开14表): 实际完成值, 分值, 得分, 偏差原因 stand in the row above and
 * span both rows. In a .docx the merged cells cover this row; in text the spans are gone and this
 * row has empty cells where they were: the concepts of the row above that this row lacks go to
 * their own columns when those are empty here, else, in order, to this row's trailing empty cells.
 */
function addUpperHeader(grid: Grid, row: number, map: ColumnMap): void {
  if (row === 0) return;
  const missing = cellsStartingInRow(grid, row - 1)
    .map((cell) => ({ cell, m: headerConcept(cell.text) }))
    .filter((x): x is { cell: Cell; m: NonNullable<ReturnType<typeof headerConcept>> } => x.m !== null && !map.cols.has(x.m.concept));
  if (missing.length === 0) return;
  const own = cellsStartingInRow(grid, row);
  const filledAt = (col: number) => own.some((c) => c.col <= col && col < c.col + c.colSpan && squash(c.text) !== '');
  if (missing.every((x) => !filledAt(x.cell.col))) {
    for (const x of missing) map.cols.set(x.m.concept, x.cell.col);
    return;
  }
  const lastFilled = Math.max(...own.filter((c) => squash(c.text) !== '').map((c) => c.col));
  const empties = own.filter((c) => c.col > lastFilled && squash(c.text) === '');
  if (empties.length !== missing.length) return;
  missing.forEach((x, i) => map.cols.set(x.m.concept, empties[i].col));
}

/** Classifies one row by its own cells (what merges down from above does not count). */
export function classifyRow(grid: Grid, row: number, inMoney: boolean): RowKind {
  const own = cellsStartingInRow(grid, row);
  const filled = own.filter((c) => squash(c.text) !== '');
  if (filled.length === 0) return { kind: 'data' };

  const distinct = new Set(filled.map((c) => squash(c.text)));
  if (distinct.size === 1) {
    const title = formTitleKind(filled[0].text);
    if (title) return { kind: 'title', text: cellLines(filled[0]).join(''), title, cell: filled[0] };
    // the year line under a title kept as a row of a spreadsheet ("（ 2021年度）" across the sheet)
    const year = isYearLine(filled[0].text) ? yearIn(filled[0].text) : null;
    if (year !== null) return { kind: 'year', year };
  }

  const map = readColumnMap(grid, row);
  const has = (c: Concept) => map.cols.has(c);
  if (has('name') || (has('level1') && has('level2'))) {
    if (has('target') || has('actual') || has('points') || has('score')) {
      addUpperHeader(grid, row, map);
      return { kind: 'indicator-header', map };
    }
  }
  if (MONEY_CONCEPTS.filter(has).length >= 2) return { kind: 'money-header', map };

  let expected: number | null = null;
  let actual: number | null = null;
  for (const c of filled) {
    const g = goalColumn(c.text);
    if (g === 'expected' && expected === null) expected = c.col;
    if (g === 'actual' && actual === null) actual = c.col;
  }
  if (expected !== null && actual !== null) return { kind: 'goals-header', expected, actual };

  let income: number | null = null;
  let expense: number | null = null;
  for (const c of filled) {
    const key = labelKey(c.text);
    // the first column of each: a text export may write a merged marker out in every column it covers
    if (key.includes('按收入性质分') && income === null) income = c.col;
    if (key.includes('按支出性质分') && expense === null) expense = c.col;
  }
  if (income !== null || expense !== null) return { kind: 'composition-marker', income, expense };

  const fields: InfoField[] = [];
  for (let i = 0; i < own.length; i++) {
    const field = infoField(own[i].text);
    if (!field) continue;
    // the value is the next cell with text, unless another label comes first (an empty value);
    // merged label cells written out as text leave empty cells between label and value
    let valueCell: Cell | null = null;
    for (let j = i + 1; j < own.length; j++) {
      if (squash(own[j].text) === '') continue;
      if (!infoField(own[j].text)) valueCell = own[j];
      break;
    }
    fields.push({ field, value: valueCell ? cellValue(valueCell) : '', label: own[i], sealed: labelKey(own[i].text) === '实施单位(盖章)',
      department: departmentUnitLabel(own[i].text),
    });
  }
  if (fields.length > 0) return { kind: 'info', fields };

  const first = labelKey(filled[0].text);
  if (vocab().totals.has(first) && !inMoney) return { kind: 'totals', label: filled[0] };
  if (vocab().notes.some((n) => first.startsWith(n))) return { kind: 'note' };
  return { kind: 'data' };
}

/** Reads rows of one block against its header; knows where the header's columns are in a continued table. */
export class BlockReader {
  constructor(
    readonly file: string,
    readonly map: ColumnMap,
  ) {}

  /** Column offset for a table narrower/wider than the header's: continued tables align on the right. */
  offset(grid: Grid): number {
    return grid.cols - this.map.width;
  }

  cell(grid: Grid, row: number, concept: Concept): Cell | null {
    const col = this.map.cols.get(concept);
    if (col === undefined) return null;
    const c = col + this.offset(grid);
    if (c < 0 || c >= grid.cols) return null;
    return cellAt(grid, row, c);
  }

  firstConceptCol(grid: Grid): number {
    return Math.min(...this.map.cols.values()) + this.offset(grid);
  }

  loc(grid: Grid, cell: Cell | null): Location | null {
    return cell ? cellLocation(this.file, grid, cell) : null;
  }
}

const isFundTotal = (label: string) => vocab().fundTotal.has(labelKey(label));
/** The money block's own label cell (项目资金（万元）, 预算执行情况(10分)), not a fund row's. */
const isFundHeading = (key: string) => vocab().moneyBlocks.some((w) => key.startsWith(w)) || /万元\)?$|分\)$/.test(key);

/** A row of the money block, or null when the row is not one. */
export function readFundRow(reader: BlockReader, grid: Grid, row: number, hasReason: boolean): FundRow | null {
  const firstCol = reader.firstConceptCol(grid);
  const labelCell =
    cellsCoveringRow(grid, row)
      .filter((c) => c.col + c.colSpan - 1 < firstCol)
      .filter((c) => squash(c.text) !== '' && !isFundHeading(labelKey(c.text)))
      .pop() ?? null;
  if (!labelCell) return null;
  const label = squash(labelCell.text)
    .replace(/^其中[:：]?/, '')
    .replace(/[:：]$/, '');
  if (!label) return null;

  // a cell holding the label's own text is the label written out across the row by a text export
  // (a spreadsheet repeating a merged cell), not a figure or a reason
  const labelText = squash(labelCell.text);
  const pick = (concept: Concept): Cell | null => {
    const c = reader.cell(grid, row, concept);
    return c && c !== labelCell && squash(c.text) !== labelText ? c : null;
  };
  const cells = {
    budgetInitial: pick('budgetInitial'),
    budgetFull: pick('budgetFull'),
    executed: pick('executed'),
    points: pick('points'),
    rate: pick('rate'),
    score: pick('score'),
    reason: pick('reason'),
  };
  const text = (c: Cell | null) => (c ? cellValue(c) : '');
  const factor = reader.map.factor;
  const budgetInitial = moneyAmount(text(cells.budgetInitial), factor);
  const budgetFull = moneyAmount(text(cells.budgetFull), factor);
  const executed = moneyAmount(text(cells.executed), factor);
  const anyFigure = [cells.budgetInitial, cells.budgetFull, cells.executed, cells.rate].some(
    (c) => c !== null && squash(c.text) !== '',
  );
  if (!anyFigure && !/资金|拨款|总额|结转|合计|收入/.test(label)) return null;

  const fund: FundRow = {
    label,
    role: isFundTotal(label) ? 'total' : 'part',
    budgetInitial,
    budgetFull,
    executed,
    // no 分值 column: the total row is worth the weight its 得分 header names (得分(20分*执行率))
    points: plainNumber(text(cells.points)) ?? (isFundTotal(label) && reader.map.scoreWeight !== null ? reader.map.scoreWeight : null),
    rate: rateOf(text(cells.rate)),
    score: plainNumber(text(cells.score)),
    at: cellLocation(reader.file, grid, labelCell),
    cells: {
      budgetInitial: reader.loc(grid, cells.budgetInitial),
      budgetFull: reader.loc(grid, cells.budgetFull),
      executed: reader.loc(grid, cells.executed),
      points: reader.loc(grid, cells.points),
      rate: reader.loc(grid, cells.rate),
      score: reader.loc(grid, cells.score),
    },
  };
  if (hasReason) {
    fund.reason = cells.reason ? reasonText(cellLines(cells.reason).join('\n')) : '';
    fund.cells.reason = reader.loc(grid, cells.reason);
  }
  return fund;
}

const COMPOSITION_LINE = /^(?:其中[:：]?)?(.+?)[:：]\s*(-?[0-9０-９][0-9０-９,，.．]*\s*(?:万元|元)?)$/;

export interface CompositionSides {
  income: number | null;
  expense: number | null;
}

/**
 * The composition lines written inside cells ("其中：一般公共预算：742.25"): each cell's lines go to
 * the side whose marker (按收入性质分 / 按支出性质分) stands over the cell's column, or that the cell names itself.
 * Returns null when the row holds no such line.
 */
export function readCompositionRow(
  file: string,
  grid: Grid,
  row: number,
  sides: CompositionSides,
  /** The money block's factor (1e-4 for （元）): a bare amount is printed in the block's unit. */
  factor = 1,
): { income: CompositionLine[]; expense: CompositionLine[] } | null {
  const out = { income: [] as CompositionLine[], expense: [] as CompositionLine[] };
  let found = false;
  let sawText = false;
  const own = withoutRepeats(
    cellsStartingInRow(grid, row).filter((c) => squash(c.text) !== ''),
    sides,
  );
  const add = (side: 'income' | 'expense', label: string, amountText: string, at: Cell): boolean => {
    const amount = moneyAmount(amountText, factor);
    // Decimals counted in 万元, the unit the amount is stored in ("72890元", or a bare 72890 in a （元） block → 4 more).
    const value = parseValue(amountText);
    const figure = printedFigure(value);
    if (amount === null || !label || !figure) return false;
    out[side].push({
      label,
      amount,
      decimals: figure.decimals - (value.kind === 'number' ? Math.round(Math.log10(factor)) : 0),
      at: cellLocation(file, grid, at),
    });
    return true;
  };
  for (let i = 0; i < own.length; i++) {
    const cell = own[i];
    let side = sideOf(cell.col, sides, i);
    let matched = false;
    for (const line of cellLines(cell)) {
      const key = squash(line);
      if (key.includes('按收入性质分')) side = 'income';
      else if (key.includes('按支出性质分')) side = 'expense';
      const m = COMPOSITION_LINE.exec(key.replace(/^按(收入|支出)性质分[:：]/, ''));
      if (m && add(side, m[1], m[2], cell)) {
        matched = found = true;
        continue;
      }
      if (!/^按(收入|支出)性质分[:：]?$/.test(key)) sawText = true;
    }
    // a label cell followed by its amount cell: "其中：一般公共预算 | 742.25"
    const next = own[i + 1];
    if (!matched && next && COMPOSITION_AMOUNT.test(squash(next.text))) {
      const label = squash(cell.text)
        .replace(/^按(收入|支出)性质分[:：]?/, '')
        .replace(/^其中[:：]?/, '')
        .replace(/[:：]$/, '');
      if (add(side, label, squash(next.text), next)) {
        found = true;
        i++;
      }
    }
  }
  if (!found && sawText) return null;
  return out;
}

/**
 * A merged cell that a text export wrote out in every column it covers (spreadsheet "fill merged
 * cells") reads as the same text in neighbouring cells: one cell, kept at its first column. The
 * same line(s) twice side by side on one side of the composition are that cell written out twice,
 * never two lines of the budget.
 */
function withoutRepeats(cells: Cell[], sides: CompositionSides): Cell[] {
  const boundary = sides.income !== null && sides.expense !== null ? Math.max(sides.income, sides.expense) : null;
  const sameSide = (a: Cell, b: Cell) => boundary === null || a.col >= boundary === b.col >= boundary;
  return cells.filter((cell, i) => i === 0 || squash(cell.text) !== squash(cells[i - 1].text) || !sameSide(cell, cells[i - 1]));
}

const COMPOSITION_AMOUNT = /^-?[0-9０-９][0-9０-９,，.．]*(万元|元)?$/;

function sideOf(col: number, sides: CompositionSides, order: number): 'income' | 'expense' {
  const { income, expense } = sides;
  if (income !== null && expense !== null) {
    const left = Math.min(income, expense);
    const right = Math.max(income, expense);
    const isRight = col >= right;
    const rightSide = right === expense ? 'expense' : 'income';
    const leftSide = rightSide === 'expense' ? 'income' : 'expense';
    if (col < left) return order === 0 ? leftSide : rightSide;
    return isRight ? rightSide : leftSide;
  }
  if (expense !== null) return col >= expense ? 'expense' : 'income';
  return 'income';
}

/**
 * The goals written in a row under 预期目标 / 实际完成情况, one per line. Null when the row is not
 * one. After the first goals row (`more`), a row continues the goals only when both sides hold text.
 */
export function readGoalsRow(
  grid: Grid,
  row: number,
  cols: { expected: number; actual: number; width: number },
  more = false,
): { expected: string[]; actual: string[] } | null {
  const offset = grid.cols - cols.width;
  const exp = cellAt(grid, row, cols.expected + offset);
  const act = cellAt(grid, row, cols.actual + offset);
  if (exp && act && exp === act) return null;
  const own = (c: Cell | null) => (c && c.row === row ? c : null);
  const e = own(exp);
  const a = own(act);
  if (!e && !a) return null;
  const expected = e ? cellLines(e) : [];
  const actual = a ? cellLines(a) : [];
  if (expected.length === 0 && actual.length === 0) return null;
  if (more && (expected.length === 0 || actual.length === 0)) return null;
  // After the goals, a row written across the table (2.项目实施内容及过程概述) that a text export
  // wrote out in every column it covers reads as the same text on both sides: not a goals row.
  if (more && e && a && squash(e.text) === squash(a.text)) return null;
  return { expected, actual };
}

/** An indicator name that is the template's placeholder: 指标1：, 指标2：/, ……, …, /. */
const PLACEHOLDER_NAME = /^(?:指标[0-9一二三四五六七八九十]*[:：]?[/／]?|[…．.。·]+|[/／—-])$/;

/** Level1/level2 text carried down rows whose merged cell the txt reader left empty. */
export interface Carry {
  level1: { label: string; points: number | null; cell: Cell; grid: Grid } | null;
  level2: { label: string; cell: Cell; grid: Grid } | null;
}

/**
 * One indicator row; 'skip' for a row of the block that holds no indicator (a 小计 line, a row
 * without a name, an empty row); null when the row is not part of the block.
 */
export function readIndicatorRow(
  reader: BlockReader,
  grid: Grid,
  row: number,
  carry: Carry,
  warnings: ParseWarning[],
): Indicator | 'skip' | null {
  const c = (k: Concept) => reader.cell(grid, row, k);
  const l1 = c('level1');
  const l2 = c('level2');
  const nameCell = c('name');
  if (!nameCell) return null;
  if ((l2 && nameCell === l2) || (l1 && nameCell === l1)) return null;

  if (l1 && squash(l1.text) !== '') {
    const same = carry.level1 && carry.level1.cell === l1;
    if (!same) {
      const w = splitWeight(l1.text);
      carry.level1 = { label: w.label, points: w.points, cell: l1, grid };
      carry.level2 = null;
    }
  }
  if (l2 && squash(l2.text) !== '' && l2 !== l1) {
    carry.level2 = { label: squash(l2.text), cell: l2, grid };
  }

  const targetCell = c('target');
  const actualCell = c('actual');
  const pointsCell = c('points');
  const scoreCell = c('score');
  const reasonCell = c('reason');
  const comparator = cellValue(c('comparator'));
  const unit = cellValue(c('unit'));
  const name = cellValue(nameCell);
  const targetText = cellValue(targetCell);
  const actualText = cellValue(actualCell);
  if (!name) {
    if (targetText || actualText) {
      warnings.push({
        code: 'indicator-without-name',
        message: `table ${grid.index} row ${row}: an indicator row without a 三级指标 name was skipped`,
      });
      return 'skip';
    }
    // a row of empty cells, or a 二级 category left without an indicator (生态效益指标 and nothing
    // else): part of the block, not its end
    const labels = new Set([l1, l2].filter((x): x is Cell => x !== null));
    const nameCol = nameCell.col;
    const others = cellsStartingInRow(grid, row).filter((x) => squash(x.text) !== '' && !labels.has(x) && x.col + x.colSpan - 1 >= nameCol);
    return others.length === 0 ? 'skip' : null;
  }
  if (/^(小计|合计|小计得分)$/.test(labelKey(name))) return 'skip';
  // an unfilled template row (指标2：, ……, 指标1：/): nothing measured, nothing to read
  if (PLACEHOLDER_NAME.test(labelKey(name)) && !targetText && !actualText) return 'skip';
  const loc = (cell: Cell | null, g: Grid = grid) => (cell ? cellLocation(reader.file, g, cell) : null);
  return {
    level1: carry.level1?.label ?? '',
    level1Points: carry.level1?.points ?? null,
    level2: carry.level2?.label ?? '',
    name,
    target: valueOf(foldValue(targetText, comparator, unit)),
    actual: valueOf(foldValue(actualText, '', unit)),
    points: plainNumber(cellValue(pointsCell)),
    score: plainNumber(cellValue(scoreCell)),
    reason: reasonCell ? reasonText(cellLines(reasonCell).join('\n')) : '',
    at: cellLocation(reader.file, grid, nameCell),
    cells: {
      level1: carry.level1 ? loc(carry.level1.cell, carry.level1.grid) : null,
      level2: carry.level2 ? loc(carry.level2.cell, carry.level2.grid) : null,
      name: loc(nameCell),
      target: loc(targetCell),
      actual: loc(actualCell),
      points: loc(pointsCell),
      score: loc(scoreCell),
      reason: loc(reasonCell),
    },
  };
}

/**
 * The 总分 / 合计 row: points and score under their header columns when both are there and
 * numeric, else the first two numbers right of the label, in order.
 */
export function readTotals(file: string, grid: Grid, row: number, label: Cell, reader: BlockReader | null): Totals {
  const numeric = (c: Cell | null) => c !== null && c !== label && plainNumber(cellValue(c)) !== null;
  let points: Cell | null = reader ? reader.cell(grid, row, 'points') : null;
  let score: Cell | null = reader ? reader.cell(grid, row, 'score') : null;
  if (!(numeric(points) && numeric(score) && points !== score)) {
    const after = cellsStartingInRow(grid, row).filter((c) => c.col > label.col && plainNumber(cellValue(c)) !== null);
    points = after[0] ?? null;
    score = after[1] ?? null;
  }
  const loc = (c: Cell | null) => (c ? cellLocation(file, grid, c) : null);
  return {
    points: points ? plainNumber(cellValue(points)) : null,
    score: score ? plainNumber(cellValue(score)) : null,
    at: cellLocation(file, grid, label),
    cells: { points: loc(points), score: loc(score) },
  };
}

/** The first cell of the row (by origin) holding text, or null. */
export function firstFilledCell(grid: Grid, row: number): Cell | null {
  return cellsStartingInRow(grid, row).find((c) => squash(c.text) !== '') ?? null;
}

/**
 * Whether any row of the grid starts or names a form (title, info, a block header). Inside a
 * report (`inReport`), a money header alone does not count: reports hold 预算数/决算数 tables of their own.
 */
export function gridHasFormRows(grid: Grid, inReport = false): boolean {
  for (let r = 0; r < grid.rows; r++) {
    const k = classifyRow(grid, r, false).kind;
    if (k === 'title' || k === 'info' || k === 'indicator-header' || k === 'goals-header') return true;
    if (k === 'money-header' && !inReport) return true;
  }
  return false;
}

/** The header texts of a grid's first filled row (for "found instead"). */
export function firstRowTexts(grid: Grid): string[] {
  for (let r = 0; r < grid.rows; r++) {
    const texts = cellsStartingInRow(grid, r)
      .map((c) => trimAll(cellValue(c)))
      .filter((t) => t !== '');
    if (texts.length > 0) return texts;
  }
  return [];
}
