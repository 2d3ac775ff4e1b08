import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { allRules, tableRules } from '../src/registry.ts';

/** RULES.md §4 A (money block) and B (indicator block). */
const CATALOG_A_B = [
  'fund-subrows-sum', 'income-breakdown-sum', 'spend-breakdown-sum', 'exec-rate-recompute', 'exec-score-recompute',
  'exec-subrow-scored', 'exec-over-100', 'exec-below-threshold', 'budget-adjustment-unexplained',
  'level1-weight-sum', 'weight-total', 'level1-weights-nondefault', 'score-range', 'quant-score-recompute',
  'full-score-without-achievement', 'qual-score-tier', 'deviation-reason-missing', 'deduction-without-reason',
  'overachievement-unexplained', 'actual-not-comparable', 'total-score-sum', 'target-vs-approved',
  'form-incomplete',
];

describe('rule registry', () => {
  it('lists every money-block and indicator-block rule of the catalog once', () => {
    expect(tableRules.map((r) => r.meta.id)).toEqual(CATALOG_A_B);
    const ids = allRules.map((r) => r.meta.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it.each(tableRules.map((r) => [r.meta.id, r] as const))('%s: module, bilingual meta and a test file', (id, rule) => {
    expect(existsSync(join(import.meta.dirname, '..', 'src', 'rules', `${id}.ts`))).toBe(true);
    expect(existsSync(join(import.meta.dirname, 'rules', `${id}.test.ts`))).toBe(true);
    for (const text of [rule.meta.title, rule.meta.description]) {
      expect(text.zh).toMatch(/[\u4e00-\u9fff]/);
      expect(text.en).toMatch(/^[A-Z]/);
    }
    expect(rule.meta.kinds.length).toBeGreaterThan(0);
  });
});
