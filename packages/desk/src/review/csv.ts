import { csvField } from '@jxaudit/ingest/report/csv.ts';
import { severityLabel } from '@jxaudit/ingest/report/text.ts';
import { DECISION_LABEL, ruleTitleZh, whereText, type ReviewView } from './state.ts';

/*
 * The decisions of a submission as a spreadsheet (UTF-8 with BOM, opens in Excel and WPS): the
 * sheet reviewers used to keep beside the tool, now written from the record.
 */

const COLUMNS = ['规则', '严重程度', '问题', '位置', '处理意见', '整改情况', '备注', '审核人', '处理时间', '处理时的版本'];

export function decisionsCsv(view: ReviewView, formatTime: (d: Date) => string): string {
  const multiFile = view.documents.length > 1;
  const rows = [COLUMNS.join(',')];
  for (const g of view.groups) {
    for (const f of g.findings) {
      const d = f.decision;
      rows.push(
        [
          g.title,
          severityLabel(f.finding.severity, 'zh'),
          f.finding.message,
          f.finding.at.map((l) => whereText(l, multiFile)).filter(Boolean).join('；'),
          d ? DECISION_LABEL[d.state] : '待处理',
          f.carry === 'still-open' ? '仍未整改' : f.isNew ? '本稿新出现' : '',
          d?.note ?? '',
          d?.userName ?? '',
          d ? formatTime(d.at) : '',
          d ? String(d.version) : '',
        ]
          .map((v) => csvField(v))
          .join(','),
      );
    }
  }
  for (const g of view.gone) {
    const d = g.decision;
    rows.push(
      [ruleTitleZh(d.finding.rule), '', d.finding.message, d.finding.where, DECISION_LABEL[d.state], g.fixed ? '已整改' : '不再出现', d.note, d.userName, formatTime(d.at), String(d.version)]
        .map((v) => csvField(v))
        .join(','),
    );
  }
  return '\ufeff' + rows.join('\r\n') + '\r\n';
}
