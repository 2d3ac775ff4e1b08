/**
 * Teaching a template without code: the recogniser's words are data (templates/builtin.yaml),
 * and a user's templates file adds to them. A form with a header the recogniser has never seen is
 * not read (or mis-read); one line in a user file later, it is.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseTxt } from '../src/txt/index.ts';
import { recognizeForms } from '../src/recognize/index.ts';
import { BUILTIN_TEMPLATES, mergeTemplates, parseTemplates, TemplatesError } from '../src/recognize/vocabulary.ts';

const tabbed = (rows: string[][]) => rows.map((r) => r.join('\t')).join('\n') + '\n';

/** A project form whose indicator header says 绩效指标名称 (not 三级指标) and 年度完成数 (not 实际完成值). */
function unseenForm(actualHeader = '年度完成数', nameHeader = '绩效指标名称'): string {
  return (
    '项目绩效目标完成情况表\n（2023年度）\n' +
    tabbed([
      ['一级指标', '二级指标', nameHeader, '年度指标值', actualHeader, '分值', '得分'],
      ['产出指标', '数量指标', '培训人次', '≥200人次', '230人次', '50', '50'],
      ['效益指标', '社会效益指标', '就业率', '≥80%', '85%', '30', '30'],
      ['满意度指标', '服务对象满意度指标', '学员满意度', '≥90%', '95%', '10', '10'],
      ['总分', '', '', '', '', '90', '90'],
    ])
  );
}

function recognize(text: string, templates?: ReturnType<typeof parseTemplates>) {
  const { blocks } = parseTxt(text, 'form.txt');
  return recognizeForms(blocks, 'form.txt', { templates });
}

describe('the built-in templates', () => {
  it('are read from templates/builtin.yaml and traditional.yaml and name every concept', () => {
    const text = readFileSync(join(import.meta.dirname, '..', 'templates', 'builtin.yaml'), 'utf8');
    const traditional = readFileSync(join(import.meta.dirname, '..', 'templates', 'traditional.yaml'), 'utf8');
    expect(mergeTemplates(parseTemplates(text), parseTemplates(traditional))).toEqual(BUILTIN_TEMPLATES);
    for (const words of Object.values(BUILTIN_TEMPLATES.headers!)) expect(words!.length).toBeGreaterThan(0);
    expect(BUILTIN_TEMPLATES.labels!.departmentUnit).toContain('预算部门、单位名称');
  });
});

describe('a user file adds a spelling', () => {
  it('an unseen 三级 header: not one indicator read; with one line naming it, the form is read field for field', () => {
    const before = recognize(unseenForm());
    expect(before.forms.flatMap((f) => f.indicators)).toEqual([]);

    const templates = parseTemplates('headers:\n  name: [绩效指标名称]\n  actual: [年度完成数]\n');
    const after = recognize(unseenForm(), templates);
    expect(after.forms).toHaveLength(1);
    const form = after.forms[0];
    expect(form.indicators.map((i) => [i.level1, i.name, i.target.raw, i.actual.raw, i.points, i.score])).toEqual([
      ['产出指标', '培训人次', '≥200人次', '230人次', 50, 50],
      ['效益指标', '就业率', '≥80%', '85%', 30, 30],
      ['满意度指标', '学员满意度', '≥90%', '95%', 10, 10],
    ]);
    expect(form.totals).toMatchObject({ points: 90, score: 90 });
  });

  it('an unseen 实际完成值 header: mis-read (no actual values); with one line, read', () => {
    const before = recognize(unseenForm('年度完成数', '三级指标'));
    expect(before.forms[0].indicators.map((i) => i.actual.raw)).toEqual(['', '', '']);
    const after = recognize(unseenForm('年度完成数', '三级指标'), parseTemplates('headers: {actual: [年度完成数]}'));
    expect(after.forms[0].indicators.map((i) => i.actual.raw)).toEqual(['230人次', '85%', '95%']);
  });

  it('labels and titles too: a unit label and a title ending', () => {
    const text = '培训项目绩效自评结果表\n' + tabbed([['承办单位', '青山县人社局'], ...unseenForm('实际完成值', '三级指标').split('\n').slice(2).filter(Boolean).map((l) => l.split('\t'))]);
    const before = recognize(text);
    expect(before.forms[0]?.unit ?? null).toBeNull();
    const after = recognize(text, parseTemplates('labels:\n  unit: [承办单位]\ntitles:\n  form: [绩效自评结果表]\n'));
    expect(after.forms[0]).toMatchObject({ unit: '青山县人社局', title: '培训项目绩效自评结果表' });
  });

  it('the built-in words stay: a user file only adds', () => {
    const after = recognize(unseenForm('实际完成值', '三级指标'), parseTemplates('headers:\n  actual: [年度完成数]\n'));
    expect(after.forms[0].indicators[0].actual.raw).toBe('230人次');
  });
});

describe('a bad templates file: a clear error naming the line', () => {
  const bad = (text: string) => {
    try {
      parseTemplates(text);
    } catch (err) {
      expect(err).toBeInstanceOf(TemplatesError);
      const e = err as TemplatesError;
      return [e.line, e.messageZh];
    }
    throw new Error('no error');
  };

  it.each([
    ['headers:\n  actual: 年度: 完成数\n  name: [x]\n', 2, /YAML 格式有误/],
    ['headers:\n  actual: [年度完成数]\nheader:\n  name: [x]\n', 3, /未知的栏目“header”，可用的栏目：headers、/],
    ['headers:\n  actual: [年度完成数]\n  actuals: [年度完成值]\n', 3, /栏目“headers”下没有“actuals”，可用：budgetInitial、/],
    ['labels:\n  unit:\n    - 承办单位\n    - {a: 1}\n', 4, /“labels.unit”的每一项应为一段文字/],
    ['titles:\n  form: ["  "]\n', 2, /“titles.form”里有一项是空的/],
    ['- headers\n', 1, /文件应由栏目组成/],
    ['headers: 年度完成数\n', 1, /栏目“headers”下应为/],
  ])('%j → line %i', (text, line, message) => {
    const [l, zh] = bad(text);
    expect(l).toBe(line);
    expect(zh).toMatch(new RegExp(`^第${line}行：`));
    expect(zh).toMatch(message);
  });

  it('a form with no header the recogniser knows is no-form, and says what it found', () => {
    const r = recognize('汇总表\n' + tabbed([['指标类别', '指标小类', '绩效指标名称', '目标', '完成', '权数'], ['产出', '数量', '培训人次', '200', '230', '50']]));
    expect(r.forms).toEqual([]);
    expect(r.foundInstead?.zh).toContain('绩效指标名称');
    const taught = parseTemplates('headers: {level1: [指标类别], level2: [指标小类], name: [绩效指标名称], target: [目标], actual: [完成], points: [权数]}');
    expect(recognize('汇总表\n' + tabbed([['指标类别', '指标小类', '绩效指标名称', '目标', '完成', '权数'], ['产出', '数量', '培训人次', '200', '230', '50']]), taught).forms[0].indicators[0]).toMatchObject({ name: '培训人次', points: 50 });
  });

  it('an empty file adds nothing', () => {
    expect(parseTemplates('')).toEqual({});
    expect(parseTemplates('# nothing yet\n')).toEqual({});
  });
});
