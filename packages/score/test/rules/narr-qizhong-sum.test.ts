import { describe, expect, it } from 'vitest';
import type { Fact, Form } from '@jxaudit/model';
import { narrQizhongSum } from '../../src/rules/narr-qizhong-sum.ts';
import { runRule } from '../helpers/forms.ts';
import { fact, report, sentence } from '../helpers/narrative.ts';

const run = (forms: Form[]) => runRule(narrQizhongSum, forms);

const EXPENSE = sentence(538, '2021年街道总支出决算数3582.30万元，其中工资福利支出569.97万元，商品服务支出2190.56万元，对个人和家庭的补助170.86万元。');
const INCOME_BUDGET = sentence(534, '我街道2021年度收入预算2021.29万元，其中：经费拨款742.25万元，上级专项拨款120万元，其他收入1159.04万元。');
const BASIC = sentence(542, '2021年街道基本支出共1625.75万元。');
const PROJECT = sentence(545, '2021年街道项目支出1956.56万元。');
const COVID = sentence(556, '全年累计排查管控中高风险地区返衡982余人次，其中境内返衡838人，境外返衡144人；完成新冠疫苗接种任务77023人次，其中加强针累计完成6041人。');
const STAFF = sentence(530, '截止2021年12月，街道实有人员41人，其中在职人员共41人（经机构编制管理部门核定列入统发工资人员23人，非统发工资人员18人）。');

/** 实有人员 41, of whom 在职人员 41, of whom 统发 and 非统发 (the extractor nests the lists). */
function staff(paid: string, unpaid: string): Fact[] {
  return [
    fact('staff.actual', '实有人员', '41人', STAFF),
    fact('staff.part', '在职人员', '41人', STAFF, { group: 0 }),
    fact('staff.part', '统发工资人员', paid, STAFF, { group: 1 }),
    fact('staff.part', '非统发工资人员', unpaid, STAFF, { group: 1 }),
  ];
}

/** 总支出决算数 with its economic-classification parts; `total` and `parts` override the sample's figures. */
function expense(total = '3582.30万元', parts = ['569.97万元', '2190.56万元', '170.86万元'], extra: Partial<Fact> = {}): Fact[] {
  const labels = ['工资福利支出', '商品服务支出', '对个人和家庭的补助', '其他支出'];
  return [
    fact('expense.final.total', '总支出决算数', total, EXPENSE, extra),
    ...parts.map((raw, i) => fact('expense.final.part', labels[i]!, raw, EXPENSE, { group: 0 })),
  ];
}

describe('narr-qizhong-sum', () => {
  it('reports the sample 支出决算 as an info: 3582.30 against 569.97 + 2190.56 + 170.86 = 2931.39, 650.91 (18.2%) not itemised', () => {
    const [finding, ...rest] = run([report(expense())]);
    expect(rest).toEqual([]);
    expect(finding).toMatchObject({ severity: 'info', declared: 3582.3, computed: 2931.39, form: { doc: 0, form: 0 } });
    expect(finding!.at).toEqual([EXPENSE]);
    expect(finding!.detail).toMatchObject({ remainder: 650.91, direction: 'under', completeList: false });
    expect(finding!.message.zh).toContain('650.91万元（18.2%）未列明');
    expect(finding!.message.en).toContain('650.91万元 (18.2%) is not itemised');
  });

  const silent: [string, Fact[]][] = [
    [
      'income budget 742.25 + 120 + 1159.04 = 2021.29',
      [
        fact('income.budget.total', '收入预算', '2021.29万元', INCOME_BUDGET),
        fact('income.budget.part', '经费拨款', '742.25万元', INCOME_BUDGET, { group: 0 }),
        fact('income.budget.part', '上级专项拨款', '120万元', INCOME_BUDGET, { group: 0 }),
        fact('income.budget.part', '其他收入', '1159.04万元', INCOME_BUDGET, { group: 0 }),
      ],
    ],
    [
      '基本 1625.75 + 项目 1956.56 = 3582.31 against 3582.30 (Δ 0.01 within the half units)',
      [
        fact('expense.final.total', '总支出决算数', '3582.30万元', EXPENSE),
        fact('expense.final.basic', '基本支出', '1625.75万元', BASIC),
        fact('expense.final.project', '项目支出', '1956.56万元', PROJECT),
      ],
    ],
    ['staff: 实有人员 41 ← 在职人员 41 ← 统发 23 + 非统发 18', staff('23人', '18人')],
    [
      '"982余人次" = 838 + 144: the parts equal the approximate total',
      [
        fact('enumeration.total', '返衡', '982余人次', COVID),
        fact('enumeration.part', '境内返衡', '838人', COVID, { group: 0 }),
        fact('enumeration.part', '境外返衡', '144人', COVID, { group: 0 }),
      ],
    ],
    [
      '"77023人次，其中加强针6041人": one part below its total',
      [fact('enumeration.total', '新冠疫苗接种', '77023人次', COVID), fact('enumeration.part', '加强针', '6041人', COVID, { group: 0 })],
    ],
    ['parts in different units are not added', [
      fact('enumeration.total', '宣传品', '300块', COVID),
      fact('enumeration.part', '宣传栏', '50块', COVID, { group: 0 }),
      fact('enumeration.part', '宣传手册', '2200册', COVID, { group: 0 }),
    ]],
    ['upper tolerance boundary: 3582.30 against 569.97 + 2190.56 + 821.79 = 3582.32 (Δ 0.02 = four half units; intervals meet at 3582.305)', expense('3582.30万元', ['569.97万元', '2190.56万元', '821.79万元'])],
    ['lower tolerance boundary, complete list: 3582.30 against 569.97 + 2190.56 + 821.75 = 3582.28 (intervals meet at 3582.295)', expense('3582.30万元', ['569.97万元', '2190.56万元', '821.75万元'], { completeList: true })],
  ];
  it.each(silent)('passes silently: %s', (_name, facts) => {
    expect(run([report(facts)])).toEqual([]);
  });

  it('errors when the parts exceed the total beyond the half units: 569.97 + 2190.56 + 821.80 = 3582.33', () => {
    const [finding] = run([report(expense('3582.30万元', ['569.97万元', '2190.56万元', '821.80万元']))]);
    expect(finding).toMatchObject({ severity: 'error', declared: 3582.3, computed: 3582.33 });
    expect(finding!.detail).toMatchObject({ direction: 'over', remainder: null });
  });

  it('warns when a list that claims to be complete falls short: 3582.30 against 3582.27', () => {
    const [finding] = run([report(expense('3582.30万元', ['569.97万元', '2190.56万元', '821.74万元'], { completeList: true }))]);
    expect(finding).toMatchObject({ severity: 'warning', declared: 3582.3, computed: 3582.27 });
  });

  it('errors when 基本支出 + 项目支出 exceed 总支出决算数: 1625.75 + 1956.56 = 3582.31 against 3580.30', () => {
    const facts = [
      fact('expense.final.total', '总支出决算数', '3580.30万元', EXPENSE),
      fact('expense.final.basic', '基本支出', '1625.75万元', BASIC),
      fact('expense.final.project', '项目支出', '1956.56万元', PROJECT),
    ];
    const [finding, ...rest] = run([report(facts)]);
    expect(rest).toEqual([]);
    expect(finding).toMatchObject({ severity: 'error', declared: 3580.3, computed: 3582.31 });
    expect(finding!.at).toEqual([EXPENSE, BASIC, PROJECT]);
  });

  it('reads "约982人次" as about 982 (±10%): 900 + 144 passes, 1038 + 144 = 1182 is an info, never an error', () => {
    const facts = [
      fact('enumeration.total', '返衡', '约982人次', COVID),
      fact('enumeration.part', '境内返衡', '900人', COVID, { group: 0 }),
      fact('enumeration.part', '境外返衡', '144人', COVID, { group: 0 }),
    ];
    expect(run([report(facts)])).toEqual([]);
    const over = [
      fact('enumeration.total', '返衡', '约982人次', COVID),
      fact('enumeration.part', '境内返衡', '1038人', COVID, { group: 0 }),
      fact('enumeration.part', '境外返衡', '144人', COVID, { group: 0 }),
    ];
    expect(run([report(over)])).toMatchObject([{ severity: 'info', declared: 982, computed: 1182 }]);
  });

  it('checks nested lists against their own total: 在职人员 41 against 23 + 19 = 42 is an error', () => {
    const [finding, ...rest] = run([report(staff('23人', '19人'))]);
    expect(rest).toEqual([]);
    expect(finding).toMatchObject({ severity: 'error', declared: 41, computed: 42, at: [STAFF] });
    expect(finding!.detail).toMatchObject({ total: { label: '在职人员' } });
  });

  it('checks a single part only for exceeding its total: 加强针 78000 > 77023 is an error', () => {
    const facts = [fact('enumeration.total', '新冠疫苗接种', '77023人次', COVID), fact('enumeration.part', '加强针', '78000人', COVID, { group: 0 })];
    expect(run([report(facts)])).toMatchObject([{ severity: 'error', declared: 77023, computed: 78000 }]);
  });
});

describe('narr-qizhong-sum: [C13] a breakdown that reconciles', () => {
  const NANXIAN = sentence(600, '2021年度支出决算799.12万元，分别为工资福利支出434.89万元、商品和服务支出77.4万元、对个人和家庭的补助286.83万元。');
  it('434.89 + 77.4 + 286.83 = 799.12 with mixed printed decimals, even as a complete list: no finding', () => {
    const facts = [
      fact('expense.final.total', '支出决算', '799.12万元', NANXIAN, { completeList: true }),
      fact('expense.final.part', '工资福利支出', '434.89万元', NANXIAN, { group: 0 }),
      fact('expense.final.part', '商品和服务支出', '77.4万元', NANXIAN, { group: 0 }),
      fact('expense.final.part', '对个人和家庭的补助', '286.83万元', NANXIAN, { group: 0 }),
    ];
    expect(run([report(facts)])).toEqual([]);
  });

  it('one cent off a complete list beyond the half units is a warning: 799.22 against 799.12', () => {
    const facts = [
      fact('expense.final.total', '支出决算', '799.22万元', NANXIAN, { completeList: true }),
      fact('expense.final.part', '工资福利支出', '434.89万元', NANXIAN, { group: 0 }),
      fact('expense.final.part', '商品和服务支出', '77.4万元', NANXIAN, { group: 0 }),
      fact('expense.final.part', '对个人和家庭的补助', '286.83万元', NANXIAN, { group: 0 }),
    ];
    expect(run([report(facts)])).toMatchObject([{ severity: 'warning', declared: 799.22, computed: 799.12 }]);
  });
});
