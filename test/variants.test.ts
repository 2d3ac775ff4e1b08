/**
 * Every shape of VARIANTS.md as a fixture (fixtures/variants, written by
 * fixtures/tools/build-variant-fixtures.ts), read in its three layouts — the .docx with real
 * merges, the Tika .txt, the tabbed "save as plain text" — must give its answer key field for
 * field, and the rules must raise exactly the key's error- and warning-level findings (none where
 * the figures agree).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Form } from '@jxaudit/model';
import { readAndRecognize, scoreDocs } from '@jxaudit/ingest';
import { resolveProfile } from '@jxaudit/score';
import type { FormKey, VariantKey } from '../fixtures/tools/build-variant-fixtures.ts';

const DIR = join(import.meta.dirname, '..', 'fixtures', 'variants');
const NAMES = readdirSync(DIR)
  .filter((f) => f.endsWith('.key.json'))
  .map((f) => f.replace(/\.key\.json$/, ''))
  .sort();
const LAYOUTS = ['docx', 'txt', 'tabbed.txt'] as const;

/** A recognised form in the shape of its answer key. */
function asKey(f: Form): FormKey {
  const key: FormKey = {
    kind: f.kind as FormKey['kind'],
    year: f.year,
    unit: f.unit,
    implementer: f.implementer,
    projectName: f.projectName,
    funds: f.funds.map((r) => [r.label, r.role, r.budgetInitial, r.budgetFull, r.executed, r.points, r.rate?.value ?? null, r.score]),
    indicators: f.indicators.map((i) => [i.level1, i.level1Points, i.level2, i.name, i.target.raw, i.actual.raw, i.points, i.score]),
    totals: f.totals ? [f.totals.points, f.totals.score] : null,
  };
  if (f.kind === 'department-overall') {
    key.composition = f.composition && {
      income: f.composition.byIncome.map((l) => [l.label, l.amount]),
      expense: f.composition.byExpense.map((l) => [l.label, l.amount]),
    };
  }
  return key;
}

/** The key's form with the recognised form's optional fields the key leaves out dropped. */
function comparable(got: FormKey, want: FormKey): FormKey {
  const out = { ...got };
  for (const k of ['implementer', 'projectName', 'composition'] as const) if (!(k in want)) delete out[k];
  return out;
}

it('there are variant fixtures, each in three layouts', () => {
  expect(NAMES.length).toBeGreaterThan(0);
  const files = new Set(readdirSync(DIR));
  for (const n of NAMES) for (const l of LAYOUTS) expect(files.has(`${n}.${l}`), `${n}.${l}`).toBe(true);
});

describe.each(NAMES)('%s', (name) => {
  const key = JSON.parse(readFileSync(join(DIR, `${name}.key.json`), 'utf8')) as VariantKey;
  it.each(LAYOUTS)('.%s: every field read, the rules raise exactly the key\'s errors and warnings', async (layout) => {
    const path = `fixtures/variants/${name}.${layout}`;
    const doc = await readAndRecognize(path, new Uint8Array(readFileSync(join(DIR, `${name}.${layout}`))));
    expect(doc.error).toBeNull();
    const forms = doc.forms.map(asKey);
    expect(forms.map((f, i) => comparable(f, key.forms[i] ?? f))).toEqual(key.forms);
    const [report] = scoreDocs([doc], { lang: 'zh', resolveProfile: (n) => resolveProfile(n) });
    const raised = report.findings
      .filter((f) => f.severity !== 'info')
      .map((f) => `${f.rule}/${f.severity}`)
      .sort();
    expect(raised, JSON.stringify(report.findings.filter((f) => f.severity !== 'info').map((f) => f.message), null, 1)).toEqual(key.findings);
  });
});
