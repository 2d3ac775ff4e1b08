import { describe, expect, it } from 'vitest';
import { location, type Form, type Location, type MalformedQuantity } from '@jxaudit/model';
import { malformedQuantity } from '../../src/rules/malformed-quantity.ts';
import type { FindingDraft, RuleContext } from '../../src/types.ts';

const FILE = 'yanfeng-2021.txt';
const sentence = (line: number, text: string): Location => location({ file: FILE, line, paragraph: line - 515, text });

function report(malformed: MalformedQuantity[]): Form {
  return {
    kind: 'report', family: 'report', title: '2021年度雁峰街道绩效评价报告', year: 2021, unit: '雁峰街道', implementer: null,
    projectName: null, tables: [], funds: [], composition: null, goals: { expected: [], actual: [] }, indicators: [],
    totals: null, facts: [], quantities: [], rateClaims: [], malformed, at: sentence(515, '2021年度雁峰街道绩效评价报告'),
  };
}

function run(forms: Form[]): FindingDraft[] {
  const drafts: FindingDraft[] = [];
  const ctx = {
    docs: [{ file: FILE, forms }],
    profile: {} as RuleContext['profile'],
    targets: null,
    forms: () => forms.map((form, i) => ({ ref: { doc: 0, form: i }, form, file: FILE })),
    report: (d: FindingDraft) => drafts.push(d),
  } satisfies RuleContext;
  malformedQuantity.check(ctx);
  return drafts;
}

const FISHING = sentence(560, '2021年，街道将辖区内湘江段退捕禁捕工作作为生态环境治理重中之重来抓，全年共投入专项经费2万元余元，更新维护永久性宣传栏5个');
const TWO_WAN: MalformedQuantity = { raw: '2万元余元', assumed: '2万余元（至少2万元）', assumedEn: 'over 20,000 yuan (2万余元)', at: FISHING };

describe('malformed-quantity', () => {
  it('reports the sample "2万元余元" once, with the raw text and what was assumed', () => {
    const drafts = run([report([TWO_WAN])]);
    expect(drafts).toEqual([
      {
        form: { doc: 0, form: 0 },
        message: {
          zh: '“2万元余元”无法读作一个数量；假定：2万余元（至少2万元）',
          en: '"2万元余元" cannot be read as one quantity; assumed: over 20,000 yuan (2万余元)',
        },
        declared: null,
        computed: null,
        at: [FISHING],
        detail: { raw: '2万元余元', assumed: '2万余元（至少2万元）', assumedEn: 'over 20,000 yuan (2万余元)' },
      },
    ]);
  });

  it('reports one finding per malformed figure', () => {
    const glued: MalformedQuantity = { raw: '1,20030万元', assumed: '无法确定', assumedEn: 'undetermined', at: FISHING };
    expect(run([report([TWO_WAN, glued])]).map((d) => d.detail.raw)).toEqual(['2万元余元', '1,20030万元']);
  });

  it('is silent when every figure reads as one quantity', () => {
    expect(run([report([])])).toEqual([]);
  });
});
