import { ar } from './ar.js';
import { en, type Strings } from './en.js';

/** The languages the elements know, by lower-case language tag; English is also the fallback. */
const locales = new Map<string, Strings>([
  ['en', en],
  ['ar', ar],
]);

const listeners = new Set<() => void>();

/**
 * Adds (or replaces) the strings of a language, e.g. `registerLocale('fr', {...})`. Entries left out
 * fall back to English. Elements already on the page re-render. `lang` is a language tag; `fr` is
 * used for `fr-CA` too unless `fr-CA` is registered itself.
 */
export function registerLocale(lang: string, overrides: Partial<Strings>): void {
  locales.set(lang.toLowerCase(), { ...en, ...overrides });
  for (const listener of listeners) listener();
}

/** The strings for a language tag: the tag itself, then shorter forms of it (`ar-EG`, `ar`), else English. */
export function stringsFor(lang: string | undefined): Strings {
  const parts = (lang ?? '').toLowerCase().split('-');
  for (let length = parts.length; length > 0; length--) {
    const found = locales.get(parts.slice(0, length).join('-'));
    if (found) return found;
  }
  return locales.get('en') ?? en;
}

/** The strings of the page's language (`<html lang>`, else the browser's); elements use their own. */
export function strings(): Strings {
  const lang =
    typeof document === 'undefined'
      ? undefined
      : document.documentElement.lang || globalThis.navigator?.language;
  return stringsFor(lang);
}

/**
 * Replaces some or all English strings, which are also the fallback of every other language.
 * @deprecated Use `registerLocale(lang, strings)`.
 */
export function setStrings(overrides: Partial<Strings>): void {
  registerLocale('en', overrides);
}

/** Calls `listener` whenever a language is registered; returns the unsubscribe function. */
export function onLocalesChanged(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

const RTL_LANGUAGES = new Set([
  'ar',
  'arc',
  'ckb',
  'dv',
  'fa',
  'he',
  'iw',
  'ku',
  'ps',
  'sd',
  'syr',
  'ug',
  'ur',
  'yi',
]);

/** Whether a language is written right to left. */
export function directionOf(lang: string): 'ltr' | 'rtl' {
  const script = /-(arab|hebr|thaa|syrc|nkoo|adlm|rohg)\b/i.exec(lang);
  if (script) return 'rtl';
  if (/-(latn|cyrl)\b/i.test(lang)) return 'ltr';
  return RTL_LANGUAGES.has(lang.toLowerCase().split('-')[0] ?? '') ? 'rtl' : 'ltr';
}

/** The first language tag Intl accepts among `candidates`, else English. */
export function usableLocale(...candidates: (string | null | undefined)[]): string {
  for (const candidate of candidates) {
    if (!candidate) continue;
    try {
      return Intl.getCanonicalLocales(candidate)[0] ?? 'en';
    } catch {
      // Not a language tag; try the next.
    }
  }
  return 'en';
}
