/**
 * `--templates FILE` end to end, through the CLI's entry (in-process: one spawn costs seconds here): a form with a column header the
 * recogniser has never seen is not read; one line in a templates file later, `check` and the
 * service (`enqueue`, in-process) read it. A bad templates file is exit 64 with the line named, a
 * missing one exit 66.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Report } from '@jxaudit/model';
import { main } from '@jxaudit/ingest';

const DIR = mkdtempSync(join(tmpdir(), 'jxaudit-templates-'));
afterAll(() => rmSync(DIR, { recursive: true, force: true }));

async function jxaudit(...args: string[]): Promise<{ stdout: string; stderr: string; status: number }> {
  let stdout = '';
  let stderr = '';
  const status = await main(['node', 'jxaudit', ...args], [], { out: (s) => (stdout += s), err: (s) => (stderr += s) });
  return { stdout, stderr, status };
}

const rows = [
  ['项目名称', '职业技能培训补贴'],
  ['主管部门', '青山县人力资源和社会保障局'],
  ['一级指标', '二级指标', '绩效指标名称', '年度指标值', '实际完成值', '分值', '得分'],
  ['产出指标', '数量指标', '培训人次', '≥200人次', '230人次', '50', '50'],
  ['效益指标', '社会效益指标', '就业率', '≥80%', '85%', '30', '30'],
  ['满意度指标', '服务对象满意度指标', '学员满意度', '≥90%', '95%', '10', '10'],
  ['总分', '', '', '', '', '90', '90'],
];
const FORM = join(DIR, 'inbox', '青山县培训补贴自评表.txt');
mkdirSync(join(DIR, 'inbox'));
writeFileSync(FORM, '项目支出绩效自评表\n（2023年度）\n' + rows.map((r) => r.join('\t')).join('\n') + '\n');
const TEMPLATES = join(DIR, 'qingshan.yaml');
writeFileSync(TEMPLATES, '# 青山县的表把三级指标写作“绩效指标名称”\nheaders:\n  name: [绩效指标名称]\n');

const indicatorsOf = (r: Report) => r.forms.flatMap((f) => f.indicators.map((i) => [i.name, i.actual.raw, i.score]));
const WANT = [
  ['培训人次', '230人次', 50],
  ['就业率', '85%', 30],
  ['学员满意度', '95%', 10],
];

describe('jxaudit check --templates', async () => {
  it('without: no indicator read; with the one-line file: every indicator', async () => {
    const before = await jxaudit('check', FORM, '--json');
    expect(indicatorsOf(JSON.parse(before.stdout) as Report)).toEqual([]);
    const after = await jxaudit('check', FORM, '--json', '--templates', TEMPLATES);
    expect(after.stderr).toBe('');
    expect(indicatorsOf(JSON.parse(after.stdout) as Report)).toEqual(WANT);
  });

  it('a bad file: exit 64, a Chinese line naming the file and the line; a missing one: exit 66', async () => {
    const bad = join(DIR, 'bad.yaml');
    writeFileSync(bad, 'headers:\n  name: [绩效指标名称]\n  actuals: [年度完成数]\n');
    const r = await jxaudit('check', FORM, '--templates', bad);
    expect(r.status).toBe(64);
    expect(r.stderr).toContain(`模板文件 ${bad} 第3行：栏目“headers”下没有“actuals”`);
    const missing = await jxaudit('check', FORM, '--templates', join(DIR, 'nope.yaml'));
    expect(missing.status).toBe(66);
    expect(missing.stderr).toContain('找不到模板文件');
  });
});

describe('jxaudit enqueue --templates (in-process, no Redis)', async () => {
  it('the job carries the file: the report reads every indicator', async () => {
    const out = join(DIR, 'out');
    const r = await jxaudit('enqueue', join(DIR, 'inbox'), '--out', out, '--templates', TEMPLATES, '--json');
    expect(r.status, r.stderr).toBe(0);
    const reportFile = readdirSync(out, { recursive: true }).map(String).find((f) => f.endsWith('.report.json'));
    expect(reportFile).toBeDefined();
    const report = JSON.parse(readFileSync(join(out, reportFile!), 'utf8')) as Report;
    expect(indicatorsOf(report)).toEqual(WANT);
  }, 60_000);

  it('a bad file is refused before anything is queued (exit 64)', async () => {
    const bad = join(DIR, 'bad2.yaml');
    writeFileSync(bad, 'titles:\n  form: [""]\n');
    const r = await jxaudit('enqueue', join(DIR, 'inbox'), '--out', join(DIR, 'out2'), '--templates', bad);
    expect(r.status).toBe(64);
    expect(r.stderr).toContain('第2行：“titles.form”里有一项是空的');
  });
});
