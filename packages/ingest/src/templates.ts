import { parseTemplates, TemplatesError, type Templates } from '@jxaudit/parse';
import { readOptionFile, usageError } from './exit.ts';

const cache = new Map<string, Templates>();

/**
 * --templates FILE: the user's templates (packages/parse/README.md, "Templates"), words added to
 * the built-in ones; cached per path. A missing file is CliError 66, a file that is not valid
 * CliError 64 naming the line and what is wrong.
 */
export async function loadTemplates(path: string | undefined): Promise<Templates | undefined> {
  if (!path) return undefined;
  const cached = cache.get(path);
  if (cached) return cached;
  const text = await readOptionFile(path, { zh: '模板文件', en: 'templates file' });
  let templates: Templates;
  try {
    templates = parseTemplates(text);
  } catch (err) {
    if (err instanceof TemplatesError) {
      throw usageError(`模板文件 ${path} ${err.messageZh}`, `templates file ${path}${err.line === null ? '' : ` line ${err.line}`}: ${err.en}`);
    }
    throw err;
  }
  cache.set(path, templates);
  return templates;
}
