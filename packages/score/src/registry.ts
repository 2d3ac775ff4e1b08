import type { Rule } from './types.ts';
import { narrativeRules } from './rules/narrative-index.ts';
import { fundSubrowsSum } from './rules/fund-subrows-sum.ts';
import { incomeBreakdownSum } from './rules/income-breakdown-sum.ts';
import { spendBreakdownSum } from './rules/spend-breakdown-sum.ts';
import { execRateRecompute } from './rules/exec-rate-recompute.ts';
import { execScoreRecompute } from './rules/exec-score-recompute.ts';
import { execSubrowScored } from './rules/exec-subrow-scored.ts';
import { execOver100 } from './rules/exec-over-100.ts';
import { execBelowThreshold } from './rules/exec-below-threshold.ts';
import { budgetAdjustmentUnexplained } from './rules/budget-adjustment-unexplained.ts';
import { level1WeightSum } from './rules/level1-weight-sum.ts';
import { weightTotal } from './rules/weight-total.ts';
import { level1WeightsNondefault } from './rules/level1-weights-nondefault.ts';
import { scoreRange } from './rules/score-range.ts';
import { quantScoreRecompute } from './rules/quant-score-recompute.ts';
import { fullScoreWithoutAchievementRule } from './rules/full-score-without-achievement.ts';
import { qualScoreTier } from './rules/qual-score-tier.ts';
import { deviationReasonMissing } from './rules/deviation-reason-missing.ts';
import { deductionWithoutReason } from './rules/deduction-without-reason.ts';
import { overachievementUnexplained } from './rules/overachievement-unexplained.ts';
import { actualNotComparable } from './rules/actual-not-comparable.ts';
import { totalScoreSum } from './rules/total-score-sum.ts';
import { targetVsApproved } from './rules/target-vs-approved.ts';
import { formIncomplete } from './rules/form-incomplete.ts';
import { typedTotal } from './rules/typed-total.ts';
import { formulaStale } from './rules/formula-stale.ts';
import { formulaRangeGap } from './rules/formula-range-gap.ts';

/** Money-block and indicator-block rules (RULES.md §4 A, B), in catalog order. */
export const tableRules: Rule[] = [
  fundSubrowsSum,
  incomeBreakdownSum,
  spendBreakdownSum,
  execRateRecompute,
  execScoreRecompute,
  execSubrowScored,
  execOver100,
  execBelowThreshold,
  budgetAdjustmentUnexplained,
  level1WeightSum,
  weightTotal,
  level1WeightsNondefault,
  scoreRange,
  quantScoreRecompute,
  fullScoreWithoutAchievementRule,
  qualScoreTier,
  deviationReasonMissing,
  deductionWithoutReason,
  overachievementUnexplained,
  actualNotComparable,
  totalScoreSum,
  targetVsApproved,
  formIncomplete,
];

/** Excel's own evidence: rules on the formulas and cached values of forms read from a workbook. */
export const workbookRules: Rule[] = [typedTotal, formulaStale, formulaRangeGap];

/** Every rule of the catalog, in catalog order. */
export const allRules: Rule[] = [...tableRules, ...narrativeRules, ...workbookRules];

export function ruleById(id: string): Rule | undefined {
  return allRules.find((r) => r.meta.id === id);
}
