import { describe, expect, it } from 'vitest';
import { sniff } from '../src/read.ts';
import { buildDocx, compoundFile, encryptedDocx, legacyDoc, p } from './helpers/docx-writer.ts';

const utf16 = (s: string) => new Uint8Array(Buffer.from(s, 'utf16le'));

describe('sniff: the content decides', () => {
  it('knows a .docx by its zip header', () => {
    expect(sniff(buildDocx({ body: p('附件1') })).kind).toBe('zip');
  });

  it('tells an encrypted package from a legacy .doc by the streams of the compound file', () => {
    expect(sniff(encryptedDocx())).toMatchObject({ kind: 'ole', encrypted: true });
    const doc = sniff(legacyDoc());
    expect(doc).toMatchObject({ kind: 'ole', encrypted: false });
    expect(doc.kind === 'ole' && doc.what.en).toMatch(/legacy Word/);
  });

  it('does not take a .doc that merely mentions EncryptedPackage in its text for an encrypted file', () => {
    const text = utf16('本文档说明 EncryptedPackage 与 EncryptionInfo 两个流的含义。'.repeat(40));
    expect(sniff(compoundFile({ WordDocument: text }))).toMatchObject({ kind: 'ole', encrypted: false });
  });

  it('names PDF and pictures, and leaves everything else to the text decoder', () => {
    expect(sniff(new TextEncoder().encode('%PDF-1.7\n'))).toMatchObject({ kind: 'other-binary', what: { en: 'a PDF file' } });
    expect(sniff(new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 0x10]))).toMatchObject({ kind: 'other-binary', what: { en: 'a JPEG image' } });
    expect(sniff(new TextEncoder().encode('\t预算部门名称\n'))).toEqual({ kind: 'text' });
    expect(sniff(new Uint8Array(0))).toEqual({ kind: 'empty' });
  });

  it('knows a web page or a Word XML document saved under a .doc/.docx name', () => {
    const html = new TextEncoder().encode('\uFEFF<html xmlns:o="urn:schemas-microsoft-com:office:office"><body><table><tr><td>预算部门名称</td></tr></table></body></html>');
    expect(sniff(html)).toMatchObject({ kind: 'other-binary', what: { en: 'a web page (HTML)' } });
    const mht = new TextEncoder().encode('MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary="----=_NextPart"\r\n');
    expect(sniff(mht)).toMatchObject({ kind: 'other-binary', what: { en: 'a single-file web page (.mht/.mhtml)' } });
    const wordXml = new TextEncoder().encode('<?xml version="1.0" encoding="UTF-8"?>\n<?mso-application progid="Word.Document"?>\n<pkg:package xmlns:pkg="http://schemas.microsoft.com/office/2006/xmlPackage">');
    expect(sniff(wordXml)).toMatchObject({ kind: 'other-binary', what: { en: 'a Word XML document (flat OPC)' } });
    // a tika text that merely mentions <html> further down is still text
    expect(sniff(new TextEncoder().encode('附件1\n部门整体支出绩效自评表\n<html>'))).toEqual({ kind: 'text' });
  });
});
