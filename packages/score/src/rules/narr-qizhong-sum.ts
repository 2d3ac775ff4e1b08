import type { Fact, FactKey, Severity } from '@jxaudit/model';
import {
  above,
  below,
  decimalsInWan,
  distinctLocations,
  factHalfUnit,
  factInterval,
  figureText,
  fixed,
  formsOfKind,
  countUnitsCompatible,
} from '../narrative-helpers.ts';
import { rational, sumIntervals } from '../tolerance.ts';
import type { Rule } from '../types.ts';

/** The concept family of a key: "income.budget.total" → "income.budget", "staff.part" → "staff". */
function family(key: FactKey): string {
  return key.replace(/\.(total|part|actual|authorized)$/, '');
}

function isPart(key: FactKey): boolean {
  return key.endsWith('.part');
}

interface Breakdown {
  total: Fact;
  parts: Fact[];
  /** The wording (or the classification itself) claims the parts are the whole. */
  complete: boolean;
}

/**
 * Every fact with parts of its own family (lists nest: 实有人员 41 ← 在职人员 41 ← 23 + 18), plus
 * 基本支出 + 项目支出 as the complete split of 支出决算. 三公 has its own rule (sanggong-sum).
 */
function breakdowns(facts: Fact[]): Breakdown[] {
  const out: Breakdown[] = [];
  facts.forEach((total, index) => {
    if (total.key.startsWith('sanggong.') || !/\.(total|part|actual|authorized)$/.test(total.key)) return;
    const parts = facts.filter((f) => f.group === index && isPart(f.key) && family(f.key) === family(total.key));
    if (parts.length > 0) out.push({ total, parts, complete: total.completeList === true });
  });
  const expenseTotals = facts.map((f, i) => [f, i] as const).filter(([f]) => f.key === 'expense.final.total');
  if (expenseTotals.length > 0) {
    const [total, index] = expenseTotals[0]!;
    const belongs = (f: Fact) => f.group === index || (f.group === null && expenseTotals.length === 1);
    const basic = facts.filter((f) => f.key === 'expense.final.basic' && belongs(f));
    const project = facts.filter((f) => f.key === 'expense.final.project' && belongs(f));
    if (basic.length === 1 && project.length === 1) out.push({ total, parts: [basic[0]!, project[0]!], complete: true });
  }
  return out;
}

function sameUnit(b: Breakdown): boolean {
  const first = b.parts[0]!.unit;
  return b.parts.every((p) => p.unit === first) && countUnitsCompatible(b.total.unit, first);
}

export const narrQizhongSum: Rule = {
  meta: {
    id: 'narr-qizhong-sum',
    defaultSeverity: 'error',
    kinds: ['report'],
    title: { zh: '报告“其中”分项合计', en: 'Report breakdown sums' },
    description: {
      zh: '报告中“总X N，其中a、b…”的分项之和不得超过总数；声称完整列举时应等于总数',
      en: 'In "total N, of which a, b…" the parts must not exceed the total, and must equal it when the list claims to be complete',
    },
  },
  check(ctx) {
    for (const { ref, form } of formsOfKind(ctx, 'report')) {
      for (const b of breakdowns(form.facts)) {
        if (!sameUnit(b)) continue;
        const { total, parts } = b;
        const totalI = factInterval(total);
        const partsI = sumIntervals(parts.map(factInterval));
        const approximate = total.approx || parts.some((p) => p.approx);
        const over = above(partsI, totalI);
        const under = parts.length >= 2 && below(partsI, totalI);
        if (!over && !under) continue;

        let severity: Severity;
        if (approximate) severity = 'info';
        else if (over) severity = 'error';
        else severity = b.complete ? 'warning' : 'info';

        const sum = rational.sum(parts.map((p) => p.value));
        const decimals = Math.max(...[total, ...parts].map(decimalsInWan));
        const unit = total.unit;
        const sumText = figureText(sum, decimals, unit);
        const termsText = parts.map((p) => fixed(p.value, decimalsInWan(p))).join(' + ');
        const remainder = rational.sub(total.value, sum);
        const share = rational.cmp(total.value, 0) > 0 ? rational.div(remainder, total.value) : null;
        const shareText = share ? `${fixed(rational.mul(share, 100), 1)}%` : '—';
        const tolerance = [total, ...parts].reduce((acc, f) => acc + factHalfUnit(f), 0);

        let message: { zh: string; en: string };
        if (over) {
          message = {
            zh: `${total.label}${total.raw}，其中所列分项合计${sumText}（${termsText}），超过总数${figureText(rational.sub(sum, total.value), decimals, unit)}`,
            en: `${total.label} ${total.raw}: its parts add up to ${sumText} (${termsText}), ${figureText(rational.sub(sum, total.value), decimals, unit)} more than the total`,
          };
        } else if (severity === 'warning') {
          message = {
            zh: `${total.label}${total.raw}，所列分项合计${sumText}（${termsText}），比总数少${figureText(remainder, decimals, unit)}（${shareText}），而表述为完整列举`,
            en: `${total.label} ${total.raw}: the list claims to be complete but adds up to ${sumText} (${termsText}), ${figureText(remainder, decimals, unit)} (${shareText}) short`,
          };
        } else {
          message = {
            zh: `${total.label}${total.raw}，其中所列分项合计${sumText}（${termsText}），尚有${figureText(remainder, decimals, unit)}（${shareText}）未列明`,
            en: `${total.label} ${total.raw}: the listed parts add up to ${sumText} (${termsText}); ${figureText(remainder, decimals, unit)} (${shareText}) is not itemised`,
          };
        }
        if (approximate) {
          message = {
            zh: `${message.zh}（含约数，仅供核对）`,
            en: `${message.en} (approximate figures: for review only)`,
          };
        }

        ctx.report({
          severity,
          form: ref,
          message,
          declared: total.value,
          computed: rational.toNumber(sum),
          at: distinctLocations([total.at, ...parts.map((p) => p.at)]),
          detail: {
            total: { label: total.label, raw: total.raw, value: total.value },
            terms: parts.map((p) => ({ label: p.label, raw: p.raw, value: p.value })),
            formula: 'total = Σ parts',
            tolerance,
            direction: over ? 'over' : 'under',
            completeList: b.complete,
            approximate,
            remainder: over ? null : rational.toNumber(remainder),
            remainderShare: over || !share ? null : rational.toNumber(share),
          },
        });
      }
    }
  },
};
