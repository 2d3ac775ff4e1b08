/**
 * Narrative reports read whole (VARIANTS.md "Narrative reports"), in .docx, Tika .txt and tabbed .txt:
 * the unit found in the title, a 单位名称 line or the first sentence; a count against its own list.
 */
import { describe, expect, it } from 'vitest';
import { readAndRecognize, scoreDocs } from '@jxaudit/ingest';
import { resolveProfile } from '@jxaudit/score';
import { write, type Block } from '../../fixtures/tools/layouts.ts';

const p = (text: string): Block => ({ type: 'p', text });

async function read(blocks: Block[]) {
  const w = write(blocks);
  const out = [];
  for (const [name, bytes] of [['r.docx', w.docx], ['r.txt', new TextEncoder().encode(w.txt)], ['r.tabbed.txt', new TextEncoder().encode(w.tabbed)]] as const) {
    const doc = await readAndRecognize(name, bytes);
    expect(doc.error, name).toBeNull();
    const [report] = scoreDocs([doc], { lang: 'zh', resolveProfile: (n) => resolveProfile(n) });
    out.push({ name, form: doc.forms.find((f) => f.kind === 'report')!, findings: report!.findings });
  }
  return out;
}

const BODY = (units: string) => [
  p('一、基本情况'),
  p(`本单位下设${units}，在职人员41人。`),
  p('2021年共实施项目5个，其中：基础设施类项目3个（道路硬化、桥梁维修、排水改造），民生类项目2个（养老服务、助学）。'),
];

describe('narrative reports: the unit and the counts', () => {
  it.each<[string, Block[], string]>([
    ['in the title', [p('某某县政协2021年度部门整体支出绩效评价报告'), ...BODY('3个直属事业单位：县林业站、县森林防火中心、县种苗站')], '某某县政协'],
    ['in a 单位名称 line', [p('2021年度机关整体支出绩效评价报告'), p('单位名称：某某县林业局'), ...BODY('3个直属事业单位：县林业站、县森林防火中心、县种苗站')], '某某县林业局'],
    ['in the first sentence', [p('项目支出绩效单位自评报告'), p('某某县水利局是县人民政府主管水行政的工作部门。'), ...BODY('3个直属事业单位：县林业站、县森林防火中心、县种苗站')], '某某县水利局'],
  ])('the unit %s; counts that agree raise nothing', async (_where, blocks, unit) => {
    for (const r of await read(blocks)) {
      expect(r.form.unit, r.name).toBe(unit);
      expect(r.form.countClaims?.length, r.name).toBe(2);
      expect(r.findings.filter((f) => f.rule === 'narr-count-list'), r.name).toEqual([]);
    }
  });

  it('a count that disagrees with its list is a finding, in every layout', async () => {
    for (const r of await read([p('某某县政协2021年度部门整体支出绩效评价报告'), ...BODY('4个直属事业单位：县林业站、县森林防火中心、县种苗站')])) {
      const found = r.findings.filter((f) => f.rule === 'narr-count-list');
      expect(found.map((f) => [f.severity, f.declared, f.computed]), r.name).toEqual([['warning', 4, 3]]);
    }
  });
});
