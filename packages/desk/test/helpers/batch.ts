import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { checkIntoOut, readInputs } from '@jxaudit/ingest';
import { resolveProfile } from '@jxaudit/score';
import { snapshotOf } from '../../src/review/state.ts';
import { openReportSource } from '../../src/source/report-source.ts';
import type { Store } from '../../src/store/index.ts';
import { addUsers, SEED } from './desk.ts';

/*
 * A statistics batch with known answers: the sample .txt (雁峰街道 2021) rewritten per unit and
 * year with chosen edits, checked in-process into one output folder (`check --out`). What each
 * edit does to the findings and scores is stated here, so tests can compute the expected numbers
 * from the recipe, independently of the statistics module.
 *
 * 24 units in 4 districts; units 0–15 report 2021 and 2022, 16–19 only 2021, 20–23 only 2022: 40
 * submissions. Per submission (u, y):
 *  - reasons: the first `reasons` of the department form's 12 indicators lacking a 偏差原因 get one
 *    (each removes one deviation-reason-missing finding);
 *  - declared: the department form's 自评总分 as printed (the sample's is 86; items sum to 95,
 *    复核总分 94.485);
 *  - fixWeight: the department form's 效益指标 labelled 40分 instead of 30分 (removes one
 *    level1-weight-sum error).
 */

export const DISTRICTS = ['雁峰区', '石鼓区', '蒸湘区', '珠晖区'] as const;
const NAMES = ['天马山', '先锋', '白沙洲', '黄茶岭', '人民路', '青山', '潇湘', '五一', '联合', '红湘', '雨母山', '呆鹰岭', '和平', '酃湖', '东风', '广东路', '苗圃', '角山', '松木', '合江', '蒸湘', '茶山坳', '金龙坪', '粤汉'];

export interface BatchItem {
  unit: string;
  district: string;
  year: number;
  reasons: number;
  declared: number;
  fixWeight: boolean;
  file: string;
}

export function batchRecipe(): Omit<BatchItem, 'file'>[] {
  const items: Omit<BatchItem, 'file'>[] = [];
  const declaredChoices = [86, 90, 95, 98, 99, 100, 92, 78];
  for (let u = 0; u < 24; u++) {
    const district = DISTRICTS[u % 4]!;
    const unit = `${district}${NAMES[u]}街道办事处`;
    const years = u < 16 ? [2021, 2022] : u < 20 ? [2021] : [2022];
    for (const year of years) {
      const k = year === 2022 ? 3 : 0;
      items.push({ unit, district, year, reasons: (u + k) % 6, declared: declaredChoices[(u + k) % 8]!, fixWeight: u % 3 === 0 && year === 2022 });
    }
  }
  return items;
}

/** The 12 department-form indicators of the sample that lack a 偏差原因, in form order. */
export const DEPT_SHORT_ROWS = ['财政供养人员控制率是否完成', '经济建设投资总金额', '全社会固定资产投资', '规模以上工业生产值', '质量达标率', '及时完成率', '城区经济建设是否稳步推进', '重点项目是否全部推进有序开展', '社会秩序是否更加稳定。', '生态环境是否已达到有力保障', '城市品质是否有效提升', '群众满意度'];

export function editSample(text: string, item: Omit<BatchItem, 'file'>): string {
  const lines = text.split('\n');
  const deptEnd = lines.findIndex((l) => l.startsWith('附件2'));
  // The department form: reasons, 自评总分, the 效益指标 weight.
  let given = 0;
  for (let i = 0; i < deptEnd && given < item.reasons; i++) {
    const name = lines[i]!.replace(/^\t/, '');
    if (!lines[i]!.startsWith('\t') || !DEPT_SHORT_ROWS.some((r) => name.startsWith(r.replace(/。$/, '')))) continue;
    // name, target, actual, points, score, reason
    if (!/^\t[\s　]*$/.test(lines[i + 5] ?? 'x')) continue;
    lines[i + 5] = '\t受客观因素影响未完全完成，已制定改进措施';
    given++;
  }
  if (given !== item.reasons) throw new Error(`batch: ${given} reasons given, ${item.reasons} wanted`);
  const total = lines.findIndex((l, i) => i < deptEnd && l === '\t总分');
  if (total < 0 || lines[total + 2] !== '\t86') throw new Error('batch: the sample changed (总分)');
  lines[total + 2] = `\t${item.declared}`;
  if (item.fixWeight) {
    const w = lines.findIndex((l, i) => i < deptEnd && l.startsWith('（30分）'));
    if (w < 0) throw new Error('batch: the sample changed (效益指标 weight)');
    lines[w] = lines[w]!.replace('（30分）', '（40分）');
  }
  const short = item.unit.replace(/^.+?区/, '').replace(/办事处$/, '');
  return lines
    .join('\n')
    .replaceAll('雁峰区雁峰街道办事处', item.unit)
    .replaceAll('雁峰街道', short)
    .replaceAll('2021年', `${item.year}年`);
}

/** Writes the batch's .txt files into `dir/in` and checks them into `dir/out`; returns the items. */
export async function buildBatch(dir: string): Promise<{ out: string; items: BatchItem[] }> {
  const sample = await readFile(join(SEED, 'yanfeng-2021.txt'), 'utf8');
  const input = join(dir, 'in');
  const out = join(dir, 'out');
  await mkdir(input, { recursive: true });
  const items: BatchItem[] = [];
  for (const [n, r] of batchRecipe().entries()) {
    const file = join(input, `u${String(n).padStart(2, '0')}-${r.year}.txt`);
    await writeFile(file, editSample(sample, r));
    items.push({ ...r, file });
  }
  const options = { lang: 'zh' as const, resolveProfile: (name: string) => resolveProfile(name) };
  await checkIntoOut(out, await readInputs(items.map((i) => ({ path: i.file, shown: i.file.slice(input.length + 1) }))), options);
  return { out, items };
}

export interface ExpectedFinding {
  rule: string;
  severity: 'error' | 'warning' | 'info';
  kind: string | null;
}

/** The findings an item must give: the sample's 47 (fixtures/seed/expected-findings.json) changed by its edits. */
export async function expectedFindings(item: Omit<BatchItem, 'file'>): Promise<ExpectedFinding[]> {
  const base = JSON.parse(await readFile(join(SEED, 'expected-findings.json'), 'utf8')) as ExpectedFinding[];
  const out: ExpectedFinding[] = [];
  let reasonsLeft = item.reasons;
  for (const f of base) {
    const dept = f.kind === 'department-overall';
    if (dept && f.rule === 'deviation-reason-missing' && reasonsLeft > 0) {
      reasonsLeft--;
      continue;
    }
    if (dept && f.rule === 'total-score-sum') {
      // Items sum to 95: 95 is right; 86 is the sum without the execution item (a warning); anything else an error.
      if (item.declared === 95) continue;
      if (item.declared !== 86) {
        out.push({ ...f, severity: 'error' });
        continue;
      }
    }
    if (dept && f.rule === 'level1-weight-sum' && item.fixWeight) {
      out.push({ rule: 'level1-weights-nondefault', severity: 'info', kind: 'department-overall' });
      continue;
    }
    out.push({ rule: f.rule, severity: f.severity, kind: f.kind });
  }
  return out;
}

/** The sample's 复核总分 (department form, project form) and the project form's printed 自评总分. */
export const RECOMPUTED = { department: 94.485, project: 95.5, projectDeclared: 81 };

export function gradeOf(score: number): string {
  return score >= 90 ? '优' : score >= 80 ? '良' : score >= 60 ? '中' : '差';
}

/** Review status of the n-th item (recipe order): 待审, 审核中, 退回修改, 审核通过 in turn. */
export function plannedStatus(n: number): 'pending' | 'in-review' | 'returned' | 'approved' {
  return (['pending', 'in-review', 'returned', 'approved'] as const)[n % 4]!;
}

/** Decisions of the n-th item: every finding of the rule gets the state. */
export function plannedDecisions(n: number): { rule: string; to: 'confirmed' | 'waived' | 'needs-info' }[] {
  const d: { rule: string; to: 'confirmed' | 'waived' | 'needs-info' }[] = [];
  if (n % 3 === 0) d.push({ rule: 'level1-weight-sum', to: 'confirmed' });
  if (n % 5 === 0) d.push({ rule: 'exec-over-100', to: 'waived' });
  if (n % 7 === 0) d.push({ rule: 'total-score-sum', to: 'needs-info' });
  if (n % 2 === 0) d.push({ rule: 'deduction-without-reason', to: 'waived' });
  return d;
}

/** Records the planned statuses (by 王科长) and decisions (by 李审核) in the store; returns item index → submission id. */
export async function applyReviewPlan(store: Store, out: string, items: BatchItem[]): Promise<string[]> {
  await addUsers(store);
  const lead = (await store.userByName('wang'))!;
  const reviewer = (await store.userByName('li'))!;
  const source = openReportSource(out, { refreshMs: 0 });
  const entries = await source.list();
  const ids: string[] = [];
  for (const [n, item] of items.entries()) {
    const entry = entries.find((e) => e.unit === item.unit && e.year === item.year);
    if (!entry) throw new Error(`batch: no submission for ${item.unit} ${item.year}`);
    ids.push(entry.id);
    const status = plannedStatus(n);
    if (status !== 'pending') await store.setStatus({ submissionId: entry.id, version: entry.version, userId: lead.id, to: status, note: '' });
    const reports = await source.reports(entry);
    const findings = reports.flatMap((r) => r.report.findings);
    for (const d of plannedDecisions(n)) {
      const picked = findings.filter((f) => f.rule === d.rule);
      await store.decide({ submissionId: entry.id, version: entry.version, userId: reviewer.id, to: d.to, note: '', findings: picked.map((f) => ({ fingerprint: f.fingerprint, finding: snapshotOf(f) })) });
    }
  }
  return ids;
}
