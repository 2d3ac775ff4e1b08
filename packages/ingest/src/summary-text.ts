import type { Report } from '@jxaudit/model';
import type { Lang } from '@jxaudit/score';

/** The readable summary `jxaudit check` prints: per file, findings grouped by severity. PLACEHOLDER. */
export function renderSummaryText(reports: Report[], _lang: Lang): string {
  return reports.map((r) => `${r.source.path}: ${r.summary.errors}/${r.summary.warnings}/${r.summary.infos}`).join('\n');
}
