import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { Fact } from '@jxaudit/model';
import { extractNarrative, type NarrativeParagraph } from '../src/narrative/index.ts';

const seed = (name: string) => fileURLToPath(new URL(`../../../fixtures/seed/${name}`, import.meta.url));

/** The report's paragraphs: every non-empty line after the title, with its 1-based line number. */
function sampleParagraphs(): NarrativeParagraph[] {
  const lines = readFileSync(seed('yanfeng-2021.txt'), 'utf8').split(/\r?\n/);
  const title = lines.findIndex((l) => l.trim() === '2021年度雁峰街道绩效评价报告');
  expect(title).toBeGreaterThan(0);
  const out: NarrativeParagraph[] = [];
  lines.forEach((text, i) => {
    if (i <= title || !text.trim()) return;
    out.push({ text, at: { file: 'yanfeng-2021.txt', table: null, row: null, col: null, line: i + 1, paragraph: out.length, text } });
  });
  return out;
}

function para(text: string, line = 1): NarrativeParagraph {
  return { text, at: { file: 'x.txt', table: null, row: null, col: null, line, paragraph: 0, text } };
}

interface ExpectedFact {
  key: string;
  label: string;
  value: number;
  unit: string | null;
}

const expectedReport = (JSON.parse(readFileSync(seed('expected-forms.json'), 'utf8')) as Array<{ kind: string; facts?: ExpectedFact[] }>).find(
  (f) => f.kind === 'report',
)!;

const sample = extractNarrative(sampleParagraphs());
const find = (facts: Fact[], key: string, label: string) => facts.find((f) => f.key === key && f.label === label);

describe('the sample narrative (yanfeng-2021.txt)', () => {
  it('yields every fact of expected-forms.json with its key, label, value and unit', () => {
    expect(expectedReport.facts!.length).toBe(24);
    for (const e of expectedReport.facts!) {
      const hit = sample.facts.find((f) => f.key === e.key && f.label === e.label && Math.abs(f.value - e.value) < 1e-9 && f.unit === e.unit);
      expect(hit, `${e.key} ${e.label} ${e.value}${e.unit}`).toBeDefined();
    }
  });

  it('keeps the printed figure, its decimals and the sentence with its line', () => {
    const total = find(sample.facts, 'expense.final.total', '总支出决算数')!;
    expect(total.raw).toBe('3582.30万元');
    expect(total.decimals).toBe(2);
    expect(total.approx).toBe(false);
    expect(total.at.line).toBe(540);
    expect(total.at.text).toBe('2021年街道总支出决算数3582.30万元，其中工资福利支出569.97万元，商品服务支出2190.56万元，对个人和家庭的补助170.86万元。');
    const car = find(sample.facts, 'sanggong.budget.part', '公务用车')!;
    expect(car.raw).toBe('0元');
    expect(car.value).toBe(0);
    expect(car.unit).toBe('万元');
  });

  it('links each 其中 part to its total, and each list is partial (其中, not 分别为)', () => {
    const groups: Array<[string, string, string, number]> = [
      ['income.budget.total', '收入预算', 'income.budget.part', 3],
      ['income.final.total', '总收入决算数', 'income.final.part', 2],
      ['expense.final.total', '总支出决算数', 'expense.final.part', 3],
      ['sanggong.budget.total', '三公经费预算', 'sanggong.budget.part', 3],
    ];
    for (const [key, label, partKey, n] of groups) {
      const idx = sample.facts.findIndex((f) => f.key === key && f.label === label);
      const parts = sample.facts.filter((f) => f.group === idx && f.key === partKey);
      expect(parts.length, label).toBe(n);
      expect(sample.facts[idx]!.completeList, label).toBe(false);
    }
    const income = sample.facts.findIndex((f) => f.key === 'income.budget.total');
    const sum = sample.facts.filter((f) => f.group === income).reduce((s, f) => s + f.value, 0);
    expect(sum).toBeCloseTo(2021.29, 6); // 742.25 + 120 + 1159.04
  });

  it('nests the staff breakdown: 实有人员 41 ⊃ 在职人员 41 ⊃ 统发 23 + 非统发 18', () => {
    const actual = sample.facts.findIndex((f) => f.key === 'staff.actual');
    const onDuty = sample.facts.findIndex((f) => f.key === 'staff.part' && f.label === '在职人员');
    expect(sample.facts[onDuty]!.group).toBe(actual);
    const inner = sample.facts.filter((f) => f.group === onDuty);
    expect(inner.map((f) => [f.label, f.value])).toEqual([
      ['统发工资人员', 23],
      ['非统发工资人员', 18],
    ]);
  });

  it('reads the year-on-year changes with direction and the total they belong to', () => {
    const income = sample.facts.findIndex((f) => f.key === 'income.final.total');
    const expense = sample.facts.findIndex((f) => f.key === 'expense.final.total');
    const changes = sample.facts.filter((f) => f.key.includes('.change.'));
    expect(changes.map((f) => [f.key, f.raw, f.direction, f.group])).toEqual([
      ['income.final.change.amount', '205.8万元', 'increase', income],
      ['income.final.change.pct', '7.39%', 'increase', income],
      ['expense.final.change.amount', '849.64万元', 'increase', expense],
      ['expense.final.change.pct', '31.09%', 'increase', expense],
    ]);
    // narr-yoy-recompute: 205.8 ÷ (2991.61 − 205.8) = 7.39%
    const pct = (205.8 / (sample.facts[income]!.value - 205.8)) * 100;
    expect(pct.toFixed(2)).toBe('7.39');
  });

  it('finds the enumerations 982余人次 (838 + 144) and 77023人次 (加强针 6041)', () => {
    const totals = sample.facts.filter((f) => f.key === 'enumeration.total');
    expect(totals.map((f) => [f.label, f.value, f.unit, f.approx, f.completeList])).toEqual([
      ['排查管控中高风险地区返衡', 982, '人次', true, false],
      ['新冠疫苗接种任务', 77023, '人次', false, false],
    ]);
    const first = sample.facts.indexOf(totals[0]!);
    expect(sample.facts.filter((f) => f.group === first).map((f) => [f.key, f.label, f.value, f.unit])).toEqual([
      ['enumeration.part', '境内返衡', 838, '人'],
      ['enumeration.part', '境外返衡', 144, '人'],
    ]);
    const second = sample.facts.indexOf(totals[1]!);
    expect(sample.facts.filter((f) => f.group === second).map((f) => [f.label, f.value])).toEqual([['加强针', 6041]]);
  });

  it('states the three rate claims', () => {
    expect(sample.rateClaims.map((c) => [c.count.raw, c.count.value, c.count.unit, c.base?.raw ?? null, c.rate.raw, c.rate.value])).toEqual([
      ['154户', 154, '户', '162户', '95%', 0.95],
      ['206人', 206, '人', null, '117.5%', 1.175],
      ['7068人', 7068, '人', null, '77.12%', 0.7712],
    ]);
    expect(sample.rateClaims[1]!.subject).toBe('居民养老保险征缴');
    // 约 ending a word (签约) is not the qualifier 约
    expect(sample.rateClaims[0]!.subject).toMatch(/签约$/);
    expect(sample.rateClaims[1]!.rate.decimals).toBe(1);
  });

  it('reports "2万元余元" as the one malformed quantity and reads it as at least 2万元', () => {
    expect(sample.malformed).toHaveLength(1);
    const m = sample.malformed[0]!;
    expect(m.raw).toBe('2万元余元');
    expect(m.assumed).toContain('2万余元');
    expect(m.assumedEn).toContain('2万余元');
    expect(m.at.line).toBe(557);
    const q = sample.quantities.find((x) => x.value.raw === '2万元余元')!;
    expect([q.value.kind, q.value.value, q.value.unit, q.value.approx]).toEqual(['amount', 2, '万元', true]);
  });

  it('lists the quantities that match indicators, with the clause before them', () => {
    const q = (raw: string) => sample.quantities.find((x) => x.value.raw === raw);
    expect(q('7.6亿元')).toMatchObject({ context: '投资总金额达到', value: { kind: 'amount', value: 76000, decimals: 1, comparator: null } });
    expect(q('5.5亿元')).toMatchObject({ context: '完成全社会固定资产投资', value: { value: 55000 } });
    expect(q('2485万元')).toMatchObject({ context: '规模以上工业生产值完成', value: { value: 2485 } });
    expect(q('154户')).toMatchObject({ context: '国有土地上房屋预征收签约', value: { value: 154, unit: '户', approx: false } });
    expect(q('90%')).toMatchObject({ context: '杏花村片区旧改项目已完成', value: { kind: 'percent', value: 0.9 } });
    expect(q('200余块')).toMatchObject({ context: '宣传标牌', value: { value: 200, unit: '块', approx: true } });
    expect(q('1800多平方米')).toMatchObject({ value: { value: 1800, unit: '平方米', approx: true } });
  });

  it('never reads years, months, document numbers or ordinals as quantities', () => {
    const raws = sample.quantities.map((x) => x.value.raw);
    for (const bad of ['2021年', '12月', '10月', '2018-2020', '83号', '2021']) expect(raws).not.toContain(bad);
    expect(raws.filter((r) => /[年月日号]/.test(r))).toEqual([]);
    // 2485万元 and 2000余处 are quantities although they start like a year.
    expect(raws).toContain('2485万元');
    expect(raws).toContain('2000余处');
  });
});

describe('small narrative cases', () => {
  it('converts 元 and 亿元 to 万元 and drops thousands separators', () => {
    const r = extractNarrative([para('2022年本单位总支出决算数11,122,315.04元，其中基本支出6,000,000元，项目支出5,122,315.04元。')]);
    const total = r.facts.find((f) => f.key === 'expense.final.total')!;
    expect(total.value).toBeCloseTo(1112.231504, 9);
    expect(total.raw).toBe('11,122,315.04元');
    expect(total.decimals).toBe(2);
    const parts = r.facts.filter((f) => f.group === r.facts.indexOf(total));
    expect(parts.map((f) => [f.key, f.label, f.value])).toEqual([
      ['expense.final.basic', '基本支出', 600],
      ['expense.final.project', '项目支出', 512.231504],
    ]);
    const big = extractNarrative([para('全年收入预算1.2亿元，其中财政拨款8000万元，其他收入4000万元。')]);
    expect(big.facts.map((f) => [f.key, f.value, f.decimals])).toEqual([
      ['income.budget.total', 12000, 1],
      ['income.budget.part', 8000, 0],
      ['income.budget.part', 4000, 0],
    ]);
  });

  it('reads "减少…下降…" as a decrease of the named total', () => {
    const r = extractNarrative([
      para('2022年总收入决算数500万元。本年度收入决算数比上年减少50万元，下降9.09%，主要是项目资金减少。', 7),
    ]);
    const total = r.facts.findIndex((f) => f.key === 'income.final.total');
    const changes = r.facts.filter((f) => f.key.startsWith('income.final.change'));
    expect(changes.map((f) => [f.key, f.label, f.value, f.direction, f.group])).toEqual([
      ['income.final.change.amount', '比上年减少', 50, 'decrease', total],
      ['income.final.change.pct', '下降', 9.09, 'decrease', total],
    ]);
    // narr-yoy-recompute for a decrease: 50 ÷ (500 + 50) = 9.09%
    expect(((50 / (500 + 50)) * 100).toFixed(2)).toBe('9.09');
  });

  it('marks "分别为" and "包括" lists as complete, "其中" lists as partial', () => {
    const r = extractNarrative([
      para('2022年总支出决算数100万元，分别为工资福利支出60万元、商品服务支出40万元。'),
      para('全年接待群众来访120人次，包括信访接待80人次、法律咨询40人次。'),
      para('发放补贴101万元，其中临时救助30万元。'),
    ]);
    const completeness = r.facts.filter((f) => f.completeList !== undefined).map((f) => [f.key, f.label, f.completeList]);
    expect(completeness).toEqual([
      ['expense.final.total', '总支出决算数', true],
      ['enumeration.total', '接待群众来访', true],
      ['enumeration.total', '发放补贴', false],
    ]);
    expect(r.facts.filter((f) => f.key === 'expense.final.part').map((f) => f.label)).toEqual(['工资福利支出', '商品服务支出']);
  });

  it('reads a rate claim with its base ("Y中…X，X率p%") and keeps 签约 apart from the qualifier 约', () => {
    const r = extractNarrative([para('全年应签约200户中已签约150户，签约率75%。')]);
    expect(r.rateClaims).toHaveLength(1);
    expect(r.rateClaims[0]!.base?.value).toBe(200);
    expect(r.rateClaims[0]!.count).toMatchObject({ value: 150, approx: false });
    expect(r.rateClaims[0]!.rate.value).toBe(0.75);
  });

  it('reads approximate totals and their qualifiers (约, 多, 余)', () => {
    const r = extractNarrative([para('全年共投入资金约3万元，清理菜地1800多平方米，劝退钓鱼人员400余人次。')]);
    expect(r.quantities.map((q) => [q.value.raw, q.value.value, q.value.approx])).toEqual([
      ['约3万元', 3, true],
      ['1800多平方米', 1800, true],
      ['400余人次', 400, true],
    ]);
    expect(r.malformed).toEqual([]);
  });

  it('reads 三公经费 actual spending as sanggong.final with its three parts', () => {
    const r = extractNarrative([para('2022年“三公”经费支出1.5万元，其中：因公出国（境）费0元，公务接待费0.5万元，公务用车运行维护费10000元。')]);
    const total = r.facts.findIndex((f) => f.key === 'sanggong.final.total');
    expect(total).toBe(0);
    expect(r.facts.filter((f) => f.group === total).map((f) => [f.key, f.value])).toEqual([
      ['sanggong.final.part', 0],
      ['sanggong.final.part', 0.5],
      ['sanggong.final.part', 1],
    ]);
  });
});

describe('lists across clauses and sentences', () => {
  it('keeps a 其中 list that follows the year-on-year change in the same sentence', () => {
    const r = extractNarrative([para('2022年总收入决算数2991.61万元，比上年增加205.8万元，增长7.39%，其中财政拨款收入2080.19万元，其他收入911.42万元。')]);
    const total = r.facts.findIndex((f) => f.key === 'income.final.total');
    expect(r.facts.filter((f) => f.key === 'income.final.part').map((f) => [f.label, f.group])).toEqual([
      ['财政拨款收入', total],
      ['其他收入', total],
    ]);
    expect(r.facts.filter((f) => f.key.startsWith('income.final.change')).map((f) => f.group)).toEqual([total, total]);
  });

  it('opens a list in the next sentence ("…万元。其中：…")', () => {
    const r = extractNarrative([para('2022年部门支出预算1000万元。其中：基本支出600万元，项目支出400万元。')]);
    expect(r.facts.map((f) => [f.key, f.label, f.value, f.group])).toEqual([
      ['expense.budget.total', '部门支出预算', 1000, null],
      ['expense.budget.part', '基本支出', 600, 0],
      ['expense.budget.part', '项目支出', 400, 0],
    ]);
  });

  it('does not split a parenthesised list at its semicolons', () => {
    const r = extractNarrative([para('2022年“三公”经费预算3万元（其中：公务接待费1万元；公务用车运行维护费2万元）。')]);
    expect(r.facts.map((f) => [f.key, f.value, f.group])).toEqual([
      ['sanggong.budget.total', 3, null],
      ['sanggong.budget.part', 1, 0],
      ['sanggong.budget.part', 2, 0],
    ]);
  });

  it('reads 核定编制 and 实有人员 as staff facts', () => {
    const r = extractNarrative([para('单位核定编制45人，实有人员41人。')]);
    expect(r.facts.map((f) => [f.key, f.label, f.value, f.unit])).toEqual([
      ['staff.authorized', '单位核定编制', 45, '人'],
      ['staff.actual', '实有人员', 41, '人'],
    ]);
  });

  it('does not take a growth rate of residents\' income for the unit\'s income', () => {
    const r = extractNarrative([para('辖区居民人均可支配收入比上年增长5.2%，新增就业545人。')]);
    expect(r.facts).toEqual([]);
    expect(r.quantities.map((q) => q.value.raw)).toEqual(['5.2%', '545人']);
  });

  it('takes a money rate claim only with its base', () => {
    const r = extractNarrative([para('全年执行2991.61万元，执行率148%；年度预算100万元中已支出95万元，执行率95%。')]);
    expect(r.rateClaims.map((c) => [c.count.raw, c.base?.raw ?? null, c.rate.raw])).toEqual([['95万元', '100万元', '95%']]);
  });
});

describe('"A、B分别为X、Y"', () => {
  it('gives each figure the label in the same position', () => {
    const r = extractNarrative([para('2021年街道基本支出和项目支出分别为1625.75万元、1956.56万元。')]);
    expect(r.facts.map((f) => [f.key, f.label, f.value])).toEqual([
      ['expense.final.basic', '基本支出', 1625.75],
      ['expense.final.project', '项目支出', 1956.56],
    ]);
  });

  it('fills a 其中 list the same way, labels with 和 inside kept whole when 、 separates them', () => {
    const r = extractNarrative([para('总支出决算数3582.30万元，其中工资福利支出、对个人和家庭的补助分别为569.97万元、170.86万元。')]);
    expect(r.facts.map((f) => [f.key, f.label, f.value, f.group])).toEqual([
      ['expense.final.total', '总支出决算数', 3582.3, null],
      ['expense.final.part', '工资福利支出', 569.97, 0],
      ['expense.final.part', '对个人和家庭的补助', 170.86, 0],
    ]);
  });
});

describe('parentheses between a total and its list', () => {
  it('looks past a remark without figures ("（不含结转），其中")', () => {
    const r = extractNarrative([para('2022年收入预算2021.29万元（不含上年结转），其中：经费拨款742.25万元，其他收入1279.04万元。')]);
    expect(r.facts.map((f) => [f.key, f.value, f.group])).toEqual([
      ['income.budget.total', 2021.29, null],
      ['income.budget.part', 742.25, 0],
      ['income.budget.part', 1279.04, 0],
    ]);
  });

  it('gives a list after a parenthesised change to the total before it', () => {
    const r = extractNarrative([para('2022年总支出决算数3582.30万元（比上年增加849.64万元），其中工资福利支出569.97万元，商品服务支出2190.56万元。')]);
    expect(r.facts.map((f) => [f.key, f.value, f.group])).toEqual([
      ['expense.final.total', 3582.3, null],
      ['expense.final.change.amount', 849.64, 0],
      ['expense.final.part', 569.97, 0],
      ['expense.final.part', 2190.56, 0],
    ]);
  });
});

describe('malformed figures', () => {
  it('reports a number glued to the next figure and reads the second one', () => {
    const r = extractNarrative([para('其中经费拨款742.25 120万元，上级专项拨款3.5.2万元，其他收入1159.04万元。')]);
    expect(r.malformed.map((m) => m.raw)).toEqual(['742.25 120万元', '3.5.2万元']);
    expect(r.malformed[0]!.assumed).toContain('120万元');
    expect(r.quantities.map((q) => [q.value.raw, q.value.value])).toEqual([
      ['742.25 120万元', 120],
      ['3.5.2万元', 2],
      ['1159.04万元', 1159.04],
    ]);
  });

  it('keeps full-width figures as printed while reading them in ASCII', () => {
    const r = extractNarrative([para('我街道２０２１年度收入预算２０２１．２９万元，其中：经费拨款７４２．２５万元。')]);
    expect(r.facts.map((f) => [f.key, f.raw, f.value, f.decimals])).toEqual([
      ['income.budget.total', '２０２１．２９万元', 2021.29, 2],
      ['income.budget.part', '７４２．２５万元', 742.25, 2],
    ]);
    expect(r.malformed).toEqual([]);
  });
});

describe('lists that go on after ；', () => {
  it('keeps 支出 parts separated by ；and their shares together', () => {
    const r = extractNarrative([para('2021年度支出决算1234.56万元，其中：基本支出1000万元，占81%；项目支出234.56万元，占19%。')]);
    expect(r.facts.map((f) => [f.key, f.value, f.group])).toEqual([
      ['expense.final.total', 1234.56, null],
      ['expense.final.basic', 1000, 0],
      ['expense.final.project', 234.56, 0],
    ]);
  });

  it('does not carry an enumeration into the next clause after ；(the sample\'s 返衡 and 疫苗 lists)', () => {
    const totals = sample.facts.filter((f) => f.key === 'enumeration.total');
    expect(totals.map((f) => f.group)).toEqual([null, null]);
  });

  it('drops a continued list when the next figure names something else', () => {
    const r = extractNarrative([para('收入预算2021.29万元，其中经费拨款742.25万元；基本支出559.69万元。')]);
    expect(r.facts.map((f) => [f.key, f.label, f.group])).toEqual([
      ['income.budget.total', '收入预算', null],
      ['income.budget.part', '经费拨款', 0],
      ['expense.final.basic', '基本支出', null],
    ]);
  });
});

describe('budget or final, and changes without a final total', () => {
  it('reads 预算总收入 as the budget, and gives its change no final key', () => {
    const r = extractNarrative([para('2021年部门预算总收入1000.5万元，较上年增加50万元。')]);
    expect(r.facts.map((f) => [f.key, f.label])).toEqual([['income.budget.total', '部门预算总收入']]);
  });

  it('gives a 其中 list after a 三公 change to the 三公 total', () => {
    const r = extractNarrative([para('三公经费支出2.3万元，较上年下降15%，其中公务接待费1.3万元，公务用车运行维护费1万元。')]);
    expect(r.facts.map((f) => [f.key, f.label, f.value, f.group])).toEqual([
      ['sanggong.final.total', '三公经费支出', 2.3, null],
      ['sanggong.final.part', '公务接待费', 1.3, 0],
      ['sanggong.final.part', '公务用车运行维护费', 1, 0],
    ]);
  });
});
