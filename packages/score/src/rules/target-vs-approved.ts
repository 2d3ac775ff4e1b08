import { formOwner, parseValue, sameUnit, type Form, type Value } from '@jxaudit/model';
import { fmt, formsOfKinds, indicatorCells, rowName } from '../analysis.ts';
import { equal } from '../tolerance.ts';
import type { ApprovedTargetEntry, Rule } from '../types.ts';

function compact(s: string): string {
  return s.replace(/[\s\u3000\u00a0。.，,]/g, '');
}

/** The approved entry for a form: same unit (its owner first, then its 主管部门), year, kind and project name, where given. */
export function approvedEntryFor(form: Form, entries: ApprovedTargetEntry[]): ApprovedTargetEntry | null {
  return (
    entries.find(
      (e) =>
        (e.kind === null || e.kind === form.kind) &&
        (e.year === null || e.year === form.year) &&
        (e.unit === null || [formOwner(form), form.unit].some((u) => u !== null && sameUnit(e.unit!, u))) &&
        (e.projectName === null || (form.projectName !== null && compact(e.projectName) === compact(form.projectName))),
    ) ?? null
  );
}

function sameTarget(a: Value, b: Value): boolean {
  if (typeof a.value === 'number' && typeof b.value === 'number') {
    return a.kind === b.kind && (a.unit ?? '') === (b.unit ?? '') && (a.comparator ?? '≥') === (b.comparator ?? '≥') && equal(a.value, b.value);
  }
  return compact(a.raw) === compact(b.raw);
}

/** RULES.md §4 B: the indicator set, targets and weights equal the 批复绩效目标 (only when targets are supplied). */
export const targetVsApproved: Rule = {
  meta: {
    id: 'target-vs-approved',
    defaultSeverity: 'error',
    kinds: ['project', 'department-overall'],
    title: { zh: '绩效指标与批复目标不一致', en: 'Indicators differ from the approved targets' },
    description: {
      zh: '自评表的指标、指标值和分值应与批复的绩效目标一致',
      en: 'The indicators, targets and weights equal the approved performance targets',
    },
  },
  check(ctx) {
    if (!ctx.targets) return;
    for (const { ref, form } of formsOfKinds(ctx, this.meta.kinds)) {
      const entry = approvedEntryFor(form, ctx.targets.entries);
      if (!entry) continue;
      const byName = new Map(form.indicators.map((ind) => [compact(ind.name), ind]));
      const approvedNames = new Set(entry.indicators.map((a) => compact(a.name)));
      for (const approved of entry.indicators) {
        const ind = byName.get(compact(approved.name));
        if (!ind) {
          ctx.report({
            form: ref,
            declared: null,
            computed: approved.points,
            message: {
              zh: `批复绩效目标中的指标“${approved.name}”（${approved.target}${approved.points === null ? '' : `，${fmt(approved.points)}分`}）未出现在自评表中`,
              en: `Approved indicator “${approved.name}” (${approved.target}${approved.points === null ? '' : `, ${fmt(approved.points)} points`}) is missing from the form`,
            },
            at: [form.at],
            detail: { change: 'missing', approved },
          });
          continue;
        }
        const printedTarget = ind.target;
        const approvedTarget = parseValue(approved.target);
        if (!sameTarget(printedTarget, approvedTarget)) {
          ctx.report({
            form: ref,
            declared: typeof printedTarget.value === 'number' ? printedTarget.value : null,
            computed: typeof approvedTarget.value === 'number' ? approvedTarget.value : null,
            message: {
              zh: `“${rowName(ind)}”年度指标值填“${printedTarget.raw}”，批复目标为“${approved.target}”`,
              en: `“${rowName(ind)}”: target “${printedTarget.raw}” differs from the approved “${approved.target}”`,
            },
            at: indicatorCells(ind, ['target']),
            detail: { change: 'target', printed: printedTarget.raw, approved: approved.target },
          });
        }
        if (approved.points !== null && ind.points !== null && !equal(approved.points, ind.points)) {
          ctx.report({
            form: ref,
            declared: ind.points,
            computed: approved.points,
            message: {
              zh: `“${rowName(ind)}”分值为${fmt(ind.points)}分，批复为${fmt(approved.points)}分`,
              en: `“${rowName(ind)}”: weight ${fmt(ind.points)} differs from the approved ${fmt(approved.points)}`,
            },
            at: indicatorCells(ind, ['points']),
            detail: { change: 'weight', printed: ind.points, approved: approved.points },
          });
        }
      }
      for (const ind of form.indicators) {
        if (approvedNames.has(compact(ind.name))) continue;
        ctx.report({
          form: ref,
          declared: ind.points,
          computed: null,
          message: {
            zh: `指标“${rowName(ind)}”（${ind.target.raw}）不在批复绩效目标中，属自行增加`,
            en: `Indicator “${rowName(ind)}” (${ind.target.raw}) is not among the approved targets: it was added`,
          },
          at: indicatorCells(ind, ['target', 'points']),
          detail: { change: 'added', target: ind.target.raw, points: ind.points },
        });
      }
    }
  },
};
