import { describe, expect, it } from 'vitest';
import { esc, figureSpans, html, markSpans } from '../src/report/escape.ts';
import { renderReportHtml } from '../src/report/html.ts';
import { renderIndexHtml, relativeHref } from '../src/report/index-html.ts';
import { HOSTILE, hostileSample, sampleBlocks, sampleReport } from './report-fixture.ts';

/** Every tag name and attribute name in the page: document text must not add any. */
function tagsAndAttributes(page: string): { tags: Set<string>; attrs: Set<string>; hrefs: string[] } {
  const tags = new Set<string>();
  const attrs = new Set<string>();
  const hrefs: string[] = [];
  for (const m of page.matchAll(/<([a-zA-Z][\w-]*)((?:\s+[\w:-]+(?:="[^"]*")?)*)\s*\/?>/g)) {
    tags.add(m[1]!.toLowerCase());
    for (const a of m[2]!.matchAll(/([\w:-]+)(?:="([^"]*)")?/g)) {
      attrs.add(a[1]!.toLowerCase());
      if (a[1] === 'href') hrefs.push(a[2]!);
    }
  }
  return { tags, attrs, hrefs };
}

describe('escaping', () => {
  it('escapes text and attribute values', () => {
    expect(esc(`<a href="x" onclick='y'>&\``)).toBe('&lt;a href=&quot;x&quot; onclick=&#39;y&#39;&gt;&amp;&#96;');
    expect(html`<td title="${HOSTILE.attr}">${HOSTILE.script}</td>`.value).toBe(
      '<td title="&quot; onmouseover=&quot;window.__pwned=1&quot; x=&quot;">&lt;script&gt;window.__pwned=1&lt;/script&gt;</td>',
    );
  });

  it.each([
    ['a zero-width space that splits a unit name', '雁峰\u200B街道', '雁峰⟨U+200B⟩街道'],
    ['a right-to-left override that turns text around', '得分\u202E01\u202C', '得分⟨U+202E⟩01⟨U+202C⟩'],
    ['a byte-order mark inside the text', '项目\uFEFF名称', '项目⟨U+FEFF⟩名称'],
    ['isolates and marks', '\u2066A\u2069\u200E\u200F\u061C', '⟨U+2066⟩A⟨U+2069⟩⟨U+200E⟩⟨U+200F⟩⟨U+061C⟩'],
  ])('shows %s as a visible escape', (_label, text, shown) => {
    expect(esc(text)).toBe(shown);
    expect(markSpans(text, []).value).toBe(shown);
  });

  it('highlights a figure inside a sentence and escapes the rest', () => {
    const text = '<b>支出</b>3,582.30万元，增长7.39%';
    expect(markSpans(text, figureSpans(text, 3582.3)).value).toBe(
      '&lt;b&gt;支出&lt;/b&gt;<mark class="figure">3,582.30</mark>万元，增长7.39%',
    );
    expect(figureSpans(text, 0.0739).map(([a, b]) => text.slice(a, b))).toEqual(['7.39']);
    expect(figureSpans(text, 12)).toEqual([]);
  });

  it('puts no document text into markup: the hostile sample adds no tag, attribute or link', () => {
    const { report, blocks } = hostileSample();
    const pairs = [
      [renderReportHtml(sampleReport(), { lang: 'zh', blocks: sampleBlocks() }), renderReportHtml(report, { lang: 'zh', blocks })],
      [renderReportHtml(sampleReport(), { lang: 'zh' }), renderReportHtml(report, { lang: 'zh' })],
    ];
    for (const [cleanPage, page] of pairs) {
      const clean = tagsAndAttributes(cleanPage!);
      const found = tagsAndAttributes(page!);
      expect([...found.tags].filter((t) => !clean.tags.has(t))).toEqual([]);
      expect([...found.attrs].filter((a) => !clean.attrs.has(a))).toEqual([]);
      expect(found.attrs.has('onerror')).toBe(false);
      expect(found.attrs.has('onmouseover')).toBe(false);
      for (const href of found.hrefs) expect(href).toMatch(/^#[a-z0-9-]+$/);
      expect(page.match(/<script>/g)).toHaveLength(1);
      expect(page).toContain('&lt;script&gt;window.__pwned=1&lt;/script&gt;');
      expect(page).toContain('&lt;img src=x onerror=&quot;window.__pwned=1&quot;&gt;');
    }
  });

  it('builds index links from the report paths only, each segment encoded', () => {
    const { report } = hostileSample();
    const page = renderIndexHtml([{ relative: 'javascript:alert(1)//x.docx', report }], 'zh');
    const { hrefs, attrs } = tagsAndAttributes(page);
    expect(attrs.has('onmouseover')).toBe(false);
    expect(hrefs).toContain('./javascript%3Aalert(1)//x.docx.report.html');
    for (const href of hrefs) expect(href.startsWith('./')).toBe(true);
    expect(relativeHref('a b/c#d?.docx.report.html')).toBe('./a%20b/c%23d%3F.docx.report.html');
    expect(page.match(/<script>/g)).toHaveLength(1);
  });
});
