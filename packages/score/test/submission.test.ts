import { describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { groupSubmissions } from '../src/submission.ts';
import { buildForm } from './helpers/forms.ts';

const sha = (s: string) => createHash('sha256').update(s).digest('hex');

describe('groupSubmissions', () => {
  const attach1 = { file: 'yanfeng-2021-attach1.docx', sha256: sha('a1'), forms: [buildForm({ kind: 'department-overall', unit: '雁峰区雁峰街道办事处' })] };
  const attach2 = { file: 'yanfeng-2021-attach2.docx', sha256: sha('a2'), forms: [buildForm({ kind: 'project', unit: '雁峰区 雁峰街道办事处' })] };
  const report = { file: 'yanfeng-2021-report.docx', sha256: sha('r'), forms: [buildForm({ kind: 'report', unit: null, title: '2021年度雁峰街道绩效评价报告' })] };

  it('the sample’s three split files form one submission (whitespace ignored; the report joins by the place in its title)', () => {
    const groups = groupSubmissions([attach1, attach2, report]);
    expect(groups).toHaveLength(1);
    expect(groups[0]).toMatchObject({ unit: '雁峰区雁峰街道办事处', year: 2021, members: [0, 1, 2] });
    expect(groups[0].id).toBe(sha([sha('a1'), sha('a2'), sha('r')].sort().join('\n')));
  });

  it('the id does not depend on input order', () => {
    expect(groupSubmissions([report, attach2, attach1])[0].id).toBe(groupSubmissions([attach1, attach2, report])[0].id);
  });

  it('a contained name joins (雁峰街道 ⊂ 雁峰区雁峰街道办事处)', () => {
    const short = { file: 'x.docx', sha256: sha('x'), forms: [buildForm({ kind: 'project', unit: '雁峰街道' })] };
    expect(groupSubmissions([attach1, short]).map((g) => g.members)).toEqual([[0, 1]]);
  });

  it('another year or another unit stays apart; a file alone is its own submission', () => {
    const lastYear = { file: 'y.docx', sha256: sha('y'), forms: [buildForm({ kind: 'project', year: 2020 })] };
    const other = { file: 'z.docx', sha256: sha('z'), forms: [buildForm({ kind: 'project', unit: '珠晖区东风街道办事处' })] };
    const groups = groupSubmissions([attach1, lastYear, other]);
    expect(groups.map((g) => g.members)).toEqual([[0], [1], [2]]);
    expect(groups[1].id).toBe(sha(sha('y')));
  });
});
