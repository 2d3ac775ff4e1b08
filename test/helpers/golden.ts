/**
 * The 47 findings of RULES.md §5 (fixtures/seed/expected-findings.json) and how observed findings
 * are paired with them: rule, severity, form kind, declared and computed figures, indicator row.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import type { Finding, Form, Report } from '@jxaudit/model';

export const SEED = join(import.meta.dirname, '..', '..', 'fixtures', 'seed');

interface ExpectedFinding {
  rule: string;
  severity: string;
  kind: string;
  row?: string;
  declared?: number;
  computed?: number;
}
const EXPECTED: ExpectedFinding[] = JSON.parse(readFileSync(join(SEED, 'expected-findings.json'), 'utf8'));

interface Observed {
  rule: string;
  severity: string;
  kind: string | null;
  row: string | null;
  declared: number | null;
  computed: number | null;
  message: string;
}

const bare = (s: string) => s.replace(/[\s\u3000。.，,]/g, '');

/** The indicator row a finding names: the indicator whose name cell is the finding's first location. */
function rowOf(f: Finding, form: Form | undefined): string | null {
  const first = f.at[0];
  if (!form || !first) return null;
  const ind = form.indicators.find((i) => i.at.table === first.table && i.at.row === first.row && i.at.line === first.line && i.at.col === first.col && i.at.file === first.file);
  return ind ? ind.name : null;
}

export function observe(reports: Report[]): Observed[] {
  // A finding on a form of another file of the submission names that form through at[]; look it up by kind there.
  return reports.flatMap((r) =>
    r.findings.map((f) => {
      const form = f.form === null ? undefined : r.forms[f.form];
      return {
        rule: f.rule,
        severity: f.severity,
        kind: form?.kind ?? null,
        row: rowOf(f, form),
        declared: f.declared,
        computed: f.computed,
        message: f.message,
      };
    }),
  );
}

function close(a: number | null, b: number | undefined): boolean {
  if (b === undefined) return a === null;
  return a !== null && Math.abs(a - b) < 1e-9;
}

function matches(o: Observed, e: ExpectedFinding): boolean {
  return (
    o.rule === e.rule &&
    o.severity === e.severity &&
    o.kind === e.kind &&
    close(o.declared, e.declared) &&
    close(o.computed, e.computed) &&
    (e.row === undefined || (o.row !== null && bare(o.row).startsWith(bare(e.row))))
  );
}

/** Pairs observed with expected findings; returns what is missing and what is extra. */
export function compare(observed: Observed[]): { missing: ExpectedFinding[]; extra: Observed[] } {
  const left = [...observed];
  const missing: ExpectedFinding[] = [];
  for (const e of EXPECTED) {
    const i = left.findIndex((o) => matches(o, e));
    if (i < 0) missing.push(e);
    else left.splice(i, 1);
  }
  return { missing, extra: left };
}

export function expectGolden(reports: Report[]): void {
  for (const r of reports) {
    expect(r.error).toBeNull();
    expect(r.profile).toBe('hunan-2021');
  }
  const observed = observe(reports);
  const { missing, extra } = compare(observed);
  expect({ missing, extra: extra.map(({ message: _m, ...o }) => o) }).toEqual({ missing: [], extra: [] });
  const count = (s: string) => observed.filter((o) => o.severity === s).length;
  expect([count('error'), count('warning'), count('info')]).toEqual([3, 34, 10]);
}
