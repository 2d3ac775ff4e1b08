import {
  ReportSchema,
  SCHEMA_VERSION,
  type Block,
  type Finding,
  type Form,
  type ParseWarning,
  type ReadError,
  type Report,
  type Source,
} from '@jxaudit/model';
import { DEFAULT_MAX_BYTES, readDocument, readError, recognizeForms, type ReadOptions } from '@jxaudit/parse';
import {
  groupSubmissions,
  proposeProfile,
  scoreSubmission,
  type ApprovedTargets,
  type Lang,
  type Profile,
} from '@jxaudit/score';
import { fileTooLarge, readRegularFile } from './fs/regular.ts';
import { TOOL_VERSION } from './version.ts';

export interface CheckOptions {
  lang: Lang;
  /** A resolved profile to force on every submission; undefined: proposed per submission. */
  profile?: Profile;
  /** Resolves a proposed profile name. */
  resolveProfile: (name: string) => Profile;
  targets?: ApprovedTargets | null;
  read?: ReadOptions;
}

/** One file read and recognised, before scoring. */
export interface ReadDoc {
  path: string;
  source: Source;
  forms: Form[];
  /** What was read (the report page draws its tables from these); absent or [] when unreadable. */
  blocks?: Block[];
  warnings: ParseWarning[];
  error: ReadError | null;
}

/** Reads and recognises one file. Never throws for bad input. */
export async function readAndRecognize(path: string, bytes: Uint8Array, read?: ReadOptions): Promise<ReadDoc> {
  const parsed = await readDocument({ path, bytes }, read);
  if (parsed.error) return { path, source: parsed.source, forms: [], blocks: [], warnings: parsed.warnings, error: parsed.error };
  let recognized: ReturnType<typeof recognizeForms>;
  try {
    recognized = recognizeForms(parsed.blocks, path);
  } catch (err) {
    // A recognition bug must not take the batch down: the file is reported as unrecognised, with why.
    const message = err instanceof Error ? err.message : String(err);
    recognized = {
      forms: [],
      warnings: [{ code: 'recognize-failed', message: `表格识别出错（程序缺陷，请反馈给维护人员）：${message}` }],
      foundInstead: { zh: '识别过程出错，未能完成', en: `recognition failed: ${message}` },
    };
  }
  const warnings = [...parsed.warnings, ...recognized.warnings];
  if (recognized.forms.length === 0) {
    const found = recognized.foundInstead ?? { zh: '无可识别内容', en: 'nothing recognisable' };
    const error = readError('no-form', { zh: `实际读到：${found.zh}`, en: `found instead: ${found.en}` });
    return { path, source: parsed.source, forms: [], blocks: parsed.blocks, warnings, error };
  }
  return { path, source: parsed.source, forms: recognized.forms, blocks: parsed.blocks, warnings, error: null };
}

function summarize(findings: Finding[]): Report['summary'] {
  return {
    errors: findings.filter((f) => f.severity === 'error').length,
    warnings: findings.filter((f) => f.severity === 'warning').length,
    infos: findings.filter((f) => f.severity === 'info').length,
  };
}

/**
 * Scores read documents: documents of the same unit and year form one submission and are
 * checked together; each document gets its own report. Reports are validated before returning.
 */
export function scoreDocs(docs: ReadDoc[], options: CheckOptions): Report[] {
  const reports: (Report | null)[] = docs.map(() => null);
  const generatedAt = new Date().toISOString();
  const base = (doc: ReadDoc): Omit<Report, 'submission' | 'profile' | 'findings' | 'summary'> => ({
    schemaVersion: SCHEMA_VERSION,
    tool: { name: 'jxaudit', version: TOOL_VERSION },
    source: doc.source,
    lang: options.lang,
    generatedAt,
    forms: doc.forms,
    error: doc.error,
    warnings: doc.warnings,
  });

  const readable = docs.map((d, i) => ({ d, i })).filter(({ d }) => d.error === null);
  const groups = groupSubmissions(readable.map(({ d }) => ({ file: d.path, sha256: d.source.sha256, forms: d.forms })));
  for (const group of groups) {
    const members = group.members.map((m) => readable[m]);
    const profile =
      options.profile ?? options.resolveProfile(proposeProfile(members.flatMap(({ d }) => d.forms)));
    const scored = scoreSubmission({
      docs: members.map(({ d }) => ({ file: d.path, forms: d.forms })),
      profile,
      lang: options.lang,
      targets: options.targets ?? null,
    });
    const ruleWarnings: ParseWarning[] = scored.ruleFailures.map((f) => ({
      code: 'rule-failed',
      message: `规则 ${f.rule} 运行出错，本次未检查该项（程序缺陷，请反馈给维护人员）：${f.message}`,
    }));
    members.forEach(({ d, i }, k) => {
      const findings = scored.findings[k];
      const built = base(d);
      reports[i] = {
        ...built,
        warnings: [...built.warnings, ...ruleWarnings],
        submission: { id: group.id, unit: group.unit, year: group.year, files: members.map(({ d: m }) => m.path) },
        profile: profile.name,
        findings,
        summary: summarize(findings),
      };
    });
  }
  docs.forEach((d, i) => {
    if (!reports[i]) {
      reports[i] = { ...base(d), submission: null, profile: options.profile?.name ?? null, findings: [], summary: summarize([]) };
    }
  });
  return reports.map((r) => ReportSchema.parse(r));
}

/** A document that was not read: its source as far as known, and why. */
export function unreadDoc(path: string, error: ReadError, known: { sha256: string; bytes: number }): ReadDoc {
  const source: Source = { path, ...known, format: null, encoding: null, encodingMethod: null, replacementChars: 0, layout: null };
  return { path, source, forms: [], blocks: [], warnings: [], error };
}

export { fileTooLarge };

/**
 * Reads one file from disk and recognises it. Only a regular file is read, and only up to the
 * size bound: a link, a pipe, a device, a missing path or a file over the bound gets its
 * report without being read into memory.
 */
export async function readFileAndRecognize(path: string, read?: ReadOptions): Promise<ReadDoc> {
  const file = await readRegularFile(path, read?.maxBytes ?? DEFAULT_MAX_BYTES);
  if (!file.ok) return unreadDoc(path, file.error, { sha256: file.sha256, bytes: file.size });
  return readAndRecognize(path, file.bytes, read);
}

/** A path to check, or one already refused (by the walk: a link, a format not read). */
export type CheckInput = string | { path: string; refused?: ReadError | null };

/** The whole pipeline over files on disk, keeping what was read beside each report. */
export async function checkFilesDetailed(inputs: CheckInput[], options: CheckOptions): Promise<{ docs: ReadDoc[]; reports: Report[] }> {
  const docs: ReadDoc[] = [];
  for (const input of inputs) {
    const { path, refused } = typeof input === 'string' ? { path: input, refused: null } : input;
    docs.push(refused ? unreadDoc(path, refused, { sha256: '', bytes: 0 }) : await readFileAndRecognize(path, options.read));
  }
  return { docs, reports: scoreDocs(docs, options) };
}

/** The whole pipeline over files on disk: read, recognise, group, score. */
export async function checkFiles(paths: CheckInput[], options: CheckOptions): Promise<Report[]> {
  return (await checkFilesDetailed(paths, options)).reports;
}
