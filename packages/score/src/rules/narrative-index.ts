import type { Rule } from '../types.ts';
import { execBasisMismatch } from './exec-basis-mismatch.ts';
import { narrQizhongSum } from './narr-qizhong-sum.ts';
import { narrYoyRecompute } from './narr-yoy-recompute.ts';
import { narrRatioRecompute } from './narr-ratio-recompute.ts';
import { narrRatioIntegerBase } from './narr-ratio-integer-base.ts';
import { sanggongSum } from './sanggong-sum.ts';
import { malformedQuantity } from './malformed-quantity.ts';
import { narrTableAmountMatch } from './narr-table-amount-match.ts';
import { deptProjectLink } from './dept-project-link.ts';
import { narrTableIndicatorMatch } from './narr-table-indicator-match.ts';
import { narrCountList } from './narr-count-list.ts';

/** Report-vs-table rules (RULES.md §4 C) and exec-basis-mismatch (§4 A), in catalog order. */
export const narrativeRules: Rule[] = [
  execBasisMismatch,
  narrQizhongSum,
  narrYoyRecompute,
  narrRatioRecompute,
  narrRatioIntegerBase,
  narrTableAmountMatch,
  narrTableIndicatorMatch,
  deptProjectLink,
  sanggongSum,
  malformedQuantity,
  narrCountList,
];
