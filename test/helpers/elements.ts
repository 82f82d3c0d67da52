/**
 * Placing any of the five elements against the sandbox in a given theme and direction, and reading
 * their shadow DOM, for the tests that go across elements (accessibility, theming, lifecycle).
 */
import { fixture, html } from '@open-wc/testing';
import { waitUntil } from './async.js';
import { sendKeys } from '@web/test-runner-commands';
import { loadLocale } from '../../src/index.js';
import type { SandboxTenant } from './sandbox.js';

export type Theme = 'light' | 'dark';
export type Direction = 'ltr' | 'rtl';

export interface Look {
  theme: Theme;
  dir: Direction;
}

/** Both themes in both directions; right to left is shown in Arabic. */
export const LOOKS: readonly Look[] = [
  { theme: 'light', dir: 'ltr' },
  { theme: 'dark', dir: 'ltr' },
  { theme: 'light', dir: 'rtl' },
  { theme: 'dark', dir: 'rtl' },
];

export const lookName = ({ theme, dir }: Look) => `${theme}, ${dir}`;

export type LitLike = HTMLElement & { updateComplete: Promise<unknown> };

export interface PlaceOptions {
  look?: Partial<Look>;
  attributes?: Record<string, string>;
  properties?: Record<string, unknown>;
  /** Inline style of the wrapper, e.g. a width or custom properties. */
  style?: string;
  socket?: boolean;
}

/**
 * A wrapper `<div lang dir>` with the element in it, configured for the tenant; the element's properties
 * are set before it connects. Arabic strings are loaded first for right to left.
 */
export async function place<T extends LitLike = LitLike>(
  tag: string,
  tenant: SandboxTenant,
  {
    look = {},
    attributes = {},
    properties = {},
    style = 'inline-size: 760px',
    socket = false,
  }: PlaceOptions = {},
): Promise<T> {
  const dir = look.dir ?? 'ltr';
  if (dir === 'rtl') await loadLocale('ar');
  const wrapper = await fixture<HTMLDivElement>(
    html`<div lang=${dir === 'rtl' ? 'ar' : 'en'} dir=${dir} style=${style}></div>`,
  );
  const el = document.createElement(tag) as T;
  el.setAttribute('base-url', tenant.baseUrl);
  el.setAttribute('api-key', tenant.apiKey);
  if (socket) el.setAttribute('socket-url', tenant.socketUrl);
  if (look.theme) el.setAttribute('theme', look.theme);
  for (const [name, value] of Object.entries(attributes)) el.setAttribute(name, value);
  Object.assign(el, properties);
  wrapper.append(el);
  await el.updateComplete;
  return el;
}

export function shadow(el: Element): ShadowRoot {
  return el.shadowRoot!;
}

export function text(node: Node | null | undefined): string {
  return (node?.textContent ?? '').replace(/\s+/g, ' ').trim();
}

/** The first node in `el`'s shadow root, or in the shadow roots nested in it, that matches `selector`. */
export function deepQuery<E extends Element = HTMLElement>(el: Element, selector: string): E | null {
  const root = el.shadowRoot;
  if (!root) return null;
  const found = root.querySelector<E>(selector);
  if (found) return found;
  for (const child of root.querySelectorAll('*')) {
    if (!child.shadowRoot) continue;
    const nested = deepQuery<E>(child, selector);
    if (nested) return nested;
  }
  return null;
}

/** The part named `name` (as `::part()` names it from outside): searched in nested shadow roots too. */
export function part<E extends Element = HTMLElement>(el: Element, name: string): E | null {
  return deepQuery<E>(el, `[part~="${name}"]`);
}

/** The part `name` of the element nested in `el` as its part `host`, e.g. `nestedPart(el, 'qr-scanner', 'qr')`. */
export function nestedPart<E extends Element = HTMLElement>(
  el: Element,
  host: string,
  name: string,
): E | null {
  const nested = el.shadowRoot?.querySelector(`[part~="${host}"]`);
  return nested ? part<E>(nested, name) : null;
}

export function button(root: ParentNode, label: string | RegExp): HTMLButtonElement {
  const buttons = [...root.querySelectorAll<HTMLButtonElement>('button')];
  const found = buttons.find((candidate) =>
    typeof label === 'string' ? text(candidate).includes(label) : label.test(text(candidate)),
  );
  if (!found) throw new Error(`no button "${String(label)}" among: ${buttons.map(text).join(' | ')}`);
  return found;
}

/** The element that has the focus, looking through every shadow root. */
export function deepActive(): Element | null {
  let active = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active;
}

/** Presses `key` until the focused element matches `matches`; fails after `limit` presses. */
export async function pressUntil(
  matches: (active: Element | null) => boolean,
  { key = 'Tab', limit = 25, what = 'the target' } = {},
): Promise<Element> {
  for (let presses = 0; presses <= limit; presses++) {
    const active = deepActive();
    if (matches(active)) return active!;
    await sendKeys({ press: key });
  }
  throw new Error(`${key} never reached ${what}; focus is on ${deepActive()?.outerHTML.slice(0, 120)}`);
}

/** Collects every text a live region shows, in order: what it says now, and each change from now on. */
export function recordAnnouncements(region: Element): { texts: string[]; stop(): void } {
  let last = text(region);
  const texts: string[] = last ? [last] : [];
  const observer = new MutationObserver(() => {
    const now = text(region);
    if (now !== last && now !== '') texts.push(now);
    last = now;
  });
  observer.observe(region, { subtree: true, childList: true, characterData: true });
  return { texts, stop: () => observer.disconnect() };
}

export function waitFor(condition: () => unknown, message: string, timeout = 8000): Promise<void> {
  return waitUntil(condition, message, { timeout });
}
