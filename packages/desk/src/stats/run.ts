import { stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { STATE_DIR } from '@jxaudit/ingest';
import { AdminError } from '../admin.ts';
import { runOperation, type DbOptions } from '../access.ts';
import { pgliteDir } from '../lock.ts';
import { openReportSource } from '../source/report-source.ts';
import { computeStats, KIND_NAMES, STATUS_NAMES, type Stats, type StatsFilter } from './compute.ts';
import { KINDS, parseYear } from './filter.ts';
import { StatsLoader, type ReviewState } from './load.ts';
import { reviewStateFromWire } from './review-state.ts';
import { filterCaption, statsTables, tablesXlsx } from './tables.ts';
import type { ReviewStatus } from '../store/schema.ts';

/* `jxaudit stats`: the dashboard's numbers for scripts, from the same module. */

export interface StatsCommandOptions extends DbOptions {
  year?: string;
  district?: string;
  kind?: string;
  status?: string;
  json?: boolean;
  xlsx?: string;
}

export function commandFilter(o: StatsCommandOptions): StatsFilter {
  const year = o.year === undefined ? null : parseYear(o.year);
  if (o.year !== undefined && year === null) throw new AdminError(`--year 需要四位年度，例如 --year 2022（收到“${o.year}”）。`);
  if (o.kind !== undefined && !(KINDS as string[]).includes(o.kind)) throw new AdminError(`--kind 只能是 ${KINDS.map((k) => `${k}（${KIND_NAMES[k]}）`).join('、')}。`);
  const statuses = Object.keys(STATUS_NAMES);
  if (o.status !== undefined && !statuses.includes(o.status)) throw new AdminError(`--status 只能是 ${Object.entries(STATUS_NAMES).map(([k, v]) => `${k}（${v}）`).join('、')}。`);
  return { year, district: o.district?.trim() || null, kind: (o.kind as StatsFilter['kind']) ?? null, status: (o.status as ReviewStatus) ?? null };
}

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch {
    return false;
  }
}

/** The review state: from PostgreSQL, from the embedded database (through serve when it runs), or empty when none was ever made. */
async function reviewState(o: StatsCommandOptions): Promise<ReviewState> {
  if (!o.db && o.out && !(await exists(pgliteDir(o.out)))) return { statuses: new Map(), decisions: new Map() };
  await import('./review-state.ts');
  return reviewStateFromWire((await runOperation(o, 'review-state', {})) as never);
}

export async function statsOf(o: StatsCommandOptions): Promise<Stats> {
  if (!o.out) throw new AdminError('请用 --out DIR 指定报告目录（jxaudit check --out 或 watch 写出的目录）。');
  if (!(await exists(join(o.out, STATE_DIR, 'submissions')))) {
    throw new AdminError(`报告目录“${o.out}”中没有报送记录（${STATE_DIR}/submissions）。请先用 jxaudit check --out ${o.out} 或 jxaudit watch 检查材料。`);
  }
  const filter = commandFilter(o);
  const review = await reviewState(o);
  const loader = new StatsLoader(openReportSource(o.out));
  return computeStats(await loader.input(review), filter);
}

export function statsText(s: Stats): string {
  const lines: string[] = [];
  lines.push(`统计范围：${filterCaption(s)}`);
  lines.push(`报送 ${s.totals.submissions} 份（${s.totals.units} 个单位），问题 ${s.totals.findings} 个：错误 ${s.totals.errors}，警告 ${s.totals.warnings}，提示 ${s.totals.infos}；未说明偏差 ${s.totals.shortfalls} 处；自评总分高于复核总分的表 ${s.totals.inflated} 张。`);
  lines.push(`审核进度：${s.progress.map((p) => `${p.label} ${p.submissions}`).join('，')}`);
  lines.push('', '涉及单位最多的规则：');
  for (const r of s.rules.slice(0, 10)) lines.push(`  ${r.title}（${r.rule}）  ${r.units} 个单位，${r.total} 个问题`);
  lines.push('', '错误最多的单位：');
  for (const u of s.unitsByErrors.slice(0, 10)) lines.push(`  ${u.unit}  错误 ${u.errors}，未说明偏差 ${u.shortfalls}`);
  const inflated = s.inflation.filter((r) => r.inflation > 0).slice(0, 10);
  if (inflated.length) {
    lines.push('', '自评总分高出复核总分最多的表：');
    for (const r of inflated) lines.push(`  ${r.unit} ${r.year ?? ''}年 ${KIND_NAMES[r.kind]}  自评 ${r.declared}，复核 ${r.recomputed}（高出 ${r.inflation}）`);
  }
  lines.push('', '完整数据：jxaudit stats --json 或 --xlsx 文件名.xlsx');
  return lines.join('\n') + '\n';
}

export async function runStatsCommand(o: StatsCommandOptions, out: (s: string) => void): Promise<void> {
  const s = await statsOf(o);
  if (o.xlsx) await writeFile(o.xlsx, await tablesXlsx(statsTables(s), filterCaption(s)));
  if (o.json) out(JSON.stringify(s, null, 2) + '\n');
  else if (o.xlsx) out(`已写出 ${o.xlsx}（${statsTables(s).length} 张工作表：${filterCaption(s)}）\n`);
  else out(statsText(s));
}
