import { describe, expect, it } from 'vitest';
import type { Form, MalformedQuantity } from '@jxaudit/model';
import { malformedQuantity } from '../../src/rules/malformed-quantity.ts';
import { reportForm, runRule } from '../helpers/forms.ts';
import { sentence } from '../helpers/narrative.ts';


/** A report form holding only `malformed` filled in. */
function report(malformed: MalformedQuantity[]): Form {
  return { ...reportForm(), malformed };
}

const run = (forms: Form[]) => runRule(malformedQuantity, forms);

const FISHING = sentence(560, '2021年，街道将辖区内湘江段退捕禁捕工作作为生态环境治理重中之重来抓，全年共投入专项经费2万元余元，更新维护永久性宣传栏5个');
/** As the narrative extractor words it for the sample. */
const TWO_WAN: MalformedQuantity = {
  raw: '2万元余元',
  assumed: '两个单位之间夹有“余”“多”，按“2万余元”理解：约2万元（至少2万元），不参与精确相等核对',
  assumedEn: 'Two units with a qualifier between them; read as “2万余元”: about 2万元 (at least 2万元), kept out of exact-equality checks',
  at: FISHING,
};

describe('malformed-quantity', () => {
  it('reports the sample "2万元余元" once, with the raw text and what was assumed', () => {
    const drafts = run([report([TWO_WAN])]);
    expect(drafts).toEqual([
      {
        form: { doc: 0, form: 0 },
        message: {
          zh: '“2万元余元”无法读作一个数量；假定：两个单位之间夹有“余”“多”，按“2万余元”理解：约2万元（至少2万元），不参与精确相等核对',
          en: '"2万元余元" cannot be read as one quantity; assumed: Two units with a qualifier between them; read as “2万余元”: about 2万元 (at least 2万元), kept out of exact-equality checks',
        },
        declared: null,
        computed: null,
        at: [FISHING],
        detail: { raw: '2万元余元', assumed: TWO_WAN.assumed, assumedEn: TWO_WAN.assumedEn },
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
