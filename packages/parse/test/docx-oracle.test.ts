/**
 * The differential oracle on every .docx fixture of the repository: the streaming reader's
 * paragraph and cell text equals mammoth's after the normalisation both share
 * (test/helpers/mammoth-oracle.ts).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { oracleDifferences } from './helpers/mammoth-oracle.ts';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

function docxUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return docxUnder(path);
    return name.endsWith('.docx') ? [path] : [];
  });
}

const FIXTURES = docxUnder(join(ROOT, 'fixtures')).map((path) => relative(ROOT, path));

describe('the streaming reader against mammoth', () => {
  it('finds the fixtures', () => {
    expect(FIXTURES.length).toBeGreaterThanOrEqual(6);
  });

  it.each(FIXTURES)('%s: the same paragraph and cell text', async (path) => {
    expect(await oracleDifferences(new Uint8Array(readFileSync(join(ROOT, path))), path)).toEqual([]);
  });
});
