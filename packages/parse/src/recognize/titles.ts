import { labelKey, squash } from './text.ts';
import { vocab } from './vocabulary.ts';

export type TitleKind = 'department' | 'project' | 'sichuan';

/** A form title ("部门整体支出绩效自评表", "2023年度部门预算项目支出绩效自评表", "专项资金绩效自评表"). */
export function formTitleKind(text: string): TitleKind | null {
  const key = labelKey(text);
  if (key.length === 0 || key.length > 60) return null;
  if (/[。；]$/.test(key) || /^(详见|见)/.test(key)) return null;
  const v = vocab();
  const bare = key.replace(/\([^()]*\)$/, '');
  if (!v.titleForm.some((w) => bare.endsWith(w))) return null;
  if (v.titleDepartment.some((w) => key.includes(w))) return 'department';
  if (v.titleSichuan.some((w) => key.includes(w))) return 'sichuan';
  return 'project';
}

/** The narrative's title ("2021年度雁峰街道绩效评价报告", "…绩效自评报告"). */
export function isReportTitle(text: string): boolean {
  const key = labelKey(text);
  if (key.length === 0 || key.length > 60) return false;
  if (/[。；，,]/.test(key)) return false;
  return vocab().titleReport.some((w) => key.endsWith(w));
}

/** The year printed in a title or a year line: "（ 2021年度）" → 2021, "2023年度…" → 2023. */
export function yearIn(text: string): number | null {
  const m = /((?:19|20)\d{2})年度?/.exec(squash(text));
  return m ? Number(m[1]) : null;
}

/** A line that is only the year: "（ 2021年度）", "(2023年)". */
export function isYearLine(text: string): boolean {
  return /^\(?(?:19|20)\d{2}年度?\)?$/.test(labelKey(text));
}

/** Paragraphs that only label an attachment ("附件1", "附件2：") — not report content. */
export function isAttachmentLabel(text: string): boolean {
  return /^附件\d*[:：]?$/.test(squash(text));
}
