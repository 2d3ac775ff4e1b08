/**
 * The file extensions a directory walk takes (lower case, without the dot): `check DIR`,
 * `enqueue DIR` and the nightly sweep read these and report every other file as
 * `unsupported-format` instead of skipping it. Extend this list when a reader for a new format
 * lands (.doc/.wps/.xls/.et/.rtf are read through LibreOffice, or reported `needs-converter`
 * when it is not installed). A file named directly (check FILE, the watched folder) is read by its content,
 * whatever its extension.
 */
export const READ_EXTENSIONS: readonly string[] = ['docx', 'txt', 'xlsx', 'xlsm', 'doc', 'wps', 'xls', 'et', 'rtf'];

/** The extension of a path (lower case, no dot; '' when none). */
export function extensionOf(path: string): string {
  const base = path.split(/[\\/]/).pop() ?? '';
  const dot = base.lastIndexOf('.');
  return dot > 0 ? base.slice(dot + 1).toLowerCase() : '';
}

/** Whether a directory walk reads a file of this name. */
export function hasReadExtension(path: string): boolean {
  return READ_EXTENSIONS.includes(extensionOf(path));
}
