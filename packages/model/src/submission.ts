import { createHash } from 'node:crypto';
import type { Finding } from './finding.ts';
import type { Form } from './form.ts';
import { formOwner, fullerUnitName, namesOrganisation, sameUnit, unitBucket, unitInTitle, unitKey } from './unit.ts';
import type { CopyEntry, DocumentRole, FixedFinding, FormPointer, FormRole, SupersededEntry, VersionDiff } from './versions.ts';

/*
 * The submission model (docs/submissions.md), pure: which documents belong together, which of
 * their forms are checked, which are copies and which were revised, and what changed between two
 * versions. Every entry point (check, watch, enqueue, the sweep) goes through it.
 */

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

// ---- the unit and year of a document ----

/** A document's unit: the owner of its first form that names one, else the subject of its report's title. */
export function documentUnit(forms: Form[]): string | null {
  for (const f of forms) {
    const owner = formOwner(f);
    if (owner) return owner;
  }
  const report = forms.find((f) => f.kind === 'report');
  return report ? unitInTitle(report.title) : null;
}

export function documentYear(forms: Form[]): number | null {
  return forms.find((f) => f.year !== null)?.year ?? null;
}

/**
 * The scoring key of a document: its year and unit bucket (`unitBucket`). Every document that
 * may belong to the same submission has the same key, so a queue that scores one key at a time
 * never scores one submission twice at once. A document without unit or year is a key of its own.
 */
export function submissionKey(forms: Form[], sha: string): string {
  const unit = documentUnit(forms);
  const year = documentYear(forms);
  if (!unit || !unitKey(unit) || year === null) return `doc-${sha.slice(0, 24)}`;
  return `${year}-${sha256(unitBucket(unit)).slice(0, 24)}`;
}

/**
 * The id of a submission: stable across versions and re-runs, it names the unit and year, not
 * the files. `qualified`: the bucket also holds another unit (雁峰区财政局 and 珠晖区财政局 both
 * bucket 财政局), so the id names the unit too.
 */
export function submissionId(unit: string | null, year: number | null, fallbackSha: string, qualified = false): string {
  if (!unit || !unitKey(unit) || year === null) return `doc-${fallbackSha.slice(0, 24)}`;
  const basis = qualified ? `${unitBucket(unit)}\n${unitKey(unit)}` : unitBucket(unit);
  return `${year}-${sha256(basis).slice(0, 24)}`;
}

export interface GroupInput {
  sha256: string;
  forms: Form[];
}

export interface DocumentGroup {
  unit: string | null;
  year: number | null;
  /** Every unit name of its documents, fullest first. */
  names: string[];
  /** Indices into the input, in input order. */
  members: number[];
  key: string;
}

/**
 * Documents whose units are the same (`sameUnit`) and whose years are equal form one group; a
 * document without unit or year is a group of its own. Grouping compares within a scoring key
 * only (`submissionKey`), so it costs O(N) buckets, not O(N²) pairs over a whole batch.
 */
export function groupDocuments(docs: GroupInput[]): DocumentGroup[] {
  const info = docs.map((d) => ({ unit: documentUnit(d.forms), year: documentYear(d.forms), key: submissionKey(d.forms, d.sha256) }));
  const parent = docs.map((_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) i = parent[i] = parent[parent[i]];
    return i;
  };
  const byKey = new Map<string, number[]>();
  info.forEach((x, i) => byKey.set(x.key, [...(byKey.get(x.key) ?? []), i]));
  for (const members of byKey.values()) {
    // Names, not documents: a bucket holds few distinct names however many files it has.
    const byName = new Map<string, number>();
    for (const i of members) {
      const name = unitKey(info[i].unit ?? '');
      const first = byName.get(name);
      if (first === undefined) byName.set(name, i);
      else parent[find(i)] = find(first);
    }
    const reps = [...byName.values()];
    for (let a = 0; a < reps.length; a++) {
      for (let b = a + 1; b < reps.length; b++) {
        const x = info[reps[a]];
        const y = info[reps[b]];
        if (x.year !== null && x.year === y.year && x.unit && y.unit && sameUnit(x.unit, y.unit)) parent[find(reps[b])] = find(reps[a]);
      }
    }
  }
  const groups = new Map<number, number[]>();
  docs.forEach((_, i) => {
    const root = find(i);
    groups.set(root, [...(groups.get(root) ?? []), i]);
  });
  return [...groups.values()].map((members) => {
    const names = [...new Set(members.map((i) => info[i].unit).filter((u): u is string => !!u && unitKey(u) !== ''))];
    names.sort((a, b) => unitKey(b).length - unitKey(a).length);
    const unit = names.length ? names.reduce(fullerUnitName) : null;
    return { unit, year: info[members[0]].year, names, members, key: info[members[0]].key };
  });
}

// ---- forms: identity and content ----

const REVISION_MARK = /[(（【\[]?(?:修改稿|修订稿|修订版|修改版|更正稿|更正版|修改|修订|更正|第[一二三四五六七八九十\d]+[版稿]|[一二三四五六七八九十]稿|终稿|定稿|v\d+|V\d+)[)）】\]]?/g;

function textKey(text: string): string {
  return unitKey(text).replace(REVISION_MARK, '').replace(/(?:19|20)\d{2}年度?/g, '');
}

/**
 * What a form is, within its submission (the unit and year are the submission's): its kind, and
 * for a project form its project (and 实施单位 when that names an organisation), for a report
 * whether it reports on the department or on a project. A later form of the same identity with
 * other content is a new version of it (a 修改稿).
 */
export function formIdentity(form: Form): string {
  if (form.kind === 'department-overall') return 'department-overall';
  if (form.kind === 'project') {
    const implementer = namesOrganisation(form.implementer) ? unitKey(form.implementer!) : '';
    return `project|${textKey(form.projectName ?? form.title)}|${implementer}`;
  }
  const title = unitKey(form.title);
  const onProject = /项目/.test(title) && !/整体/.test(title);
  return onProject ? `report|project|${textKey(form.projectName ?? form.title)}` : 'report|overall';
}

function isLocation(x: Record<string, unknown>): boolean {
  return typeof x.file === 'string' && typeof x.text === 'string' && 'line' in x && 'paragraph' in x;
}

/** Content without where it was read: a cell or sentence becomes its text; keys sorted. */
function contentOf(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(contentOf);
  if (value && typeof value === 'object') {
    const o = value as Record<string, unknown>;
    if (isLocation(o)) return o.text;
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(o).sort()) out[key] = contentOf(o[key]);
    return out;
  }
  return value;
}

/**
 * The content fingerprint of a form: its identity and everything its rules read (every figure
 * and its printed text, every label, reason and sentence), not where it was read. The combined
 * .docx and its split attachment, or the .docx and its .txt export, give the same fingerprint.
 */
export function formFingerprint(form: Form): string {
  // The unit is the submission's (雁峰街道 and 雁峰区雁峰街道办事处 are one); the title and the
  // title paragraph may carry "（修改稿）"; table indices are positions.
  const { unit: _unit, title: _title, at: _at, tables: _tables, ...content } = form;
  return sha256(`[${JSON.stringify(formIdentity(form))},${contentJson(content)}]`);
}

const INDEX_KEY = /^(?:0|[1-9]\d*)$/;

/**
 * JSON.stringify(contentOf(value)), written in one pass without the intermediate copy (a
 * fingerprint is stored: the text must stay byte for byte what it was).
 */
function contentJson(value: unknown): string {
  if (Array.isArray(value)) {
    let out = '[';
    for (let i = 0; i < value.length; i++) {
      if (i > 0) out += ',';
      const v = value[i];
      out += v === undefined || typeof v === 'function' ? 'null' : contentJson(v);
    }
    return out + ']';
  }
  if (value && typeof value === 'object') {
    const o = value as Record<string, unknown>;
    if (isLocation(o)) return JSON.stringify(o.text);
    const keys = Object.keys(o).sort();
    // An object's integer-like keys come first in JSON.stringify, whatever their insertion order.
    if (keys.some((k) => INDEX_KEY.test(k))) return JSON.stringify(contentOf(value));
    let out = '{';
    let first = true;
    for (const key of keys) {
      const v = o[key];
      if (v === undefined || typeof v === 'function') continue;
      if (!first) out += ',';
      first = false;
      out += `${JSON.stringify(key)}:${contentJson(v)}`;
    }
    return out + '}';
  }
  return JSON.stringify(value) ?? 'null';
}

// ---- versions: which forms are checked ----

/** What decides which of two documents is newer. */
export interface Arrival {
  /**
   * The version in which the document first arrived (the service: a document that arrived after
   * an earlier scoring is newer than every document of it); equal for everything under `check`.
   */
  batch: number;
  /** The file's modification time, ms; null when unknown. */
  mtimeMs: number | null;
  /** When it arrived (ISO), for display. */
  at: string | null;
}

export interface VersionInput {
  sha256: string;
  /** As shown in reports. */
  path: string;
  forms: Form[];
  arrival: Arrival;
}

const CHINESE_DIGITS: Record<string, number> = { 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9, 十: 10 };
const numberOf = (s: string) => (/^\d+$/.test(s) ? Number(s) : (CHINESE_DIGITS[s] ?? 2));

/**
 * How late a file name says it is: 1 for a plain name; 第N版/N稿/vN/(N) → N; 修改稿, 修订, 更正 → 2
 * (unless a number says more); 终稿/定稿 → 100. Under `check` it orders files of equal mtime.
 */
export function revisionRank(path: string): number {
  const name = (path.split(/[\\/]/).pop() ?? path).normalize('NFKC');
  if (/终稿|定稿|最终/.test(name)) return 100;
  const numbered =
    /第([\d一二三四五六七八九十]+)[版稿]/.exec(name) ??
    /([一二三四五六七八九十])稿/.exec(name) ??
    /(?:^|[^A-Za-z])[vV](\d+)(?![\d])/.exec(name) ??
    /\((\d+)\)(?=[^()]*$)/.exec(name);
  if (numbered) return numberOf(numbered[1]);
  if (/修改|修订|更正|调整后/.test(name)) return 2;
  return 1;
}

/** Arrival order: earlier batch, then earlier mtime, then a lower revision rank, then the path. */
export function compareArrival(a: VersionInput, b: VersionInput): number {
  return (
    a.arrival.batch - b.arrival.batch ||
    (a.arrival.mtimeMs ?? 0) - (b.arrival.mtimeMs ?? 0) ||
    revisionRank(a.path) - revisionRank(b.path) ||
    (a.path < b.path ? -1 : a.path > b.path ? 1 : 0)
  );
}

export interface PlannedForm {
  role: FormRole;
  identity: string;
  fingerprint: string;
  /** The form kept (copies). */
  copyOf?: { doc: number; form: number };
  /** The form that revised it (superseded). */
  supersededBy?: { doc: number; form: number };
}

export interface PlannedDocument {
  input: VersionInput;
  role: DocumentRole;
  forms: PlannedForm[];
  /** How many generations of revisions lead to it: 1 for a document that revises nothing. */
  generation: number;
}

export interface VersionPlan {
  /** In arrival order. */
  documents: PlannedDocument[];
  /** The forms checked: one per identity, in arrival order. */
  current: { doc: number; form: number }[];
  copies: CopyEntry[];
  superseded: SupersededEntry[];
}

const COPIES_LISTED = 100;

/**
 * Decides the part of every form of a version (docs/submissions.md): documents in arrival order,
 * forms in document order; a form whose content was seen before is a copy of the form kept; a
 * form with the identity of a current form and other content supersedes it. O(forms).
 */
export function planVersion(inputs: VersionInput[]): VersionPlan {
  const sorted = [...inputs].sort(compareArrival);
  const byContent = new Map<string, { doc: number; form: number }>();
  const currentOf = new Map<string, { doc: number; form: number }>();
  const documents: PlannedDocument[] = sorted.map((input) => ({ input, role: 'current', forms: [], generation: 1 }));
  documents.forEach((d, di) => {
    d.input.forms.forEach((form, fi) => {
      const identity = formIdentity(form);
      const fingerprint = formFingerprint(form);
      const seen = byContent.get(fingerprint);
      if (seen) {
        d.forms.push({ role: 'copy', identity, fingerprint, copyOf: seen });
        return;
      }
      byContent.set(fingerprint, { doc: di, form: fi });
      const previous = currentOf.get(identity);
      if (previous) {
        const old = documents[previous.doc].forms[previous.form];
        old.role = 'superseded';
        old.supersededBy = { doc: di, form: fi };
        if (previous.doc !== di) d.generation = Math.max(d.generation, documents[previous.doc].generation + 1);
      }
      currentOf.set(identity, { doc: di, form: fi });
      d.forms.push({ role: 'current', identity, fingerprint });
    });
  });
  for (const d of documents) d.role = documentRole(d.forms);

  const pointer = (p: { doc: number; form: number }): FormPointer => ({ path: documents[p.doc].input.path, form: p.form });
  const copies: CopyEntry[] = [];
  documents.forEach((d) => {
    const byOriginal = new Map<string, CopyEntry>();
    d.forms.forEach((f, fi) => {
      if (f.role !== 'copy' || !f.copyOf) return;
      const key = `${f.copyOf.doc}:${f.copyOf.form}`;
      let entry = byOriginal.get(key);
      if (!entry) {
        const form = d.input.forms[fi];
        entry = { path: d.input.path, kind: form.kind, title: form.title, forms: [], count: 0, copyOf: pointer(f.copyOf) };
        byOriginal.set(key, entry);
        copies.push(entry);
      }
      entry.count++;
      if (entry.forms.length < COPIES_LISTED) entry.forms.push(fi);
    });
  });
  const superseded: SupersededEntry[] = [];
  documents.forEach((d) =>
    d.forms.forEach((f, fi) => {
      if (f.role === 'superseded' && f.supersededBy) {
        const form = d.input.forms[fi];
        superseded.push({ path: d.input.path, form: fi, kind: form.kind, title: form.title, supersededBy: pointer(f.supersededBy) });
      }
    }),
  );
  const current = [...currentOf.values()].sort((a, b) => a.doc - b.doc || a.form - b.form);
  return { documents, current, copies, superseded };
}

function documentRole(forms: PlannedForm[]): DocumentRole {
  if (forms.length === 0 || forms.some((f) => f.role === 'current')) return 'current';
  return forms.some((f) => f.role === 'superseded') ? 'superseded' : 'copy';
}

/**
 * The forms a document's report is checked against: the current forms, with each form of this
 * document in the place of the current form of its identity (its original when it is a copy, its
 * revision when it was superseded). For a document whose forms are all current, the version itself.
 */
export function viewOf(plan: VersionPlan, doc: number): { doc: number; form: number }[] {
  const own = new Map<string, number>();
  plan.documents[doc].forms.forEach((f, fi) => {
    // The first of repeated forms, the latest of revised ones: the form this document stands for.
    if (f.role === 'copy' && own.has(f.identity)) return;
    own.set(f.identity, fi);
  });
  const view: { doc: number; form: number }[] = [];
  for (const c of plan.current) {
    const identity = plan.documents[c.doc].forms[c.form].identity;
    const mine = own.get(identity);
    if (mine !== undefined) {
      view.push({ doc, form: mine });
      own.delete(identity);
    } else view.push(c);
  }
  for (const fi of own.values()) view.push({ doc, form: fi });
  return view;
}

// ---- what changed between two versions ----

/** A finding as a version keeps it (the record's findings file, a report's findings). */
export interface DiffableFinding {
  fingerprint: string;
  rule: string;
  severity: Finding['severity'];
  kind: FixedFinding['kind'];
  message: string;
  declared: number | null;
  computed: number | null;
  at: Finding['at'];
}

/** Rule, form kind and the texts of the cells: the same finding when only its cells moved. */
function movedKey(f: DiffableFinding): string {
  return JSON.stringify([f.rule, f.kind, f.at.map((l) => unitKey(l.text))]);
}

/** Rule, form kind and the places of the cells: the same finding when its cells now print other figures. */
function placeKey(f: DiffableFinding): string {
  return JSON.stringify([f.rule, f.kind, f.at.map((l) => [l.table, l.row, l.col, l.line, l.paragraph])]);
}

/**
 * Fixed, new and unchanged findings between two versions, keyed by fingerprint. A finding whose
 * fingerprint changed is still the same finding (unchanged, listed in `moved`) when its rule and
 * form kind are the same and either its cells' texts are (a line added above it, the same form
 * in another file) or its cells' places are (the weights it names were changed, and still do not
 * add up): an auditor counts it as still open, not as fixed and new.
 */
export function diffFindings(previous: DiffableFinding[], current: DiffableFinding[]): VersionDiff {
  const before = new Map(previous.map((f) => [f.fingerprint, f]));
  const unchanged: string[] = [];
  let pending: DiffableFinding[] = [];
  for (const f of current) {
    if (before.has(f.fingerprint)) {
      unchanged.push(f.fingerprint);
      before.delete(f.fingerprint);
    } else pending.push(f);
  }
  const moved: VersionDiff['moved'] = [];
  for (const keyOf of [movedKey, placeKey]) {
    const left = new Map<string, DiffableFinding[]>();
    for (const f of before.values()) left.set(keyOf(f), [...(left.get(keyOf(f)) ?? []), f]);
    const still: DiffableFinding[] = [];
    for (const f of pending) {
      const match = left.get(keyOf(f))?.shift();
      if (match) {
        moved.push({ previous: match.fingerprint, current: f.fingerprint });
        unchanged.push(f.fingerprint);
        before.delete(match.fingerprint);
      } else still.push(f);
    }
    pending = still;
  }
  const added = pending.map((f) => f.fingerprint);
  const fixed: FixedFinding[] = [...before.values()].map((f) => ({
    fingerprint: f.fingerprint,
    rule: f.rule,
    severity: f.severity,
    kind: f.kind,
    message: f.message,
    declared: f.declared,
    computed: f.computed,
    at: f.at,
  }));
  return { fixed, new: added, unchanged, moved, counts: { fixed: fixed.length, new: added.length, unchanged: unchanged.length } };
}
