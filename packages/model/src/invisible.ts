/**
 * Zero-width and bidirectional control characters, and the soft hyphen: invisible, a copy-paste
 * leaves them in names, where they split one name in two (雁峰街道 vs 雁峰\u200B街道) or make one
 * read as another (U+202E turns the text after it around). One set for every package: names
 * used for matching drop them (unitKey), every text an auditor reads shows them (showInvisible).
 */
export const INVISIBLE_CONTROLS = /[\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/g;

/** The text without invisible controls. */
export function stripInvisible(text: string): string {
  return text.replace(INVISIBLE_CONTROLS, '');
}

/** Invisible controls as visible escapes: 雁峰\u200B街道 → 雁峰⟨U+200B⟩街道. */
export function showInvisible(text: string): string {
  return text.replace(INVISIBLE_CONTROLS, (c) => `⟨U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}⟩`);
}
