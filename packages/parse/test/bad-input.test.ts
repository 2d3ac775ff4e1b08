import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { constants, deflateRawSync } from 'node:zlib';
import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { readDocument, type ReadOptions } from '../src/read.ts';
import { inflateEntryChunks, readZipDirectory, ZipError } from '../src/docx/zip.ts';
import { buildDocx, documentXml, encryptedDocx, legacyDoc, p, pXml, rawZip, run, tbl, tc, tr } from './helpers/docx-writer.ts';

const seedBytes = (name: string) => new Uint8Array(readFileSync(fileURLToPath(new URL(`../../../fixtures/seed/${name}`, import.meta.url))));

async function errorOf(path: string, bytes: Uint8Array, options?: ReadOptions) {
  const r = await readDocument({ path, bytes }, options);
  expect(r.blocks).toEqual([]);
  expect(r.error).not.toBeNull();
  // every message says what is wrong and what to do, in Chinese and in English
  expect(r.error!.message).toMatch(/[\u4e00-\u9fff]/);
  expect(r.error!.messageEn).toMatch(/[a-z]/);
  return r.error!;
}

/**
 * A deflate stream of `mib` MiB of one byte, built from one compressed MiB repeated (each
 * piece ends on a sync flush, so pieces concatenate): ~1 KiB on disk per MiB inflated.
 */
function deflatedRun(prefix: string, mib: number): Uint8Array {
  const head = deflateRawSync(Buffer.from(prefix), { finishFlush: constants.Z_SYNC_FLUSH });
  const piece = deflateRawSync(Buffer.alloc(1024 * 1024, 0x41), { finishFlush: constants.Z_SYNC_FLUSH });
  const out = new Uint8Array(head.length + piece.length * mib + 2);
  out.set(head, 0);
  for (let i = 0; i < mib; i++) out.set(piece, head.length + i * piece.length);
  out.set([0x03, 0x00], head.length + piece.length * mib); // final empty block
  return out;
}

function catchZip(f: () => void): ZipError | null {
  try {
    f();
    return null;
  } catch (e) {
    expect(e).toBeInstanceOf(ZipError);
    return e as ZipError;
  }
}

function bomb(declaredSize: number): Uint8Array {
  const body = deflatedRun(documentXml(p('预算部门名称')).replace('</w:body></w:document>', '<w:p><w:r><w:t>'), 4096);
  return rawZip([
    { name: '[Content_Types].xml', data: strToU8('<?xml version="1.0"?><Types/>'), method: 0, size: 29 },
    { name: 'word/document.xml', data: body, method: 8, size: declaredSize },
  ]);
}

describe('readDocument: bad input gives a typed error, never an exception', () => {
  it('an empty file → empty', async () => {
    expect((await errorOf('雁峰街道2021.docx', new Uint8Array(0))).code).toBe('empty');
  });

  it('a PDF named .docx → unsupported-format, naming the PDF', async () => {
    const pdf = strToU8('%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n');
    const e = await errorOf('附件1.docx', pdf);
    expect(e.code).toBe('unsupported-format');
    expect(e.message).toContain('PDF');
  });

  it('a picture named .docx → unsupported-format', async () => {
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
    expect((await errorOf('扫描件.docx', png)).code).toBe('unsupported-format');
  });

  it('an old binary .doc named .docx, no converter given → needs-converter, with the install command and the save-as way', async () => {
    const e = await errorOf('附件2.docx', legacyDoc());
    expect(e.code).toBe('needs-converter');
    expect(e.message).toMatch(/97-2003|\.doc/);
    expect(e.message).toContain('apt-get install -y libreoffice-writer libreoffice-calc');
    expect(e.message).toContain('.docx');
  });

  it('a password-protected .docx (OLE with EncryptionInfo/EncryptedPackage) → encrypted', async () => {
    const e = await errorOf('雁峰街道2021.docx', encryptedDocx());
    expect(e.code).toBe('encrypted');
    expect(e.message).toContain('密码');
  });

  it('the sample cut in half → corrupt-zip', async () => {
    const whole = seedBytes('yanfeng-2021.docx');
    expect((await errorOf('yanfeng-2021.docx', whole.subarray(0, whole.length >> 1))).code).toBe('corrupt-zip');
  });

  it('a zip whose document.xml is damaged → corrupt-zip', async () => {
    const good = buildDocx({ body: p('部门整体支出绩效自评表'.repeat(50)) });
    const bad = good.slice();
    const at = new TextDecoder('latin1').decode(bad).indexOf('word/document.xml') + 'word/document.xml'.length;
    for (let i = at + 4; i < at + 24; i++) bad[i] ^= 0xff;
    expect((await errorOf('附件1.docx', bad)).code).toBe('corrupt-zip');
  });

  it('a zip that is not a Word document → not-word, saying what it holds', async () => {
    const zip = zipSync({ '说明.txt': strToU8('雁峰街道 2021 年度自评材料，见附件。') });
    const e = await errorOf('材料.docx', zip);
    expect(e.code).toBe('not-word');
    expect(e.message).toContain('说明.txt');
  });

  it('an Excel workbook named .docx → read as a workbook, by content, with extension-mismatch', async () => {
    const xlsx = zipSync({ '[Content_Types].xml': strToU8('<Types/>'), 'xl/workbook.xml': strToU8('<workbook/>'), 'xl/worksheets/sheet1.xml': strToU8('<worksheet/>') });
    const read = await readDocument({ path: '部门整体支出绩效自评表.docx', bytes: xlsx });
    expect(read.source.format).toBe('xlsx');
    expect(read.warnings.map((w) => w.code)).toContain('extension-mismatch');
    expect(read.blocks).toEqual([]);
  });

  it('a decompression bomb that declares its size → too-large before inflating anything', async () => {
    const zip = bomb(0xfff00000);
    expect(zip.length).toBeLessThan(8 * 1024 * 1024);
    const e = await errorOf('bomb.docx', zip);
    expect(e.code).toBe('too-large');
    // refused on the size the zip declares (not after inflating): the message names that size
    expect(e.message).toContain('压缩包声明解压后');
  });

  it('a decompression bomb that lies about its size → too-large, stopped at the bound', async () => {
    const zip = bomb(2000); // 4 GiB of "A" behind a header that claims 2000 bytes
    const before = process.memoryUsage();
    const e = await errorOf('bomb.docx', zip);
    const after = process.memoryUsage();
    expect(e.code).toBe('too-large');
    expect(after.rss - before.rss).toBeLessThan(400 * 1024 * 1024);
    // a smaller bound stops sooner
    expect((await errorOf('bomb.docx', zip, { docx: { maxInflatedBytes: 1024 * 1024 } })).code).toBe('too-large');
    // Where it stops, in bytes (not in time): nothing past the declared 2000 bytes reaches the
    // reader (without the check, all 4 GiB would).
    const entry = readZipDirectory(zip).find((z) => z.name === 'word/document.xml')!;
    let handed = 0;
    const err = catchZip(() => inflateEntryChunks(zip, entry, { remaining: 2 ** 40, limit: 2 ** 40 }, (c) => (handed += c.length)));
    expect(err).toMatchObject({ kind: 'too-large' });
    expect(handed).toBeLessThanOrEqual(2000);
  });

  it('the inflation budget stops an entry that declares a huge size at the bound, in bytes', () => {
    const zip = bomb(0xfff00000);
    const entry = readZipDirectory(zip).find((z) => z.name === 'word/document.xml')!;
    let handed = 0;
    const err = catchZip(() => inflateEntryChunks(zip, entry, { remaining: 1024 * 1024, limit: 1024 * 1024 }, (c) => (handed += c.length)));
    expect(err).toMatchObject({ kind: 'too-large' });
    expect(handed).toBeLessThanOrEqual(1024 * 1024);
  });

  it('the inflation bound applies to honest documents too', async () => {
    const e = await errorOf('yanfeng-2021.docx', seedBytes('yanfeng-2021.docx'), { docx: { maxInflatedBytes: 64 * 1024 } });
    expect(e.code).toBe('too-large');
  });

  it('an XML entity-expansion attempt (billion laughs) → unsafe-xml', async () => {
    const lol =
      '<?xml version="1.0"?><!DOCTYPE w:document [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">' +
      '<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>' +
      documentXml(p('&lol3;')).replace(/^<\?xml[^>]*\?>/, '');
    const e = await errorOf('附件1.docx', buildDocx({ documentXml: lol }));
    expect(e.code).toBe('unsafe-xml');
  });

  it('a DTD in another part the reader parses (the footnotes) → unsafe-xml', async () => {
    const notes = '<?xml version="1.0"?><!DOCTYPE x SYSTEM "http://example.invalid/x.dtd"><w:footnotes/>';
    const bytes = buildDocx({
      body: pXml(run('附件1') + '<w:r><w:footnoteReference w:id="1"/></w:r>'),
      extraEntries: {
        'word/footnotes.xml': notes,
        'word/_rels/document.xml.rels':
          '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId9" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footnotes" Target="footnotes.xml"/></Relationships>',
      },
    });
    expect((await errorOf('附件1.docx', bytes)).code).toBe('unsafe-xml');
  });

  it('a DTD in a part only mammoth parses (styles.xml): the streaming reader never parses it; the mammoth fallback refuses it', async () => {
    const styles = '<?xml version="1.0"?><!DOCTYPE x SYSTEM "http://example.invalid/x.dtd"><w:styles/>';
    const bytes = buildDocx({ body: p('附件1'), extraEntries: { 'word/styles.xml': styles } });
    const r = await readDocument({ path: '附件1.docx', bytes });
    expect(r.error).toBeNull();
    expect(r.blocks.map((b) => b.type === 'paragraph' && b.text)).toEqual(['附件1']);
    expect((await errorOf('附件1.docx', bytes, { docx: { forceFallback: true } })).code).toBe('unsafe-xml');
  });

  it('tables nested hundreds deep → too-deep (not a stack overflow reported as a damaged file)', async () => {
    let body = p('最里层');
    for (let i = 0; i < 500; i++) body = tbl([tr([tc('', { xml: body })])], { cols: 1 });
    const e = await errorOf('嵌套.docx', buildDocx({ body }));
    expect(e.code).toBe('too-deep');
    expect(e.message).toContain('嵌套');
    expect(e.messageEn).toMatch(/nested more than 64 deep/);
    // the mammoth fallback is no way around it
    expect((await errorOf('嵌套.docx', buildDocx({ body }), { docx: { forceFallback: true } })).code).not.toBe('corrupt-zip');
  });

  it('elements nested thousands deep → too-deep', async () => {
    const body = '<w:sdt><w:sdtContent>'.repeat(5000) + p('附件1') + '</w:sdtContent></w:sdt>'.repeat(5000);
    expect((await errorOf('嵌套.docx', buildDocx({ body }))).code).toBe('too-deep');
  });

  it('binary garbage named .txt → binary', async () => {
    let x = 0x9e3779b9;
    const garbage = new Uint8Array(4096).map(() => {
      x ^= x << 13;
      x ^= x >>> 17;
      x ^= x << 5;
      return x & 0xff;
    });
    expect((await errorOf('雁峰街道2021.txt', garbage)).code).toBe('binary');
  });

  it('a text in an encoding we do not accept (Latin-1) → undecodable', async () => {
    const latin1 = new Uint8Array(Buffer.from('Café crème brûlée, naïve résumé à la façon de Zoë. Über schön!', 'latin1'));
    expect((await errorOf('notes.txt', latin1)).code).toBe('undecodable');
  });

  it("Word's lock file (~$name.docx) → unsupported-format, saying it is a lock file", async () => {
    const owner = new Uint8Array(162);
    owner[0] = 5;
    owner.set(strToU8('clerk'), 1);
    owner.set(new Uint8Array(Buffer.from('clerk', 'utf16le')), 56);
    const e = await errorOf('inbox/~$峰街道2021.docx', owner);
    expect(e.code).toBe('unsupported-format');
    expect(e.message).toContain('锁定文件');
  });

  it('an input over maxBytes → too-large, without reading it', async () => {
    const big = new Uint8Array(2 * 1024 * 1024).fill(0x20);
    const e = await errorOf('huge.txt', big, { maxBytes: 1024 * 1024 });
    expect(e.code).toBe('too-large');
  });
});

describe('readDocument: content decides, not the extension', () => {
  it('reads a .docx renamed .txt as a Word document, with an extension-mismatch warning', async () => {
    const r = await readDocument({ path: 'yanfeng-2021.txt', bytes: seedBytes('yanfeng-2021.docx') });
    expect(r.error).toBeNull();
    expect(r.source).toMatchObject({ format: 'docx', layout: 'docx', encoding: null });
    expect(r.warnings.map((w) => w.code)).toContain('extension-mismatch');
    expect(r.blocks[0]).toMatchObject({ type: 'paragraph', text: '附件1' });
    expect(r.blocks.filter((b) => b.type === 'table')).toHaveLength(2);
  });

  it('reads the sample .docx under its own name without warnings', async () => {
    const bytes = seedBytes('yanfeng-2021.docx');
    const r = await readDocument({ path: 'fixtures/seed/yanfeng-2021.docx', bytes });
    expect(r.error).toBeNull();
    expect(r.warnings).toEqual([]);
    expect(r.source).toMatchObject({ path: 'fixtures/seed/yanfeng-2021.docx', bytes: bytes.length, format: 'docx' });
    expect(r.source.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('reads a text file named .docx as text, with an extension-mismatch warning', async () => {
    const r = await readDocument({ path: '附件1.docx', bytes: strToU8('部门整体支出绩效自评表\n（ 2021年度）\n') });
    expect(r.error).toBeNull();
    expect(r.source.format).toBe('txt');
    expect(r.warnings.map((w) => w.code)).toContain('extension-mismatch');
  });
});
