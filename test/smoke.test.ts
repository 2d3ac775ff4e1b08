import { describe, expect, it } from 'vitest';
import { exitCodeFor } from '@jxaudit/ingest';

describe('exit codes (REPORT.md)', () => {
  it('exits 0 with no input and nothing to report', () => {
    expect(exitCodeFor([], 'error')).toBe(0);
  });
});
