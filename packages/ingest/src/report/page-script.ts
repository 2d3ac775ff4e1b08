import { readFileSync } from 'node:fs';

/*
 * The scripts of the report page and the batch index, kept as plain browser JavaScript in
 * client/ (readable, and testable only in a browser) and inlined into each page, where the
 * page's Content-Security-Policy allows exactly this text by its hash.
 */

function clientScript(name: string): string {
  return readFileSync(new URL(`./client/${name}`, import.meta.url), 'utf8');
}

export const REPORT_PAGE_SCRIPT = clientScript('report-page.js');
export const INDEX_PAGE_SCRIPT = clientScript('index-page.js');
