import { describe, expect, it } from 'vitest';
import { location, parseValue, type Form, type NarrativeQuantity } from '@jxaudit/model';
import { narrTableIndicatorMatch } from '../../src/rules/narr-table-indicator-match.ts';
import { FILE, reportForm, runRule } from '../helpers/forms.ts';
import { sampleForms } from '../helpers/sample.ts';

const ECONOMY =
  '全年策划包装项目31个，投资总金额达到7.6亿元；完成全社会固定资产投资5.5亿元，规模以上工业生产值完成2485万元，限上批零住餐企业销售额完成3.1亿元，规模以上服务业经营额完成1.1亿元；新增四上企业3个，申报千家万户项目3个，引进内资7.7亿元。';
const PROJECTS = '雷公塘棚户区改造项目已实现35.04亩集体土地全部预征收，162户国有土地上房屋预征收签约154户，签约率95%；杏花村片区旧改项目已完成90%的工程量';

/** A report quantity as the narrative extractor gives it: the clause before the figure, and the figure. */
const q = (context: string, raw: string, sentence = ECONOMY): NarrativeQuantity => ({
  context,
  value: parseValue(raw),
  at: location({ file: FILE, paragraph: sentence === ECONOMY ? 43 : 44, text: sentence }),
});

/** The sample's report figures for the economy and the projects paragraph (as extracted from the sample). */
const SAMPLE_QUANTITIES: NarrativeQuantity[] = [
  q('全年策划包装项目', '31个'),
  q('投资总金额达到', '7.6亿元'),
  q('完成全社会固定资产投资', '5.5亿元'),
  q('规模以上工业生产值完成', '2485万元'),
  q('限上批零住餐企业销售额完成', '3.1亿元'),
  q('规模以上服务业经营额完成', '1.1亿元'),
  q('引进内资', '7.7亿元'),
  q('雷公塘棚户区改造项目已实现', '35.04亩', PROJECTS),
  q('', '162户', PROJECTS),
  q('国有土地上房屋预征收签约', '154户', PROJECTS),
  q('签约率', '95%', PROJECTS),
  q('杏花村片区旧改项目已完成', '90%', PROJECTS),
];

/** The sample's department and project tables with a report stating `quantities`. */
function submission(quantities: NarrativeQuantity[]): Form[] {
  const [dept, project] = sampleForms();
  return [dept!, project!, { ...reportForm(), quantities }];
}

describe('narr-table-indicator-match', () => {
  const silent: [string, NarrativeQuantity[]][] = [
    ['the sample: 7.6亿元, 5.5亿元, 2485万元, 154户, 杏花村 90% appear in both', SAMPLE_QUANTITIES],
    ['"规模以上服务业经营额" shares only 规模以上 with 规模以上工业生产值: not the same indicator', [q('规模以上服务业经营额完成', '1.1亿元')]],
    ['154户 is not the 签约率 (unit 户 against %)', [q('国有土地上房屋预征收签约', '154户', PROJECTS)]],
    ['at the printed precision: 7.64亿元 stands for 7.635–7.645亿, inside 7.6亿元', [q('投资总金额达到', '7.64亿元')]],
    ['the same figure in 万元: 76000万元', [q('投资总金额达到', '76000万元')]],
    ['a stated target is the plan, not the result: 投资总金额目标10亿元', [q('投资总金额目标', '10亿元')]],
    ['a figure equal to the target is the target: 投资总金额10亿元', [q('投资总金额', '10亿元')]],
    ['an approximate figure is not compared: 投资总金额达到7亿余元', [q('投资总金额达到', '7亿余元')]],
    ['one agreeing mention settles it: 7.6亿元 and, elsewhere, 8亿元', [q('投资总金额达到', '7.6亿元'), q('投资总金额达到', '8亿元')]],
  ];
  it.each(silent)('passes silently: %s', (_name, quantities) => {
    expect(runRule(narrTableIndicatorMatch, submission(quantities))).toEqual([]);
  });

  it('warns when the report states another actual: 投资总金额达到8.6亿元 against 经济建设投资总金额 7.6亿元', () => {
    const forms = submission([q('投资总金额达到', '8.6亿元')]);
    const [finding, ...rest] = runRule(narrTableIndicatorMatch, forms);
    expect(rest).toEqual([]);
    const indicator = forms[0]!.indicators.find((i) => i.name === '经济建设投资总金额')!;
    expect(finding).toMatchObject({ form: { doc: 0, form: 0 }, declared: 86000, computed: 76000 });
    expect(finding!.severity).toBeUndefined();
    expect(finding!.at).toEqual([indicator.cells.actual, forms[2]!.quantities[0]!.at]);
    expect(finding!.message.zh).toBe('指标“经济建设投资总金额”实际完成值为7.6亿元，而报告称投资总金额达到8.6亿元');
  });

  const firing: [string, NarrativeQuantity, number, number, number][] = [
    ['7.66亿元 is just outside 7.6亿元 (7.655亿 > 7.65亿)', q('投资总金额达到', '7.66亿元'), 0, 76600, 76000],
    ['规模以上工业生产值完成2845万元 against 2485万元', q('规模以上工业生产值完成', '2845万元'), 0, 2845, 2485],
    ['杏花村 80% against the project table 90%', q('杏花村片区旧改项目已完成', '80%', PROJECTS), 1, 0.8, 0.9],
    ['预征收签约150户 against 154户', q('国有土地上房屋预征收签约', '150户', PROJECTS), 1, 150, 154],
  ];
  it.each(firing)('warns: %s', (_name, quantity, form, declared, computed) => {
    expect(runRule(narrTableIndicatorMatch, submission([quantity]))).toMatchObject([{ form: { doc: 0, form }, declared, computed }]);
  });
});
