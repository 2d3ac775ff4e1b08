import type { Form, Indicator, Location, Value } from '@jxaudit/model';
import {
  formsOfKind,
  intervalsMeet,
  longestSharedSubstring,
  normalizeName,
  valueInterval,
  type FormEntry,
} from '../narrative-helpers.ts';
import type { Rule } from '../types.ts';

/** A shared stretch shorter than this never links a sentence to an indicator. */
const MIN_SHARED = 4;
/** …and it must make up this share of the sentence's own label, so that "规模以上服务业经营额" is not "规模以上工业生产值". */
const MIN_SHARE_OF_CONTEXT = 0.6;

/** Words around a figure that say nothing about what it measures. */
const FILLER = /^\d{4}年度?|其中|全年|累计|共计|共|完成|达到|实现|已经|已|为|了|我街道|街道|本年度|本年|今年/g;
/** A figure in such a clause is a plan or a comparison, not the year's result. */
const NOT_AN_ACTUAL = /目标|计划|预计|预期|力争|上年|去年|同比|比上年|任务数/;

/** A figure stated in the report, with the label it is stated under. */
interface Mention {
  label: string;
  value: Value;
  at: Location;
}

function mentions(report: Form): Mention[] {
  const out: Mention[] = report.quantities.map((q) => ({ label: q.context, value: q.value, at: q.at }));
  for (const f of report.facts) {
    if (f.key !== 'indicator.actual') continue;
    // Facts keep percentages as printed numbers; Values hold them as fractions.
    const value: Value = {
      raw: f.raw,
      kind: f.unit === '%' ? 'percent' : f.unit === '万元' ? 'amount' : 'number',
      value: f.unit === '%' ? f.value / 100 : f.value,
      unit: f.unit,
      comparator: null,
      approx: f.approx,
      tier: null,
      decimals: f.decimals,
      range: null,
    };
    out.push({ label: f.label, value, at: f.at });
  }
  return out;
}

function quantitative(v: Value): boolean {
  return (v.kind === 'amount' || v.kind === 'percent' || v.kind === 'number') && typeof v.value === 'number';
}

function sameMeasure(a: Value, b: Value): boolean {
  if (a.kind !== b.kind) return false;
  return a.kind === 'number' ? a.unit !== null && a.unit === b.unit : true;
}

/** A report label without its filler words: what is matched against indicator names. */
function labelCore(label: string): string {
  return normalizeName(label).replace(FILLER, '');
}

/** How well a label's core names an indicator (normalised): the length of the shared stretch, or 0 when it is too weak. */
function matchStrength(core: string, name: string): number {
  if (core.length < MIN_SHARED) return 0;
  const shared = longestSharedSubstring(core, name);
  return shared.length >= MIN_SHARED && shared.length >= MIN_SHARE_OF_CONTEXT * core.length ? shared.length : 0;
}

interface Candidate {
  table: FormEntry;
  indicator: Indicator;
  /** The indicator's name, normalised once. */
  name: string;
}

/**
 * The candidates by every stretch of MIN_SHARED characters of their name: a label can only match
 * the indicators it shares such a stretch with, so each mention is compared with those alone
 * (not with every indicator).
 */
function indexByStretch(candidates: Candidate[]): Map<string, Candidate[]> {
  const index = new Map<string, Candidate[]>();
  for (const c of candidates) {
    const seen = new Set<string>();
    for (let i = 0; i + MIN_SHARED <= c.name.length; i++) {
      const piece = c.name.slice(i, i + MIN_SHARED);
      if (seen.has(piece)) continue;
      seen.add(piece);
      const list = index.get(piece);
      if (list) list.push(c);
      else index.set(piece, [c]);
    }
  }
  return index;
}

/** The candidates sharing at least one stretch of MIN_SHARED characters with `core`, in candidate order. */
function candidatesFor(core: string, index: Map<string, Candidate[]>, order: Map<Candidate, number>): Candidate[] {
  const found = new Set<Candidate>();
  for (let i = 0; i + MIN_SHARED <= core.length; i++) for (const c of index.get(core.slice(i, i + MIN_SHARED)) ?? []) found.add(c);
  return [...found].sort((a, b) => order.get(a)! - order.get(b)!);
}

function sameFigure(a: Value, b: Value): boolean {
  const x = valueInterval(a);
  const y = valueInterval(b);
  return x !== null && y !== null && intervalsMeet(x, y);
}

export const narrTableIndicatorMatch: Rule = {
  meta: {
    id: 'narr-table-indicator-match',
    defaultSeverity: 'warning',
    kinds: ['department-overall', 'project', 'report'],
    title: { zh: '报告与指标完成值不一致', en: 'Report and indicator actual differ' },
    description: {
      zh: '报告所述某指标的完成值（同名同单位）与自评表“实际完成值”不一致，超出所印精度',
      en: "A value the report states for a table indicator (same name and unit) differs from the table's actual beyond the printed precision",
    },
  },
  check(ctx) {
    const tables = [...formsOfKind(ctx, 'department-overall'), ...formsOfKind(ctx, 'project')];
    const candidates: Candidate[] = tables.flatMap((table) =>
      table.form.indicators
        .filter((i) => quantitative(i.actual) && !i.actual.approx)
        .map((indicator) => ({ table, indicator, name: normalizeName(indicator.name) })),
    );
    if (candidates.length === 0) return;
    const index = indexByStretch(candidates);
    const order = new Map(candidates.map((c, i) => [c, i]));

    // For each indicator, the report mentions that name it best.
    const byIndicator = new Map<Candidate, Mention[]>();
    for (const report of formsOfKind(ctx, 'report')) {
      for (const mention of mentions(report.form)) {
        if (!quantitative(mention.value) || mention.value.approx || NOT_AN_ACTUAL.test(mention.label)) continue;
        const core = labelCore(mention.label);
        if (core.length < MIN_SHARED) continue;
        const scored = candidatesFor(core, index, order)
          .filter((c) => sameMeasure(mention.value, c.indicator.actual))
          .map((c) => ({ c, strength: matchStrength(core, c.name) }))
          .filter((s) => s.strength > 0);
        const best = Math.max(0, ...scored.map((s) => s.strength));
        for (const s of scored) {
          if (s.strength !== best) continue;
          byIndicator.set(s.c, [...(byIndicator.get(s.c) ?? []), mention]);
        }
      }
    }

    for (const [{ table, indicator }, said] of byIndicator) {
      // One agreeing mention settles it; a mention of the target is the plan, not the result.
      if (said.some((m) => sameFigure(m.value, indicator.actual) || sameFigure(m.value, indicator.target))) continue;
      const first = said[0]!;
      ctx.report({
        form: table.ref,
        message: {
          zh: `指标“${indicator.name}”实际完成值为${indicator.actual.raw}，而报告称${first.label}${first.value.raw}`,
          en: `Indicator "${indicator.name}": the table's actual is ${indicator.actual.raw}, the report says ${first.label} ${first.value.raw}`,
        },
        declared: first.value.value as number,
        computed: indicator.actual.value as number,
        at: [indicator.cells.actual ?? indicator.at, ...said.map((m) => m.at)],
        detail: {
          indicator: indicator.name,
          actual: indicator.actual.raw,
          reportFigures: said.map((m) => ({ label: m.label, raw: m.value.raw })),
          matching: `report label shares ≥ ${MIN_SHARED} characters (≥ ${MIN_SHARE_OF_CONTEXT * 100}% of the label) with the indicator name, same kind and unit`,
          tolerance: 'equal when the printed intervals (± half a unit of the last digit, in the printed unit) meet',
        },
      });
    }
  },
};
