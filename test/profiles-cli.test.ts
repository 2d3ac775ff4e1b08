/**
 * `jxaudit profiles` and `jxaudit check --profile <file>` end to end, through the command line's
 * entry point in this process (these tests are about options and profiles, not about the process:
 * the spawned bin is covered by cli-exits and service-unattended).
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Report } from '@jxaudit/model';
import { main } from '../packages/ingest/src/cli.ts';

const ROOT = join(import.meta.dirname, '..');
const SAMPLE = join(ROOT, 'fixtures', 'seed', 'yanfeng-2021.txt');

async function jxaudit(...args: string[]): Promise<{ stdout: string; stderr: string; status: number }> {
  let stdout = '';
  let stderr = '';
  const status = await main(['node', 'jxaudit', ...args], [], { out: (s) => (stdout += s), err: (s) => (stderr += s) });
  return { stdout, stderr, status };
}

function reportOf(stdout: string): Report {
  return JSON.parse(stdout.trim().split('\n')[0]) as Report;
}

describe('jxaudit profiles', () => {
  it('--json lists central-2020, hunan-2021 and sichuan-2023 with their parameters', async () => {
    const { stdout, status } = await jxaudit('profiles', '--json');
    expect(status).toBe(0);
    const list = JSON.parse(stdout) as { name: string; params: Record<string, unknown> }[];
    expect(list.map((p) => p.name)).toEqual(['central-2020', 'hunan-2021', 'sichuan-2023']);
    expect(list[1].params).toMatchObject({ wExec: 10, indicatorWTotal: 90, totalIncludesExec: true, execScoredSubrows: 'tolerated' });
  });
});

describe('jxaudit check --profile <file>', () => {
  it('a YAML profile that leaves the execution item out of 总分 removes the weight-total and total-score-sum findings', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'jxaudit-profile-'));
    const file = join(dir, 'hengyang.yaml');
    writeFileSync(file, 'name: hengyang-2021\nextends: hunan-2021\nparams:\n  total_includes_exec: false\ndisabled:\n  - deduction-without-reason\n');
    const base = reportOf((await jxaudit('check', SAMPLE, '--json')).stdout);
    const custom = reportOf((await jxaudit('check', SAMPLE, '--json', '--profile', file)).stdout);
    expect(base.profile).toBe('hunan-2021');
    expect(custom.profile).toBe('hengyang-2021');
    const rules = (r: Report) => r.findings.map((f) => f.rule);
    expect(rules(base).filter((r) => r === 'weight-total' || r === 'total-score-sum')).toHaveLength(4);
    expect(rules(custom).filter((r) => r === 'weight-total' || r === 'total-score-sum' || r === 'deduction-without-reason')).toEqual([]);
    expect(rules(custom).filter((r) => r === 'level1-weight-sum')).toHaveLength(3);
    expect(base.findings.length - custom.findings.length).toBe(4 + 4);
  });

  it('a profile naming an unknown rule fails with a message that says so', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'jxaudit-profile-'));
    const file = join(dir, 'bad.json');
    writeFileSync(file, JSON.stringify({ extends: 'hunan-2021', disabled: ['weights-total'] }));
    const r = await jxaudit('check', SAMPLE, '--json', '--profile', file);
    expect(r.status).not.toBe(0);
    expect(r.stderr).toContain('unknown rule id "weights-total"');
  });
});
