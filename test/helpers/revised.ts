/**
 * The sample's 修改稿: the project form's 效益指标 header corrected (40 → 35, its rows add up to
 * 35) and one new error (当年财政拨款's rate printed 90% where 418 ÷ 418 is 100%). Lines stay
 * where they were.
 */
export function revisedSample(text: string): string {
  const lines = text.split('\n');
  const header = lines.findIndex((l, i) => i > 400 && l.startsWith('（40分）'));
  lines[header] = lines[header].replace('（40分）', '（35分）');
  const subRow = lines.findIndex((l) => l.includes('当年财政拨款'));
  const rate = lines.findIndex((l, i) => i > subRow && l === '\t100%');
  lines[rate] = '\t90%';
  return lines.join('\n');
}
