import { parseValue, printedDecimals, type Rate, type Value } from '@jxaudit/model';
import { squash, trimAll } from './text.ts';

/** Rounds away binary noise from unit conversions (0.1 + 0.2 style), keeping 10 decimals. */
function tidy(n: number): number {
  return Number(n.toFixed(10));
}

/**
 * A money cell in 万元: "2021.29" under a （万元） header → 2021.29; "10亿元" → 100000.
 * `factor` converts bare numbers from the block's unit (1 for 万元, 1e-4 for 元). Null for "/" or empty.
 */
export function moneyAmount(text: string, factor: number): number | null {
  const v = parseValue(text);
  if (typeof v.value !== 'number') return null;
  if (v.kind === 'amount') return v.value;
  if (v.kind === 'number') return tidy(v.value * factor);
  return null;
}

/** A points or score cell: a plain number, or null for "/", "—" or empty. */
export function plainNumber(text: string): number | null {
  const v = parseValue(text);
  if (v.kind === 'number' && typeof v.value === 'number') return v.value;
  return null;
}

/** A rate cell: "148%" → { raw: "148%", value: 1.48, decimals: 0 }; a bare number is read as a percentage. */
export function rateOf(text: string): Rate | null {
  const v = parseValue(text);
  if (typeof v.value !== 'number') return null;
  if (v.kind === 'percent') {
    return { raw: v.raw, value: v.value, decimals: v.decimals ?? printedDecimals(v.raw) };
  }
  if (v.kind === 'number') {
    return { raw: v.raw, value: tidy(v.value / 100), decimals: v.decimals ?? printedDecimals(v.raw) };
  }
  return null;
}

/** Comparison signs a 指标性质 column may hold. */
// ═ (U+2550, a box-drawing character) is printed as = in some published forms; >= and ＞= as ≥.
const COMPARATOR_CELL = /^(?:[=＝﹦═≥≤>＞<＜≧≦]|[>＞<＜][=＝])$/;
const LEADING_COMPARATOR = /^[=＝﹦═≥≤>＞<＜≧≦]/;
const EMPTY_MARK = /^[/／\\—\-－]*$/;

/**
 * The printed target or actual with the comparator column and the unit column folded in:
 * ("95", comparator "≥", unit "%") → "≥95%". The comparator is folded only when it is a sign and
 * the value has none; the unit only when the value ends with a digit.
 */
export function foldValue(text: string, comparator: string, unit: string): string {
  let raw = trimAll(text);
  if (raw === '') return raw;
  const op = squash(comparator);
  if (COMPARATOR_CELL.test(op) && !LEADING_COMPARATOR.test(raw)) raw = op + raw;
  const u = squash(unit);
  if (u && !EMPTY_MARK.test(u) && /[0-9０-９]$/.test(raw)) raw = raw + u;
  return raw;
}

export function valueOf(raw: string): Value {
  return parseValue(raw);
}

/** Sentences of the template's filling instructions: not reasons. */
const INSTRUCTION =
  /需要?说明(原因|理由)|应当?单独说明|说明理由|[=＝]\s*预算执行数|预算执行率\s*[=＝]|请(填写|说明|据实|简要)|填报说明|填写说明|未达到\d+(\.\d+)?[%％]的/;

/**
 * A reason cell as written, with template instructions removed: "1.预算执行率=预算执行数/调整后预算数，
 * 预算执行率未达到90%的需说明原因。" → "". Whitespace-only cells give "".
 */
export function reasonText(text: string): string {
  const trimmed = trimAll(text);
  if (!trimmed) return '';
  if (!INSTRUCTION.test(trimmed)) return trimmed;
  const pieces = trimmed
    .split(/\n|(?<=[。；;])/)
    .flatMap((s) => s.split(/(?=(?:^|(?<=\D))\d+[.、．](?!\d))/))
    .map((s) => trimAll(s))
    .filter((s) => s !== '');
  return pieces.filter((s) => !INSTRUCTION.test(s)).join('');
}
