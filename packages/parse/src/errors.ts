import type { ReadError, ReadErrorCode } from '@jxaudit/model';

interface Wording {
  zh: string;
  en: string;
}

/** What went wrong and what to do, in words a clerk understands. `detail` is appended when given. */
const WORDING: Record<ReadErrorCode, Wording> = {
  empty: {
    zh: '文件是空的（0 字节），没有可读取的内容。请确认导出或复制是否完整，重新提交完整文件。',
    en: 'The file is empty (0 bytes). Check that the export or copy finished, then submit the complete file.',
  },
  'unsupported-format': {
    zh: '文件格式不受支持：只能读取 Word 文档（.docx）、Excel 工作簿（.xlsx）或纯文本（.txt）。请在 Word/WPS 中“另存为”.docx 后重新提交。',
    en: 'Unsupported format: only Word documents (.docx), Excel workbooks (.xlsx) and plain text (.txt) can be read. Save the file as .docx in Word or WPS and submit it again.',
  },
  encrypted: {
    zh: '文件设有打开密码，无法读取。请在 Word/WPS 中取消密码保护（文件→信息→保护文档）后重新提交。',
    en: 'The document is password-protected and cannot be read. Remove the password in Word or WPS (File → Info → Protect Document) and submit it again.',
  },
  'corrupt-zip': {
    zh: '文件已损坏或不完整（可能传输中断）。请重新导出或重新复制原文件后再提交。',
    en: 'The file is damaged or incomplete (perhaps an interrupted transfer). Export or copy the original again and resubmit.',
  },
  'not-word': {
    zh: '该文件是压缩包，但不是 Word 文档（其中没有 Word 正文 word/document.xml）。请提交 Word 格式（.docx）的自评表；如原件是 Excel 或其他格式，请把表格复制到 Word 中另存为 .docx。',
    en: 'This file is a zip archive but not a Word document (it holds no word/document.xml). Submit the self-evaluation as a Word (.docx) file; if the original is an Excel sheet or another format, copy the table into Word and save it as .docx.',
  },
  'too-large': {
    zh: '文件过大或解压后体积异常（超过处理上限），为安全起见未予读取。请删除文档中的大图片等无关内容后重新提交，或联系管理员。',
    en: 'The file is too large or inflates beyond the processing limit, so it was not read for safety. Remove large pictures and other unrelated content, or contact the administrator.',
  },
  timeout: {
    zh: '处理该文件超过了时间上限，已停止处理（文件可能过大或结构异常，如含数万行的表格）。请删除与自评无关的内容、拆分成较小的文件后重新提交，或联系管理员。',
    en: 'Processing this file took longer than the time limit and was stopped (the file may be too large or oddly built, e.g. a table of tens of thousands of rows). Remove content unrelated to the self-evaluation or split the file, then resubmit, or contact the administrator.',
  },
  'unsafe-xml': {
    zh: '文档内部含有不安全的 XML 结构（DTD 或实体定义），为安全起见未予读取。请在 Word/WPS 中打开后“另存为”新的 .docx 再提交。',
    en: 'The document contains unsafe XML (a DTD or entity definitions) and was not read for safety. Open it in Word or WPS, save it as a new .docx and resubmit.',
  },
  'too-deep': {
    zh: '文档内部结构嵌套层数异常（如表格套表格数百层），不是正常的自评表，为安全起见未予读取。请在 Word/WPS 中打开，把表格内容复制到新文档后另存为 .docx 再提交。',
    en: 'The document nests its structure abnormally deep (e.g. tables inside tables hundreds of levels deep); it is not a normal self-evaluation and was not read for safety. Open it in Word or WPS, copy the tables into a new document, save it as .docx and resubmit.',
  },
  undecodable: {
    zh: '无法识别文本文件的字符编码（不是 UTF-8、GB18030/GBK 或 UTF-16）。请用记事本或 WPS 将文件另存为 UTF-8 编码后重新提交。',
    en: 'The text encoding could not be recognised (not UTF-8, GB18030/GBK or UTF-16). Save the file as UTF-8 in Notepad or WPS and resubmit.',
  },
  binary: {
    zh: '该文件不是文本文件（内容为二进制数据），可能是扩展名写错了。请确认文件类型：Word 文档应为 .docx，文本应为 .txt。',
    en: 'This file is not text (it holds binary data); the extension may be wrong. Word documents must be .docx and text files .txt.',
  },
  'no-form': {
    zh: '文件可以读取，但未识别出绩效自评表或绩效自评报告。请确认提交的是部门整体支出绩效自评表、项目支出绩效自评表或绩效自评报告。',
    en: 'The file was read, but no self-evaluation form or report was recognised. Check that it is a 部门整体支出绩效自评表, a 项目支出绩效自评表 or a 绩效自评报告.',
  },
  'not-found': {
    zh: '找不到该文件或目录。请检查路径是否写对、文件是否已被移走或改名。',
    en: 'The file or directory does not exist. Check the path, and whether the file was moved or renamed.',
  },
  'needs-converter': {
    zh: '这是旧版或 WPS 格式的文件，需要先用 LibreOffice 转换后才能读取，但本机未安装 LibreOffice。请管理员安装（Debian/Ubuntu：sudo apt-get install -y libreoffice-writer libreoffice-calc），或请提交单位在 Word/WPS/Excel 中“另存为”.docx 或 .xlsx 后重新提交。',
    en: 'This is a legacy or WPS file that must be converted with LibreOffice before it can be read, and LibreOffice is not installed. Ask the administrator to install it (Debian/Ubuntu: sudo apt-get install -y libreoffice-writer libreoffice-calc), or have the unit save it as .docx or .xlsx in Word/WPS/Excel and resubmit.',
  },
  'convert-failed': {
    zh: '文件需要转换格式后才能读取，但 LibreOffice 转换失败（文件可能已损坏、设有密码或过于复杂）。请在 Word/WPS/Excel 中打开后“另存为”.docx 或 .xlsx 再提交。',
    en: 'The file must be converted before it can be read, and the LibreOffice conversion failed (the file may be damaged, password-protected or too complex). Open it in Word/WPS/Excel, save it as .docx or .xlsx and resubmit.',
  },
  'not-regular-file': {
    zh: '这不是普通文件（而是链接、管道、设备或套接字），为安全起见未读取其内容。请提交文件本身的副本。',
    en: 'This is not a regular file (it is a link, a pipe, a device or a socket), so it was not read, for safety. Submit a copy of the file itself.',
  },
};

/** A typed read error with its Chinese and English message; `detail` adds what was seen. */
export function readError(code: ReadErrorCode, detail?: { zh: string; en: string }): ReadError {
  const w = WORDING[code];
  return {
    code,
    message: detail ? `${w.zh}（${detail.zh}）` : w.zh,
    messageEn: detail ? `${w.en} (${detail.en})` : w.en,
  };
}
