import { describe, expect, it } from 'vitest';
import type { Report } from '@jxaudit/model';
import { exitCodeFor } from '../src/cli.ts';

/** Just what exitCodeFor reads: the read error and the findings' severities. */
function report(error: string | null, severities: Array<'error' | 'warning' | 'info'>): Report {
  return {
    error: error ? { code: error, message: '', messageEn: '' } : null,
    findings: severities.map((severity) => ({ severity })),
  } as unknown as Report;
}

describe('exit codes of jxaudit check (REPORT.md)', () => {
  it.each([
    ['nothing checked', [], 'error', 0],
    ['warnings only, --fail-on error', [report(null, ['warning', 'info'])], 'error', 0],
    ['an error finding', [report(null, ['error', 'warning'])], 'error', 1],
    ['warnings with --fail-on warning', [report(null, ['warning'])], 'warning', 1],
    ['infos with --fail-on warning', [report(null, ['info'])], 'warning', 0],
    ['infos with --fail-on info', [report(null, ['info'])], 'info', 1],
    ['errors with --fail-on never', [report(null, ['error'])], 'never', 0],
    ['an unreadable file beside a clean one', [report(null, []), report('corrupt-zip', [])], 'error', 2],
    ['no form recognised', [report('no-form', [])], 'never', 2],
    ['an unreadable file wins over findings', [report(null, ['error']), report('encrypted', [])], 'error', 2],
  ] as const)('%s → %i', (_label, reports, failOn, code) => {
    expect(exitCodeFor([...reports], failOn)).toBe(code);
  });
});
