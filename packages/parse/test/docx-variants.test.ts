/**
 * What Word and WPS put in document.xml (VARIANTS.md, last section): one small document per
 * construct, built with the writer, read by the streaming reader; where mammoth is meant to read
 * the same text, the mammoth oracle must agree too.
 */
import { describe, expect, it } from 'vitest';
import { positionIndex, type Block, type TableBlock } from '@jxaudit/model';
import { parseDocx } from '../src/docx/index.ts';
import { oracleDifferences } from './helpers/mammoth-oracle.ts';
import {
  bookmark,
  buildDocx,
  del,
  field,
  fldSimple,
  hMergeCell,
  ins,
  p,
  pXml,
  run,
  sdt,
  sdtRun,
  sym,
  tbl,
  tc,
  textBox,
  tr,
  W_NS,
  type BuildDocxOptions,
} from './helpers/docx-writer.ts';

type Shown = string | { table: number; parent: number | null | undefined; rows: (string | null)[][] };

/** Blocks as a reader sees them: paragraph texts, and tables drawn position by position. */
const shown = (blocks: Block[]): Shown[] =>
  blocks.map((b) =>
    b.type === 'paragraph' ? b.text : { table: b.index, parent: b.parent, rows: positionIndex(b as TableBlock).map((row) => row.map((c) => (c ? c.text : null))) },
  );

const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const rels = (...r: [string, string][]) =>
  '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
  r.map(([type, target], i) => `<Relationship Id="rId${i + 10}" Type="${REL}/${type}" Target="${target}"/>`).join('') +
  '</Relationships>';
const part = (root: string, inner: string) => `<?xml version="1.0"?><w:${root} xmlns:w="${W_NS}">${inner}</w:${root}>`;

interface Case {
  name: string;
  doc: BuildDocxOptions;
  expected: Shown[];
  /** Warning codes expected ([] by default). */
  warnings?: string[];
  /** Whether mammoth reads the same text (false where VARIANTS.md asks for what mammoth does not do). */
  mammothAgrees: boolean;
}

const moveFrom = (text: string) =>
  `<w:moveFromRangeStart w:id="11" w:name="move1"/><w:moveFrom w:id="12" w:author="t"><w:r><w:t>${text}</w:t></w:r></w:moveFrom><w:moveFromRangeEnd w:id="11"/>`;
const moveTo = (text: string) =>
  `<w:moveToRangeStart w:id="13" w:name="move1"/><w:moveTo w:id="14" w:author="t"><w:r><w:t>${text}</w:t></w:r></w:moveTo><w:moveToRangeEnd w:id="13"/>`;
const deletedMark = (text: string) => `<w:p><w:pPr><w:rPr><w:del w:id="15" w:author="t"/></w:rPr></w:pPr>${run(text)}</w:p>`;

const CASES: Case[] = [
  {
    name: 'tracked changes read as accepted: w:ins and w:moveTo are text, w:del/w:delText and w:moveFrom are not',
    doc: { body: pXml(run('全年执行数') + del('2080.19') + ins('2991.61') + moveFrom('（旧位置）') + run('万元') + moveTo('，已核实')) },
    expected: ['全年执行数2991.61万元，已核实'],
    mammothAgrees: true,
  },
  {
    name: 'a deleted table row (w:trPr/w:del) is not a row; a deleted paragraph mark joins its paragraph to the next',
    doc: {
      body:
        deletedMark('部门整体支出') +
        p('绩效自评表') +
        tbl([tr(['一级指标', '分值']), tr(['已删除的行', '5'], { deleted: true }), tr(['产出指标', '50'])], { cols: 2 }),
    },
    expected: ['部门整体支出绩效自评表', { table: 0, parent: null, rows: [['一级指标', '分值'], ['产出指标', '50']] }],
    mammothAgrees: true,
  },
  {
    name: 'content controls at block, row, cell and run level wrap text without changing it',
    doc: {
      body:
        sdt(p('预算部门名称：雁峰街道')) +
        tbl(
          [
            tr(['一级指标', '得分']),
            sdt(tr(['产出指标', tc('', { xml: pXml(run('得分：') + sdtRun('45')) })]), 'row'),
            `<w:tr>${sdt(tc('效益指标'), 'cell')}${tc('30')}</w:tr>`,
          ],
          { cols: 2 },
        ),
    },
    expected: ['预算部门名称：雁峰街道', { table: 0, parent: null, rows: [['一级指标', '得分'], ['产出指标', '得分：45'], ['效益指标', '30']] }],
    mammothAgrees: true,
  },
  {
    name: 'smart tags, w:customXml, hyperlinks, bookmarks and w:proofErr are transparent',
    doc: {
      body:
        `<w:customXml w:element="report">${p('绩效自评报告')}</w:customXml>` +
        pXml(
          `<w:smartTag w:uri="urn:schemas-microsoft-com:office:smarttags" w:element="chsdate">${run('2021年')}</w:smartTag>` +
            '<w:proofErr w:type="spellStart"/>' +
            run('预算执行率') +
            '<w:proofErr w:type="spellEnd"/>' +
            bookmark('rate', 7) +
            `<w:hyperlink w:anchor="rate">${run('98.5%')}</w:hyperlink>` +
            `<w:customXml w:element="n">${run('（决算）')}</w:customXml>`,
        ),
    },
    expected: ['绩效自评报告', '2021年预算执行率98.5%（决算）'],
    mammothAgrees: true,
  },
  {
    name: 'a complex field (w:fldChar begin/separate/end) reads as its result, never its instruction',
    doc: { body: pXml(run('合计：') + field(' =SUM(ABOVE) \\# "0.00" ', '2021.29') + run('万元')) + pXml(run('无结果的域') + '<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> TC "目录项" </w:instrText></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>') },
    expected: ['合计：2021.29万元', '无结果的域'],
    mammothAgrees: true,
  },
  {
    name: 'w:fldSimple reads as its result; a field nested in an instruction is part of the instruction',
    doc: {
      body:
        pXml(run('第') + fldSimple(' PAGE ', '3') + run('页')) +
        pXml(
          run('日期：') +
            '<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> IF </w:instrText></w:r>' +
            field(' DATE ', '2022-01-01') +
            '<w:r><w:instrText> = 1 "是" "否" </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r>' +
            run('是') +
            '<w:r><w:fldChar w:fldCharType="end"/></w:r>',
        ),
    },
    expected: ['第3页', '日期：是'],
    mammothAgrees: false, // mammoth drops w:fldSimple's result and reads the nested field's result into the text
  },
  {
    name: 'a legacy check box form field (FORMCHECKBOX) reads ☒/☐',
    doc: {
      body: pXml(
        '<w:r><w:fldChar w:fldCharType="begin"><w:ffData><w:checkBox><w:sizeAuto/><w:checked/></w:checkBox></w:ffData></w:fldChar></w:r>' +
          '<w:r><w:instrText xml:space="preserve"> FORMCHECKBOX </w:instrText></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>' +
          run('是 ') +
          '<w:r><w:fldChar w:fldCharType="begin"><w:ffData><w:checkBox><w:default w:val="0"/></w:checkBox></w:ffData></w:fldChar></w:r>' +
          '<w:r><w:instrText xml:space="preserve"> FORMCHECKBOX </w:instrText></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>' +
          run('否'),
      ),
    },
    expected: ['☒是 ☐否'],
    mammothAgrees: true,
  },
  {
    name: 'mc:AlternateContent: one branch, mc:Choice when understood',
    doc: {
      body: pXml(
        run('指标值') +
          '<w:r><mc:AlternateContent><mc:Choice xmlns:w14="http://schemas.microsoft.com/office/word/2010/wordml" Requires="w14"><w:t>≥95%</w:t></mc:Choice>' +
          '<mc:Fallback><w:t>&gt;=95%</w:t></mc:Fallback></mc:AlternateContent></w:r>',
      ),
    },
    expected: ['指标值≥95%'],
    mammothAgrees: false, // mammoth always reads mc:Fallback
  },
  {
    name: 'mc:AlternateContent: mc:Fallback when the mc:Choice requires a namespace not understood',
    doc: {
      body: pXml(
        run('指标值') +
          '<w:r><mc:AlternateContent><mc:Choice xmlns:w99="urn:example:future" Requires="w99"><w:t>(未来格式)</w:t></mc:Choice>' +
          '<mc:Fallback><w:t>≥95%</w:t></mc:Fallback></mc:AlternateContent></w:r>',
      ),
    },
    expected: ['指标值≥95%'],
    mammothAgrees: true,
  },
  {
    name: 'w:sym in the Symbol font reads as its character (≥ ≤ ± × ÷)',
    doc: {
      body: tbl(
        [
          tr(['指标', '年度指标值']),
          tr(['满意度', tc('', { xml: pXml(sym('F0B3') + run('95%')) })]),
          tr(['成本', tc('', { xml: pXml(sym('F0A3') + run('90万元')) })]),
          tr(['误差', tc('', { xml: pXml(sym('F0B1') + run('5%') + sym('F0B4') + run('2') + sym('F0B8') + run('4')) })]),
        ],
        { cols: 2 },
      ),
    },
    expected: [{ table: 0, parent: null, rows: [['指标', '年度指标值'], ['满意度', '≥95%'], ['成本', '≤90万元'], ['误差', '±5%×2÷4']] }],
    mammothAgrees: true,
  },
  {
    name: 'w:tab, w:br, w:cr, w:noBreakHyphen, w:softHyphen as their characters',
    doc: {
      body:
        pXml('<w:r><w:t>项目</w:t><w:tab/><w:t>金额</w:t></w:r>') +
        tbl([tr([tc('', { xml: pXml('<w:r><w:t>产出指标</w:t><w:br/><w:t>(50分)</w:t></w:r>') }), tc('', { xml: pXml('<w:r><w:t>2021</w:t><w:noBreakHyphen/><w:t>2022</w:t><w:softHyphen/><w:t>年</w:t></w:r>') })])], {
          cols: 2,
        }) +
        pXml('<w:r><w:t>第一行</w:t><w:cr/><w:t>第二行</w:t></w:r>'),
    },
    expected: ['项目\t金额', { table: 0, parent: null, rows: [['产出指标\n(50分)', '2021\u20112022\u00ad年']] }, '第一行', '第二行'],
    mammothAgrees: false, // mammoth drops w:cr
  },
  {
    name: 'a title in a text box above a table is a paragraph, in document order',
    doc: {
      body: pXml(textBox(p('部门整体支出绩效自评表'))) + p('（2021年度）') + tbl([tr(['预算部门名称', '雁峰街道'])], { cols: 2 }),
    },
    expected: ['部门整体支出绩效自评表', '（2021年度）', { table: 0, parent: null, rows: [['预算部门名称', '雁峰街道']] }],
    mammothAgrees: true,
  },
  {
    name: 'a text box anchored in a cell is not cell content (it follows the table)',
    doc: {
      body: tbl([tr(['得分', tc('', { xml: pXml(run('86') + textBox(p('审核意见：属实'))) })])], { cols: 2 }) + p('完'),
    },
    expected: [{ table: 0, parent: null, rows: [['得分', '86']] }, '审核意见：属实', '完'],
    mammothAgrees: false, // mammoth puts the text box inside the cell
  },
  {
    name: 'footnotes, comments and headers are not cell content (a referenced footnote follows the body)',
    doc: {
      body:
        tbl(
          [
            tr([
              '全年执行数',
              tc('', {
                xml: pXml(
                  '<w:commentRangeStart w:id="0"/>' + run('2991.61') + '<w:commentRangeEnd w:id="0"/><w:r><w:commentReference w:id="0"/></w:r><w:r><w:footnoteReference w:id="1"/></w:r>',
                ),
              }),
            ]),
          ],
          { cols: 2 },
        ) + '<w:sectPr><w:headerReference w:type="default" r:id="rId12"/></w:sectPr>',
      extraEntries: {
        'word/_rels/document.xml.rels': rels(['footnotes', 'footnotes.xml'], ['comments', 'comments.xml'], ['header', 'header1.xml']),
        'word/footnotes.xml': part(
          'footnotes',
          '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote><w:footnote w:id="1"><w:p><w:r><w:footnoteRef/></w:r><w:r><w:t>数据来源：2021年决算报表</w:t></w:r></w:p></w:footnote>',
        ),
        'word/comments.xml': part('comments', '<w:comment w:id="0" w:author="审核"><w:p><w:r><w:t>批注：请核实</w:t></w:r></w:p></w:comment>'),
        'word/header1.xml': part('hdr', '<w:p><w:r><w:t>页眉：雁峰街道</w:t></w:r></w:p>'),
      },
    },
    expected: [{ table: 0, parent: null, rows: [['全年执行数', '2991.61']] }, '数据来源：2021年决算报表'],
    mammothAgrees: true,
  },
  {
    name: 'cell widths and w:tblGrid that disagree with the spans: the grid follows the cells',
    doc: {
      body: tbl(
        [
          tr(['一级指标', '二级指标', '三级指标', '分值', '得分']),
          tr([tc('产出指标', { span: 2 }), '数量指标', '20', '20']),
        ],
        { cols: 3 },
      ),
    },
    expected: [
      {
        table: 0,
        parent: null,
        rows: [
          ['一级指标', '二级指标', '三级指标', '分值', '得分'],
          ['产出指标', '产出指标', '数量指标', '20', '20'],
        ],
      },
    ],
    warnings: ['docx-grid-widened', 'docx-grid-widened'],
    mammothAgrees: true,
  },
  {
    name: 'w:gridBefore/w:gridAfter leave their positions uncovered',
    doc: { body: tbl([tr(['一级指标', '二级指标', '三级指标']), tr(['得分'], { gridBefore: 1, gridAfter: 1 }), tr(['总分'], { gridAfter: 2 })], { cols: 3 }) },
    expected: [{ table: 0, parent: null, rows: [['一级指标', '二级指标', '三级指标'], [null, '得分', null], ['总分', null, null]] }],
    mammothAgrees: true,
  },
  {
    name: "old Word's w:hMerge as well as w:gridSpan",
    doc: { body: tbl([tr([hMergeCell('预算部门名称', 'restart'), hMergeCell('', 'continue'), '雁峰街道']), tr(['一级', '二级', '三级'])], { cols: 3 }) },
    expected: [{ table: 0, parent: null, rows: [['预算部门名称', '预算部门名称', '雁峰街道'], ['一级', '二级', '三级']] }],
    mammothAgrees: true,
  },
  {
    name: 'w:vMerge without a value means continue',
    doc: { body: tbl([tr([tc('效益指标', { vMerge: 'restart' }), '经济效益']), tr([tc('', { vMerge: 'bare' }), '社会效益'])], { cols: 2 }) },
    expected: [{ table: 0, parent: null, rows: [['效益指标', '经济效益'], ['效益指标', '社会效益']] }],
    mammothAgrees: true,
  },
];

describe('what Word and WPS put in document.xml', () => {
  it.each(CASES)('$name', async ({ doc, expected, warnings, mammothAgrees }) => {
    const bytes = buildDocx(doc);
    const r = await parseDocx(bytes, 'variant.docx');
    if (!r.ok) throw new Error(`${r.error.code}: ${r.error.messageEn}`);
    expect(r.reader).toBe('docx-stream');
    expect(shown(r.blocks)).toEqual(expected);
    expect(r.warnings.map((w) => w.code)).toEqual(warnings ?? []);
    const diffs = await oracleDifferences(bytes);
    if (mammothAgrees) expect(diffs).toEqual([]);
    else expect(diffs).not.toEqual([]);
  });
});
