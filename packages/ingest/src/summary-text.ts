import type { Finding, Form, Location, Report, Severity } from '@jxaudit/model';
import type { Lang } from '@jxaudit/score';
import { FIRST_ROWS, groupFindings } from './report/groups.ts';
import { gradeLabel, profileLabel } from './report/labels.ts';
import {
  baseName,
  formKindLabel,
  formatFigure,
  formatNumber,
  formsText,
  locationText,
  readErrorAdvice,
  readErrorMessage,
  readErrorTitle,
  reportUnit,
  reportYear,
  roundHalfUp,
  ruleTitle,
  severityBadge,
  severityIcon,
  severityLabel,
  SEVERITIES,
} from './report/text.ts';
import { showInvisible } from './report/escape.ts';

export interface SummaryTextOptions {
  /** ANSI colours; default: only when stdout is a TTY and NO_COLOR is unset (https://no-color.org). */
  color?: boolean;
  /** Every finding of every group; default: the first three of each form's part, then 另有N条. */
  verbose?: boolean;
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
    count: (n: number) => `（${n}条）`,
    rest: (n: number) => `另有${n}条（加 --verbose 显示全部）`,
    submission: '整个提交',
    verdict: (self: string, review: string) => `自评总分 ${self} → 复核总分 ${review}`,
    noTotal: '未填',
    notRescored: '未复核',
    grade: (g: string) => `（${g}）`,
    total: (files: number, e: number, w: number, i: number, unreadable: number) =>
      `共 ${files} 个文件：错误 ${e}，警告 ${w}，提示 ${i}` + (unreadable ? `；${unreadable} 个文件无法读取` : ''),
    quote: (s: string) => `“${s}”`,
  },
  en: {
    unit: 'Unit',
    year: 'Year',
    forms: 'Forms',
    profile: 'Scoring rules',
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
    count: (n: number) => ` (${n})`,
    rest: (n: number) => `${n} more (--verbose shows all)`,
    submission: 'whole submission',
    verdict: (self: string, review: string) => `self-assessed total ${self} → recomputed ${review}`,
    noTotal: 'not filled in',
    notRescored: 'not recomputed',
    grade: (g: string) => ` (${g})`,
    total: (files: number, e: number, w: number, i: number, unreadable: number) =>
      `${files} file${files === 1 ? '' : 's'}: ${e} error${e === 1 ? '' : 's'}, ${w} warning${w === 1 ? '' : 's'}, ${i} note${i === 1 ? '' : 's'}` +
      (unreadable ? `; ${unreadable} unreadable` : ''),
    quote: (s: string) => `"${s}"`,
  },
} as const;

type Words = (typeof W)[Lang];

const COLOR: Record<Severity | 'bold' | 'dim', string> = {
  error: '\x1b[31m',
  warning: '\x1b[33m',
  info: '\x1b[36m',
  bold: '\x1b[1m',
  dim: '\x1b[2m',
};
const RESET = '\x1b[0m';

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

function formName(form: Form, lang: Lang): string {
  const kind = formKindLabel(form.kind, lang);
  return form.projectName ? (lang === 'zh' ? `${kind}（${clean(form.projectName)}）` : `${kind} (${clean(form.projectName)})`) : kind;
}

/** "部门整体支出绩效自评表：自评总分 86（良）→ 复核总分 94.49（优）" per table form. */
function verdictLines(report: Report, lang: Lang, w: Words): string[] {
  return report.forms
    .filter((form) => form.kind !== 'report' && (form.rescored || form.totals))
    .map((form) => {
      const r = form.rescored;
      const figure = (n: number | null | undefined, g: string | null | undefined) =>
        n === null || n === undefined ? w.noTotal : `${formatNumber(roundHalfUp(n))}${g ? w.grade(gradeLabel(g, lang)) : ''}`;
      const self = figure(r ? r.declared : form.totals?.score, r?.declaredGrade);
      return `${formName(form, lang)}${w.sep}${w.verdict(self, r ? figure(r.recomputed, r.recomputedGrade) : w.notRescored)}`;
    });
}

/**
 * The readable summary `jxaudit check` prints: per file its unit, the verdict per form, then the
 * findings grouped as on the page: one group per rule, within it one part per form, the first
 * three rows of each part and "另有N条" for the rest (all of them with `verbose`).
 */
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
    const profile = profileLabel(report.profile, lang);
    out.push(
      `  ${w.unit}${w.sep}${unit ? clean(unit) : w.none}${w.gap}${w.year}${w.sep}${year ?? w.none}${w.gap}` +
        `${w.forms}${w.sep}${formsText(report, lang) || w.none}${w.gap}${w.profile}${w.sep}${profile ? `${clean(profile)} ${paint('dim', `(${clean(report.profile!)})`)}` : w.none}`,
    );
    for (const line of verdictLines(report, lang, w)) out.push(`  ${paint('bold', line)}`);
    total.errors += report.summary.errors;
    total.warnings += report.summary.warnings;
    total.infos += report.summary.infos;
    if (report.findings.length === 0) {
      out.push(`  ${w.noFindings}`);
      out.push('');
      continue;
    }
    const n: Record<Severity, number> = { error: report.summary.errors, warning: report.summary.warnings, info: report.summary.infos };
    out.push(`  ${SEVERITIES.map((s) => paint(s, `${severityLabel(s, lang)} ${n[s]}`)).join(w.gap)}`);
    for (const group of groupFindings(report.findings)) {
      const head = `${severityIcon(group.severity)} ${severityBadge(group.severity, lang)}${w.gap}${ruleTitle(group.rule, lang)}${w.count(group.count)}`;
      out.push(`  ${paint(group.severity, head)} ${paint('dim', `[${group.rule}]`)}`);
      for (const part of group.parts) {
        const form = part.form === null ? null : report.forms[part.form];
        out.push(`    ${form ? formName(form, lang) : w.submission}${w.count(part.items.length)}`);
        const shown = options.verbose ? part.items : part.items.slice(0, FIRST_ROWS);
        shown.forEach(({ finding: f }, i) => {
          const mark = f.severity === group.severity ? '' : `${paint(f.severity, severityBadge(f.severity, lang))} `;
          out.push(`    ${i + 1}. ${mark}${clean(f.message)}`);
          if (f.declared !== null || f.computed !== null) {
            const d = f.declared === null ? w.none : formatFigure(f.rule, f.declared, f.at[0]?.text);
            const c = f.computed === null ? w.none : formatFigure(f.rule, f.computed);
            out.push(`       ${w.declared} ${d} → ${w.computed} ${c}`);
          }
          const where = whereText(f, report, lang);
          if (where) out.push(`       ${w.where}${w.sep}${where}`);
        });
        if (part.items.length > shown.length) out.push(`    ${paint('dim', w.rest(part.items.length - shown.length))}`);
      }
    }
    out.push('');
  }
  out.push(w.total(reports.length, total.errors, total.warnings, total.infos, total.unreadable));
  return out.join('\n');
}
