import { describe, expect, it } from 'vitest';
import { location, type CountClaim, type Form } from '@jxaudit/model';
import { narrCountList as rule } from '../../src/rules/narr-count-list.ts';
import { reportForm, runRule, severityOf } from '../helpers/forms.ts';

const at = (text: string) => location({ file: 'report.txt', paragraph: 3, text });

function claim(raw: string, count: number, items: string[], openEnded = false): CountClaim {
  return { subject: '直属事业单位', count, raw, items, openEnded, groups: null, at: at(raw) };
}
function projects(count: number, groups: [string, number, string[] | null][]): CountClaim {
  return { subject: '项目', count, raw: `共实施项目${count}个`, items: [], openEnded: false, groups: groups.map(([label, n, items]) => ({ label, count: n, items })), at: at('共实施项目') };
}
const report = (countClaims: CountClaim[]): Form => ({ ...reportForm(), countClaims });
const run = (c: CountClaim) => runRule(rule, [report([c])]);

describe('narr-count-list', () => {
  it.each<[string, CountClaim]>([
    ['three named for three', claim('下设3个直属事业单位', 3, ['县林业站', '县森林防火中心', '县种苗站'])],
    ['groups add up: 3 + 2 = 5, each group lists its own', projects(5, [['基础设施类项目', 3, ['道路硬化', '桥梁维修', '排水改造']], ['民生类项目', 2, null]])],
    ['boundary: a list closed by 等 names fewer than the count', claim('下设5个直属事业单位', 5, ['县林业站', '县种苗站'], true)],
  ])('silent: %s', (_name, c) => {
    expect(run(c)).toEqual([]);
  });

  it('fires when the list names fewer than the count', () => {
    const [d, ...rest] = run(claim('下设4个直属事业单位', 4, ['县林业站', '县森林防火中心', '县种苗站']));
    expect(rest).toEqual([]);
    expect(severityOf(rule, d!)).toBe('warning');
    expect([d!.declared, d!.computed]).toEqual([4, 3]);
    expect(d!.message.zh).toBe('“下设4个直属事业单位”，但其后列出3个：县林业站、县森林防火中心、县种苗站');
  });

  it('boundary: a list closed by 等 that names more than the count still fires', () => {
    const [d] = run(claim('下设2个直属事业单位', 2, ['县林业站', '县森林防火中心', '县种苗站'], true));
    expect([d!.declared, d!.computed]).toEqual([2, 3]);
  });

  it('fires when the groups do not add up, and when a group lists more than it counts', () => {
    const found = run(projects(6, [['基础设施类项目', 3, ['道路硬化', '桥梁维修']], ['民生类项目', 2, null]]));
    expect(found.map((d) => [d.declared, d.computed])).toEqual([[6, 5], [3, 2]]);
    expect(found[0]!.message.zh).toBe('“共实施项目6个”，但其后各类合计5个：基础设施类项目3个、民生类项目2个');
  });
});
