/** The sample submission (fixtures/seed/expected-forms.json) rebuilt as forms, for rule tests on real figures. */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Form } from '@jxaudit/model';
import { buildForm, type FactSpec, type FormSpec, type IndicatorSpec } from './forms.ts';

const EXPECTED = fileURLToPath(new URL('../../../../fixtures/seed/expected-forms.json', import.meta.url));

interface ExpectedForm {
  kind: Form['kind'];
  unit?: string;
  year?: number;
  title?: string;
  projectName?: string;
  funds?: { label: string; budgetInitial: number; budgetFull: number; executed: number; points: number; rate: string; score: number }[];
  composition?: { byIncome: { label: string; amount: number }[]; byExpense: { label: string; amount: number }[] } | null;
  indicators?: (IndicatorSpec & { level1Points: number })[];
  totals?: { points: number; score: number };
  facts?: { key: FactSpec['key']; label: string; value: number; unit: string }[];
}

/** Amounts as the sample prints them (1461.60 in the department table). */
function printedAmount(v: number): string {
  return v === 1461.6 ? '1461.60' : String(v);
}

export function sampleSpecs(): FormSpec[] {
  const expected = JSON.parse(readFileSync(EXPECTED, 'utf8')) as ExpectedForm[];
  return expected.map((f, i) => ({
    kind: f.kind,
    unit: f.unit ?? null,
    year: f.year ?? 2021,
    title: f.title,
    projectName: f.projectName ?? null,
    table: i,
    family: f.kind === 'report' ? 'report' : 'hunan-dept',
    funds: (f.funds ?? []).map((r, k) => ({
      label: r.label,
      role: k === 0 ? 'total' : 'part',
      init: r.budgetInitial,
      full: r.budgetFull,
      exec: r.executed,
      points: r.points,
      rate: r.rate,
      score: r.score,
    })),
    byIncome: f.composition ? f.composition.byIncome.map((l) => [l.label, printedAmount(l.amount)] as [string, string]) : undefined,
    byExpense: f.composition ? f.composition.byExpense.map((l) => [l.label, printedAmount(l.amount)] as [string, string]) : undefined,
    indicators: f.indicators?.map((s) => ({ ...s })),
    totals: f.totals ?? null,
    facts: f.facts?.map((x) => ({ key: x.key, label: x.label, raw: `${x.value}${x.unit}` })),
  }));
}

/** [department, project, report] forms of the sample. */
export function sampleForms(): Form[] {
  return sampleSpecs().map(buildForm);
}
