import { describe, expect, it } from 'vitest';
import { location } from '@jxaudit/model';
import { countNumber, extractCountClaims, narrativeUnit } from '../src/narrative/index.ts';

const paras = (...texts: string[]) => texts.map((text, i) => ({ text, at: location({ file: 'r.txt', paragraph: i, text }) }));

describe('countNumber', () => {
  it.each([
    ['3', 3], ['12', 12], ['三', 3], ['两', 2], ['十', 10], ['十二', 12], ['二十', 20], ['三十五', 35], ['个', null], ['', null],
  ])('%j → %j', (text, n) => expect(countNumber(text)).toBe(n));
});

describe('extractCountClaims', () => {
  it.each<[string, string[], { subject: string; count: number; items: string[] } | null]>([
    ['a count, a colon, the list', ['局机关下设3个直属事业单位：县林业站、县森林防火中心、县种苗站。'], { subject: '直属事业单位', count: 3, items: ['县林业站', '县森林防火中心', '县种苗站'] }],
    ['分别为 and a Chinese numeral', ['下设四个股室，分别为办公室、财务股、业务股和法规股。'], { subject: '股室', count: 4, items: ['办公室', '财务股', '业务股', '法规股'] }],
    ['the list before the count', ['下设办公室、财务股等2个股室，编制12人。'], { subject: '股室', count: 2, items: ['办公室', '财务股'] }],
    ['the list in numbered paragraphs', ['本局下设3个事业单位：', '1.县水利工程管理站', '2.县水土保持站', '3.县防汛抗旱服务中心', '二、部门整体支出情况'], { subject: '事业单位', count: 3, items: ['县水利工程管理站', '县水土保持站', '县防汛抗旱服务中心'] }],
    ['no list: nothing to check', ['下设3个直属事业单位，在职人员41人。'], null],
  ])('%s', (_name, texts, want) => {
    const claims = extractCountClaims(paras(...texts));
    if (want === null) expect(claims).toEqual([]);
    else expect(claims.map((c) => ({ subject: c.subject, count: c.count, items: c.items }))).toEqual([want]);
  });

  it('projects in groups: 共实施项目N个，其中 groups with their own counts and lists', () => {
    const [claim] = extractCountClaims(paras('2021年共实施项目5个，其中：基础设施类项目3个（道路硬化、桥梁维修、排水改造），民生类项目2个（养老服务、助学）。'));
    expect(claim!.count).toBe(5);
    expect(claim!.groups).toEqual([
      { label: '基础设施类项目', count: 3, items: ['道路硬化', '桥梁维修', '排水改造'] },
      { label: '民生类项目', count: 2, items: ['养老服务', '助学'] },
    ]);
  });
});

describe('narrativeUnit: the unit of a report whose title does not name it', () => {
  it.each<[string, string[], string | null]>([
    ['a 单位名称 line', ['单位名称：某某县政协', '一、基本情况'], '某某县政协'],
    ['the first sentence', ['一、基本情况', '某某县水利局是县人民政府主管水行政的工作部门，内设股室5个。'], '某某县水利局'],
    ['系…事业单位', ['某某县林业站系县林业局所属公益一类事业单位。'], '某某县林业站'],
    ['本单位 is not a name', ['本单位是县政府的职能部门。'], null],
    ['nothing to go on', ['一、基本情况', '2021年收入预算100万元。'], null],
  ])('%s', (_name, texts, unit) => expect(narrativeUnit(texts.map((text) => ({ text })))).toBe(unit));
});
