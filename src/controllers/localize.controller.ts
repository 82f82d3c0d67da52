import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { Strings } from '../i18n/en.js';
import { directionOf, onLocalesChanged, stringsFor, useEnglish, usableLocale } from '../i18n/localize.js';
import { numberFormat } from '../internal/intl-cache.js';

type Host = ReactiveControllerHost & HTMLElement;

/** The nearest `lang` and `dir` from `element` up, crossing shadow roots; the nearer one decides direction. */
function nearest(element: Element): { lang?: string; dir?: 'ltr' | 'rtl' } {
  let lang: string | undefined;
  let dir: 'ltr' | 'rtl' | undefined;
  let node: Node | null = element;
  while (node && (lang === undefined || dir === undefined)) {
    if (node instanceof Element) {
      const ownDir = node.getAttribute('dir')?.toLowerCase();
      const ownLang = node.getAttribute('lang');
      if (dir === undefined && (ownDir === 'ltr' || ownDir === 'rtl')) dir = ownDir;
      if (lang === undefined && ownLang) {
        lang = ownLang;
        // A language nearer than any `dir` brings its own direction.
        dir ??= directionOf(ownLang);
      }
    }
    node = node instanceof ShadowRoot ? node.host : node.parentNode;
  }
  return { lang, dir };
}

/**
 * The language of its host: the host's own `lang`, else the closest ancestor's (across shadow roots),
 * else the page's, else the browser's. Gives the strings, the `Intl` locale and the text direction of
 * that language, and re-renders the host when the `lang` or `dir` of the host or of any ancestor changes
 * (in the page or in the shadow roots around the host, so nested elements follow their parent), or when
 * a language is registered.
 */
export class LocalizeController implements ReactiveController {
  private observer?: MutationObserver;
  private unsubscribe?: () => void;
  private resolved?: { locale: string; dir: 'ltr' | 'rtl'; strings: Strings };

  /** `english` is every string the host shows, in English: the fallback of every other language. */
  constructor(
    private readonly host: Host,
    english: Partial<Strings>,
  ) {
    useEnglish(english);
    host.addController(this);
  }

  /** The language tag in use, canonical for `Intl`, e.g. `ar-EG`. */
  get locale(): string {
    return this.current().locale;
  }

  /** The text direction: the nearest `dir`, else the direction of the language. */
  get dir(): 'ltr' | 'rtl' {
    return this.current().dir;
  }

  /** The strings of the language, falling back to English. */
  get strings(): Strings {
    return this.current().strings;
  }

  /** A number written the way the language writes it. */
  number(value: number, options?: Intl.NumberFormatOptions): string {
    return numberFormat(this.locale, options).format(value);
  }

  hostConnected(): void {
    this.resolve();
    this.observer = new MutationObserver(() => this.refresh());
    const options = { attributes: true, attributeFilter: ['lang', 'dir'], subtree: true };
    // Each tree the host sits in, up to the page: a subtree observer does not see into shadow roots.
    let root = this.host.getRootNode();
    while (root instanceof ShadowRoot) {
      this.observer.observe(root, options);
      root = root.host.getRootNode();
    }
    this.observer.observe(document.documentElement, options);
    this.unsubscribe = onLocalesChanged(() => {
      this.resolve();
      this.host.requestUpdate();
    });
  }

  hostDisconnected(): void {
    this.observer?.disconnect();
    this.observer = undefined;
    this.unsubscribe?.();
    this.unsubscribe = undefined;
  }

  hostUpdate(): void {
    this.resolve();
  }

  private refresh(): void {
    const before = this.resolved;
    const after = this.resolve();
    // The strings too: a host's language whose tag `Intl` does not take keeps the same locale.
    if (before?.locale !== after.locale || before.dir !== after.dir || before.strings !== after.strings) {
      this.host.requestUpdate();
    }
  }

  private current() {
    return this.resolved ?? this.resolve();
  }

  private resolve() {
    const found = nearest(this.host);
    const lang = found.lang ?? (typeof navigator === 'undefined' ? undefined : navigator.language);
    const locale = usableLocale(lang);
    this.resolved = { locale, dir: found.dir ?? directionOf(locale), strings: stringsFor(lang ?? locale) };
    return this.resolved;
  }
}
