/**
 * Bilingual text: every message a student or instructor reads exists in English and German.
 */

/** Lang is a language the app speaks. */
export type Lang = 'en' | 'de';

/** Text is one message in both languages. */
export interface Text {
  en: string;
  de: string;
}

/** LocalText is what an author writes: one string for both languages, or one per language. */
export type LocalText = string | { en?: string; de?: string };

/** textIn picks the author's text in `lang`, falling back to the other language. */
export function textIn(text: LocalText | undefined, lang: Lang): string {
  if (text === undefined) return '';
  if (typeof text === 'string') return text;
  return text[lang] ?? text[lang === 'en' ? 'de' : 'en'] ?? '';
}
