import { formatFigure } from '@jxaudit/ingest/report/text.ts';
import { remedyFor } from '@jxaudit/score';
import { placesText, type ReviewView, type ReviewedFinding } from '../review/state.ts';
import type { LetterDraft } from '../store/index.ts';

/*
 * The 审核意见书 of a submission, as content: both the .docx and the A4 print page render it.
 * It holds the confirmed problems of the current version (仍未整改 ones included), grouped by
 * rule, each with its figures and where it is (表/行/列, 1-based), the 整改要求 of each rule as
 * the reviewer edited it, the findings awaiting material, a deadline and the signature block.
 * Waived findings (不是问题) are never in it.
 */

export interface LetterProblem {
  n: number;
  fingerprint: string;
  message: string;
  /** "填报 9，复核应为 10" or null when the rule compares no figures. */
  figures: string | null;
  where: string;
  stillOpen: boolean;
}

export interface LetterSection {
  rule: string;
  title: string;
  remedy: string;
  problems: LetterProblem[];
}

export interface LetterContent {
  title: string;
  addressee: string;
  unit: string;
  year: number | null;
  files: string[];
  versionText: string;
  opening: string;
  sections: LetterSection[];
  /** 待补充材料: asked of the unit, not problems yet. */
  pending: LetterProblem[];
  fixedCount: number;
  closing: string;
  deadline: string;
  reviewer: string;
  office: string;
  date: string;
}

/** yyyy-mm-dd in Beijing. */
export function beijingDate(d: Date): string {
  return new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
}

/** "2026年12月15日" */
export function chineseDate(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  return m ? `${Number(m[1])}年${Number(m[2])}月${Number(m[3])}日` : iso;
}

export const DEFAULT_OFFICE = '财政局预算绩效管理科';

/** The draft a letter starts from: the catalog's 整改要求 of every rule with a confirmed problem, 15 days to answer. */
export function defaultDraft(view: ReviewView, reviewer: string, now: Date, office = DEFAULT_OFFICE): LetterDraft {
  const remedies: Record<string, string> = {};
  for (const f of view.findings) if (f.decision?.state === 'confirmed') remedies[f.finding.rule] = remedyFor(f.finding.rule);
  return { remedies, deadline: beijingDate(new Date(now.getTime() + 15 * 86400_000)), reviewer, office, opening: '' };
}

function problemOf(f: ReviewedFinding, n: number, multiFile: boolean): LetterProblem {
  const { declared, computed, rule, at } = f.finding;
  const figures =
    declared !== null && computed !== null
      ? `填报 ${formatFigure(rule, declared, at[0]?.text)}，复核应为 ${formatFigure(rule, computed)}`
      : declared !== null
        ? `填报 ${formatFigure(rule, declared, at[0]?.text)}`
        : null;

  return {
    n,
    fingerprint: f.fingerprint,
    message: f.finding.message,
    figures,
    where: placesText(at, multiFile, 6),
    stillOpen: f.carry === 'still-open',
  };
}

export function buildLetter(view: ReviewView, draft: LetterDraft, now: Date): LetterContent {
  const e = view.entry;
  const multiFile = view.documents.filter((d) => d.doc.role === 'current').length > 1;
  let n = 0;
  const sections: LetterSection[] = view.groups
    .map((g) => ({ g, confirmed: g.findings.filter((f) => f.decision?.state === 'confirmed') }))
    .filter(({ confirmed }) => confirmed.length > 0)
    .map(({ g, confirmed }) => ({
      rule: g.rule,
      title: g.title,
      remedy: (draft.remedies[g.rule] ?? '').trim() || remedyFor(g.rule),
      problems: confirmed.map((f) => problemOf(f, ++n, multiFile)),
    }));
  const pending = view.findings.filter((f) => f.decision?.state === 'needs-info').map((f, i) => problemOf(f, i + 1, multiFile));
  const unit = e.unit ?? '报送单位';
  const files = view.documents.filter((d) => d.doc.role === 'current').map((d) => d.doc.name);
  const versionText = e.version <= 1 ? '初稿' : `第${e.version}稿（修改稿）`;
  const year = e.year;
  const deadline = chineseDate(draft.deadline);
  const opening =
    draft.opening.trim() ||
    `你单位报送的${year ?? ''}年度绩效自评材料（${versionText}：${files.join('、')}）已收悉。经审核，${
      sections.length ? `发现以下 ${n} 个问题，请逐项整改` : '未发现需要整改的问题'
    }${pending.length ? `；另有 ${pending.length} 个事项需要补充材料或说明` : ''}。`;
  const closing = sections.length || pending.length
    ? `请于${deadline}前完成整改，将修改后的绩效自评表、自评报告及整改说明重新报送。逾期未报送的，将按有关规定处理。`
    : '特此告知。';
  return {
    title: `关于${unit}${year ?? ''}年度绩效自评材料的审核意见书`,
    addressee: `${unit}：`,
    unit,
    year,
    files,
    versionText,
    opening,
    sections,
    pending,
    fixedCount: view.counts.fixed,
    closing,
    deadline,
    reviewer: draft.reviewer,
    office: draft.office,
    date: chineseDate(beijingDate(now)),
  };
}
