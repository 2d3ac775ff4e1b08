import type { Report } from '@jxaudit/model';

/*
 * A batch of 30 files built from one real report (the sample's), for the index: 12 units, two
 * years, up to three files per submission, findings thinned out differently per file, and two
 * files that could not be read. Deterministic: file i keeps findings whose index is not a
 * multiple of (i % 5) + 2, and only errors from every third file; each file's findings are its own
 * (distinct fingerprints), as the forms of a submission's files are.
 */

export const UNITS = [
  '雁峰区雁峰街道办事处', '东风街道办事处', '白沙洲街道办事处', '天马山街道办事处', '黄茶岭街道办事处', '先锋街道办事处',
  '岳屏镇人民政府', '湘江乡人民政府', '蒸湘区教育局', '石鼓区民政局', '珠晖区财政局', '南岳区文旅局',
];

export interface BatchFile {
  relative: string;
  report: Report;
}

export function batchOf30(sample: Report): BatchFile[] {
  const files: BatchFile[] = [];
  for (let i = 0; i < 30; i++) {
    const unit = UNITS[i % UNITS.length]!;
    const year = i < 24 ? 2021 : 2022;
    const relative = `${year}/${unit}/附件${(Math.floor(i / UNITS.length) % 3) + 1}-${i}.docx`;
    if (i === 7 || i === 19) {
      files.push({
        relative,
        report: {
          ...sample,
          source: { ...sample.source, path: relative, format: 'docx', layout: null },
          submission: null,
          versions: null,
          forms: [],
          findings: [],
          summary: { errors: 0, warnings: 0, infos: 0 },
          error: { code: 'corrupt-zip', message: '文件已损坏：无法解压 Word 文档。请用 Word 或 WPS 重新导出后再提交。', messageEn: 'The file is damaged: the Word document cannot be unzipped.' },
        },
      });
      continue;
    }
    const step = (i % 5) + 2;
    const findings = sample.findings
      .filter((_, k) => k % step !== 0)
      .filter((f) => i % 3 !== 0 || f.severity !== 'error')
      .map((f) => ({ ...f, fingerprint: `${f.fingerprint}-${i}`, at: f.at.map((l) => ({ ...l, file: relative })) }));
    files.push({
      relative,
      report: {
        ...sample,
        source: { ...sample.source, path: relative },
        submission: { id: `s-${unit}-${year}`, unit, year, files: [relative], version: 1 },
        // The index counts a submission by its version's summary when there is one: here, by the files' findings.
        versions: null,
        forms: sample.forms.map((f) => ({ ...f, unit })),
        findings,
        summary: {
          errors: findings.filter((f) => f.severity === 'error').length,
          warnings: findings.filter((f) => f.severity === 'warning').length,
          infos: findings.filter((f) => f.severity === 'info').length,
        },
      },
    });
  }
  return files;
}
