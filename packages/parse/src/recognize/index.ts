import type {
  Block,
  CompositionLine,
  Family,
  Form,
  FormKind,
  FundRow,
  Grid,
  Indicator,
  Location,
  ParagraphBlock,
  ParseWarning,
  Totals,
} from '@jxaudit/model';
import { sameUnit, unitInTitle } from '@jxaudit/model';
import { extractCountClaims, extractNarrative, narrativeUnit, type NarrativeParagraph } from '../narrative/index.ts';
import {
  BlockReader,
  classifyRow,
  firstFilledCell,
  firstRowTexts,
  gridHasFormRows,
  readCompositionRow,
  readFundRow,
  readGoalsRow,
  readIndicatorRow,
  readTotals,
  type Carry,
  type CompositionSides,
  type RowKind,
} from './tables.ts';
import { cellLocation, labelKey, squash, trimAll } from './text.ts';
import { vocabularyWith, withVocabulary, type Templates } from './vocabulary.ts';
import { formTitleKind, isAttachmentLabel, isReportTitle, isYearLine, yearIn, type TitleKind } from './titles.ts';

export interface RecognizeResult {
  /** The forms of the file, in document order (the narrative report is a form of kind "report"). */
  forms: Form[];
  warnings: ParseWarning[];
  /** When no form was found: what was found instead, in Chinese and English (for the no-form error). */
  foundInstead: { zh: string; en: string } | null;
}

/** A table form being read: what was found so far. */
interface TableForm {
  type: 'table';
  title: string;
  titleKind: TitleKind | null;
  at: Location | null;
  year: number | null;
  unit: string | null;
  implementer: string | null;
  projectName: string | null;
  /** The unit came from 预算部门名称 (a department form), not 主管部门. */
  departmentLabel: boolean;
  tables: number[];
  funds: FundRow[];
  fundsHaveReason: boolean;
  composition: { byIncome: CompositionLine[]; byExpense: CompositionLine[] } | null;
  goals: { expected: string[]; actual: string[] };
  sawGoals: boolean;
  indicators: Indicator[];
  sawIndicators: boolean;
  sawMoney: boolean;
  totals: Totals | null;
  /** Evidence of the later national layout and of the Sichuan layout. */
  lettered: boolean;
  comparatorColumn: boolean;
  sichuanMarks: number;
}

interface ReportForm {
  type: 'report';
  title: string;
  at: Location;
  year: number | null;
  paragraphs: NarrativeParagraph[];
}

type Section =
  | { kind: 'money'; reader: BlockReader }
  | { kind: 'composition'; sides: CompositionSides; factor: number }
  | { kind: 'goals'; expected: number; actual: number; width: number; rows: number }
  | { kind: 'indicators'; reader: BlockReader; carry: Carry };

function newTableForm(title: string, titleKind: TitleKind | null, at: Location | null): TableForm {
  return {
    type: 'table',
    title,
    titleKind,
    at,
    year: title ? yearIn(title) : null,
    unit: null,
    implementer: null,
    projectName: null,
    departmentLabel: false,
    tables: [],
    funds: [],
    fundsHaveReason: false,
    composition: null,
    goals: { expected: [], actual: [] },
    sawGoals: false,
    indicators: [],
    sawIndicators: false,
    sawMoney: false,
    totals: null,
    lettered: false,
    comparatorColumn: false,
    sichuanMarks: titleKind === 'sichuan' ? 2 : 0,
  };
}

/** How many paragraphs may separate a title from its table (year line, 填报单位, 单位：万元…). */
const TITLE_REACH = 5;

/**
 * Blocks into forms (TEMPLATES.md families 1, 2, 2b, 3 and the narrative report). Forms are
 * recognised by their title paragraphs and by the header rows of their grids; columns are mapped
 * by header text, never by position. A form may span several tables; a file may hold several forms.
 */
export function recognizeForms(blocks: Block[], file: string, options: RecognizeOptions = {}): RecognizeResult {
  return withVocabulary(options.templates ? vocabularyWith(options.templates) : undefined, () => recognize(blocks, file));
}

export interface RecognizeOptions {
  /** A user's templates (parseTemplates of a --templates file): words added to the built-in ones. */
  templates?: Templates | null;
}

function recognize(blocks: Block[], file: string): RecognizeResult {
  const warnings: ParseWarning[] = [];
  const done: (TableForm | ReportForm)[] = [];
  let current: TableForm | ReportForm | null = null;
  let section: Section | null = null;

  const finish = () => {
    if (current) done.push(current);
    current = null;
    section = null;
  };
  const tableForm = (at: Location | null): TableForm => {
    if (!current || current.type !== 'table') {
      finish();
      current = newTableForm('', null, at);
    }
    if (!current.at) current.at = at;
    return current;
  };
  const restart = (at: Location | null): TableForm => {
    finish();
    current = newTableForm('', null, at);
    return current;
  };

  for (let b = 0; b < blocks.length; b++) {
    const block = blocks[b];
    if (block.type === 'paragraph') {
      const text = trimAll(block.text);
      const titleKind = formTitleKind(text);
      if (titleKind && tableFollows(blocks, b)) {
        finish();
        current = newTableForm(text.replace(/^附件\s*\d*\s*[:：]?\s*(?=\S)/, ''), titleKind, block.at);
        continue;
      }
      const open = current as TableForm | ReportForm | null;
      if (isReportTitle(text) && !(open?.type === 'report' && open.paragraphs.length === 0)) {
        finish();
        current = { type: 'report', title: text, at: block.at, year: yearIn(text), paragraphs: [] };
        continue;
      }
      const form = current as TableForm | ReportForm | null;
      if (form?.type === 'table' && form.tables.length === 0 && isYearLine(text)) {
        form.year = yearIn(text);
        continue;
      }
      if (form?.type === 'report' && form.paragraphs.length === 0 && form.year === null && isYearLine(text)) {
        form.year = yearIn(text);
        continue;
      }
      if (form?.type === 'report' && !isAttachmentLabel(text) && squash(text) !== '') {
        form.paragraphs.push({ text: block.text, at: block.at });
      }
      continue;
    }

    const grid = block;
    const open = current as TableForm | ReportForm | null;
    if (open?.type === 'report' || !open) {
      if (!gridHasFormRows(grid, open?.type === 'report')) {
        if (!open) {
          warnings.push({ code: 'table-not-recognised', message: `table ${grid.index}: no form header found; the table was not read` });
        }
        continue;
      }
      if (open) finish();
    }

    let used = false;
    for (let row = 0; row < grid.rows; row++) {
      const kind: RowKind = classifyRow(grid, row, (section as Section | null)?.kind === 'money');
      const firstCell = firstFilledCell(grid, row);
      const firstAt = firstCell ? cellLocation(file, grid, firstCell) : null;
      const form = current as TableForm | ReportForm | null;
      let consumed = true;

      switch (kind.kind) {
        case 'title': {
          // a title row right under a title paragraph repeats it; otherwise it starts a form
          const f = form?.type === 'table' && form.tables.length === 0 ? form : restart(null);
          if (!f.title) {
            f.title = kind.text;
            f.at = cellLocation(file, grid, kind.cell);
          }
          f.titleKind ??= kind.title;
          f.year = f.year ?? yearIn(kind.text);
          if (kind.title === 'sichuan') f.sichuanMarks += 2;
          section = null;
          break;
        }
        case 'year': {
          // as a year line after a title paragraph: only before the form's own rows
          const f = form?.type === 'table' && form.year === null && !form.unit && !form.projectName && !form.sawMoney && !form.sawGoals && !form.sawIndicators ? form : null;
          if (f) f.year = kind.year;
          else consumed = false;
          break;
        }
        case 'info': {
          let f = tableForm(firstAt);
          const clash = kind.fields.some((x) => f[x.field] !== null) || f.sawIndicators || f.sawMoney;
          if (clash) f = restart(firstAt);
          for (const x of kind.fields) {
            f[x.field] = x.value || null;
            if (x.sealed) f.sichuanMarks++;
            if (x.department) f.departmentLabel = true;
          }
          section = null;
          break;
        }
        case 'money-header': {
          let f = tableForm(firstAt);
          if (f.sawMoney || f.sawIndicators) f = restart(firstAt);
          f.sawMoney = true;
          f.lettered ||= kind.map.lettered;
          f.sichuanMarks += kind.map.sichuanMarks;
          f.fundsHaveReason = kind.map.cols.has('reason');
          section = { kind: 'money', reader: new BlockReader(file, kind.map) };
          break;
        }
        case 'composition-marker': {
          if (form?.type !== 'table') {
            consumed = false;
            break;
          }
          // The lines are printed in the money block's unit (（元） or （万元）).
          const factor: number = section?.kind === 'money' ? section.reader.map.factor : section?.kind === 'composition' ? section.factor : 1;
          section = { kind: 'composition', sides: { income: kind.income, expense: kind.expense }, factor };
          form.composition ??= { byIncome: [], byExpense: [] };
          const lines = readCompositionRow(file, grid, row, section.sides, factor);
          if (lines) {
            form.composition.byIncome.push(...lines.income);
            form.composition.byExpense.push(...lines.expense);
          }
          break;
        }
        case 'goals-header': {
          let f = tableForm(firstAt);
          if (f.sawGoals || f.sawIndicators) f = restart(firstAt);
          f.sawGoals = true;
          section = { kind: 'goals', expected: kind.expected, actual: kind.actual, width: grid.cols, rows: 0 };
          break;
        }
        case 'indicator-header': {
          const s = section as Section | null;
          let f = tableForm(firstAt);
          const continued = s?.kind === 'indicators' && f.sawIndicators && !f.totals && form === f;
          if (f.sawIndicators && !continued) f = restart(firstAt);
          f.sawIndicators = true;
          f.lettered ||= kind.map.lettered;
          f.comparatorColumn ||= kind.map.cols.has('comparator');
          f.sichuanMarks += kind.map.sichuanMarks;
          const carry: Carry = continued && s?.kind === 'indicators' ? s.carry : { level1: null, level2: null };
          section = { kind: 'indicators', reader: new BlockReader(file, kind.map), carry };
          break;
        }
        case 'totals': {
          if (form?.type !== 'table' || form.totals) {
            consumed = false;
            break;
          }
          const s = section as Section | null;
          const reader = s?.kind === 'indicators' || s?.kind === 'money' ? s.reader : null;
          form.totals = readTotals(file, grid, row, kind.label, reader);
          if (kind.label && labelKey(kind.label.text) === '合计') form.sichuanMarks++;
          section = null;
          break;
        }
        case 'note':
          section = null;
          consumed = false;
          break;
        case 'data':
          consumed = readData(grid, row);
          if (!consumed && firstCell) section = null;
          break;
      }
      if (consumed) used = true;
      if (consumed && current && (current as TableForm | ReportForm).type === 'table') {
        const f = current as TableForm;
        if (!f.tables.includes(grid.index)) f.tables.push(grid.index);
      }
    }
    if (!used) {
      warnings.push({ code: 'table-not-recognised', message: `table ${grid.index}: no form rows found; the table was not read` });
    }
  }
  finish();

  /** A data row, read by the open section; false when no section takes it. */
  function readData(grid: Grid, row: number): boolean {
    const s = section as Section | null;
    const form = current as TableForm | ReportForm | null;
    if (!s || form?.type !== 'table') return false;
    switch (s.kind) {
      case 'money': {
        const fund = readFundRow(s.reader, grid, row, form.fundsHaveReason);
        if (!fund) return false;
        form.funds.push(fund);
        return true;
      }
      case 'composition': {
        const lines = readCompositionRow(file, grid, row, s.sides, s.factor);
        if (!lines) return false;
        form.composition ??= { byIncome: [], byExpense: [] };
        form.composition.byIncome.push(...lines.income);
        form.composition.byExpense.push(...lines.expense);
        return true;
      }
      case 'goals': {
        const goals = readGoalsRow(grid, row, s, s.rows > 0);
        if (!goals) return false;
        s.rows++;
        form.goals.expected.push(...goals.expected);
        form.goals.actual.push(...goals.actual);
        return true;
      }
      case 'indicators': {
        const ind = readIndicatorRow(s.reader, grid, row, s.carry, warnings);
        if (ind && ind !== 'skip') form.indicators.push(ind);
        return ind !== null;
      }
    }
  }

  const forms: Form[] = [];
  for (const f of done) {
    if (f.type === 'table') {
      const form = finishTableForm(f);
      if (form) forms.push(form);
      else if (f.title) warnings.push({ code: 'title-without-form', message: `"${f.title}": the title was not followed by a readable form` });
    }
    else forms.push(finishReport(f));
  }
  resolveReportUnits(forms);
  return { forms, warnings, foundInstead: forms.length === 0 ? describe(blocks) : null };
}

/** A title starts a form only when a table follows within a few short paragraphs. */
function tableFollows(blocks: Block[], from: number): boolean {
  for (let i = from + 1; i < blocks.length && i <= from + TITLE_REACH; i++) {
    const b = blocks[i];
    if (b.type === 'table') return true;
    if (formTitleKind(b.text) || isReportTitle(b.text) || squash(b.text).length > 80) return false;
  }
  return false;
}

function familyOf(f: TableForm): { kind: FormKind; family: Family } {
  const department =
    f.titleKind === 'department' ||
    (f.titleKind === null && !f.projectName && (f.composition !== null || f.departmentLabel));
  if (department) return { kind: 'department-overall', family: 'hunan-dept' };
  if (f.titleKind === 'sichuan') return { kind: 'project', family: 'sichuan' };
  if (f.lettered) return { kind: 'project', family: 'national-lettered' };
  if (f.sichuanMarks >= 2) return { kind: 'project', family: 'sichuan' };
  if (f.comparatorColumn) return { kind: 'project', family: 'national-lettered' };
  return { kind: 'project', family: 'national' };
}

function finishTableForm(f: TableForm): Form | null {
  const hasContent = f.funds.length > 0 || f.indicators.length > 0 || f.totals !== null || f.unit !== null || f.projectName !== null;
  if (!hasContent || !f.at) return null;
  const { kind, family } = familyOf(f);
  const totalIdx = f.funds.findIndex((r) => r.role === 'total');
  const funds = totalIdx > 0 ? [f.funds[totalIdx], ...f.funds.filter((_, i) => i !== totalIdx)] : f.funds;
  return {
    kind,
    family,
    title: f.title,
    year: f.year,
    unit: f.unit,
    implementer: f.implementer,
    projectName: f.projectName,
    tables: f.tables,
    funds,
    composition: kind === 'department-overall' ? (f.composition ?? { byIncome: [], byExpense: [] }) : f.composition,
    goals: f.goals,
    indicators: f.indicators,
    totals: f.totals,
    facts: [],
    quantities: [],
    rateClaims: [],
    malformed: [],
    at: f.at,
  };
}

function finishReport(r: ReportForm): Form {
  const narrative = extractNarrative(r.paragraphs);
  return {
    kind: 'report',
    family: 'report',
    title: r.title,
    year: r.year,
    unit: unitInTitle(r.title) ?? narrativeUnit(r.paragraphs),
    implementer: null,
    projectName: null,
    tables: [],
    funds: [],
    composition: null,
    goals: { expected: [], actual: [] },
    indicators: [],
    totals: null,
    facts: narrative.facts,
    quantities: narrative.quantities,
    rateClaims: narrative.rateClaims,
    malformed: narrative.malformed,
    countClaims: extractCountClaims(r.paragraphs),
    sentences: narrative.sentences,
    at: r.at,
  };
}

/** The report's unit is the unit of the file's other forms when it names the same unit (雁峰街道 ≡ 雁峰区雁峰街道办事处). */
function resolveReportUnits(forms: Form[]): void {
  const units = forms.filter((f) => f.kind !== 'report' && f.unit).map((f) => f.unit as string);
  for (const f of forms) {
    if (f.kind !== 'report' || !f.unit) continue;
    const subject = f.unit;
    const match = units.find((u) => sameUnit(u, subject));
    if (match) f.unit = match;
  }
}

/** What a file without a form holds: "3 个段落、1 个表格（表头：姓名、年龄）". */
function describe(blocks: Block[]): { zh: string; en: string } {
  const paragraphs = blocks.filter((b): b is ParagraphBlock => b.type === 'paragraph' && squash(b.text) !== '');
  const grids = blocks.filter((b): b is Grid => b.type === 'table');
  const heads = grids.slice(0, 3).map((g) => firstRowTexts(g).slice(0, 8));
  const zhHeads = heads.filter((h) => h.length > 0).map((h) => `表头：${h.join('、')}`);
  const enHeads = heads.filter((h) => h.length > 0).map((h) => `header: ${h.join('、')}`);
  let zh = `${paragraphs.length} 个段落、${grids.length} 个表格`;
  let en = `${paragraphs.length} paragraph${paragraphs.length === 1 ? '' : 's'}, ${grids.length} table${grids.length === 1 ? '' : 's'}`;
  if (zhHeads.length > 0) {
    zh += `（${zhHeads.join('；')}）`;
    en += ` (${enHeads.join('; ')})`;
  }
  return { zh, en };
}
