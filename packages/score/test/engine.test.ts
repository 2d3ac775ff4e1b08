import { describe, expect, it } from 'vitest';
import { location } from '@jxaudit/model';
import { scoreSubmission } from '../src/engine.ts';
import { builtinProfiles, resolveProfile } from '../src/profiles.ts';
import type { Rule } from '../src/types.ts';
import { buildForm, departmentForm, projectForm, reportForm } from './helpers/forms.ts';
import { sampleSpecs } from './helpers/sample.ts';

const hunan = builtinProfiles['hunan-2021'];

/** A rule that reports one finding per listed form, with the given severity variants and locations. */
function probe(id: string, severity: 'error' | 'warning' | 'info', reports: { doc: number; form: number; file: string; row: number; severity?: 'error' | 'warning' | 'info' }[], profiles?: string[]): Rule {
  return {
    meta: { id, defaultSeverity: severity, kinds: ['project', 'department-overall', 'report'], profiles, title: { zh: id, en: id }, description: { zh: id, en: id } },
    check(ctx) {
      for (const r of reports) {
        ctx.report({
          severity: r.severity,
          form: { doc: r.doc, form: r.form },
          message: { zh: `中文${r.row}`, en: `english ${r.row}` },
          declared: null,
          computed: null,
          at: [location({ file: r.file, table: 0, row: r.row, col: 0, text: `cell ${r.row}` })],
          detail: {},
        });
      }
    },
  };
}

describe('scoreSubmission', () => {
  const docs = [{ file: 'a.docx', forms: [departmentForm({ file: 'a.docx' })] }, { file: 'b.docx', forms: [projectForm({ file: 'b.docx' }), reportForm({ file: 'b.docx' })] }];

  it('sorts errors, warnings, infos, then form and row; picks the message language', () => {
    const rules = [
      probe('r-info', 'info', [{ doc: 1, form: 0, file: 'b.docx', row: 3 }]),
      probe('r-warn', 'warning', [{ doc: 1, form: 1, file: 'b.docx', row: 1 }, { doc: 1, form: 0, file: 'b.docx', row: 9 }, { doc: 1, form: 0, file: 'b.docx', row: 2 }]),
      probe('r-err', 'error', [{ doc: 1, form: 1, file: 'b.docx', row: 5 }]),
    ];
    const { findings } = scoreSubmission({ docs, profile: hunan, lang: 'en' }, rules);
    expect(findings[0]).toEqual([]);
    expect(findings[1].map((f) => [f.severity, f.form, f.at[0].row, f.message])).toEqual([
      ['error', 1, 5, 'english 5'],
      ['warning', 0, 2, 'english 2'],
      ['warning', 0, 9, 'english 9'],
      ['warning', 1, 1, 'english 1'],
      ['info', 0, 3, 'english 3'],
    ]);
  });

  it('a rule that throws is set aside and named; the other rules still report', () => {
    const broken: Rule = {
      meta: { id: 'broken', defaultSeverity: 'error', kinds: ['project'], title: { zh: 'x', en: 'x' }, description: { zh: 'x', en: 'x' } },
      check() {
        throw new TypeError("Cannot read properties of undefined (reading 'points')");
      },
    };
    const working = probe('r-warn', 'warning', [{ doc: 1, form: 0, file: 'b.docx', row: 2 }]);
    const result = scoreSubmission({ docs, profile: hunan, lang: 'zh' }, [broken, working]);
    expect(result.ruleFailures).toEqual([{ rule: 'broken', message: "Cannot read properties of undefined (reading 'points')" }]);
    expect(result.findings[1].map((f) => f.rule)).toEqual(['r-warn']);
  });

  it('a finding lives in the report of its first location’s file; form is null there when its form is elsewhere', () => {
    const rule = probe('cross', 'warning', [{ doc: 0, form: 0, file: 'b.docx', row: 4 }]);
    const { findings } = scoreSubmission({ docs, profile: hunan, lang: 'zh' }, [rule]);
    expect(findings[0]).toEqual([]);
    expect(findings[1]).toHaveLength(1);
    expect(findings[1][0].form).toBeNull();
    expect(findings[1][0].detail.formFile).toBe('a.docx');
  });

  it('severity: the profile override wins over the draft’s variant, which wins over the default', () => {
    const rule = probe('variant', 'warning', [{ doc: 0, form: 0, file: 'a.docx', row: 1, severity: 'info' }]);
    expect(scoreSubmission({ docs, profile: hunan, lang: 'zh' }, [rule]).findings[0][0].severity).toBe('info');
    const p = { ...hunan, severities: { variant: 'error' as const } };
    expect(scoreSubmission({ docs, profile: p, lang: 'zh' }, [rule]).findings[0][0].severity).toBe('error');
  });

  it('runs only enabled rules: meta.profiles (matching the base of a user profile) and disabled', () => {
    const onlySichuan = probe('sc-only', 'info', [{ doc: 0, form: 0, file: 'a.docx', row: 1 }], ['sichuan-2023']);
    expect(scoreSubmission({ docs, profile: hunan, lang: 'zh' }, [onlySichuan]).findings[0]).toEqual([]);
    const userSichuan = resolveProfile({ extends: 'sichuan-2023', name: 'chengdu' });
    expect(scoreSubmission({ docs, profile: userSichuan, lang: 'zh' }, [onlySichuan]).findings[0]).toHaveLength(1);
    const off = { ...hunan, disabled: ['sc-only'] };
    expect(scoreSubmission({ docs, profile: { ...off, name: 'sichuan-2023' }, lang: 'zh' }, [onlySichuan]).findings[0]).toEqual([]);
  });

  it('fingerprints are stable across runs and file paths, and change with the cell', () => {
    const rename = (file: string) => sampleSpecs().slice(0, 2).map((s) => buildForm({ ...s, file }));
    const run = (file: string) => scoreSubmission({ docs: [{ file, forms: rename(file) }], profile: hunan, lang: 'zh' }).findings[0];
    const first = run('in/yanfeng.docx');
    const again = run('other/place/yanfeng.docx');
    expect(first.length).toBeGreaterThan(40);
    expect(again.map((f) => f.fingerprint)).toEqual(first.map((f) => f.fingerprint));
    expect(new Set(first.map((f) => f.fingerprint)).size).toBe(first.length);
    expect(first.every((f) => /^[0-9a-f]{64}$/.test(f.fingerprint))).toBe(true);
  });
});
