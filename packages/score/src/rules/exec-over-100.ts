import type { Form } from '@jxaudit/model';
import { effectiveRate, fmt, fmtPercent, formsOfKinds, fundParts, fundTotal, locs, rateDenominator } from '../analysis.ts';
import { equal, rational } from '../tolerance.ts';
import type { Rule, RuleContext } from '../types.ts';

const GENERIC_REASON = /预算编制与实际(支出|执行)?存在差异|预算编制.{0,6}(存在|有)差异|与实际.{0,4}存在差异/;
const SPECIFIC_REASON = /追加|调增|调整预算|超(支|预算|出预算)的?原因|上级(追加|下达)/;

/** Sentences of the submission's narrative reports that speak to the budget/actual gap. */
function narrativeReason(ctx: RuleContext): { generic: string | null; specific: string | null; searched: boolean } {
  const reports: Form[] = ctx.forms().filter((f) => f.form.kind === 'report').map((f) => f.form);
  const sentences = new Set<string>();
  for (const r of reports) {
    for (const f of r.facts) sentences.add(f.at.text);
    for (const q of r.quantities) sentences.add(q.at.text);
    for (const g of [...r.goals.expected, ...r.goals.actual]) sentences.add(g);
    for (const s of r.sentences ?? []) sentences.add(s.text);
  }
  let generic: string | null = null;
  let specific: string | null = null;
  for (const s of sentences) {
    if (!generic && GENERIC_REASON.test(s)) generic = s;
    if (!specific && SPECIFIC_REASON.test(s)) specific = s;
  }
  return { generic, specific, searched: reports.length > 0 };
}

/** RULES.md §4 A: the total row executed more than its budget (one finding per form). */
export const execOver100: Rule = {
  meta: {
    id: 'exec-over-100',
    defaultSeverity: 'warning',
    kinds: ['project', 'department-overall'],
    title: { zh: '执行数超过预算数', en: 'Execution above budget' },
    description: {
      zh: '年度资金总额执行率超过100%：给出超出金额、未调整的全年预算数及报告中的原因说明',
      en: 'The total row’s execution rate exceeds 100%: the excess, an unadjusted full-year budget, and what the narrative says',
    },
  },
  check(ctx) {
    const params = ctx.profile.params;
    for (const { ref, form } of formsOfKinds(ctx, this.meta.kinds)) {
      const row = fundTotal(form);
      if (!row) continue;
      const rate = effectiveRate(row, params);
      if (!rate || rational.cmp(rate, 1) <= 0) continue;
      const den = rateDenominator(row, params);
      const excess = row.executed !== null && den !== null ? rational.toNumber(rational.sub(row.executed, den)) : null;
      const rateText = row.rate?.raw ?? fmtPercent(rate);
      const subRows = fundParts(form)
        .map((p) => ({ row: p, rate: effectiveRate(p, params), den: rateDenominator(p, params) }))
        .filter((p) => p.rate && rational.cmp(p.rate, 1) > 0)
        .map((p) => ({
          label: p.row.label,
          budget: p.den,
          executed: p.row.executed,
          excess: p.row.executed !== null && p.den !== null ? rational.toNumber(rational.sub(p.row.executed, p.den)) : null,
          rate: p.row.rate?.raw ?? fmtPercent(p.rate!),
          at: p.row.cells.executed ?? p.row.at,
        }));
      const notAdjusted = row.budgetFull !== null && row.budgetInitial !== null && equal(row.budgetFull, row.budgetInitial);
      const narrative = narrativeReason(ctx);

      // Without both figures only the printed rate speaks: never write a missing figure as 0.
      const zh: string[] =
        excess === null
          ? [`“${row.label}”执行率印为${rateText}，超过100%（${row.executed === null ? '全年执行数' : '预算数'}未填，无法复核超出金额）`]
          : [`“${row.label}”全年执行数${fmt(row.executed as number)}万元超过预算数${fmt(den as number)}万元（超出${fmt(excess)}万元，执行率${rateText}）`];
      const en: string[] =
        excess === null
          ? [`${row.label}: the printed rate ${rateText} exceeds 100% (${row.executed === null ? 'executed' : 'budget'} figure missing: the excess cannot be checked)`]
          : [`${row.label}: executed ${fmt(row.executed as number)} exceeds the budget ${fmt(den as number)} by ${fmt(excess)} (rate ${rateText})`];
      if (subRows.length > 0) {
        const all = excess !== null && subRows.length === 1 && subRows[0].excess !== null && Math.abs(subRows[0].excess - excess) < 1e-9;
        zh.push(`${all ? '超出部分全部在' : '超支分项：'}${subRows.map((s) => `${s.label}（${fmt(s.executed ?? 0)}对${s.budget === null ? '—' : fmt(s.budget)}，${s.rate}）`).join('、')}`);
        en.push(`${all ? 'all of the excess is in' : 'sub-rows over budget:'} ${subRows.map((s) => `${s.label} (${fmt(s.executed ?? 0)} vs ${s.budget === null ? '—' : fmt(s.budget)}, ${s.rate})`).join(', ')}`);
      }
      if (notAdjusted) {
        zh.push('全年预算数等于年初预算数，全年预算数未随追加调整');
        en.push('the full-year budget equals the initial budget: it was not adjusted for 追加 (additional appropriations)');
      }
      if (narrative.generic && !narrative.specific) {
        zh.push(`报告仅笼统说明“${narrative.generic}”`);
        en.push(`the narrative only gives a generic reason: “${narrative.generic}”`);
      }
      ctx.report({
        form: ref,
        declared: null,
        computed: null,
        message: { zh: zh.join('；'), en: en.join('; ') },
        at: locs(row.cells.executed ?? row.at, row.cells.budgetFull, row.cells.rate, ...subRows.map((s) => s.at)),
        detail: {
          excess,
          rate: rational.toNumber(rate),
          subRows: subRows.map(({ at: _at, ...s }) => s),
          fullEqualsInitial: notAdjusted,
          narrativeReason: narrative.specific ?? narrative.generic,
          narrativeReasonGeneric: narrative.generic !== null && narrative.specific === null,
          note: narrative.generic || narrative.specific
            ? undefined
            : narrative.searched
              ? 'no sentence of the narrative that was read explains the excess; check the report text for a reason such as 预算编制与实际支出存在差异'
              : 'no narrative report in this submission',
        },
      });
    }
  },
};
