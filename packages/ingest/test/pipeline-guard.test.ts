import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it, vi } from 'vitest';
import { resolveProfile } from '@jxaudit/score';

// Recognition is replaced by one that throws on the department form, as a bug would.
vi.mock('@jxaudit/parse', async (importOriginal) => {
  const actual = await importOriginal<typeof import('@jxaudit/parse')>();
  return {
    ...actual,
    recognizeForms: (...args: Parameters<typeof actual.recognizeForms>) => {
      if (args[1].endsWith('attach1.docx')) throw new TypeError("Cannot read properties of undefined (reading 'col')");
      return actual.recognizeForms(...args);
    },
  };
});

const { readAndRecognize, scoreDocs } = await import('../src/pipeline.ts');
const seed = (name: string) => fileURLToPath(new URL(`../../../fixtures/seed/${name}`, import.meta.url));

describe('a recognition bug does not take the batch down', () => {
  it('the file it hit is reported as unrecognised with why; the others are checked', async () => {
    const docs = [];
    for (const name of ['yanfeng-2021-attach1.docx', 'yanfeng-2021-attach2.docx']) {
      docs.push(await readAndRecognize(name, readFileSync(seed(name))));
    }
    const [broken, fine] = scoreDocs(docs, { lang: 'zh', resolveProfile: (n) => resolveProfile(n) });
    expect(broken.error?.code).toBe('no-form');
    expect(broken.error?.message).toContain('识别过程出错');
    expect(broken.warnings.map((w) => w.code)).toContain('recognize-failed');
    expect(fine.error).toBeNull();
    expect(fine.forms.map((f) => f.kind)).toEqual(['project']);
    expect(fine.findings.filter((f) => f.rule === 'level1-weight-sum')).toHaveLength(2);
  });
});
