import { FormKindSchema } from '@jxaudit/model';
import { parse as parseYaml } from 'yaml';
import type { ApprovedTargetEntry, ApprovedTargets } from './types.ts';

import { TargetsError } from './errors.ts';
export { TargetsError };

function optString(v: unknown, where: string): string | null {
  if (v === undefined || v === null) return null;
  if (typeof v !== 'string' && typeof v !== 'number') throw new TargetsError(`${where} must be text`);
  return String(v);
}

/**
 * Parses an approved-targets file (批复绩效目标), JSON or YAML:
 *
 * ```yaml
 * entries:
 *   - unit: 雁峰区雁峰街道办事处     # matched like submissions: equal or contained
 *     year: 2021
 *     kind: project                 # department-overall | project
 *     projectName: 基层政权建设和社区治理
 *     indicators:
 *       - { level1: 产出指标, level2: 数量指标, name: 国有土地上房屋预征收户数, target: 162户, points: 10 }
 * ```
 * A bare list of entries is accepted too. unit, year, kind and projectName may be omitted (match any).
 */
export function loadApprovedTargets(text: string): ApprovedTargets {
  let data: unknown;
  const trimmed = text.replace(/^\uFEFF/, '').trim();
  try {
    data = JSON.parse(trimmed);
  } catch {
    data = undefined;
  }
  try {
    // YAML flow style ("[{unit: 珠晖区}]") also starts with a bracket, so YAML is the fallback.
    if (data === undefined) data = parseYaml(trimmed);
  } catch (e) {
    throw new TargetsError(`approved-targets file is neither valid JSON nor YAML: ${(e as Error).message}`);
  }
  const list = Array.isArray(data) ? data : data && typeof data === 'object' ? (data as Record<string, unknown>).entries : undefined;
  if (!Array.isArray(list)) throw new TargetsError('approved-targets file must hold a list of entries (or {entries: [...]})');
  const entries: ApprovedTargetEntry[] = list.map((raw, i) => {
    const where = `entry ${i + 1}`;
    if (!raw || typeof raw !== 'object' || Array.isArray(raw)) throw new TargetsError(`${where} must be an object`);
    const e = raw as Record<string, unknown>;
    for (const key of Object.keys(e)) {
      if (!['unit', 'year', 'kind', 'projectName', 'indicators'].includes(key)) throw new TargetsError(`${where}: unknown field "${key}"`);
    }
    let year: number | null = null;
    if (e.year !== undefined && e.year !== null) {
      year = Number(e.year);
      if (!Number.isInteger(year)) throw new TargetsError(`${where}: year must be a whole number`);
    }
    let kind: ApprovedTargetEntry['kind'] = null;
    if (e.kind !== undefined && e.kind !== null) {
      const parsed = FormKindSchema.safeParse(e.kind);
      if (!parsed.success) throw new TargetsError(`${where}: kind must be department-overall or project`);
      kind = parsed.data;
    }
    if (!Array.isArray(e.indicators) || e.indicators.length === 0) throw new TargetsError(`${where}: indicators must be a non-empty list`);
    const indicators = e.indicators.map((rawInd, j) => {
      const w = `${where}, indicator ${j + 1}`;
      if (!rawInd || typeof rawInd !== 'object') throw new TargetsError(`${w} must be an object`);
      const ind = rawInd as Record<string, unknown>;
      const name = optString(ind.name, `${w}: name`);
      if (!name) throw new TargetsError(`${w}: name is required`);
      const target = optString(ind.target, `${w}: target`);
      if (target === null) throw new TargetsError(`${w}: target is required`);
      let points: number | null = null;
      if (ind.points !== undefined && ind.points !== null) {
        points = Number(ind.points);
        if (!Number.isFinite(points)) throw new TargetsError(`${w}: points must be a number`);
      }
      const level1 = optString(ind.level1, `${w}: level1`);
      const level2 = optString(ind.level2, `${w}: level2`);
      return { ...(level1 ? { level1 } : {}), ...(level2 ? { level2 } : {}), name, target, points };
    });
    return { unit: optString(e.unit, `${where}: unit`), year, kind, projectName: optString(e.projectName, `${where}: projectName`), indicators };
  });
  return { entries };
}
