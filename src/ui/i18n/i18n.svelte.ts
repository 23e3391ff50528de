/**
 * The current language and `t`, the one way UI text is looked up. The language defaults to the
 * browser's, can be switched, and is remembered in localStorage.
 */
import { messages, type Lang, type MessageKey } from './messages';

const STORAGE_KEY = 'smtp-lab.lang';

function initialLang(): Lang {
  try {
    const stored = globalThis.localStorage?.getItem(STORAGE_KEY);
    if (stored === 'en' || stored === 'de') return stored;
  } catch {
    // storage may be blocked (privacy mode): fall back to the browser's language
  }
  const nav = globalThis.navigator?.language ?? 'en';
  return nav.toLowerCase().startsWith('de') ? 'de' : 'en';
}

class Locale {
  lang = $state<Lang>(initialLang());

  set(lang: Lang): void {
    this.lang = lang;
    try {
      localStorage.setItem(STORAGE_KEY, lang);
    } catch {
      // not remembered, still switched
    }
    if (typeof document !== 'undefined') document.documentElement.lang = lang;
  }
}

/** locale holds the current language. */
export const locale = new Locale();

/** t returns the text for `key` in the current language, with `{name}` placeholders filled. */
export function t(key: MessageKey, params?: Record<string, string | number | undefined>): string {
  const text: string = messages[locale.lang][key] ?? messages.en[key] ?? key;
  if (!params) return text;
  return text.replace(/\{(\w+)\}/g, (m, name: string) => (params[name] === undefined ? m : String(params[name])));
}

/** hasKey tells whether the catalogue has a key built at run time (e.g. `role.mx`). */
export function hasKey(key: string): key is MessageKey {
  return key in messages.en;
}

/** tx looks up a key built at run time, falling back to `fallback` when the catalogue lacks it. */
export function tx(key: string, fallback: string, params?: Record<string, string | number | undefined>): string {
  return hasKey(key) ? t(key, params) : fallback;
}
