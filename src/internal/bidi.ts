import { html, type TemplateResult } from 'lit';

/** A phone number as people type it: digits with an optional leading "+", spaces, dots, dashes, brackets. */
const PHONE_NUMBER = /^\+?[\d\s().-]{4,}$/;

/** A character no translation uses: it marks where a value goes in a localized sentence. */
const SLOT = '\uE000';

/**
 * The `dir` for a text that is the user's data, not ours: `ltr` for a phone number (in a right-to-left
 * page "+966560214812" would otherwise read "966560214812+"), else `auto` (its first strong letter decides).
 */
export function textDirection(value: string): 'ltr' | 'auto' {
  return PHONE_NUMBER.test(value) ? 'ltr' : 'auto';
}

/** `value` inside a sentence, isolated so that its direction and the sentence's do not reorder each other. */
export function isolated(value: string): TemplateResult {
  return html`<bdi dir=${textDirection(value)}>${value}</bdi>`;
}

/** The words a localized sentence (`format`) puts before and after its one value, wherever the language puts it. */
export function sentenceParts(format: (value: string) => string): [before: string, after: string] {
  const [before = '', after = ''] = format(SLOT).split(SLOT);
  return [before, after];
}

/** A localized sentence with its one value isolated (see `isolated`), e.g. a phone number in an Arabic sentence. */
export function sentenceWith(format: (value: string) => string, value: string): TemplateResult {
  const [before, after] = sentenceParts(format);
  return html`${before}${isolated(value)}${after}`;
}
