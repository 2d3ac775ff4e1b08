import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FormSchema, type Block, type Form, type Location } from '@jxaudit/model';
import { readDocument, recognizeForms } from '@jxaudit/parse';
import { formMeaning } from './helpers/forms.ts';

const SEED = join(import.meta.dirname, '..', 'fixtures', 'seed');

interface Read {
  blocks: Block[];
  forms: Form[];
}

async function recognize(name: string): Promise<Read> {
  const path = join(SEED, name);
  const read = await readDocument({ path, bytes: new Uint8Array(readFileSync(path)) });
  expect(read.error).toBeNull();
  const result = recognizeForms(read.blocks, path);
  expect(result.foundInstead).toBeNull();
  return { blocks: read.blocks, forms: result.forms };
}

const meaning = formMeaning;

interface ExpectedForm {
  kind: string;
  unit?: string;
  title?: string;
  year?: number;
  projectName?: string;
  implementer?: string;
  funds?: { label: string; budgetInitial: number; budgetFull: number; executed: number; points: number; rate: string; score: number }[];
  composition?: { byIncome: { label: string; amount: number }[]; byExpense: { label: string; amount: number }[] };
  indicators?: {
    level1: string;
    level1Points: number;
    level2: string;
    name: string;
    target: string;
    actual: string;
    points: number;
    score: number;
    reason: string;
  }[];
  totals?: { points: number; score: number };
  facts?: { key: string; label: string; value: number; unit: string }[];
}

const EXPECTED: ExpectedForm[] = JSON.parse(readFileSync(join(SEED, 'expected-forms.json'), 'utf8'));

function allLocations(value: unknown, out: Location[] = []): Location[] {
  if (Array.isArray(value)) value.forEach((v) => allLocations(v, out));
  else if (value && typeof value === 'object') {
    const o = value as Record<string, unknown>;
    if (typeof o.file === 'string' && 'table' in o && 'text' in o) out.push(o as unknown as Location);
    else Object.values(o).forEach((v) => allLocations(v, out));
  }
  return out;
}

describe('the 雁峰街道 2021 sample as one .docx', async () => {
  const { blocks, forms } = await recognize('yanfeng-2021.docx');

  it('holds 附件1, 附件2 and the report, in document order, each a valid Form', () => {
    expect(forms.map((f) => [f.kind, f.family, f.title])).toEqual([
      ['department-overall', 'hunan-dept', '部门整体支出绩效自评表'],
      ['project', 'national', '专项资金绩效自评表'],
      ['report', 'report', '2021年度雁峰街道绩效评价报告'],
    ]);
    for (const f of forms) expect(() => FormSchema.parse(f)).not.toThrow();
  });

  it('reads every key field of expected-forms.json', () => {
    EXPECTED.forEach((want, i) => {
      const got = forms[i];
      expect(got.kind).toBe(want.kind);
      if (want.unit !== undefined) expect(got.unit).toBe(want.unit);
      if (want.year !== undefined) expect(got.year).toBe(want.year);
      if (want.title !== undefined) expect(got.title).toBe(want.title);
      if (want.projectName !== undefined) expect(got.projectName).toBe(want.projectName);
      if (want.implementer !== undefined) expect(got.implementer).toBe(want.implementer);
      if (want.funds) {
        expect(
          got.funds.map((r) => ({
            label: r.label,
            budgetInitial: r.budgetInitial,
            budgetFull: r.budgetFull,
            executed: r.executed,
            points: r.points,
            rate: r.rate?.raw,
            score: r.score,
          })),
        ).toEqual(want.funds);
      }
      if (want.composition) {
        const lines = (ls: { label: string; amount: number }[]) => ls.map((l) => ({ label: l.label, amount: l.amount }));
        expect(lines(got.composition!.byIncome)).toEqual(want.composition.byIncome);
        expect(lines(got.composition!.byExpense)).toEqual(want.composition.byExpense);
      }
      if (want.indicators) {
        expect(
          got.indicators.map((x) => ({
            level1: x.level1,
            level1Points: x.level1Points,
            level2: x.level2,
            name: x.name,
            target: x.target.raw,
            actual: x.actual.raw,
            points: x.points,
            score: x.score,
            reason: x.reason,
          })),
        ).toEqual(want.indicators);
      }
      if (want.totals) expect({ points: got.totals?.points, score: got.totals?.score }).toEqual(want.totals);
      for (const fact of want.facts ?? []) {
        expect(got.facts.map((f) => ({ key: f.key, label: f.label, value: f.value, unit: f.unit }))).toContainEqual(fact);
      }
    });
  });

  it('counts 16 + 15 indicators, one + three money rows, 3 + 2 composition lines', () => {
    expect(forms[0].indicators).toHaveLength(16);
    expect(forms[1].indicators).toHaveLength(15);
    expect(forms[0].funds.map((r) => r.role)).toEqual(['total']);
    expect(forms[1].funds.map((r) => [r.label, r.role])).toEqual([
      ['年度资金总额', 'total'],
      ['当年财政拨款', 'part'],
      ['其他资金', 'part'],
    ]);
    expect(forms[0].composition!.byIncome.map((l) => [l.label, l.amount, l.decimals])).toEqual([
      ['一般公共预算', 742.25, 2],
      ['上级专项拨款', 120, 0],
      ['其他资金', 1159.04, 2],
    ]);
    expect(forms[0].composition!.byExpense.map((l) => [l.label, l.amount, l.decimals])).toEqual([
      ['基本支出', 559.69, 2],
      ['项目支出', 1461.6, 2],
    ]);
    expect(forms[1].composition).toBeNull();
  });

  it('reads rates as fractions with their printed decimals', () => {
    expect(forms[0].funds[0].rate).toEqual({ raw: '148%', value: 1.48, decimals: 0 });
    expect(forms[1].funds[0].rate).toEqual({ raw: '133.86%', value: 1.3386, decimals: 2 });
  });

  it('splits the goals one per paragraph, without the [bookmark: _GoBack] artefact', () => {
    expect(forms[0].goals.expected).toHaveLength(6);
    expect(forms[0].goals.actual).toHaveLength(6);
    expect(forms[0].goals.expected[5]).toBe('目标6：结合部门职能、履行好部门职责。');
    expect(forms[1].goals.expected[0]).toBe('目标1：保障社区正常有效运转。');
    expect(forms[1].goals.actual).toHaveLength(3);
  });

  it('points every location at the grid cell it was read from', () => {
    const grids = blocks.filter((b) => b.type === 'table');
    const locations = allLocations(forms.filter((f) => f.kind !== 'report'));
    expect(locations.length).toBeGreaterThan(300);
    for (const loc of locations) {
      if (loc.table === null) continue;
      const cell = grids[loc.table].cells.find((c) => c.row === loc.row && c.col === loc.col);
      expect(cell?.text, JSON.stringify(loc)).toBe(loc.text);
    }
    const investment = forms[0].indicators.find((x) => x.name === '经济建设投资总金额')!;
    expect(investment.cells.target).toMatchObject({ table: 0, row: 11, col: 4, text: '10亿元', line: null });
    expect(investment.cells.level1?.text).toBe('产出指标\n(50分)');
    expect(investment.target).toMatchObject({ kind: 'amount', value: 100000 });
    expect(forms[1].tables).toEqual([1]);
    expect(forms[0].totals?.cells.score?.text).toBe('86');
  });

  it('gives the report the unit of the tables, since its title names the same place', () => {
    expect(forms[2].unit).toBe('雁峰区雁峰街道办事处');
    expect(forms[2].year).toBe(2021);
    expect(forms[2].tables).toEqual([]);
  });

  const sameAsDocx = forms.map(meaning);

  it.each(['yanfeng-2021.txt', 'yanfeng-2021.gb18030.txt', 'yanfeng-2021.utf16le-bom.txt'])(
    '%s gives the same three forms, with txt line numbers',
    async (name) => {
      const txt = await recognize(name);
      expect(txt.forms.map(meaning)).toEqual(sameAsDocx);
      const target = txt.forms[0].indicators.find((x) => x.name === '经济建设投资总金额')!.cells.target!;
      const lines = readFileSync(join(SEED, 'yanfeng-2021.txt'), 'utf8').split('\n');
      expect(target.text).toBe('10亿元');
      expect(target.line).toBe(lines.indexOf('\t10亿元') + 1);
      expect(txt.forms[0].totals?.at.line).toBe(lines.indexOf('\t总分') + 1);
      for (const loc of allLocations(txt.forms.filter((f) => f.kind !== 'report'))) {
        expect(loc.line, JSON.stringify(loc)).not.toBeNull();
      }
    },
  );

  it('the three split .docx files give the same forms; the lone report keeps the place its title names', async () => {
    const split = [
      ...(await recognize('yanfeng-2021-attach1.docx')).forms,
      ...(await recognize('yanfeng-2021-attach2.docx')).forms,
      ...(await recognize('yanfeng-2021-report.docx')).forms,
    ];
    expect(split.map((f) => f.kind)).toEqual(['department-overall', 'project', 'report']);
    expect(split[2].unit).toBe('雁峰街道');
    expect(split.map((f) => f.tables)).toEqual([[0], [0], []]);
    const meanings = split.map(meaning) as { unit: string | null; tables: number[] }[];
    meanings[1].tables = [1];
    meanings[2].unit = '雁峰区雁峰街道办事处';
    expect(meanings).toEqual(sameAsDocx);
  });
});
