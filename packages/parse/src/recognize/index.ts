import type { Block, Form, ParseWarning } from '@jxaudit/model';

export interface RecognizeResult {
  /** The forms of the file, in document order (the narrative report is a form of kind "report"). */
  forms: Form[];
  warnings: ParseWarning[];
  /** When no form was found: what was found instead, in Chinese and English (for the no-form error). */
  foundInstead: { zh: string; en: string } | null;
}

/** Blocks into forms. PLACEHOLDER until recognition lands. */
export function recognizeForms(_blocks: Block[], _file: string): RecognizeResult {
  return { forms: [], warnings: [], foundInstead: { zh: '无', en: 'nothing' } };
}
