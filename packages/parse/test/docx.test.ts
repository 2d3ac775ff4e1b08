import { describe, expect, it } from 'vitest';
import { positionIndex, type Block, type Cell, type TableBlock } from '@jxaudit/model';
import { parseDocx } from '../src/docx/index.ts';
import { placeTable } from '../src/docx/grid.ts';
import { streamXml, utf8Boundary } from '../src/docx/index.ts';
import iconv from 'iconv-lite';
import { oracleDifferences } from './helpers/mammoth-oracle.ts';
import { bookmark, buildDocx, del, documentXml, ins, p, pXml, run, sdt, sdtRun, tbl, tc, tr } from './helpers/docx-writer.ts';

async function read(body: string) {
  const r = await parseDocx(buildDocx({ body }), 'test.docx');
  if (!r.ok) throw new Error(`unexpected read error ${r.error.code}: ${r.error.messageEn}`);
  return r;
}

const tables = (blocks: Block[]): TableBlock[] => blocks.filter((b): b is TableBlock => b.type === 'table');
const box = (c: Cell | null) => (c ? { row: c.row, col: c.col, rowSpan: c.rowSpan, colSpan: c.colSpan, text: c.text } : null);
const texts = (t: TableBlock) => positionIndex(t).map((row) => row.map((c) => (c ? c.text : null)));
const codes = (w: { code: string }[]) => w.map((x) => x.code);

describe('parseDocx: merged cells rebuilt from document.xml', () => {
  it('places a rowspan after w:gridBefore on its real column (mammoth puts it one column left)', async () => {
    const r = await read(
      tbl(
        [
          tr([tc('一级指标', { vMerge: 'restart' }), tc('产出指标(50分)', { vMerge: 'restart' }), '数量指标']),
          tr([tc('', { vMerge: 'continue' }), '质量指标'], { gridBefore: 1 }),
        ],
        { cols: 3 },
      ),
    );
    const [t] = tables(r.blocks);
    expect(texts(t)).toEqual([
      ['一级指标', '产出指标(50分)', '数量指标'],
      [null, '产出指标(50分)', '质量指标'],
    ]);
    expect(box(t.cells[0])).toEqual({ row: 0, col: 0, rowSpan: 1, colSpan: 1, text: '一级指标' });
    expect(r.warnings).toEqual([]);
  });

  it('reads a bare <w:vMerge/> as a continuation', async () => {
    const r = await read(
      tbl(
        [
          tr([tc('效益指标（30分）', { vMerge: 'restart' }), '经济效益指标']),
          tr([tc('', { vMerge: 'bare' }), '社会效益指标']),
          tr([tc('', { vMerge: 'bare' }), '生态效益指标']),
        ],
        { cols: 2 },
      ),
    );
    const [t] = tables(r.blocks);
    expect(box(t.cells[0])).toEqual({ row: 0, col: 0, rowSpan: 3, colSpan: 1, text: '效益指标（30分）' });
    expect(t.cells).toHaveLength(4);
    expect(r.warnings).toEqual([]);
  });

  it('treats a continuation with nothing above it as an origin cell, and says so', async () => {
    const r = await read(
      tbl(
        [
          tr([tc('满意度指标', { vMerge: 'continue' }), '服务对象满意度指标']),
          tr([tc('年度预算', { span: 2 })]),
          tr(['其他资金', tc('1159.04', { vMerge: 'continue' })]),
        ],
        { cols: 2 },
      ),
    );
    const [t] = tables(r.blocks);
    expect(texts(t)).toEqual([
      ['满意度指标', '服务对象满意度指标'],
      ['年度预算', '年度预算'],
      ['其他资金', '1159.04'],
    ]);
    expect(codes(r.warnings).filter((c) => c === 'docx-orphan-continuation')).toHaveLength(2);
  });

  it('clamps a span that runs past the last grid column', async () => {
    const r = await read(
      tbl([tr(['预算部门名称', tc('雁峰区雁峰街道办事处', { span: 7 })]), tr(['总分', '100', '86'])], { cols: 3 }),
    );
    const [t] = tables(r.blocks);
    expect(t.cols).toBe(3);
    expect(box(t.cells[1])).toEqual({ row: 0, col: 1, rowSpan: 1, colSpan: 2, text: '雁峰区雁峰街道办事处' });
    expect(codes(r.warnings)).toContain('docx-span-clamped');
  });

  it('keeps the rowspans of a table with a bookmark between rows (mammoth drops them all)', async () => {
    const r = await read(
      tbl(
        [
          tr([tc('绩效指标', { vMerge: 'restart' }), '产出指标']),
          bookmark('indicators'),
          tr([tc('', { vMerge: 'continue' }), '效益指标']),
          tr([tc('', { vMerge: 'continue' }), '满意度指标']),
        ],
        { cols: 2 },
      ),
    );
    const [t] = tables(r.blocks);
    expect(box(t.cells[0])).toEqual({ row: 0, col: 0, rowSpan: 3, colSpan: 1, text: '绩效指标' });
    expect(t.cells.map((c) => c.text)).toEqual(['绩效指标', '产出指标', '效益指标', '满意度指标']);
    expect(r.warnings).toEqual([]);
  });

  it('leaves positions after w:gridAfter uncovered', async () => {
    const r = await read(tbl([tr(['一级指标', '二级指标', '三级指标']), tr(['总分'], { gridAfter: 2 })], { cols: 3 }));
    const [t] = tables(r.blocks);
    expect(texts(t)[1]).toEqual(['总分', null, null]);
  });

  it('extends the origin when a continuation is narrower than it, absorbing the empty remainder', async () => {
    const r = await read(
      tbl(
        [
          tr([tc('年度资金总额', { span: 2, vMerge: 'restart' }), '2021.29']),
          tr([tc('', { vMerge: 'continue' }), tc(''), '2991.61']),
        ],
        { cols: 3 },
      ),
    );
    const [t] = tables(r.blocks);
    expect(box(t.cells[0])).toEqual({ row: 0, col: 0, rowSpan: 2, colSpan: 2, text: '年度资金总额' });
    expect(texts(t)[1]).toEqual(['年度资金总额', '年度资金总额', '2991.61']);
  });

  it('ends the merge when a narrower continuation leaves text beside it, rather than hiding that text', async () => {
    const r = await read(
      tbl(
        [
          tr([tc('年度资金总额', { span: 2, vMerge: 'restart' }), '2021.29']),
          tr([tc('', { vMerge: 'continue' }), '其中：财政拨款', '742.25']),
        ],
        { cols: 3 },
      ),
    );
    const [t] = tables(r.blocks);
    expect(texts(t)).toEqual([
      ['年度资金总额', '年度资金总额', '2021.29'],
      ['', '其中：财政拨款', '742.25'],
    ]);
    expect(codes(r.warnings)).toContain('docx-merge-narrowed');
  });

  it('numbers several tables in document order and gives a nested table its own block with its parent', async () => {
    const inner = tbl([tr(['子项', '金额']), tr(['办公费', '12.5'])], { cols: 2 });
    const r = await read(
      p('附件1') +
        tbl([tr(['项目', '明细']), tr(['公用经费', tc('', { xml: p('见下表') + inner })])], { cols: 2 }) +
        p('附件2') +
        tbl([tr(['总分', '86'])], { cols: 2 }),
    );
    expect(r.blocks.map((b) => (b.type === 'table' ? `table ${b.index}` : b.text))).toEqual([
      '附件1',
      'table 0',
      'table 1',
      '附件2',
      'table 2',
    ]);
    const [outer, nested, last] = tables(r.blocks);
    expect(outer.parent).toBeNull();
    expect(nested.parent).toBe(0);
    expect(last.parent).toBeNull();
    expect(outer.rows).toBe(2);
    expect(outer.cells.find((c) => c.row === 1 && c.col === 1)?.text).toBe('见下表');
    expect(texts(nested)).toEqual([
      ['子项', '金额'],
      ['办公费', '12.5'],
    ]);
    expect(texts(last)).toEqual([['总分', '86']]);
  });

  it('joins text split across runs', async () => {
    const r = await read(p(['（ ', '2021', '年度）']) + tbl([tr([tc([['20', '21.29']]), tc([['742', '.', '25']])])], { cols: 2 }));
    expect(r.blocks[0]).toMatchObject({ type: 'paragraph', text: '（ 2021年度）' });
    expect(tables(r.blocks)[0].cells.map((c) => c.text)).toEqual(['2021.29', '742.25']);
  });

  it('keeps tracked insertions, drops tracked deletions, reads content controls', async () => {
    const r = await read(
      pXml(run('全年执行数') + del('2080.19') + ins('2991.61')) +
        sdt(p('预算部门名称：雁峰区雁峰街道办事处')) +
        tbl([tr([tc('', { xml: pXml(run('得分：') + sdtRun('86')) })])], { cols: 1 }),
    );
    expect(r.blocks.slice(0, 2).map((b) => b.type === 'paragraph' && b.text)).toEqual([
      '全年执行数2991.61',
      '预算部门名称：雁峰区雁峰街道办事处',
    ]);
    expect(tables(r.blocks)[0].cells[0].text).toBe('得分：86');
  });

  it('keeps a cell\'s paragraphs, strips [bookmark: …] artefacts and drops deleted rows', async () => {
    const r = await read(
      tbl(
        [
          tr([tc(['年度预算申请', '（万元）']), tc('[bookmark: _GoBack]　')]),
          tr(['已删除', '行'], { deleted: true }),
          tr(['分值', '10']),
        ],
        { cols: 2 },
      ),
    );
    const [t] = tables(r.blocks);
    expect(t.rows).toBe(2);
    expect(t.cells[0]).toMatchObject({ paragraphs: ['年度预算申请', '（万元）'], text: '年度预算申请\n（万元）', line: null });
    expect(t.cells[1]).toMatchObject({ paragraphs: [], text: '' });
    expect(texts(t)[1]).toEqual(['分值', '10']);
  });

  it('records each paragraph block with its location', async () => {
    const r = await read(p('附件1') + p('') + p('部门整体支出绩效自评表'));
    expect(r.blocks).toEqual([
      { type: 'paragraph', text: '附件1', at: { file: 'test.docx', table: null, row: null, col: null, line: null, paragraph: 0, text: '附件1' } },
      {
        type: 'paragraph',
        text: '部门整体支出绩效自评表',
        at: { file: 'test.docx', table: null, row: null, col: null, line: null, paragraph: 1, text: '部门整体支出绩效自评表' },
      },
    ]);
  });

  it('reads a document whose producer chose another prefix for the WordprocessingML namespace', async () => {
    const body = p('附件1') + tbl([tr([tc('绩效指标', { vMerge: 'restart' }), '产出指标']), tr([tc('', { vMerge: 'bare' }), '效益指标'])], { cols: 2 });
    const xml = documentXml(body).replace(/<(\/?)w:/g, '<$1ns0:').replace(/ w:/g, ' ns0:').replace('xmlns:w=', 'xmlns:ns0=');
    const r = await parseDocx(buildDocx({ documentXml: xml }), 'other-prefix.docx');
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const [t] = tables(r.blocks);
    expect(box(t.cells[0])).toEqual({ row: 0, col: 0, rowSpan: 2, colSpan: 1, text: '绩效指标' });
  });

  it('keeps a footnote as a paragraph but not its reference mark inside the figure', async () => {
    const r = await parseDocx(
      buildDocx({
        body: pXml(run('收入预算2021.29万元') + '<w:r><w:footnoteReference w:id="1"/></w:r>'),
        extraEntries: {
          'word/footnotes.xml':
            '<?xml version="1.0"?><w:footnotes xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:footnote w:id="1"><w:p><w:r><w:t>数据来源：2021年决算报表</w:t></w:r></w:p></w:footnote></w:footnotes>',
          'word/_rels/document.xml.rels':
            '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId9" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footnotes" Target="footnotes.xml"/></Relationships>',
        },
      }),
      'notes.docx',
    );
    expect(r.ok && r.blocks.map((b) => b.type === 'paragraph' && b.text)).toEqual(['收入预算2021.29万元', '数据来源：2021年决算报表']);
  });

  it('reads a table in a WPS-style text box (DrawingML, no VML fallback) after the paragraph that anchors it', async () => {
    const boxed = tbl([tr(['子项', '金额']), tr(['办公费', '12.5'])], { cols: 2 });
    const drawing =
      '<w:r><w:drawing><wp:anchor xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing">' +
      '<a:graphic xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"><a:graphicData>' +
      '<wps:wsp xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"><wps:txbx><w:txbxContent>' +
      `${p('文本框')}${boxed}<w:p/></w:txbxContent></wps:txbx></wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing></w:r>`;
    const r = await read(
      p('附件1') +
        pXml(run('说明') + drawing) +
        tbl([tr([tc('绩效指标', { vMerge: 'restart' }), '产出指标']), tr([tc('', { vMerge: 'continue' }), '效益指标'])], { cols: 2 }) +
        p('完'),
    );
    expect(r.warnings).toEqual([]);
    expect(r.blocks.map((b) => (b.type === 'table' ? `table ${b.index}` : b.text))).toEqual(['附件1', '说明', '文本框', 'table 0', 'table 1', '完']);
    const [boxedTable, indicators] = tables(r.blocks);
    expect(texts(boxedTable)).toEqual([
      ['子项', '金额'],
      ['办公费', '12.5'],
    ]);
    expect(box(indicators.cells[0])).toEqual({ row: 0, col: 0, rowSpan: 2, colSpan: 1, text: '绩效指标' });
  });

  it('cuts a grid far wider than Word allows (63 columns) at 256 columns', async () => {
    const r = await read('<w:tbl><w:tr>' + tc('预算部门名称', { span: 1_000_000_000 }) + tc('雁峰区雁峰街道办事处') + '</w:tr></w:tbl>');
    const [t] = tables(r.blocks);
    expect(t.cols).toBe(256);
    expect(box(t.cells[0])).toMatchObject({ col: 0, colSpan: 256, text: '预算部门名称' });
    expect(t.cells).toHaveLength(1);
    expect(codes(r.warnings)).toContain('docx-grid-too-wide');
  });

  it('reads only the rows that fit the position budget', () => {
    const xml = documentXml(tbl(['一', '二', '三', '四', '五'].map((n) => tr([`第${n}行`, '10', '9'])), { cols: 3 }));
    const [t] = streamXml(xml).tables;
    const placed = placeTable(t, () => false, 10);
    expect(placed.rows).toBe(3);
    expect(placed.cells).toHaveLength(9);
    expect(codes(placed.warnings)).toEqual(['docx-table-truncated']);
  });

  it('reads checkbox content controls as ☒/☐, streaming and through the mammoth fallback alike', async () => {
    const box = (on: boolean) =>
      '<w:sdt><w:sdtPr><w14:checkbox xmlns:w14="http://schemas.microsoft.com/office/word/2010/wordml">' +
      `<w14:checked w14:val="${on ? 1 : 0}"/></w14:checkbox></w:sdtPr><w:sdtContent>${run(on ? '☒' : '☐')}</w:sdtContent></w:sdt>`;
    const bytes = buildDocx({ body: tbl([tr(['是否按时完成', tc('', { xml: pXml(box(true) + run('是 ') + box(false) + run('否')) })])], { cols: 2 }) });
    for (const limits of [{}, { forceFallback: true }]) {
      const r = await parseDocx(bytes, 'checkbox.docx', limits);
      expect(r.ok && tables(r.blocks)[0].cells.map((c) => c.text)).toEqual(['是否按时完成', '☒是 ☐否']);
    }
  });

  it('reads a zip whose writer stored Windows paths (word\\document.xml)', async () => {
    const bytes = buildDocx({
      omit: ['word/document.xml', 'word/_rels/document.xml.rels'],
      extraEntries: { 'word\\document.xml': documentXml(p('附件1') + tbl([tr(['预算部门名称', '雁峰区雁峰街道办事处'])], { cols: 2 })) },
    });
    const r = await parseDocx(bytes, 'windows-paths.docx');
    expect(r.ok && r.blocks.map((b) => (b.type === 'table' ? b.cells.map((c) => c.text) : b.text))).toEqual(['附件1', ['预算部门名称', '雁峰区雁峰街道办事处']]);
  });

  it('reads the same text as mammoth (the oracle), merges aside', async () => {
    const inner = tbl([tr(['子项', '金额']), tr(['办公费', '12.5'])], { cols: 2 });
    const bodies = [
      tbl([tr([tc('一级指标', { vMerge: 'restart' }), tc('产出指标', { vMerge: 'restart' }), '数量指标']), tr([tc('', { vMerge: 'continue' }), '质量指标'], { gridBefore: 1 })], { cols: 3 }),
      tbl([tr([tc('绩效指标', { vMerge: 'restart' }), '产出指标']), bookmark('x'), tr([tc('', { vMerge: 'bare' }), '效益指标'])], { cols: 2 }),
      p('附件1') + tbl([tr(['项目', tc('', { xml: p('见下表') + inner })])], { cols: 2 }) + p(['20', '21.29']),
      pXml(run('全年执行数') + del('2080.19') + ins('2991.61') + '<w:r><w:br/><w:t>万元</w:t><w:br w:type="page"/><w:t>。</w:t></w:r>') + sdt(p('雁峰街道')),
    ];
    for (const body of bodies) expect(await oracleDifferences(buildDocx({ body }))).toEqual([]);
  });

});

describe('parseDocx: content imported from another file (w:altChunk)', () => {
  const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
  const rels = (target: string) =>
    `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId7" Type="${REL}/aFChunk" Target="${target}"/></Relationships>`;
  const page =
    '<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312"></head><body><p>部门整体支出绩效自评表</p>' +
    '<table><tr><td rowspan="2">年度预算</td><td>全年预算数</td></tr><tr><td>5033.66</td></tr></table></body></html>';
  const body = p('附件1') + tbl([tr(['预算部门名称', '雁峰街道'])], { cols: 2 }) + '<w:altChunk r:id="rId7"/>' + tbl([tr(['总分', '86'])], { cols: 2 });
  const shown = (blocks: Block[]) => blocks.map((b) => (b.type === 'table' ? { table: b.index, rows: texts(b) } : b.text));
  const expected = [
    '附件1',
    { table: 0, rows: [['预算部门名称', '雁峰街道']] },
    '部门整体支出绩效自评表',
    { table: 1, rows: [['年度预算', '全年预算数'], ['年度预算', '5033.66']] },
    { table: 2, rows: [['总分', '86']] },
  ];

  it('reads a web page chunk (GB2312) in place, its tables numbered among the document\'s', async () => {
    const r = await parseDocx(
      buildDocx({ body, extraEntries: { 'word/_rels/document.xml.rels': rels('afchunk.htm'), 'word/afchunk.htm': new Uint8Array(iconv.encode(page, 'gbk')) } }),
      'oa-export.docx',
    );
    if (!r.ok) throw new Error(r.error.code);
    expect(shown(r.blocks)).toEqual(expected);
    expect(r.blocks.map((b) => (b.type === 'paragraph' ? b.at.paragraph : -1))).toEqual([0, -1, 2, -1, -1]);
    expect(codes(r.warnings)).toEqual(['docx-altchunk-read']);
  });

  it('reads a single-file web page chunk (.mht, quoted-printable)', async () => {
    const qp = Array.from(new TextEncoder().encode(page.replace('gb2312', 'utf-8')), (b) => (b >= 0x80 || b === 0x3d ? `=${b.toString(16).toUpperCase().padStart(2, '0')}` : String.fromCharCode(b))).join('');
    const mht =
      'MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary="----=_NextPart_01"\r\n\r\n------=_NextPart_01\r\n' +
      'Content-Location: file:///C:/chunk.htm\r\nContent-Transfer-Encoding: quoted-printable\r\nContent-Type: text/html; charset="utf-8"\r\n\r\n' +
      qp.replace(/(.{70})/g, '$1=\r\n') +
      '\r\n------=_NextPart_01--\r\n';
    const r = await parseDocx(buildDocx({ body, extraEntries: { 'word/_rels/document.xml.rels': rels('afchunk.mht'), 'word/afchunk.mht': mht } }), 'oa-export.docx');
    expect(r.ok && shown(r.blocks)).toEqual(expected);
  });

  it('says so when a chunk is of a kind it does not read (RTF)', async () => {
    const r = await parseDocx(buildDocx({ body, extraEntries: { 'word/_rels/document.xml.rels': rels('afchunk.rtf'), 'word/afchunk.rtf': '{\\rtf1 部门}' } }), 'oa-export.docx');
    expect(r.ok && codes(r.warnings)).toEqual(['docx-altchunk']);
    expect(r.ok && r.blocks.filter((b) => b.type === 'table').map((b) => b.index)).toEqual([0, 1]);
  });
});

describe('parseDocx: damaged XML is read as far as it goes, never thrown', () => {
  const body = p('附件1') + tbl([tr([tc('绩效指标', { vMerge: 'restart' }), '产出指标']), tr([tc('', { vMerge: 'bare' }), '效益指标'])], { cols: 2 }) + p('完');
  const whole = documentXml(body);
  const damaged: [string, string][] = [
    ['cut inside the table', whole.slice(0, whole.indexOf('效益指标'))],
    ['cut inside a tag', whole.slice(0, whole.indexOf('<w:tc>', whole.indexOf('效益')) - 20) + '<w:tc'],
    ['a stray end tag', whole.replace('<w:p><w:r>', '</w:tbl><w:p><w:r>')],
    ['an end tag that closes too much', whole.replace('产出指标</w:t>', '产出指标</w:t></w:tbl>')],
    ['a bare < and & in text', whole.replace('产出指标', '产出 < 指标 & 50')],
    ['an unquoted attribute', whole.replace('w:val="restart"', 'w:val=restart')],
    ['no w:body', whole.replace(/<\/?w:body>/g, '')],
  ];
  it.each(damaged)('%s', async (_name, xml) => {
    const r = await parseDocx(buildDocx({ documentXml: xml }), 'damaged.docx');
    if (r.ok) expect(r.reader).toBe('docx-stream');
    else expect(['corrupt-zip']).toContain(r.error.code);
  });

  it('a document cut inside its table keeps what came before the cut', async () => {
    const r = await parseDocx(buildDocx({ documentXml: damaged[0][1] }), 'damaged.docx');
    // the cut row is closed where the text stops: its merge continues, its last cell is empty
    expect(r.ok && r.blocks.map((b) => (b.type === 'table' ? texts(b) : b.text))).toEqual([
      '附件1',
      [
        ['绩效指标', '产出指标'],
        ['绩效指标', ''],
      ],
    ]);
  });
});

describe('parseDocx: a document.xml inflated in many chunks', () => {
  it('cuts no character at a chunk boundary (UTF-8 sequences of 2, 3 and 4 bytes)', async () => {
    let x = 0x2545f491;
    const rand = () => ((x ^= x << 13), (x ^= x >>> 17), (x ^= x << 5), x >>> 0);
    // text that barely compresses, so the part inflates in many chunks
    const alphabet = ['é', 'ü', '中', '预', '算', '𠀋', '𡈽', 'a', '1'];
    const paragraphs = Array.from({ length: 400 }, () => Array.from({ length: 300 }, () => alphabet[rand() % alphabet.length]).join(''));
    const bytes = buildDocx({ body: paragraphs.map((t) => p(t)).join('') });
    expect(bytes.length).toBeGreaterThan(64 * 1024);
    const r = await parseDocx(bytes, 'big.docx');
    expect(r.ok && r.blocks.map((b) => b.type === 'paragraph' && b.text)).toEqual(paragraphs);
  });

  it('utf8Boundary keeps a cut sequence for the next chunk', () => {
    const enc = new TextEncoder();
    const whole = enc.encode('a中𠀋');
    expect(utf8Boundary(whole)).toBe(whole.length);
    expect(utf8Boundary(whole.subarray(0, whole.length - 1))).toBe(4); // the 4-byte 𠀋 cut
    expect(utf8Boundary(whole.subarray(0, 3))).toBe(1); // 中 cut after 2 of its 3 bytes
    expect(utf8Boundary(new Uint8Array(0))).toBe(0);
  });
});
