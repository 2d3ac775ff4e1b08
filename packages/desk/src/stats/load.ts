import type { ReportSource, SubmissionEntry } from '../source/report-source.ts';
import type { DecisionState, ReviewStatus } from '../store/schema.ts';
import { districtOf, type FormScore, type StatsInput, type SubmissionFacts } from './compute.ts';

/*
 * Gathers what computeStats needs: every submission's current findings (with their form kind)
 * as the report source lists them, its forms' 自评总分 / 复核总分 from the reports (through the
 * report source's formScores), and the review state from the database. A submission's facts are
 * read once per version.
 */

export interface ReviewState {
  statuses: Map<string, ReviewStatus>;
  decisions: Map<string, Map<string, DecisionState>>;
}

export class StatsLoader {
  private readonly cache = new Map<string, { key: string; facts: SubmissionFacts }>();

  constructor(private readonly source: ReportSource) {}

  async facts(entry: SubmissionEntry): Promise<SubmissionFacts> {
    const key = `${entry.version}\u0000${entry.updatedAt}`;
    const hit = this.cache.get(entry.id);
    if (hit?.key === key) return hit.facts;
    const scores: FormScore[] = [];
    const seen = new Set<string>();
    for (const { kind, title, rescored: r } of await this.source.formScores(entry)) {
      // A form repeated inside the current documents counts once.
      const k = `${kind}\u0000${title}\u0000${r.declared}\u0000${r.recomputed}\u0000${r.points}`;
      if (seen.has(k)) continue;
      seen.add(k);
      scores.push({ kind, title, points: r.points, declared: r.declared, recomputed: r.recomputed, declaredGrade: r.declaredGrade, recomputedGrade: r.recomputedGrade });
    }
    const facts: SubmissionFacts = {
      id: entry.id,
      unit: entry.unit ?? '（未识别单位）',
      year: entry.year,
      district: districtOf(entry.unit),
      version: entry.version,
      findings: entry.findings,
      scores,
    };
    this.cache.set(entry.id, { key, facts });
    return facts;
  }

  /** Every submission's facts, read a few at a time. */
  async all(): Promise<SubmissionFacts[]> {
    const entries = await this.source.list();
    const out: SubmissionFacts[] = new Array(entries.length);
    let next = 0;
    const worker = async () => {
      while (next < entries.length) {
        const i = next++;
        out[i] = await this.facts(entries[i]!);
      }
    };
    await Promise.all(Array.from({ length: Math.min(8, entries.length) }, worker));
    const live = new Set(entries.map((e) => e.id));
    for (const id of this.cache.keys()) if (!live.has(id)) this.cache.delete(id);
    return out;
  }

  async input(review: ReviewState): Promise<StatsInput> {
    return { submissions: await this.all(), statuses: review.statuses, decisions: review.decisions };
  }
}
