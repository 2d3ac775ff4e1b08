import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FormSchema, type Form } from '@jxaudit/model';
import { readDocument } from '../src/read.ts';
import { recognizeForms } from '../src/recognize/index.ts';

/*
 * Families 2b and 3 have no sample: fixtures/tools/build-family-fixtures.ts writes each as a .docx
 * with real merged cells and as Tika-style text, with the expected Form derived from where it put
 * every figure. The recognizer must give exactly that Form, locations included.
 */
const ROOT = join(import.meta.dirname, '..', '..', '..');

async function formsOf(path: string): Promise<Form[]> {
  const read = await readDocument({ path, bytes: new Uint8Array(readFileSync(join(ROOT, path))) });
  expect(read.error).toBeNull();
  const { forms, foundInstead } = recognizeForms(read.blocks, path);
  expect(foundInstead).toBeNull();
  return forms;
}

function expected(dir: string, name: string): Form {
  return FormSchema.parse(JSON.parse(readFileSync(join(ROOT, 'fixtures', dir, name), 'utf8')));
}

describe.each([
  { dir: 'family2b', base: 'lettered-2022', family: 'national-lettered' },
  { dir: 'family3', base: 'sichuan-2023', family: 'sichuan' },
])('$dir ($family)', ({ dir, base, family }) => {
  it('the .docx gives the expected form, every location included', async () => {
    const forms = await formsOf(`fixtures/${dir}/${base}.docx`);
    expect(forms).toHaveLength(1);
    expect(forms[0].family).toBe(family);
    expect(forms[0]).toEqual(expected(dir, 'expected-form.json'));
  });

  it('the .txt gives the same form, with its line numbers', async () => {
    const forms = await formsOf(`fixtures/${dir}/${base}.txt`);
    expect(forms).toHaveLength(1);
    // text carries no spans: the grid position of a short row is the txt reader's guess
    const withoutGridPosition = JSON.parse(
      JSON.stringify(forms[0], (key, value) => (key === 'row' || key === 'col' ? undefined : value)),
    );
    const want = JSON.parse(readFileSync(join(ROOT, 'fixtures', dir, 'expected-form.txt.json'), 'utf8'));
    expect(withoutGridPosition).toEqual(want);
  });
});

describe('family3 as "save as plain text" (one row per line, merged positions left empty)', () => {
  it('gives the form of the .docx, each figure located on its line', async () => {
    const path = 'fixtures/family3/sichuan-2023.tabbed.txt';
    const forms = await formsOf(path);
    const meaning = (f: Form) => JSON.parse(JSON.stringify(f, (k, v) => (k === 'at' || k === 'cells' ? undefined : v)));
    expect(forms.map(meaning)).toEqual([meaning(expected('family3', 'expected-form.json'))]);
    const lines = readFileSync(join(ROOT, path), 'utf8').split('\n');
    const totals = forms[0].totals!;
    expect(lines[totals.at.line! - 1].startsWith('合计')).toBe(true);
    const target = forms[0].indicators[0].cells.target!;
    expect(target.text).toBe('12');
    expect(lines[target.line! - 1]).toContain('安装波形护栏长度');
  });
});

describe('what the family fixtures exercise', () => {
  it('2b: lettered headers, the 指标性质 sign folded into the target, the 说明 row and the 注 line left out', () => {
    const form = expected('family2b', 'expected-form.json');
    expect(form.indicators[1].target).toMatchObject({ raw: '＝24台', comparator: '=', value: 24, unit: '台' });
    expect(form.indicators[1].cells.target?.text).toBe('24台');
    expect(form.funds.map((r) => r.label)).toEqual(['年度资金总额', '当年财政拨款', '上年结转资金', '其他资金']);
    expect(form.funds[3]).toMatchObject({ budgetInitial: null, rate: null, points: null });
  });

  it('3: value, sign and unit in three columns read as one Value; instructions are not reasons', () => {
    const form = expected('family3', 'expected-form.json');
    expect(form.indicators[2].target).toMatchObject({ raw: '＝100%', kind: 'percent', value: 1 });
    expect(form.indicators[0].actual).toMatchObject({ raw: '12.6公里', value: 12.6 });
    expect(form.indicators[5].target.raw).toBe('明显提升');
    expect(form.funds[0].reason).toBe('年中追加安防资金20万元，用于新增临崖路段护栏。');
    expect(form.funds[0].cells.reason?.text).toMatch(/^1\.预算执行率=预算执行数\/调整后预算数/);
    expect(form.tables).toEqual([0, 1]);
  });
});
