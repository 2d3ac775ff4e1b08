// What the desk and dashboard benchmarks share: submissions cloned from one real `check --out`
// of the sample and written as the service writes them, and a run on each database engine.
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { SubmissionRecordSchema, loadReport, type Report } from '@jxaudit/model';
import { STATE_DIR, readSubmissions, submissionRecordPath } from '@jxaudit/ingest';
import type { StoreTarget } from '../packages/desk/src/store/index.ts';
import { checkInto, SEED, tempDir } from '../packages/desk/test/helpers/desk.ts';
import { privatePglite } from '../packages/desk/test/helpers/pglite.ts';
import { startPostgres } from '../test/helpers/postgres.ts';

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

/** A 64-hex-digit fingerprint distinct per (n, salt). */
export const hex = (n: number, salt: string) => (salt + n.toString(16)).padStart(64, '0').slice(-64);

export interface CloneSource {
  /** The sample's report, as `check --out` wrote it. */
  report: Report;
  /** Writes one submission: a record, the version's findings and its report (its forms written as given: a bench may thin them). */
  write(c: { id: string; unit: string; year?: number; findings: Report['findings']; forms?: readonly unknown[] }): Promise<void>;
}

/** Checks one sample file into OUT and returns a writer of clones of its submission. */
export async function cloneSource(out: string, sampleFile: string): Promise<CloneSource> {
  await checkInto(out, [join(SEED, sampleFile)]);
  const [template] = await readSubmissions(out);
  const version = template!.versions[0]!;
  const doc = version.documents[0]!;
  const report = loadReport(await readFile(join(out, doc.report!.json), 'utf8'));
  const write: CloneSource['write'] = async ({ id, unit, year, findings, forms }) => {
    const dir = `${STATE_DIR}/submissions/${id}/v1`;
    const reportJson = `${dir}/${doc.path}.report.json`;
    const y = year ?? template!.year;
    const record = SubmissionRecordSchema.parse({
      ...template,
      id,
      unit,
      year: y,
      names: [unit],
      versions: [{ ...version, findings: `${dir}/findings.json`, documents: [{ ...doc, report: { json: reportJson, html: `${dir}/${doc.path}.report.html` } }] }],
    });
    await mkdir(join(out, dir), { recursive: true });
    const kindOf = (form: number | null) => (form === null ? null : (report.forms[form]?.kind ?? null));
    const rows = findings.map((f) => ({ fingerprint: f.fingerprint, rule: f.rule, severity: f.severity, kind: kindOf(f.form), message: f.message, declared: f.declared, computed: f.computed, at: f.at, path: doc.path }));
    await writeFile(join(out, dir, 'findings.json'), JSON.stringify({ id, version: 1, findings: rows }));
    await writeFile(join(out, reportJson), JSON.stringify({ ...report, forms: forms ?? report.forms, submission: { ...report.submission!, id, unit, year: y }, findings }));
    await writeFile(submissionRecordPath(out, id), JSON.stringify(record));
  };
  return { report, write };
}

/** In a temp folder: builds the output folder, then runs the benchmark on PGlite and on a private PostgreSQL. */
export async function onEachEngine(
  prefix: string,
  build: (out: string) => Promise<void>,
  bench: (name: string, target: StoreTarget, out: string) => Promise<void>,
): Promise<void> {
  const dir = await tempDir(prefix);
  try {
    const out = join(dir.dir, 'out');
    await build(out);
    const pglite = await privatePglite();
    try {
      await bench('PGlite', { engine: 'pglite', instance: pglite.db }, out);
    } finally {
      await pglite.dispose();
    }
    const pg = await startPostgres();
    try {
      await bench('PostgreSQL', { engine: 'postgres', url: pg.url }, out);
    } finally {
      await pg.dispose();
    }
  } finally {
    await dir.dispose();
  }
}
