import type { Strings } from './en.js';
import { commonStrings } from './en/common.js';

/**
 * Languages that ship with the library. Their strings are a separate chunk, fetched the first time an
 * element shows the language, so English pages never download them.
 */
const shipped: Record<string, () => Promise<Strings>> = {
  ar: () => import('./ar.js').then((module) => module.ar),
};

const loadedShipped = new Map<string, Strings>();
const loading = new Map<string, Promise<void>>();
/** What hosts registered, by lower-case language tag; laid over the shipped strings and English. */
const hostStrings = new Map<string, Partial<Strings>>();
const resolved = new Map<string, Strings>();
const listeners = new Set<() => void>();

/**
 * The English strings of the elements on the page: the common ones, and each element's own from when
 * it is first created, so a page pays only for the English of the elements it uses. Typed as complete
 * because each element brings every string it reads.
 */
const english = { ...commonStrings } as Strings;
const englishParts = new Set<Partial<Strings>>();

/** Adds an element's English strings, the fallback of every language; elements call it when created. */
export function useEnglish(part: Partial<Strings>): void {
  if (englishParts.has(part)) return;
  englishParts.add(part);
  Object.assign(english, part);
  resolved.clear();
}

function changed(): void {
  resolved.clear();
  for (const listener of listeners) listener();
}

/**
 * Adds (or replaces) the strings of a language, e.g. `registerLocale('fr', {...})`. Entries left out
 * fall back to the shipped strings of the language, if any, then to English. Elements already on the
 * page re-render. `lang` is a language tag; `fr` is used for `fr-CA` too unless `fr-CA` is registered.
 */
export function registerLocale(lang: string, overrides: Partial<Strings>): void {
  hostStrings.set(lang.toLowerCase(), overrides);
  changed();
}

/**
 * Fetches the strings of a language that ships with the library (Arabic), if it is not loaded yet.
 * Elements do this themselves and re-render; awaiting it first spares a page the English first frame.
 */
export function loadLocale(lang: string): Promise<void> {
  const key = lang.toLowerCase().split('-')[0] ?? '';
  const load = shipped[key];
  if (!load || loadedShipped.has(key)) return Promise.resolve();
  let pending = loading.get(key);
  if (!pending) {
    pending = load().then(
      (strings) => {
        loadedShipped.set(key, strings);
        changed();
      },
      (error: unknown) => {
        // Not tried again on every render: English it stays, as Chromium keeps the failure anyway.
        console.warn(`Could not load the "${key}" strings; showing English.`, error);
      },
    );
    loading.set(key, pending);
  }
  return pending;
}

/**
 * The strings of one language tag, laid over those of its shorter forms (`ar-eg` over `ar`) and over
 * English with the host's English overrides; `undefined` when neither the library nor the host knows it.
 */
function knownStrings(key: string): Strings | undefined {
  const builtIn = loadedShipped.get(key);
  const host = hostStrings.get(key);
  if (key !== 'en' && !builtIn && !host) return undefined;
  let found = resolved.get(key);
  if (!found) {
    const shorter = key.includes('-') ? knownStrings(key.slice(0, key.lastIndexOf('-'))) : undefined;
    found = { ...english, ...hostStrings.get('en'), ...shorter, ...builtIn, ...host };
    resolved.set(key, found);
  }
  return found;
}

/**
 * The strings for a language tag: the tag itself, then shorter forms of it (`ar-EG`, `ar`), else
 * English. A shipped language not loaded yet starts loading and reads as English until it arrives.
 */
export function stringsFor(lang: string | undefined): Strings {
  const parts = (lang ?? '').toLowerCase().split('-');
  const keys = parts.map((_, index) => parts.slice(0, parts.length - index).join('-'));
  for (const key of keys) if (shipped[key] && !loadedShipped.has(key)) void loadLocale(key);
  for (const key of keys) {
    const found = knownStrings(key);
    if (found) return found;
  }
  return knownStrings('en') ?? english;
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
