import { createHash } from 'node:crypto';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ReportSchema, formFingerprint, formIdentity, type Form } from '@jxaudit/model';
import { resolveProfile } from '@jxaudit/score';
import { checkFiles } from '../packages/ingest/src/pipeline.ts';
import { REPO } from './helpers/redis.ts';

/*
 * Reports are built already in the schema's shape: zod validates them where they cross a
 * boundary (written to or read from disk, taken from the queue), not on every internal hop.
 * Here every fixture's report must equal its own parse — same keys and values (the order of
 * keys may differ: reports written to disk go through the schema) — so dropping the per-report
 * parse changed nothing, and a report that drifts from the schema fails here.
 */

async function fixtureFiles(): Promise<string[]> {
  const out: string[] = [];
  for (const dir of ['fixtures/seed', 'fixtures/family2b', 'fixtures/family3', 'fixtures/txt', 'fixtures/variants']) {
    const names = await readdir(join(REPO, dir)).catch(() => [] as string[]);
    for (const n of names) if (/\.(docx|txt|xlsx)$/.test(n)) out.push(join(REPO, dir, n));
  }
  return out;
}

describe('reports are built in the schema shape', () => {
  it('every fixture, alone and as one submission with the others of its folder, equals its parse', async () => {
    const files = await fixtureFiles();
    expect(files.length).toBeGreaterThan(10);
    const options = { lang: 'zh' as const, resolveProfile: (name: string) => resolveProfile(name) };
    const reports = [...(await checkFiles(files, options)), ...(await checkFiles(files.filter((f) => f.includes('/seed/')), { ...options, lang: 'en' as const }))];
    for (const r of reports) {
      const parsed = ReportSchema.parse(r);
      expect(r, r.source.path).toStrictEqual(parsed);
    }
    expect(reports.some((r) => r.findings.length === 47)).toBe(true);
  });
});

/** The fingerprint as it was first written (JSON of a sorted copy): stored fingerprints must keep matching. */
function referenceFingerprint(form: Form): string {
  const contentOf = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(contentOf);
    if (value && typeof value === 'object') {
      const o = value as Record<string, unknown>;
      if (typeof o.file === 'string' && typeof o.text === 'string' && 'line' in o && 'paragraph' in o) return o.text;
      const out: Record<string, unknown> = {};
      for (const key of Object.keys(o).sort()) out[key] = contentOf(o[key]);
      return out;
    }
    return value;
  };
  const { unit: _unit, title: _title, at: _at, tables: _tables, ...content } = form;
  return createHash('sha256').update(JSON.stringify([formIdentity(form), contentOf(content)])).digest('hex');
}

describe('form fingerprints', () => {
  it('are the same text as they always were, for every fixture form', async () => {
    const files = await fixtureFiles();
    const reports = await checkFiles(files, { lang: 'zh', resolveProfile: (name: string) => resolveProfile(name) });
    const forms = reports.flatMap((r) => r.forms);
    expect(forms.length).toBeGreaterThan(10);
    for (const f of forms) expect(formFingerprint(f)).toBe(referenceFingerprint(f));
  });
});
