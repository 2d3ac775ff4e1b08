import type { FormKind } from '@jxaudit/model';
import type { ReviewStatus } from '../store/schema.ts';
import { KIND_NAMES, STATUS_ORDER, type Drill, type StatsFilter } from './compute.ts';

/*
 * Filters and drills from a query string (the dashboard, the submissions list) or the command
 * line. Read leniently on the web (anything unknown is "all"); the command says what is wrong.
 */

export const KINDS = Object.keys(KIND_NAMES) as FormKind[];

type Query = Record<string, unknown>;
const str = (q: Query, k: string) => (typeof q[k] === 'string' ? (q[k] as string).trim() : '');

export function parseYear(v: string): number | null {
  const n = Number(v);
  return v !== '' && Number.isInteger(n) && n > 1900 && n < 3000 ? n : null;
}

export function parseStatsFilter(q: Query): StatsFilter {
  const kind = str(q, 'kind');
  const status = str(q, 'status');
  const district = str(q, 'district').slice(0, 50);
  return {
    year: parseYear(str(q, 'year')),
    district: district || null,
    kind: (KINDS as string[]).includes(kind) ? (kind as FormKind) : null,
    status: (STATUS_ORDER as string[]).includes(status) ? (status as ReviewStatus) : null,
  };
}

export function parseDrill(q: Query): Drill {
  const d: Drill = {};
  const rule = str(q, 'rule');
  if (/^[a-z0-9-]{1,64}$/.test(rule)) d.rule = rule;
  const unit = str(q, 'unit');
  if (unit && unit.length <= 200) d.unit = unit;
  const grade = str(q, 'grade');
  if (['优', '良', '中', '差'].includes(grade)) {
    d.grade = grade;
    d.gradeBy = str(q, 'gradeBy') === 'recomputed' ? 'recomputed' : 'declared';
  }
  const decision = str(q, 'decision');
  if (['confirmed', 'waived', 'needs-info', 'open'].includes(decision)) d.decision = decision as Drill['decision'];
  return d;
}

export function hasDrill(d: Drill): boolean {
  return d.rule !== undefined || d.unit !== undefined || d.grade !== undefined || d.decision !== undefined;
}

/** The query string of a filter (and a drill), for links between the dashboard and the list. */
export function filterParams(f: StatsFilter, drill: Drill = {}): URLSearchParams {
  const p = new URLSearchParams();
  if (f.year !== null) p.set('year', String(f.year));
  if (f.district !== null) p.set('district', f.district);
  if (f.kind !== null) p.set('kind', f.kind);
  if (f.status !== null) p.set('status', f.status);
  if (drill.rule) p.set('rule', drill.rule);
  if (drill.unit) p.set('unit', drill.unit);
  if (drill.grade) {
    p.set('grade', drill.grade);
    p.set('gradeBy', drill.gradeBy ?? 'declared');
  }
  if (drill.decision) p.set('decision', drill.decision);
  return p;
}
