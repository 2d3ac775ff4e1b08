import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { decodeText } from '../src/decode.ts';

const seed = (name: string) => new Uint8Array(readFileSync(fileURLToPath(new URL(`../../../fixtures/seed/${name}`, import.meta.url))));
const sampleUtf8 = seed('yanfeng-2021.txt');
const sampleText = new TextDecoder().decode(sampleUtf8);

const bytes = (...parts: (number[] | Uint8Array | Buffer)[]) => new Uint8Array(parts.flatMap((p) => [...p]));
const gb = (text: string) => iconv.encode(text, 'gb18030');
const utf16be = (text: string) => {
  const le = Buffer.from(text, 'utf16le');
  for (let i = 0; i + 1 < le.length; i += 2) [le[i], le[i + 1]] = [le[i + 1], le[i]];
  return le;
};

/** A reproducible stream of random bytes (xorshift), so the binary case is the same on every run. */
function randomBytes(n: number, seedValue = 20211231): Uint8Array {
  const out = new Uint8Array(n);
  let x = seedValue;
  for (let i = 0; i < n; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    out[i] = x & 0xff;
  }
  return out;
}

function withBytesReplaced(source: Uint8Array, positions: number[], value: number): Uint8Array {
  const copy = new Uint8Array(source);
  for (const p of positions) copy[p] = value;
  return copy;
}

describe('decodeText: the sample in its three encodings', () => {
  it.each([
    ['yanfeng-2021.txt', 'utf-8', 'strict-utf8'],
    ['yanfeng-2021.gb18030.txt', 'gb18030', 'strict-gb18030'],
    ['yanfeng-2021.utf16le-bom.txt', 'utf-16le', 'bom'],
  ] as const)('%s is %s, decided by %s, and gives the same text', (name, encoding, method) => {
    const result = decodeText(seed(name));
    expect(result).toMatchObject({ ok: true, encoding, method, replacementChars: 0 });
    if (!result.ok) return;
    expect(result.text).toBe(sampleText);
    expect(result.text.startsWith('附件1\n部门整体支出绩效自评表')).toBe(true);
  });
});

describe('decodeText: encodings that decode', () => {
  const cases: { name: string; input: Uint8Array; text: string; encoding: string; method: string; replacementChars?: number }[] = [
    { name: 'UTF-16BE with BOM', input: bytes([0xfe, 0xff], utf16be('预算部门名称\t雁峰区雁峰街道办事处\n')), text: '预算部门名称\t雁峰区雁峰街道办事处\n', encoding: 'utf-16be', method: 'bom' },
    { name: 'UTF-8 with BOM (the BOM is not part of the text)', input: bytes([0xef, 0xbb, 0xbf], Buffer.from('年度资金总额\t2021.29')), text: '年度资金总额\t2021.29', encoding: 'utf-8-bom', method: 'bom' },
    { name: 'GBK bytes of a short header', input: gb('年度预算申请（万元）'), text: '年度预算申请（万元）', encoding: 'gb18030', method: 'strict-gb18030' },
    { name: 'GBK bytes of an indicator row', input: gb('\t财政供养人员控制率是否完成\n\t全部完成\n\t基本完成\n'), text: '\t财政供养人员控制率是否完成\n\t全部完成\n\t基本完成\n', encoding: 'gb18030', method: 'strict-gb18030' },
    { name: 'GB18030 with a 4-byte sequence (㐂, CJK extension A)', input: gb('实施单位：㐂家社区居委会'), text: '实施单位：㐂家社区居委会', encoding: 'gb18030', method: 'strict-gb18030' },
    { name: 'UTF-8 that would read as 璁捐 in GB18030', input: new Uint8Array(Buffer.from('设计')), text: '设计', encoding: 'utf-8', method: 'strict-utf8' },
    { name: 'plain ASCII', input: new Uint8Array(Buffer.from('2021.29\t2991.61\n')), text: '2021.29\t2991.61\n', encoding: 'utf-8', method: 'strict-utf8' },
    { name: 'UTF-16LE without BOM (NUL pattern)', input: new Uint8Array(Buffer.from('分值\t10\n执行率\t148%\n', 'utf16le')), text: '分值\t10\n执行率\t148%\n', encoding: 'utf-16le', method: 'detector' },
  ];
  it.each(cases)('$name', ({ input, text, encoding, method }) => {
    expect(decodeText(input)).toEqual({ ok: true, text, encoding, method, replacementChars: 0 });
  });

  it('keeps UTF-8 with a broken byte as UTF-8 (no 璁捐 mojibake) and counts the replacement', () => {
    const line = '设计说明：保障街道在编在岗41人人员经费及日常办公正常运转，制定规章制度与管理办法。';
    const input = bytes(Buffer.from(line.slice(0, 10)), [0xff], Buffer.from(line.slice(10)));
    const result = decodeText(input);
    expect(result).toMatchObject({ ok: true, encoding: 'utf-8', replacementChars: 1 });
    if (result.ok) {
      expect(result.text).toContain('设计说明');
      expect(result.text).not.toContain('璁捐');
    }
  });

  it('counts replacement characters in the sample with three invalid bytes', () => {
    // Lines 4, 5 and 7 start with a TAB; put 0xFF on those TABs.
    const offsets = [...sampleText.matchAll(/\n\t/g)].slice(0, 3).map((m) => Buffer.byteLength(sampleText.slice(0, m.index! + 1)));
    const result = decodeText(withBytesReplaced(sampleUtf8, offsets, 0xff));
    expect(result).toMatchObject({ ok: true, encoding: 'utf-8', method: 'detector', replacementChars: 3 });
    if (result.ok) expect(result.text.split('\n')[3]).toBe('\uFFFD预算部门名称');
  });

  it('counts replacement characters in the GB18030 sample with two invalid bytes', () => {
    const source = seed('yanfeng-2021.gb18030.txt');
    // The "2" of the first two "2021": an invalid lead byte followed by an ASCII digit.
    const twos = [...Buffer.from(source).toString('latin1').matchAll(/2021/g)].slice(0, 2).map((m) => m.index!);
    const result = decodeText(withBytesReplaced(source, twos, 0xff));
    expect(result).toMatchObject({ ok: true, encoding: 'gb18030', method: 'detector', replacementChars: 2 });
    if (result.ok) expect(result.text).toContain('部门整体支出绩效自评表\n（ \uFFFD021年度）');
  });

  it('a short "save as plain text" export full of in-cell line breaks (VT) is text, not binary', () => {
    const text = '年度预算申请\u000b（万元）\t\t年初\u000b预算数\t全年\u000b预算数\t全年\u000b执行数\t执行率\u000b(B/A)\n\t年度资金总额\t100\t100\t95\t95%\n';
    expect(decodeText(new Uint8Array(Buffer.from(text)))).toMatchObject({ ok: true, encoding: 'utf-8' });
  });

  it('does not count a U+FFFD the file spells out itself', () => {
    expect(decodeText(new Uint8Array(Buffer.from('得分\uFFFD9')))).toMatchObject({ ok: true, replacementChars: 0 });
  });
});

describe('decodeText: bytes that are not text we accept', () => {
  it.each([
    { name: 'random binary', input: randomBytes(4096), code: 'binary' },
    { name: 'a .docx renamed .txt', input: bytes([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00], Buffer.from('word/document.xml')), code: 'binary' },
    { name: 'a PDF', input: bytes(Buffer.from('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n'), randomBytes(512)), code: 'binary' },
    { name: 'NULs that are not UTF-16', input: bytes(Buffer.from('预算部门名称'), [0, 0, 0, 0, 0, 0, 0, 0, 0, 0], Buffer.from('雁峰')), code: 'binary' },
    { name: 'Latin-1 text', input: new Uint8Array(Buffer.from('Café crème brûlée, naïve résumé à la façon de Zoë. Über schön!', 'latin1')), code: 'undecodable' },
  ] as const)('$name → $code', ({ input, code }) => {
    const result = decodeText(input);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe(code);
    expect(result.error.message).toMatch(/（.+）$/); // the detail says what was seen
    expect(result.error.messageEn).toMatch(/\(.+\)$/);
  });

  it('says which file type a binary signature belongs to', () => {
    const result = decodeText(bytes([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1], randomBytes(64)));
    expect(result.ok ? null : result.error.message).toContain('OLE 复合文档');
  });
});

describe('decodeText: a BOM is trusted only when the rest decodes cleanly under it', () => {
  const gbSample = seed('yanfeng-2021.gb18030.txt');
  it.each([
    { name: 'a UTF-16LE BOM before UTF-8 bytes', input: bytes([0xff, 0xfe], sampleUtf8), encoding: 'utf-8', declared: 'UTF-16LE', readAs: 'UTF-8' },
    { name: 'a UTF-16BE BOM before UTF-8 bytes', input: bytes([0xfe, 0xff], sampleUtf8), encoding: 'utf-8', declared: 'UTF-16BE', readAs: 'UTF-8' },
    { name: 'a UTF-8 BOM before GB18030 bytes', input: bytes([0xef, 0xbb, 0xbf], gbSample), encoding: 'gb18030', declared: 'UTF-8', readAs: 'GB18030' },
    { name: 'a UTF-16LE BOM before GB18030 bytes', input: bytes([0xff, 0xfe], gbSample), encoding: 'gb18030', declared: 'UTF-16LE', readAs: 'GB18030' },
  ] as const)('$name: the ladder reads the rest as $encoding, with a bom-mismatch warning', ({ input, encoding, declared, readAs }) => {
    const result = decodeText(input);
    expect(result).toMatchObject({ ok: true, encoding, replacementChars: 0 });
    if (!result.ok) return;
    expect(result.text).toBe(sampleText);
    expect(result.warnings).toHaveLength(1);
    expect(result.warnings![0].code).toBe('bom-mismatch');
    expect(result.warnings![0].message).toContain(`表示 ${declared}`);
    expect(result.warnings![0].message).toContain(`按 ${readAs} 读取`);
  });

  it.each([
    ['the UTF-16LE sample', seed('yanfeng-2021.utf16le-bom.txt'), 'utf-16le'],
    ['UTF-8 with its BOM', bytes([0xef, 0xbb, 0xbf], sampleUtf8), 'utf-8-bom'],
    ['UTF-16BE with its BOM', bytes([0xfe, 0xff], utf16be(sampleText)), 'utf-16be'],
  ] as const)('%s: the BOM holds, no warning', (_label, input, encoding) => {
    const result = decodeText(input);
    expect(result).toMatchObject({ ok: true, encoding, method: 'bom', replacementChars: 0 });
    if (result.ok) {
      expect(result.text).toBe(sampleText);
      expect(result.warnings ?? []).toEqual([]);
    }
  });

  it('UTF-8 with a BOM and a broken byte stays UTF-8 under its BOM, the replacement counted', () => {
    const tab = [...sampleText.matchAll(/\n\t/g)][0];
    const broken = withBytesReplaced(sampleUtf8, [Buffer.byteLength(sampleText.slice(0, tab.index! + 1))], 0xff);
    const result = decodeText(bytes([0xef, 0xbb, 0xbf], broken));
    expect(result).toMatchObject({ ok: true, encoding: 'utf-8-bom', method: 'bom', replacementChars: 1 });
    if (result.ok) expect(result.warnings ?? []).toEqual([]);
  });
});
