import { en, type Strings } from './en.js';

let active: Strings = en;

/** The strings of the active language. */
export function strings(): Strings {
  return active;
}

/** Replaces some or all strings, e.g. for another language. Missing entries fall back to English. */
export function setStrings(overrides: Partial<Strings>): void {
  active = { ...en, ...overrides };
}
