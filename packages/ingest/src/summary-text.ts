import type { Finding, Location, Report, Severity } from '@jxaudit/model';
import type { Lang } from '@jxaudit/score';
import {
  SEVERITIES,
  baseName,
  formatFigure,
  formsText,
  locationText,
  readErrorAdvice,
  readErrorMessage,
  readErrorTitle,
  reportUnit,
  reportYear,
  ruleTitle,
  severityLabel,
} from './report/text.ts';
import { showInvisible } from './report/escape.ts';

export interface SummaryTextOptions {
  /** ANSI colours; default: only when stdout is a TTY and NO_COLOR is unset (https://no-color.org). */
  color?: boolean;
}

/** Colour only for a terminal, and never when NO_COLOR is set to something. */
export function colorWanted(env: NodeJS.ProcessEnv = process.env, isTTY: boolean = process.stdout.isTTY === true): boolean {
  return isTTY && !env.NO_COLOR;
}

const W = {
  zh: {
    unit: '单位',
    year: '年度',
    forms: '表',
    profile: '评分口径',
    none: '—',
    declared: '标注',
    computed: '复核',
    where: '位置',
    more: (n: number) => `等 ${n} 处`,
    cannotRead: '无法读取',
    whatToDo: '怎么办',
    noFindings: '未发现问题。',
    sep: '：',
    gap: '　',
    listSep: '；',
    total: (files: number, e: number, w: number, i: number, unreadable: number) =>
      `共 ${files} 个文件：错误 ${e}，警告 ${w}，提示 ${i}` + (unreadable ? `；${unreadable} 个文件无法读取` : ''),
    quote: (s: string) => `“${s}”`,
  },
  en: {
    unit: 'Unit',
    year: 'Year',
    forms: 'Forms',
    profile: 'Profile',
    none: '-',
    declared: 'declared',
    computed: 'recomputed',
    where: 'Where',
    more: (n: number) => `and ${n} more`,
    cannotRead: 'Cannot read',
    whatToDo: 'What to do',
    noFindings: 'No findings.',
    sep: ': ',
    gap: '  ',
    listSep: '; ',
    total: (files: number, e: number, w: number, i: number, unreadable: number) =>
      `${files} file${files === 1 ? '' : 's'}: ${e} error${e === 1 ? '' : 's'}, ${w} warning${w === 1 ? '' : 's'}, ${i} note${i === 1 ? '' : 's'}` +
      (unreadable ? `; ${unreadable} unreadable` : ''),
    quote: (s: string) => `"${s}"`,
  },
} as const;

const COLOR: Record<Severity | 'bold' | 'dim', string> = {
  error: '\x1b[31m',
  warning: '\x1b[33m',
  info: '\x1b[36m',
  bold: '\x1b[1m',
  dim: '\x1b[2m',
};
const RESET = '\x1b[0m';

/** Drops terminal control characters from document text (a cell could carry an escape sequence). */
/** Document text for the terminal: no control characters, invisible ones shown (⟨U+200B⟩). */
function clean(text: string): string {
  return showInvisible(text.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, ''));
}

/** A location's text on one line, shortened for long sentences. */
function shortText(text: string, max = 40): string {
  const one = clean(text).replace(/\s+/g, ' ').trim();
  return one.length > max ? `${one.slice(0, max)}…` : one;
}

function whereText(f: Finding, report: Report, lang: Lang): string {
  const w = W[lang];
  const shown = f.at.slice(0, 3).map((loc: Location) => {
    const place = locationText(loc, lang);
    const other = loc.file !== report.source.path ? `${clean(baseName(loc.file))} ` : '';
    const text = shortText(loc.text);
    return `${other}${place}${text ? `${place ? ' ' : ''}${w.quote(text)}` : ''}`.trim();
  });
  const rest = f.at.length - shown.length;
  return shown.filter(Boolean).join(w.listSep) + (rest > 0 ? `${w.listSep}${w.more(rest)}` : '');
}

/** The readable summary `jxaudit check` prints: per file, findings grouped by severity. */
export function renderSummaryText(reports: Report[], lang: Lang, options: SummaryTextOptions = {}): string {
  const w = W[lang];
  const color = options.color ?? colorWanted();
  const paint = (style: keyof typeof COLOR, s: string) => (color ? `${COLOR[style]}${s}${RESET}` : s);
  const out: string[] = [];
  const total = { errors: 0, warnings: 0, infos: 0, unreadable: 0 };

  for (const report of reports) {
    out.push(paint('bold', clean(report.source.path)));
    if (report.error) {
      total.unreadable++;
      out.push(`  ${paint('error', `${w.cannotRead}${w.sep}${readErrorTitle(report.error.code, lang)}`)} (${report.error.code})`);
      out.push(`  ${clean(readErrorMessage(report, lang))}`);
      out.push(`  ${w.whatToDo}${w.sep}${readErrorAdvice(lang)}`);
      out.push('');
      continue;
    }
    const unit = reportUnit(report);
    const year = reportYear(report);
    out.push(
      `  ${w.unit}${w.sep}${unit ? clean(unit) : w.none}${w.gap}${w.year}${w.sep}${year ?? w.none}${w.gap}` +
        `${w.forms}${w.sep}${formsText(report, lang) || w.none}${w.gap}${w.profile}${w.sep}${report.profile ?? w.none}`,
    );
    total.errors += report.summary.errors;
    total.warnings += report.summary.warnings;
    total.infos += report.summary.infos;
    if (report.findings.length === 0) out.push(`  ${w.noFindings}`);
    for (const sev of SEVERITIES) {
      const findings = report.findings.filter((f) => f.severity === sev);
      if (!findings.length) continue;
      out.push(`  ${paint(sev, `${severityLabel(sev, lang)} (${findings.length})`)}`);
      findings.forEach((f, i) => {
        out.push(`    ${i + 1}. ${paint(sev, ruleTitle(f.rule, lang))} ${paint('dim', `[${f.rule}]`)}`);
        out.push(`       ${clean(f.message)}`);
        if (f.declared !== null || f.computed !== null) {
          const d = f.declared === null ? w.none : formatFigure(f.rule, f.declared, f.at[0]?.text);
          const c = f.computed === null ? w.none : formatFigure(f.rule, f.computed);
          out.push(`       ${w.declared} ${d} → ${w.computed} ${c}`);
        }
        const where = whereText(f, report, lang);
        if (where) out.push(`       ${w.where}${w.sep}${where}`);
      });
    }
    out.push('');
  }
  out.push(w.total(reports.length, total.errors, total.warnings, total.infos, total.unreadable));
  return out.join('\n');
}
