/** The text normalisation every .docx reader applies to a paragraph (streaming, mammoth, HTML). */

/** Strips reader artefacts (`[bookmark: _GoBack]`, `[image: …]`) and trailing whitespace. */
export function cleanText(s: string): string {
  const t = s.indexOf('[') >= 0 ? s.replace(/\[(?:bookmark|image):[^\]\n]*\]/g, '') : s;
  return t.replace(/[\s\u3000]+$/u, '');
}

/** One source paragraph (may hold line breaks) → its non-empty cleaned lines. */
export function cleanLines(s: string): string[] {
  if (s.length === 0) return [];
  return s
    .split('\n')
    .map(cleanText)
    .filter((l) => l.trim() !== '');
}
