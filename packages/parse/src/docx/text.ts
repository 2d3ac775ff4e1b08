/** The text normalisation every .docx reader applies to a paragraph (streaming, mammoth, HTML). */

/** Strips reader artefacts (`[bookmark: _GoBack]`, `[image: …]`) and trailing whitespace. */
export function cleanText(s: string): string {
  const t = s.indexOf('[') >= 0 ? s.replace(/\[(?:bookmark|image):[^\]\n]*\]/g, '') : s;
  return t.trimEnd(); // the same whitespace as \s, U+3000 included
}

/** One source paragraph (may hold line breaks) → its non-empty cleaned lines. */
export function cleanLines(s: string): string[] {
  if (s.length === 0) return [];
  if (s.indexOf('\n') < 0) {
    const line = cleanText(s);
    return line.trim() === '' ? [] : [line];
  }
  return s
    .split('\n')
    .map(cleanText)
    .filter((l) => l.trim() !== '');
}
