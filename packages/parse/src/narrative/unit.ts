/*
 * The unit a narrative report is about, when its title does not name it (VARIANTS.md "Narrative
 * reports"): a 单位名称 line ("单位名称：某某县政协"), else the first sentence that says what the unit
 * is ("某某县政协是…的职能部门", "某某中心系…的公益一类事业单位"). Pure.
 */

/** Paragraphs read before giving up: the unit is named near the top. */
const HEAD = 12;

const LABEL_LINE = /^(?:单位名称|预算单位名称|部门名称|预算部门名称|预算部门、单位名称|单位|部门)[:：]\s*([^，。；,;]{2,40})$/;
const WHAT_IT_IS = /^(?:[一二三四五六七八九十]+、|[(（][一二三四五六七八九十]+[)）]|\d+[.．、])?\s*(?:基本情况[:：]?)?([\u4e00-\u9fff\d（）()·-]{2,30}?)(?:是|系|为|作为)[^。；]{0,60}?(?:职能部门|工作部门|组成部门|行政机关|派出机关|事业单位|直属机构|办事机构|群众团体|人民团体|政府部门|机构|机关)/;
const NOT_A_NAME = /^(本单位|我单位|本部门|我部门|本局|我局|本中心|我中心|该单位|单位|部门|机关)$/;

export function narrativeUnit(paragraphs: { text: string }[]): string | null {
  const head = paragraphs.slice(0, HEAD).map((p) => p.text.replace(/[\s\u3000]+/g, ''));
  for (const text of head) {
    const m = LABEL_LINE.exec(text);
    if (m && !NOT_A_NAME.test(m[1]!)) return m[1]!;
  }
  for (const text of head) {
    const m = WHAT_IT_IS.exec(text);
    if (m && !NOT_A_NAME.test(m[1]!)) return m[1]!;
  }
  return null;
}
