import { describe, expect, it } from 'vitest';
import { allRules } from '../src/registry.ts';
import { remedies, remedyFor } from '../src/remedies.ts';

describe('整改要求 catalog', () => {
  it.each(allRules.map((r) => [r.meta.id] as const))('%s has a default 整改要求 in Chinese', (id) => {
    expect(remedies[id]).toMatch(/^[\u4e00-\u9fff“][^]{15,}。$/);
    expect(remedyFor(id)).toBe(remedies[id]);
  });

  it('names no rule the registry does not have', () => {
    const ids = new Set(allRules.map((r) => r.meta.id));
    expect(Object.keys(remedies).filter((k) => !ids.has(k))).toEqual([]);
  });

  it('falls back to a general sentence for an unknown rule', () => {
    expect(remedyFor('no-such-rule')).toContain('请核实');
  });
});
