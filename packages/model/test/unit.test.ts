import { describe, expect, it } from 'vitest';
import { formOwner, fullerUnitName, namesOrganisation, sameUnit, unitBucket, unitInTitle, unitKey } from '../src/unit.ts';

describe('unitKey', () => {
  it.each([
    ['雁峰区 雁峰街道办事处', '雁峰区雁峰街道办事处'],
    ['雁峰区\u3000雁峰街道\u00a0办事处', '雁峰区雁峰街道办事处'],
    ['雁峰\u200b街道\u200d办事处\ufeff', '雁峰街道办事处'],
    ['\u202a雁峰街道\u202c\u2066办事处\u2069', '雁峰街道办事处'],
    ['ＡＢＣ学校（分校）', 'ABC学校(分校)'],
    ['123001-某某县某某镇人民政府', '某某县某某镇人民政府'],
    ['某某县实验小学（盖章）', '某某县实验小学'],
    ['361中学', '361中学'],
  ])('%s → %s', (name, key) => {
    expect(unitKey(name)).toBe(key);
  });
});

describe('sameUnit', () => {
  it.each([
    // equal after normalisation
    ['雁峰区雁峰街道办事处', '雁峰区 雁峰街道办事处', true],
    ['雁峰区雁峰街道办事处', '雁峰区雁峰街道办事处\u200b', true],
    // the short name inside the official one: divisions before, an office suffix after
    ['雁峰街道', '雁峰区雁峰街道办事处', true],
    ['雁峰区雁峰街道办事处', '雁峰街道', true],
    ['雁峰街道', '衡阳市雁峰区雁峰街道办事处', true],
    ['财政局', '雁峰区财政局', true],
    ['某某镇', '123001-某某县某某镇人民政府', true],
    ['雁峰区', '雁峰区人民政府', true],
    ['雁峰区', '衡阳市雁峰区', true],
    // a division is not the units inside it
    ['雁峰区', '雁峰区雁峰街道办事处', false],
    ['某某县', '某某县某某镇人民政府', false],
    // another unit that happens to contain the name
    ['某某镇', '某某镇中心小学', false],
    ['雁峰街道', '雁峰街道社区卫生服务中心', false],
    ['雁峰区财政局', '珠晖区财政局', false],
    ['雁峰区雁峰街道办事处', '珠晖区东风街道办事处', false],
    ['', '雁峰街道', false],
  ])('%s ~ %s → %s', (a, b, same) => {
    expect(sameUnit(a, b)).toBe(same);
    expect(sameUnit(b, a)).toBe(same);
  });

  it('two names it matches always share a bucket (the queue scores by bucket)', () => {
    const names = ['雁峰街道', '雁峰区雁峰街道办事处', '衡阳市雁峰区雁峰街道办事处', '雁峰区', '雁峰区人民政府', '财政局', '雁峰区财政局', '某某镇', '某某县某某镇人民政府', '城市管理局', '雁峰区城市管理局'];
    for (const a of names) for (const b of names) if (sameUnit(a, b)) expect(unitBucket(a), `${a} / ${b}`).toBe(unitBucket(b));
  });

  it('buckets: every name of the street office maps to one', () => {
    expect(new Set(['雁峰街道', '雁峰区雁峰街道办事处', '衡阳市 雁峰区雁峰街道办事处'].map(unitBucket))).toEqual(new Set(['雁峰街道']));
    expect(unitBucket('雁峰区')).toBe('雁峰区');
  });

  it('the fuller name is the longer one', () => {
    expect(fullerUnitName('雁峰街道', '雁峰区雁峰街道办事处')).toBe('雁峰区雁峰街道办事处');
    expect(fullerUnitName('雁峰区雁峰街道办事处', '雁峰街道')).toBe('雁峰区雁峰街道办事处');
  });
});

describe('which unit a form belongs to (VARIANTS.md)', () => {
  it.each([
    ['所属社区', false],
    ['各村（社区）', false],
    ['本单位', false],
    ['/', false],
    ['', false],
    [null, false],
    ['雁峰区实验小学', true],
    ['衡阳市第一中学', true],
  ])('实施单位 %s names an organisation: %s', (name, expected) => {
    expect(namesOrganisation(name)).toBe(expected);
  });

  it('a project form belongs to its 实施单位 when that names an organisation, else to its 主管部门', () => {
    expect(formOwner({ kind: 'project', unit: '雁峰区雁峰街道办事处', implementer: '所属社区' })).toBe('雁峰区雁峰街道办事处');
    expect(formOwner({ kind: 'project', unit: '雁峰区教育局', implementer: '雁峰区实验小学' })).toBe('雁峰区实验小学');
    expect(formOwner({ kind: 'department-overall', unit: '雁峰区教育局', implementer: '雁峰区实验小学' })).toBe('雁峰区教育局');
    expect(formOwner({ kind: 'report', unit: '  ', implementer: null })).toBeNull();
  });
});

describe('unitInTitle', () => {
  it.each([
    ['2021年度雁峰街道绩效评价报告', '雁峰街道'],
    ['关于某某县政协2021年度部门整体支出绩效评价报告', '某某县政协'],
    ['（2021年度）雁峰街道部门整体支出绩效自评报告', '雁峰街道'],
    ['绩效自评报告', null],
    ['某某县政协2021年度部门整体支出绩效评价报告', '某某县政协'],
    ['机关整体支出绩效评价报告', null],
    ['2022年度项目支出绩效单位自评报告', null],
    ['某某县林业局项目支出绩效单位自评报告', '某某县林业局'],
  ])('%s → %s', (title, subject) => {
    expect(unitInTitle(title)).toBe(subject);
  });
});
