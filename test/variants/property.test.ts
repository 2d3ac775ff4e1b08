/**
 * The variant generator's property test (issue 11): a few hundred seeded combinations of the
 * choices of test/variants/generator.ts, each read in its three layouts in-process. Every field is
 * recovered; every injected error is found by the rule that owns it; a clean form raises no
 * error- or warning-level finding; a truncated form says, in one info finding, what is absent.
 */
import { describe, expect, it } from 'vitest';
import type { Form } from '@jxaudit/model';
import { readAndRecognize, scoreDocs } from '@jxaudit/ingest';
import { resolveProfile } from '@jxaudit/score';
import type { FormKey } from '../../fixtures/tools/build-variant-fixtures.ts';
import { ERRORS, FAMILIES, NA_MARKERS, FUND_COLUMN_SETS, generate, INDICATOR_COLUMN_SETS, MONEY_UNITS, TRUNCATIONS, type Generated } from './generator.ts';

const SEED = Number(process.env.VARIANT_SEED ?? 20261130);
const COUNT = Number(process.env.VARIANT_COUNT ?? 300);
const LAYOUTS = ['docx', 'txt', 'tabbed.txt'] as const;

function asKey(f: Form, want: FormKey): FormKey {
  const key: FormKey = {
    kind: f.kind as FormKey['kind'],
    year: f.year,
    unit: f.unit,
    ...('implementer' in want ? { implementer: f.implementer } : {}),
    ...('projectName' in want ? { projectName: f.projectName } : {}),
    funds: f.funds.map((r) => [r.label, r.role, r.budgetInitial, r.budgetFull, r.executed, r.points, r.rate?.value ?? null, r.score]),
    indicators: f.indicators.map((i) => [i.level1, i.level1Points, i.level2, i.name, i.target.raw, i.actual.raw, i.points, i.score]),
    totals: f.totals ? [f.totals.points, f.totals.score] : null,
  };
  if ('composition' in want) {
    key.composition = f.composition && {
      income: f.composition.byIncome.map((l) => [l.label, l.amount]),
      expense: f.composition.byExpense.map((l) => [l.label, l.amount]),
    };
  }
  return key;
}

async function check(g: Generated, layout: (typeof LAYOUTS)[number]): Promise<string[]> {
  const problems: string[] = [];
  const text = layout === 'txt' ? g.written.txt : g.written.tabbed;
  const bytes = layout === 'docx' ? g.written.docx : g.choices.txtEncoding === 'utf-8' ? new TextEncoder().encode(text) : new Uint8Array(Buffer.from('\ufeff' + text, 'utf16le'));
  const doc = await readAndRecognize(`variant-${g.seed}.${layout}`, bytes);
  if (doc.error) return [`not read: ${doc.error.code} ${JSON.stringify(doc.error.message)}`];
  if (doc.forms.length !== 1) problems.push(`${doc.forms.length} forms`);
  const got = doc.forms[0] ? asKey(doc.forms[0], g.key) : null;
  if (JSON.stringify(got) !== JSON.stringify(g.key)) {
    for (const k of Object.keys(g.key) as (keyof FormKey)[]) {
      const a = JSON.stringify(got?.[k]);
      const b = JSON.stringify(g.key[k]);
      if (a !== b) problems.push(`${k}: got ${a}\n   want ${b}`);
    }
  }
  const [report] = scoreDocs([doc], { lang: 'zh', resolveProfile: (n) => resolveProfile(n) });
  const raised = report!.findings.filter((f) => f.severity !== 'info');
  if (g.expectedRule === null) {
    for (const f of raised) problems.push(`false alarm ${f.rule}/${f.severity}: ${f.message}`);
  } else if (!raised.some((f) => f.rule === g.expectedRule)) {
    problems.push(`injected ${g.choices.error} not found by ${g.expectedRule}; raised ${raised.map((f) => f.rule).join(', ') || 'nothing'}`);
  }
  if (g.absent.length > 0) {
    const said = report!.findings.filter((f) => f.rule === 'form-incomplete');
    if (said.length !== 1) problems.push(`truncated (${g.absent.join('、')} absent): ${said.length} form-incomplete findings`);
    else for (const a of g.absent) if (!said[0]!.message.includes(a)) problems.push(`form-incomplete does not name ${a}: ${said[0]!.message}`);
  }
  return problems;
}

describe(`variant generator: ${COUNT} forms from seed ${SEED}, three layouts each`, () => {
  it('every field recovered, every injected error found, no false alarm, truncation said', async () => {
    const failures: string[] = [];
    const seen = new Set<string>();
    for (let i = 0; i < COUNT; i++) {
      const g = generate(SEED + i);
      for (const [k, v] of Object.entries(g.choices)) seen.add(`${k}=${v}`);
      for (const layout of LAYOUTS) {
        const problems = await check(g, layout);
        if (problems.length) failures.push(`seed ${g.seed} .${layout} ${JSON.stringify(g.choices)}\n  ${problems.join('\n  ')}`);
      }
    }
    // every value of every choice was drawn at least once
    const domain = { family: FAMILIES, fundColumns: FUND_COLUMN_SETS, indicatorColumns: INDICATOR_COLUMN_SETS, moneyUnit: MONEY_UNITS, truncation: TRUNCATIONS, error: [...ERRORS, null], naMarker: NA_MARKERS, txtEncoding: ['utf-8', 'utf-16le-bom'], blockWording: ['national', 'completion', 'weighted'] };
    for (const [k, values] of Object.entries(domain)) for (const v of values) expect(seen.has(`${k}=${v}`), `${k}=${v} never drawn`).toBe(true);
    for (const k of ['splitHeaders', 'verticalLabels', 'level1Weights', 'blankRows', 'secondTable', 'thousands', 'shortfall', 'headLines', 'composition']) for (const v of [true, false]) expect(seen.has(`${k}=${v}`), `${k}=${v}`).toBe(true);
    if (process.env.VARIANT_DUMP) (await import('node:fs')).writeFileSync(process.env.VARIANT_DUMP, failures.join('\n\n'));
    expect(failures.slice(0, 8).join('\n\n'), `${failures.length} failing layouts`).toBe('');
  }, 120_000);
});
