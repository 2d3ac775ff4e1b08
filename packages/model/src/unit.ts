import type { Form } from './form.ts';
import { INVISIBLE_CONTROLS } from './invisible.ts';

/*
 * Unit names (预算单位): one normalisation and one matcher for every package. Parse uses them to
 * give a report the unit of its file's tables, score and ingest to group files into submissions
 * and to match approved targets.
 */

/** Whitespace of every kind (NFKC has already turned U+3000 and NBSP into spaces). */
const SPACE = /[\s\u3000\u00a0]+/g;
/** A unit code printed before the name: "123001-某某县某某镇人民政府" (VARIANTS.md). */
const LEADING_CODE = /^(?:[0-9A-Za-z]{6,}[-_—:.、]?|[0-9A-Za-z]{3,5}[-_—:.、])(?=[\u4e00-\u9fff])/;
/** A stamp note after the name: "实施单位（盖章）". */
const STAMP = /\((?:盖章|公章|签章|章)\)$/;

/**
 * The form every comparison of unit names works on: NFKC (full-width letters, digits and
 * brackets → half-width), whitespace (U+3000, NBSP included), zero-width and bidi controls
 * removed, a leading unit code and a trailing stamp note dropped.
 */
export function unitKey(name: string): string {
  return name.normalize('NFKC').replace(INVISIBLE_CONTROLS, '').replace(SPACE, '').replace(STAMP, '').replace(LEADING_CODE, '');
}

/** Administrative divisions that may prefix a unit's name: 湖南省 衡阳市 雁峰区 …(not 街道/乡/镇: those are units). */
const DIVISION = /^[\u4e00-\u9fff]{1,12}?(?:自治区|自治州|自治县|特别行政区|地区|新区|省|市|州|盟|区|县|旗)/;
/** What follows a short name in the full official one: 雁峰街道 → 雁峰街道办事处, 某某镇 → 某某镇人民政府. */
const OFFICE_SUFFIX = /(?:办事处|人民政府|政府)$/;
const ONLY_OFFICE_SUFFIX = /^(?:办事处|人民政府|政府)$/;

/** Strips a chain of leading divisions, keeping at least the last one ("衡阳市雁峰区" → "雁峰区"). */
function stripDivisions(key: string): string {
  let rest = key;
  for (;;) {
    const m = DIVISION.exec(rest);
    if (!m || m[0].length === rest.length) return rest;
    rest = rest.slice(m[0].length);
  }
}

function isDivisionChain(text: string): boolean {
  let rest = text;
  while (rest) {
    const m = DIVISION.exec(rest);
    if (!m) return false;
    rest = rest.slice(m[0].length);
  }
  return true;
}

/**
 * A coarse key: every name of one unit maps to it (雁峰街道, 雁峰区雁峰街道办事处 and
 * 衡阳市雁峰区雁峰街道办事处 → 雁峰街道), and two names that `sameUnit` matches always share it.
 * Names sharing it are not necessarily the same unit (雁峰区财政局 and 珠晖区财政局 → 财政局):
 * it decides which files may belong together (the queue's scoring key), `sameUnit` decides.
 */
export function unitBucket(name: string): string {
  const key = unitKey(name);
  const bare = key.replace(OFFICE_SUFFIX, '') || key;
  return stripDivisions(bare);
}

/**
 * Whether two names denote the same unit: equal after `unitKey`, or the longer is the shorter
 * with administrative divisions before it and an office suffix after it
 * (雁峰街道 ≡ 雁峰区雁峰街道办事处; 财政局 ≡ 雁峰区财政局; 某某镇 ≡ 某某县某某镇人民政府).
 *
 * A division does not match the units inside it: 雁峰区 ≢ 雁峰区雁峰街道办事处. The district's
 * own forms (区政府, 区财政局) are another budget unit than a street office of the district;
 * joining them would check the office's project forms against the district's department budget.
 */
export function sameUnit(a: string, b: string): boolean {
  const x = unitKey(a);
  const y = unitKey(b);
  if (!x || !y) return false;
  if (x === y) return true;
  if (unitBucket(x) !== unitBucket(y)) return false;
  const [short, long] = x.length <= y.length ? [x, y] : [y, x];
  for (let at = long.indexOf(short); at >= 0; at = long.indexOf(short, at + 1)) {
    const before = long.slice(0, at);
    const after = long.slice(at + short.length);
    if ((before === '' || isDivisionChain(before)) && (after === '' || ONLY_OFFICE_SUFFIX.test(after))) return true;
  }
  return false;
}

/** The fuller of two names of one unit (雁峰区雁峰街道办事处 over 雁峰街道): the longer key. */
export function fullerUnitName(a: string, b: string): string {
  return unitKey(b).length > unitKey(a).length ? b : a;
}

/** Cells that name no organisation: left blank, a dash, or a collective ("所属社区", "各村", "本单位"). */
const NOT_AN_ORGANISATION = /^(?:[-—－/／\\、无空略]*|(?:所属|各|本|下属|相关|有关|其他|全体|辖区|辖内|各级).*)$/;

/** Whether a 实施单位 cell names an organisation (a school, a bureau) rather than a collective ("所属社区"). */
export function namesOrganisation(name: string | null | undefined): boolean {
  if (!name) return false;
  const key = unitKey(name);
  return key.length >= 2 && !NOT_AN_ORGANISATION.test(key);
}

/**
 * The unit a form belongs to (VARIANTS.md): a project form belongs to its 实施单位 when that
 * names an organisation (a school's form filed by the education bureau belongs to the school),
 * else to its 主管部门; other forms to their unit.
 */
export function formOwner(form: Pick<Form, 'kind' | 'unit' | 'implementer'>): string | null {
  if (form.kind === 'project' && namesOrganisation(form.implementer)) return form.implementer;
  return form.unit && unitKey(form.unit) ? form.unit : null;
}

/**
 * The subject a report names in its title: "2021年度雁峰街道绩效评价报告" → "雁峰街道",
 * "关于某某县政协2021年度部门整体支出绩效评价报告" → "某某县政协". Null when the title names none.
 */
export function unitInTitle(title: string): string | null {
  // Not NFKC: the subject is kept as printed (it becomes the report's unit).
  const s = title
    .replace(/\[bookmark:[^\]]*\]/g, '')
    .replace(INVISIBLE_CONTROLS, '')
    .replace(SPACE, '')
    .replace(/^关于/, '')
    .replace(/^[(（]?(?:19|20)\d{2}年度?[)）]?/, '')
    .replace(/(部门|机关)?(整体)?(项目)?(支出)?(预算)?(绩效)?(单位)?(自评|评价)(工作)?的?报告$/, '')
    .replace(/的$/, '')
    .replace(/^[(（]?(?:19|20)\d{2}年度?[)）]?/, '')
    .replace(/[(（]?(?:19|20)\d{2}年度?[)）]?$/, '');
  return s ? s : null;
}
