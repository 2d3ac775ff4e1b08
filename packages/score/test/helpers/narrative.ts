import { location, parseValue, type Fact, type FactKey, type Form, type Location } from '@jxaudit/model';
import { FILE, reportForm } from './forms.ts';

/** A sentence of the sample narrative at its line of yanfeng-2021.txt. */
export const sentence = (line: number, text: string): Location => location({ file: FILE, line, paragraph: line - 515, text });

/** A narrative fact as the extractor gives it: money in 万元, percentages and counts as printed, printed decimals kept. */
export function fact(key: FactKey, label: string, raw: string, at: Location, extra: Partial<Fact> = {}): Fact {
  const v = parseValue(raw);
  return {
    key, label, raw, at,
    value: v.kind === 'percent' ? Number(/[\d.]+/.exec(raw)![0]) : (v.value as number),
    unit: v.unit,
    approx: v.approx,
    decimals: v.decimals ?? 0,
    group: null,
    ...extra,
  };
}

/** A report form holding only `facts` filled in. */
export function report(facts: Fact[]): Form {
  return { ...reportForm(), facts };
}
