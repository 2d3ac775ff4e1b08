import type { Dump } from '@jxaudit/model';

/** Draws what was read: paragraphs, tables as text grids with spans visible, warnings. PLACEHOLDER. */
export function renderDumpText(dump: Dump): string {
  return JSON.stringify(dump, null, 2);
}
