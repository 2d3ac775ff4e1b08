import type { Block, Form, ParseWarning, ReadError, Report, Source } from '@jxaudit/model';
import { DEFAULT_MAX_BYTES, attachWorkbookEvidence, readDocument, readError, recognizeForms, type ReadOptions as ParseReadOptions, type Templates } from '@jxaudit/parse';

/** How files are read and recognised: readDocument's bounds, and the user's templates (--templates). */
export type ReadOptions = ParseReadOptions & { templates?: Templates | null };
import type { ApprovedTargets, Lang, Profile, VersionLimits } from '@jxaudit/score';
import { aloneReport, scoreSubmissions, type ArrivedDoc } from './submissions/score.ts';
import { reportsWithoutHistory } from './submissions/versions.ts';
import { defaultConverter } from './convert/soffice.ts';
import { fileTooLarge, readRegularFile } from './fs/regular.ts';

export interface CheckOptions {
  lang: Lang;
  /** A resolved profile to force on every submission; undefined: proposed per submission. */
  profile?: Profile;
  /** Resolves a proposed profile name. */
  resolveProfile: (name: string) => Profile;
  targets?: ApprovedTargets | null;
  read?: ReadOptions;
  /** Bounds per submission (forms checked, findings per rule). */
  limits?: Partial<VersionLimits>;
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
  // legacy .doc/.wps/.xls/.et/.rtf through LibreOffice when it is installed (read.convert overrides)
  const parsed = await readDocument({ path, bytes }, { convert: defaultConverter(), ...read });
  if (parsed.error) return { path, source: parsed.source, forms: [], blocks: [], warnings: parsed.warnings, error: parsed.error };
  let recognized: ReturnType<typeof recognizeForms>;
  try {
    recognized = recognizeForms(parsed.blocks, path, { templates: read?.templates });
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
  // forms of a workbook carry its formulas and cached values (the rules on Excel's own evidence)
  const forms = attachWorkbookEvidence(recognized.forms, parsed.blocks);
  return { path, source: parsed.source, forms, blocks: parsed.blocks, warnings, error: null };
}

/**
 * Scores read documents (docs/submissions.md): documents of the same unit and year form one
 * submission, checked once over its current forms; each document gets its own report, in input
 * order. No history: every submission is at its version 1 (`writeVersions` gives versions from
 * an output folder's records).
 */
export function scoreDocs(docs: (ReadDoc | ArrivedDoc)[], options: CheckOptions): Report[] {
  return scoreArrived(docs.map(arrived), options).map((r) => r.report);
}

/** A read document that arrived with nothing to order it by (equal batch, no mtime). */
export function arrived(doc: ReadDoc | ArrivedDoc): ArrivedDoc {
  return 'arrival' in doc ? doc : { ...doc, arrival: { batch: 1, mtimeMs: null, at: null } };
}

/** Reports (with the blocks their pages draw) of arrived documents, in input order, without history. */
export function scoreArrived(docs: ArrivedDoc[], options: CheckOptions): { report: Report; blocks: Block[] | undefined }[] {
  const generatedAt = new Date().toISOString();
  const batch = scoreSubmissions(docs, options);
  const out: ({ report: Report; blocks: Block[] | undefined } | null)[] = docs.map(() => null);
  for (const r of reportsWithoutHistory(batch, docs, { lang: options.lang, at: generatedAt })) out[r.doc] = { report: r.report, blocks: r.blocks };
  return docs.map((d, i) => out[i] ?? { report: aloneReport(d, { lang: options.lang, generatedAt, profile: options.profile?.name ?? null }), blocks: d.blocks });
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

/** A file to check: where it is, and the path its report shows (default: as given). */
export interface CheckInput {
  path: string;
  shown?: string;
  /** Why it is reported without being read (the walk said so: not found, a link, a format not read). */
  refused?: ReadError | null;
}

/** Files read for one check: one document per distinct bytes (the first path kept), and where each input went. */
export interface ReadInputs {
  unique: ArrivedDoc[];
  /** Per input, in input order: its document in `unique` and the path its report shows. */
  inputs: { unique: number; shown: string }[];
}

/** Told when each input starts and ends being read (a bounded check knows what it is doing). */
export interface ReadHooks {
  onStart?: (index: number) => void;
  onRead?: (index: number, doc: ReadDoc) => void;
}

/**
 * Reads the files of one check. Identical bytes are one document: read once, the other paths
 * listed as `alsoAs`. Arrival under `check` is the file's mtime (then its name: 修改稿, v2 …).
 */
export async function readInputs(inputs: (string | CheckInput)[], read?: ReadOptions, hooks: ReadHooks = {}): Promise<ReadInputs> {
  const maxBytes = read?.maxBytes ?? DEFAULT_MAX_BYTES;
  const unique: ArrivedDoc[] = [];
  const bySha = new Map<string, number>();
  const placed: ReadInputs['inputs'] = [];
  for (const [index, input] of inputs.entries()) {
    const { path, shown = path, refused = null } = typeof input === 'string' ? { path: input } : input;
    hooks.onStart?.(index);
    // Only regular files, and only up to the bound: a link, a pipe or a missing path is a report of its own.
    const file = refused ? null : await readRegularFile(path, maxBytes);
    const sha256 = file?.ok ? file.sha256 : (file?.sha256 ?? '');
    const seen = sha256 ? bySha.get(sha256) : undefined;
    if (seen !== undefined) {
      unique[seen].alsoAs = [...(unique[seen].alsoAs ?? []), shown];
      placed.push({ unique: seen, shown });
      continue;
    }
    const doc = file?.ok ? await readAndRecognize(shown, file.bytes, read) : unreadDoc(shown, refused ?? file!.error, { sha256, bytes: file?.size ?? 0 });
    const arrival = file?.ok ? { batch: 1, mtimeMs: file.mtimeMs, at: new Date(file.mtimeMs).toISOString() } : { batch: 1, mtimeMs: null, at: null };
    if (sha256) bySha.set(sha256, unique.length);
    placed.push({ unique: unique.length, shown });
    unique.push({ ...doc, arrival });
    hooks.onRead?.(index, doc);
  }
  return { unique, inputs: placed };
}

/** Moves a report (or a read document) from one shown path to another: the report of a second name of the same bytes. */
export function relocate<T>(value: T, from: string, to: string): T {
  if (from === to) return value;
  return JSON.parse(JSON.stringify(value), (key, v) => ((key === 'file' || key === 'path') && v === from ? to : v)) as T;
}

/** Per input, its report and what its page draws, from the reports of the unique documents. */
export function reportsForInputs(
  read: ReadInputs,
  reports: { report: Report; blocks: Block[] | undefined }[],
): { report: Report; blocks: Block[] | undefined; doc: ReadDoc }[] {
  return read.inputs.map(({ unique, shown }) => {
    const first = read.unique[unique];
    const r = reports[unique];
    if (first.path === shown) return { ...r, doc: first };
    return { report: relocate(r.report, first.path, shown), blocks: relocate(r.blocks, first.path, shown), doc: relocate(first, first.path, shown) };
  });
}

/** The whole pipeline over files on disk, keeping what was read beside each report (one per input). */
export async function checkFilesDetailed(inputs: (string | CheckInput)[], options: CheckOptions): Promise<{ docs: ReadDoc[]; reports: Report[] }> {
  const read = await readInputs(inputs, options.read);
  const per = reportsForInputs(read, scoreArrived(read.unique, options));
  return { docs: per.map((p) => ({ ...p.doc, blocks: p.blocks ?? p.doc.blocks })), reports: per.map((p) => p.report) };
}

/** The whole pipeline over files on disk: read, recognise, group, score. */
export async function checkFiles(inputs: (string | CheckInput)[], options: CheckOptions): Promise<Report[]> {
  return (await checkFilesDetailed(inputs, options)).reports;
}
