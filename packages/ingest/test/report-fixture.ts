import { createHash } from 'node:crypto';
import {
  ReportSchema,
  location,
  parseValue,
  type Block,
  type Cell,
  type Finding,
  type Form,
  type Location,
  type Report,
} from '@jxaudit/model';

/*
 * A hand-made report shaped like the sample's (雁峰街道 2021): a department form read from
 * table 0 with its money row, indicators and totals, the narrative report with facts, and
 * findings resting on cells and on sentences. Used by the report writer tests until (and
 * beside) the real pipeline.
 */

export const FILE = 'inbox/雁峰街道2021.docx';

type CellSpec = [row: number, col: number, text: string, rowSpan?: number, colSpan?: number];

const CELLS: CellSpec[] = [
  [0, 0, '预算部门名称', 1, 2], [0, 2, '雁峰区雁峰街道办事处', 1, 6],
  [1, 0, '年度预算申请\n（万元）', 1, 2], [1, 2, '年初预算数'], [1, 3, '全年预算数'], [1, 4, '全年执行数'], [1, 5, '分值'], [1, 6, '执行率'], [1, 7, '得分'],
  [2, 0, '年度资金总额', 1, 2], [2, 2, '2021.29'], [2, 3, '2021.29'], [2, 4, '2991.61'], [2, 5, '10'], [2, 6, '148%'], [2, 7, '9'],
  [3, 0, '一级指标'], [3, 1, '二级指标'], [3, 2, '三级指标'], [3, 3, '年度指标值'], [3, 4, '实际完成值'], [3, 5, '分值'], [3, 6, '得分'], [3, 7, '偏差原因分析及改进措施'],
  [4, 0, '产出指标（50分）', 2], [4, 1, '数量指标', 2], [4, 2, '经济建设投资总金额'], [4, 3, '10亿元'], [4, 4, '7.6亿元'], [4, 5, '5'], [4, 6, '4'], [4, 7, ''],
  [5, 2, '全社会固定资产投资'], [5, 3, '7亿元'], [5, 4, '5.5亿元'], [5, 5, '5'], [5, 6, '4'], [5, 7, ''],
  [6, 0, '效益指标（30分）', 3], [6, 1, '经济效益指标', 3], [6, 2, '规模以上工业生产值'], [6, 3, '5000万元'], [6, 4, '2485万元'], [6, 5, '10'], [6, 6, '4'], [6, 7, ''],
  [7, 2, '城区经济建设是否稳步推进'], [7, 3, '是'], [7, 4, '基本'], [7, 5, '10'], [7, 6, '8'], [7, 7, ''],
  [8, 2, '社会秩序'], [8, 3, '稳定'], [8, 4, '基本稳定'], [8, 5, '20'], [8, 6, '16'], [8, 7, ''],
  [9, 0, '总分', 1, 5], [9, 5, '100'], [9, 6, '86'], [9, 7, ''],
];

const SENTENCES: Record<number, string> = {
  10: '2021年收入决算数为2991.61万元，其中：一般公共预算拨款2080.19万元，其他收入911.42万元。',
  12: '2021年总支出决算数为3582.30万元，其中工资福利支出569.97万元、商品和服务支出2190.56万元、对个人和家庭的补助170.86万元。',
  14: '开展退捕禁捕工作，共发放补助2万元余元。',
};

export function sampleBlocks(file = FILE): Block[] {
  const cells: Cell[] = CELLS.map(([row, col, text, rowSpan = 1, colSpan = 1]) => ({
    row,
    col,
    rowSpan,
    colSpan,
    line: null,
    paragraphs: text.split('\n'),
    text,
  }));
  return [
    { type: 'paragraph', text: '附件1', at: location({ file, paragraph: 0, text: '附件1' }) },
    { type: 'paragraph', text: '部门整体支出绩效自评表', at: location({ file, paragraph: 1, text: '部门整体支出绩效自评表' }) },
    { type: 'table', index: 0, rows: 10, cols: 8, cells },
    ...Object.entries(SENTENCES).map(([p, text]) => ({
      type: 'paragraph' as const,
      text,
      at: location({ file, paragraph: Number(p), text }),
    })),
  ];
}

function cellText(row: number, col: number): string {
  const spec = CELLS.find(([r, c]) => r === row && c === col);
  if (!spec) throw new Error(`no cell ${row},${col}`);
  return spec[2];
}

export function cellLoc(row: number, col: number, file = FILE): Location {
  return location({ file, table: 0, row, col, text: cellText(row, col) });
}

export function sentenceLoc(paragraph: number, file = FILE): Location {
  return location({ file, paragraph, text: SENTENCES[paragraph]! });
}

function indicator(row: number, level1: string, level1Points: number, level2Row: number, file: string) {
  const l1Row = level1 === '产出指标' ? 4 : 6;
  return {
    level1,
    level1Points,
    level2: cellText(level2Row, 1),
    name: cellText(row, 2),
    target: parseValue(cellText(row, 3)),
    actual: parseValue(cellText(row, 4)),
    points: Number(cellText(row, 5)),
    score: Number(cellText(row, 6)),
    reason: '',
    at: cellLoc(row, 2, file),
    cells: {
      level1: cellLoc(l1Row, 0, file),
      level2: cellLoc(level2Row, 1, file),
      name: cellLoc(row, 2, file),
      target: cellLoc(row, 3, file),
      actual: cellLoc(row, 4, file),
      points: cellLoc(row, 5, file),
      score: cellLoc(row, 6, file),
      reason: cellLoc(row, 7, file),
    },
  };
}

function departmentForm(file: string): Form {
  return {
    kind: 'department-overall',
    family: 'hunan-dept',
    title: '部门整体支出绩效自评表',
    year: 2021,
    unit: '雁峰区雁峰街道办事处',
    implementer: null,
    projectName: null,
    tables: [0],
    funds: [
      {
        label: '年度资金总额',
        role: 'total',
        budgetInitial: 2021.29,
        budgetFull: 2021.29,
        executed: 2991.61,
        points: 10,
        rate: { raw: '148%', value: 1.48, decimals: 0 },
        score: 9,
        at: cellLoc(2, 0, file),
        cells: {
          budgetInitial: cellLoc(2, 2, file),
          budgetFull: cellLoc(2, 3, file),
          executed: cellLoc(2, 4, file),
          points: cellLoc(2, 5, file),
          rate: cellLoc(2, 6, file),
          score: cellLoc(2, 7, file),
        },
      },
    ],
    composition: null,
    goals: { expected: ['目标1：保障预算单位人员及日常办公正常运转。'], actual: ['目标1：保障街道在编在岗41人人员经费及日常办公正常运转'] },
    indicators: [
      indicator(4, '产出指标', 50, 4, file),
      indicator(5, '产出指标', 50, 4, file),
      indicator(6, '效益指标', 30, 6, file),
      indicator(7, '效益指标', 30, 6, file),
      indicator(8, '效益指标', 30, 6, file),
    ],
    totals: { points: 100, score: 86, at: cellLoc(9, 0, file), cells: { points: cellLoc(9, 5, file), score: cellLoc(9, 6, file) } },
    facts: [],
    quantities: [],
    rateClaims: [],
    malformed: [],
    at: location({ file, paragraph: 1, text: '部门整体支出绩效自评表' }),
  };
}

function reportForm(file: string): Form {
  const s12 = sentenceLoc(12, file);
  const s10 = sentenceLoc(10, file);
  return {
    kind: 'report',
    family: 'report',
    title: '2021年度雁峰街道绩效评价报告',
    year: 2021,
    unit: '雁峰街道',
    implementer: null,
    projectName: null,
    tables: [],
    funds: [],
    composition: null,
    goals: { expected: [], actual: [] },
    indicators: [],
    totals: null,
    facts: [
      { key: 'income.final.total', label: '收入决算数', value: 2991.61, unit: '万元', approx: false, raw: '2991.61万元', decimals: 2, group: null, at: s10 },
      { key: 'expense.final.total', label: '总支出决算数', value: 3582.3, unit: '万元', approx: false, raw: '3582.30万元', decimals: 2, group: null, completeList: false, at: s12 },
      { key: 'expense.final.part', label: '工资福利支出', value: 569.97, unit: '万元', approx: false, raw: '569.97万元', decimals: 2, group: 1, at: s12 },
      { key: 'expense.final.part', label: '商品和服务支出', value: 2190.56, unit: '万元', approx: false, raw: '2190.56万元', decimals: 2, group: 1, at: s12 },
      { key: 'expense.final.part', label: '对个人和家庭的补助', value: 170.86, unit: '万元', approx: false, raw: '170.86万元', decimals: 2, group: 1, at: s12 },
    ],
    quantities: [],
    rateClaims: [],
    malformed: [
      { raw: '2万元余元', assumed: '按约2万元理解', assumedEn: 'read as about 2万元', at: sentenceLoc(14, file) },
    ],
    at: location({ file, paragraph: 9, text: '2021年度雁峰街道绩效评价报告' }),
  };
}

function fingerprint(rule: string, at: Location[]): string {
  return createHash('sha256')
    .update(JSON.stringify([rule, '雁峰区雁峰街道办事处', 2021, at.map((l) => [l.text, l.table, l.row, l.col])]))
    .digest('hex');
}

function finding(f: Omit<Finding, 'fingerprint'>): Finding {
  return { ...f, fingerprint: fingerprint(f.rule, f.at) };
}

/** The hand-made report; `file` names the input (every location carries it). */
export function sampleReport(options: { file?: string; lang?: 'zh' | 'en' } = {}): Report {
  const file = options.file ?? FILE;
  const en = options.lang === 'en';
  const findings: Finding[] = [
    finding({
      rule: 'level1-weight-sum',
      severity: 'error',
      form: 0,
      message: en
        ? 'Level-1 indicator “效益指标” is marked 30 points; its indicators add up to 40'
        : '一级指标“效益指标”标注30分，其下三级指标分值合计40分',
      declared: 30,
      computed: 40,
      at: [cellLoc(6, 0, file), cellLoc(6, 5, file), cellLoc(7, 5, file), cellLoc(8, 5, file)],
      detail: { formula: '10 + 10 + 20 = 40', tolerance: 0, terms: [10, 10, 20] },
    }),
    finding({
      rule: 'weight-total',
      severity: 'warning',
      form: 0,
      message: en
        ? 'Indicator weights 50 + 40 + execution 10 = 110, but 总分 is 100'
        : '指标分值 50 + 40 加预算执行 10 合计 110，总分分值为 100',
      declared: 100,
      computed: 110,
      at: [cellLoc(9, 5, file)],
      detail: { formula: '50 + 40 + 10 = 110' },
    }),
    finding({
      rule: 'exec-score-recompute',
      severity: 'warning',
      form: 0,
      message: en ? 'Execution rate 148.00% gives 10 points; the form claims 9' : '执行率148.00%应得10分，表中填9分',
      declared: 9,
      computed: 10,
      at: [cellLoc(2, 7, file), cellLoc(2, 6, file)],
      detail: { formula: '10 × min(1.48, 1) = 10' },
    }),
    finding({
      rule: 'exec-basis-mismatch',
      severity: 'warning',
      form: 0,
      message: en
        ? 'The table’s executed 2991.61 equals the report’s income 2991.61, not its expenditure 3582.30'
        : '表中全年执行数2991.61万元等于报告的收入决算数，而报告的支出决算数为3582.30万元',
      declared: null,
      computed: null,
      at: [cellLoc(2, 4, file), sentenceLoc(10, file), sentenceLoc(12, file)],
      detail: { rateOnExpenditure: 1.7723 },
    }),
    finding({
      rule: 'deviation-reason-missing',
      severity: 'warning',
      form: 0,
      message: en
        ? '“经济建设投资总金额”: actual 7.6亿元 against 10亿元 and no deviation reason'
        : '“经济建设投资总金额”实际完成7.6亿元，未达年度指标值10亿元，未填写偏差原因',
      declared: null,
      computed: null,
      at: [cellLoc(4, 2, file), cellLoc(4, 7, file)],
      detail: {},
    }),
    finding({
      rule: 'narr-qizhong-sum',
      severity: 'info',
      form: 1,
      message: en
        ? 'Expenditure 3582.30: the parts listed add up to 2931.39; 650.91 (18.2%) not itemised'
        : '支出决算3582.30万元，其中所列各项合计2931.39万元，650.91万元（18.2%）未列明',
      declared: 3582.3,
      computed: 2931.39,
      at: [sentenceLoc(12, file)],
      detail: { terms: [569.97, 2190.56, 170.86], tolerance: 0.015, remainder: 650.91 },
    }),
    finding({
      rule: 'malformed-quantity',
      severity: 'info',
      form: 1,
      message: en ? '“2万元余元” cannot be read as one quantity; read as about 2万元' : '“2万元余元”无法读作一个数，按约2万元理解',
      declared: null,
      computed: null,
      at: [sentenceLoc(14, file)],
      detail: { raw: '2万元余元' },
    }),
  ];
  const report: Report = {
    schemaVersion: 2,
    tool: { name: 'jxaudit', version: '0.1.0' },
    source: {
      path: file,
      sha256: createHash('sha256').update(file).digest('hex'),
      bytes: 16669,
      format: 'docx',
      encoding: null,
      encodingMethod: null,
      replacementChars: 0,
      layout: 'docx',
    },
    submission: { id: 'sub-1', unit: '雁峰区雁峰街道办事处', year: 2021, files: [file], version: 1 },
    versions: null,
    profile: 'hunan-2021',
    lang: en ? 'en' : 'zh',
    generatedAt: '2026-11-27T15:00:00.000Z',
    forms: [departmentForm(file), reportForm(file)],
    findings,
    summary: { errors: 1, warnings: 4, infos: 2 },
    error: null,
    warnings: [{ code: 'bookmark-stripped', message: '单元格中的“[bookmark: _GoBack]”已去除' }],
  };
  return ReportSchema.parse(report);
}

/** A report of a file that could not be read. */
export function unreadableReport(file = 'inbox/损坏的文件.docx'): Report {
  return ReportSchema.parse({
    schemaVersion: 2,
    tool: { name: 'jxaudit', version: '0.1.0' },
    source: { path: file, sha256: 'ab'.repeat(32), bytes: 120, format: 'docx', encoding: null, encodingMethod: null, replacementChars: 0, layout: null },
    submission: null,
    versions: null,
    profile: null,
    lang: 'zh',
    generatedAt: '2026-11-27T15:00:00.000Z',
    forms: [],
    findings: [],
    summary: { errors: 0, warnings: 0, infos: 0 },
    error: {
      code: 'corrupt-zip',
      message: '文件已损坏：无法解压 Word 文档。请用 Word 或 WPS 重新导出后再提交。',
      messageEn: 'The file is damaged: the Word document cannot be unzipped. Export it again from Word or WPS.',
    },
    warnings: [],
  });
}

/** Replaces substrings in every string of a value (deep), e.g. to plant hostile strings. */
function replaceDeep<T>(value: T, replacements: Record<string, string>): T {
  if (typeof value === 'string') {
    let s: string = value;
    for (const [from, to] of Object.entries(replacements)) s = s.split(from).join(to);
    return s as T;
  }
  if (Array.isArray(value)) return value.map((v) => replaceDeep(v, replacements)) as T;
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, replaceDeep(v, replacements)])) as T;
  }
  return value;
}

export function replaceTexts(report: Report, replacements: Record<string, string>): Report {
  return ReportSchema.parse(replaceDeep(report, replacements));
}

export function replaceInBlocks(blocks: Block[], replacements: Record<string, string>): Block[] {
  return replaceDeep(blocks, replacements);
}

export const HOSTILE = {
  script: '<script>window.__pwned=1</script>',
  img: '<img src=x onerror="window.__pwned=1">',
  link: '<a href="javascript:window.__pwned=1">点我</a>',
  attr: '" onmouseover="window.__pwned=1" x="',
  style: '<style>body{display:none}</style>',
};

/** The sample with hostile strings in the unit, cell texts, messages, sentences, detail and file name. */
export function hostileSample() {
  const replacements = {
    雁峰区雁峰街道办事处: `${HOSTILE.attr}${HOSTILE.script}`,
    经济建设投资总金额: HOSTILE.img,
    全社会固定资产投资: HOSTILE.link,
    '10 + 10 + 20 = 40': HOSTILE.style,
    开展退捕禁捕工作: HOSTILE.script,
    '2021.29': `${HOSTILE.attr}2021.29`,
  };
  const file = `inbox/${HOSTILE.attr}<b>.docx`;
  return {
    report: replaceTexts(sampleReport({ file }), replacements),
    blocks: replaceInBlocks(sampleBlocks(file), replacements),
    file,
  };
}


/** A small RFC 4180 reader: quoted fields, doubled quotes, CRLF records, commas and newlines inside quotes. */
export function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let field = '';
  let record: string[] = [];
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') {
      if (field !== '') throw new Error(`quote inside an unquoted field at ${i}`);
      quoted = true;
    } else if (ch === ',') {
      record.push(field);
      field = '';
    } else if (ch === '\r' && text[i + 1] === '\n') {
      record.push(field);
      records.push(record);
      record = [];
      field = '';
      i++;
    } else if (ch === '\n' || ch === '\r') {
      throw new Error(`bare line break outside quotes at ${i}`);
    } else field += ch;
  }
  if (quoted) throw new Error('unterminated quoted field');
  if (field !== '' || record.length) {
    record.push(field);
    records.push(record);
  }
  return records;
}


/**
 * Rewrites one entry of a zip (a .docx) and returns the new archive: a minimal reader of the
 * central directory and a writer of deflated entries, enough to plant text in word/document.xml.
 */
export async function rewriteZipEntry(zip: Uint8Array, name: string, edit: (text: string) => string): Promise<Uint8Array> {
  const { inflateRawSync, deflateRawSync, crc32 } = await import('node:zlib');
  const buf = Buffer.from(zip);
  let eocd = buf.length - 22;
  while (eocd >= 0 && buf.readUInt32LE(eocd) !== 0x06054b50) eocd--;
  if (eocd < 0) throw new Error('not a zip');
  const count = buf.readUInt16LE(eocd + 10);
  let p = buf.readUInt32LE(eocd + 16);
  const entries: { name: string; data: Buffer }[] = [];
  for (let i = 0; i < count; i++) {
    const method = buf.readUInt16LE(p + 10);
    const compressed = buf.readUInt32LE(p + 20);
    const nameLen = buf.readUInt16LE(p + 28);
    const extraLen = buf.readUInt16LE(p + 30);
    const commentLen = buf.readUInt16LE(p + 32);
    const local = buf.readUInt32LE(p + 42);
    const entryName = buf.subarray(p + 46, p + 46 + nameLen).toString('utf8');
    const start = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
    const raw = buf.subarray(start, start + compressed);
    entries.push({ name: entryName, data: method === 8 ? inflateRawSync(raw) : Buffer.from(raw) });
    p += 46 + nameLen + extraLen + commentLen;
  }
  const target = entries.find((e) => e.name === name);
  if (!target) throw new Error(`no ${name} in the zip`);
  target.data = Buffer.from(edit(target.data.toString('utf8')), 'utf8');
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const nameBuf = Buffer.from(e.name, 'utf8');
    const deflated = deflateRawSync(e.data);
    const crc = crc32(e.data);
    const head = Buffer.alloc(30);
    head.writeUInt32LE(0x04034b50, 0);
    head.writeUInt16LE(20, 4);
    head.writeUInt16LE(0x0800, 6);
    head.writeUInt16LE(8, 8);
    head.writeUInt32LE(crc, 14);
    head.writeUInt32LE(deflated.length, 18);
    head.writeUInt32LE(e.data.length, 22);
    head.writeUInt16LE(nameBuf.length, 26);
    locals.push(head, nameBuf, deflated);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(deflated.length, 20);
    central.writeUInt32LE(e.data.length, 24);
    central.writeUInt16LE(nameBuf.length, 28);
    central.writeUInt32LE(offset, 42);
    centrals.push(central, nameBuf);
    offset += 30 + nameBuf.length + deflated.length;
  }
  const centralSize = centrals.reduce((n, b) => n + b.length, 0);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(centralSize, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, ...centrals, end]);
}

/** Text as it must appear inside word/document.xml. */
export function xmlText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}
