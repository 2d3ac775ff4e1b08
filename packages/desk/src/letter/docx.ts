import { AlignmentType, Document, HeadingLevel, Packer, Paragraph, TextRun, type IRunOptions } from 'docx';
import type { LetterContent } from './model.ts';

/*
 * The 审核意见书 as a Word document (the docx library): A4, 仿宋 body, 黑体 headings, the
 * signature block at the end. Opens in Word, WPS and LibreOffice.
 */

const BODY_FONT = { ascii: 'FangSong', hAnsi: 'FangSong', eastAsia: '仿宋', cs: 'FangSong' };
const TITLE_FONT = { ascii: 'SimHei', hAnsi: 'SimHei', eastAsia: '黑体', cs: 'SimHei' };
const SIZE = 32; // 三号 (16 pt) in half-points
const SMALL = 28; // 四号

function run(text: string, options: IRunOptions = {}): TextRun {
  return new TextRun({ text, font: BODY_FONT, size: SIZE, ...options });
}

function para(children: TextRun[], options: { indent?: boolean; align?: (typeof AlignmentType)[keyof typeof AlignmentType]; before?: number; after?: number } = {}): Paragraph {
  return new Paragraph({
    children,
    alignment: options.align,
    indent: options.indent ? { firstLine: 640 } : undefined,
    spacing: { before: options.before ?? 0, after: options.after ?? 0, line: 560, lineRule: 'exact' as never },
  });
}

export async function renderLetterDocx(letter: LetterContent): Promise<Buffer> {
  const children: Paragraph[] = [
    new Paragraph({
      heading: HeadingLevel.TITLE,
      alignment: AlignmentType.CENTER,
      spacing: { after: 400 },
      children: [new TextRun({ text: letter.title, font: TITLE_FONT, size: 40, bold: true })],
    }),
    para([run(letter.addressee)]),
    para([run(letter.opening)], { indent: true }),
  ];
  if (letter.fixedCount) children.push(para([run(`上一稿已确认的问题中有 ${letter.fixedCount} 个已整改，不再列出。`)], { indent: true }));
  const heads = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十', '十一', '十二', '十三', '十四', '十五', '十六', '十七', '十八', '十九', '二十'];
  letter.sections.forEach((s, i) => {
    children.push(
      new Paragraph({
        indent: { firstLine: 640 },
        spacing: { before: 120, line: 560, lineRule: 'exact' as never },
        children: [new TextRun({ text: `${heads[i] ?? String(i + 1)}、${s.title}（${s.problems.length} 个）`, font: TITLE_FONT, size: SIZE })],
      }),
    );
    for (const p of s.problems) {
      children.push(para([run(`${p.n}. ${p.message}${p.stillOpen ? '（上一稿已指出，仍未整改）' : ''}`)], { indent: true }));
      const facts = [p.figures, p.where ? `位置：${p.where}` : null].filter(Boolean).join('；');
      if (facts) children.push(para([run(facts, { size: SMALL })], { indent: true }));
    }
    children.push(para([run('整改要求：', { bold: true }), run(s.remedy)], { indent: true }));
  });
  if (letter.pending.length) {
    children.push(
      new Paragraph({
        indent: { firstLine: 640 },
        spacing: { before: 120, line: 560, lineRule: 'exact' as never },
        children: [new TextRun({ text: `${heads[letter.sections.length] ?? ''}、需补充材料或说明的事项（${letter.pending.length} 个）`, font: TITLE_FONT, size: SIZE })],
      }),
    );
    for (const p of letter.pending) {
      children.push(para([run(`${p.n}. ${p.message}`)], { indent: true }));
      if (p.where) children.push(para([run(`位置：${p.where}`, { size: SMALL })], { indent: true }));
    }
  }
  children.push(para([run(letter.closing)], { indent: true, before: 120 }));
  if (letter.sections.length || letter.pending.length) children.push(para([run(`整改期限：${letter.deadline}`)], { indent: true }));
  children.push(para([run(`审核人：${letter.reviewer}`)], { align: AlignmentType.RIGHT, before: 600 }));
  children.push(para([run('签字：＿＿＿＿＿＿＿＿')], { align: AlignmentType.RIGHT }));
  children.push(para([run(letter.office)], { align: AlignmentType.RIGHT, before: 240 }));
  children.push(para([run('（盖章）')], { align: AlignmentType.RIGHT }));
  children.push(para([run(letter.date)], { align: AlignmentType.RIGHT }));
  const doc = new Document({
    creator: letter.office,
    title: letter.title,
    styles: { default: { document: { run: { font: BODY_FONT, size: SIZE } } } },
    sections: [
      {
        properties: { page: { size: { width: 11906, height: 16838 }, margin: { top: 2098, bottom: 1984, left: 1588, right: 1474 } } },
        children,
      },
    ],
  });
  return Packer.toBuffer(doc);
}
