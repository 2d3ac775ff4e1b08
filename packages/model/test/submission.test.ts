import { describe, expect, it } from 'vitest';
import { location, type Form } from '../src/index.ts';
import {
  compareArrival,
  diffFindings,
  formFingerprint,
  formIdentity,
  groupDocuments,
  planVersion,
  revisionRank,
  submissionId,
  submissionKey,
  viewOf,
  type DiffableFinding,
  type VersionInput,
} from '../src/submission.ts';

/** A small form: a kind, a unit, and a total row whose figures make its content. */
function form(kind: Form['kind'], options: Partial<Form> & { file?: string; total?: number; line?: number } = {}): Form {
  const { file = 'a.docx', total = 100, line = null, ...over } = options;
  const at = location({ file, table: 0, row: 0, col: 0, line, text: '年度资金总额' });
  return {
    kind,
    family: kind === 'report' ? 'report' : 'national',
    title: kind === 'report' ? '2021年度雁峰街道绩效评价报告' : '项目支出绩效自评表',
    year: 2021,
    unit: '雁峰区雁峰街道办事处',
    implementer: null,
    projectName: kind === 'project' ? '基层政权建设和社区治理' : null,
    tables: [0],
    funds: [
      {
        label: '年度资金总额',
        role: 'total',
        budgetInitial: total,
        budgetFull: total,
        executed: 90,
        points: 10,
        rate: null,
        score: 9,
        at,
        cells: { budgetInitial: { ...at, text: String(total) }, budgetFull: null, executed: null, points: null, rate: null, score: null },
      },
    ],
    composition: null,
    goals: { expected: [], actual: [] },
    indicators: [],
    totals: null,
    facts: [],
    quantities: [],
    rateClaims: [],
    malformed: [],
    at,
    ...over,
  } as Form;
}

const doc = (path: string, forms: Form[], batch = 1, mtimeMs: number | null = 0): VersionInput => ({ sha256: `sha-${path}`, path, forms, arrival: { batch, mtimeMs, at: null } });

describe('forms: identity and content', () => {
  it('the same form read from another file, table or line is the same content; other figures are not', () => {
    const docx = form('project', { file: 'a.docx' });
    const txt = form('project', { file: 'a.txt', line: 94, tables: [3] });
    expect(formFingerprint(txt)).toBe(formFingerprint(docx));
    expect(formFingerprint(form('project', { total: 101 }))).not.toBe(formFingerprint(docx));
  });

  it('the unit as named and a "（修改稿）" title do not change the content', () => {
    const full = form('report');
    const short = form('report', { unit: '雁峰街道', title: '2021年度雁峰街道绩效评价报告（修改稿）' });
    expect(formFingerprint(short)).toBe(formFingerprint(full));
  });

  it.each([
    [form('department-overall'), 'department-overall'],
    [form('project'), 'project|基层政权建设和社区治理|'],
    [form('project', { projectName: '基层政权建设和社区治理（修改稿）' }), 'project|基层政权建设和社区治理|'],
    [form('project', { implementer: '雁峰区实验小学' }), 'project|基层政权建设和社区治理|雁峰区实验小学'],
    [form('project', { implementer: '所属社区' }), 'project|基层政权建设和社区治理|'],
    [form('report'), 'report|overall'],
  ])('identity %#', (f, identity) => {
    expect(formIdentity(f)).toBe(identity);
  });
});

describe('revisionRank and arrival order', () => {
  it.each([
    ['雁峰街道2021.docx', 1],
    ['雁峰街道2021（修改稿）.docx', 2],
    ['雁峰街道2021修订.txt', 2],
    ['自评表第三版.docx', 3],
    ['自评表 v4.docx', 4],
    ['自评表 (2).docx', 2],
    ['自评表-二稿.docx', 2],
    ['自评表（定稿）.docx', 100],
  ])('%s → %d', (name, rank) => {
    expect(revisionRank(name)).toBe(rank);
  });

  it('batch first, then mtime, then the name, then the path', () => {
    const order = (docs: VersionInput[]) => [...docs].sort(compareArrival).map((d) => d.path);
    expect(order([doc('b.docx', [], 2, 0), doc('a.docx', [], 1, 5)])).toEqual(['a.docx', 'b.docx']);
    expect(order([doc('a.docx', [], 1, 9), doc('b.docx', [], 1, 5)])).toEqual(['b.docx', 'a.docx']);
    expect(order([doc('自评表（修改稿）.docx', [], 1, 5), doc('自评表.docx', [], 1, 5)])).toEqual(['自评表.docx', '自评表（修改稿）.docx']);
  });
});

describe('planVersion', () => {
  it('a form seen twice is one form: the first kept, the others listed as copies', () => {
    const plan = planVersion([doc('a.docx', [form('department-overall'), form('project')]), doc('b.txt', [form('project', { file: 'b.txt' })])]);
    expect(plan.documents.map((d) => [d.input.path, d.role, d.forms.map((f) => f.role)])).toEqual([
      ['a.docx', 'current', ['current', 'current']],
      ['b.txt', 'copy', ['copy']],
    ]);
    expect(plan.copies).toEqual([{ path: 'b.txt', kind: 'project', title: '项目支出绩效自评表', forms: [0], count: 1, copyOf: { path: 'a.docx', form: 1 } }]);
    expect(plan.current).toEqual([{ doc: 0, form: 0 }, { doc: 0, form: 1 }]);
  });

  it('a file repeating the same form N times keeps the first; the rest are one copy entry', () => {
    const repeated = Array.from({ length: 300 }, () => form('project'));
    const plan = planVersion([doc('big.txt', repeated)]);
    expect(plan.current).toEqual([{ doc: 0, form: 0 }]);
    expect(plan.copies).toHaveLength(1);
    expect(plan.copies[0]).toMatchObject({ count: 299, copyOf: { path: 'big.txt', form: 0 } });
    expect(plan.copies[0].forms).toHaveLength(100);
  });

  it('a later form of the same identity with other figures supersedes the earlier one, whatever the input order', () => {
    const original = doc('自评表.docx', [form('project'), form('report')], 1, 5);
    const revised = doc('自评表（修改稿）.docx', [form('project', { total: 120 })], 1, 5);
    for (const inputs of [[original, revised], [revised, original]]) {
      const plan = planVersion(inputs);
      expect(plan.superseded).toEqual([{ path: '自评表.docx', form: 0, kind: 'project', title: '项目支出绩效自评表', supersededBy: { path: '自评表（修改稿）.docx', form: 0 } }]);
      expect(plan.current.map((p) => plan.documents[p.doc].input.path)).toEqual(['自评表.docx', '自评表（修改稿）.docx']);
      expect(plan.documents.map((d) => d.generation)).toEqual([1, 2]);
    }
  });

  it('a document is checked against the current forms with its own in their place', () => {
    const plan = planVersion([doc('a.docx', [form('department-overall'), form('project')]), doc('b.docx', [form('project', { total: 120 })]), doc('c.txt', [form('department-overall'), form('project')])]);
    // b revised the project form; c repeats a's dept (a copy) and a's old project (a copy of a superseded form).
    expect(viewOf(plan, 2)).toEqual([{ doc: 2, form: 0 }, { doc: 2, form: 1 }]);
    expect(viewOf(plan, 0)).toEqual([{ doc: 0, form: 0 }, { doc: 0, form: 1 }]);
    expect(viewOf(plan, 1)).toEqual([{ doc: 0, form: 0 }, { doc: 1, form: 0 }]);
  });
});

describe('grouping and ids', () => {
  const attach1 = { sha256: 'a1', forms: [form('department-overall')] };
  const report = { sha256: 'r', forms: [form('report', { unit: '雁峰街道' })] };
  const district = { sha256: 'd', forms: [form('department-overall', { unit: '雁峰区' })] };
  const lastYear = { sha256: 'y', forms: [form('project', { year: 2020 })] };

  it('the street office and its report join; the district and another year stay apart', () => {
    const groups = groupDocuments([attach1, report, district, lastYear]);
    expect(groups.map((g) => [g.members, g.unit, g.year])).toEqual([
      [[0, 1], '雁峰区雁峰街道办事处', 2021],
      [[2], '雁峰区', 2021],
      [[3], '雁峰区雁峰街道办事处', 2020],
    ]);
  });

  it('every name of a unit has one scoring key and one id; the id does not depend on the files', () => {
    expect(submissionKey(report.forms, 'r')).toBe(submissionKey(attach1.forms, 'a1'));
    expect(submissionId('雁峰街道', 2021, 'x')).toBe(submissionId('雁峰区雁峰街道办事处', 2021, 'y'));
    expect(submissionId('雁峰街道', 2021, 'x')).not.toBe(submissionId('雁峰街道', 2020, 'x'));
    expect(submissionId('雁峰区财政局', 2021, 'x', true)).not.toBe(submissionId('珠晖区财政局', 2021, 'x', true));
    expect(submissionKey([], 'abc')).toBe('doc-abc');
  });
});

describe('diffFindings', () => {
  const f = (fingerprint: string, rule: string, texts: string[], row = 1): DiffableFinding => ({
    fingerprint,
    rule,
    severity: 'error',
    kind: 'project',
    message: `${rule} ${texts.join()}`,
    declared: null,
    computed: null,
    at: texts.map((text, i) => location({ file: 'a.docx', table: 0, row: row + i, col: 1, text })),
  });

  it('fixed, new and unchanged by fingerprint', () => {
    const diff = diffFindings([f('1', 'a', ['x']), f('2', 'b', ['y'])], [f('2', 'b', ['y']), f('3', 'c', ['z'])]);
    expect(diff.counts).toEqual({ fixed: 1, new: 1, unchanged: 1 });
    expect(diff.fixed.map((x) => [x.fingerprint, x.rule, x.message])).toEqual([['1', 'a', 'a x']]);
    expect(diff.new).toEqual(['3']);
  });

  it('a finding whose cells moved, or whose cells print other figures, is still the same finding', () => {
    const moved = diffFindings([f('1', 'a', ['x'], 5)], [f('9', 'a', ['x'], 6)]);
    expect(moved.counts).toEqual({ fixed: 0, new: 0, unchanged: 1 });
    expect(moved.moved).toEqual([{ previous: '1', current: '9' }]);
    const refigured = diffFindings([f('1', 'weights', ['50', '40', '10'])], [f('8', 'weights', ['50', '35', '10'])]);
    expect(refigured.counts).toEqual({ fixed: 0, new: 0, unchanged: 1 });
    expect(diffFindings([f('1', 'a', ['x'], 5)], [f('9', 'a', ['y'], 6)]).counts).toEqual({ fixed: 1, new: 1, unchanged: 0 });
  });
});
