import { css, html, type ReactiveControllerHost, type TemplateResult } from 'lit';
import { guard } from 'lit/directives/guard.js';
import englishWords from 'emoji-picker-element/i18n/en.js';
import type { I18n } from 'emoji-picker-element/shared.js';
import { bundledEmoji, searchEmoji, type BundledEmoji } from './bundled-emoji.js';

/** The categories of the bundled list in the picker's order: group number and emoji-picker-element's key. */
const CATEGORIES = [
  [0, 'smileys-emotion'],
  [1, 'people-body'],
  [3, 'animals-nature'],
  [4, 'food-drink'],
  [5, 'travel-places'],
  [6, 'activities'],
  [7, 'objects'],
  [8, 'symbols'],
  [9, 'flags'],
] as const;

const CHOICES_ID = 'emoji-choices';

/** The words of the picker in the element's language: Arabic, or English, as emoji-picker-element has them. */
export async function gridWords(locale: string): Promise<I18n> {
  if (!locale.startsWith('ar')) return englishWords;
  return (await import('emoji-picker-element/i18n/ar.js')).default;
}

/**
 * The button one row down (`step` 1) or up (-1) from `buttons[index]` that is nearest to it across, in
 * whatever rows the grid's width and the category headings make.
 */
function rowNeighbour<T extends HTMLElement>(buttons: T[], index: number, step: 1 | -1): T | undefined {
  const origin = buttons[index].getBoundingClientRect();
  const centre = origin.left + origin.width / 2;
  let rowTop: number | undefined;
  let nearest: T | undefined;
  let nearestDistance = Infinity;
  for (let i = index + step; i >= 0 && i < buttons.length; i += step) {
    const rect = buttons[i].getBoundingClientRect();
    if (Math.abs(rect.top - origin.top) < origin.height / 2) continue;
    rowTop ??= rect.top;
    if (Math.abs(rect.top - rowTop) >= origin.height / 2) break;
    const distance = Math.abs(rect.left + rect.width / 2 - centre);
    if (distance < nearestDistance) {
      nearest = buttons[i];
      nearestDistance = distance;
    }
  }
  return nearest;
}

export interface EmojiGridHost extends ReactiveControllerHost {
  readonly renderRoot: ParentNode;
}

/**
 * The emoji picker drawn with lit from the bundled list, for pages whose Content-Security-Policy refuses
 * the HTML strings emoji-picker-element builds its DOM from: a search field and the emoji by category.
 * The grid has one tab stop; the arrow keys move in it, Enter or a click chooses, and Enter in the search
 * field chooses the first match.
 */
export class EmojiGrid {
  private query = '';
  /** The emoji whose button holds the grid's tab stop; the first one shown when unset or not shown. */
  private active: string | undefined;

  constructor(
    private readonly host: EmojiGridHost,
    private readonly words: I18n,
    private readonly choose: (emoji: string) => void,
  ) {
    const root = host.renderRoot;
    const sheet = emojiGridStyles.styleSheet;
    if (root instanceof ShadowRoot && sheet && !root.adoptedStyleSheets.includes(sheet)) {
      root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
    }
  }

  private get search(): HTMLInputElement | null {
    return this.host.renderRoot.querySelector('.emoji-search');
  }

  private buttons(): HTMLButtonElement[] {
    return [...this.host.renderRoot.querySelectorAll<HTMLButtonElement>('.emoji-choice')];
  }

  /** Starts over, empty search, and puts the focus in the search field once drawn. */
  open(): void {
    this.query = '';
    this.active = undefined;
    this.host.requestUpdate();
    void this.host.updateComplete.then(() => this.search?.focus());
  }

  private shown(): BundledEmoji[] {
    return this.query.trim() ? searchEmoji(this.query) : [...bundledEmoji()];
  }

  private moveTo(button: HTMLButtonElement): void {
    this.active = button.dataset.emoji;
    this.host.requestUpdate();
    button.focus();
  }

  private readonly handleInput = (event: InputEvent): void => {
    this.query = (event.target as HTMLInputElement).value;
    this.active = undefined;
    this.host.requestUpdate();
  };

  private readonly handleSearchKeydown = (event: KeyboardEvent): void => {
    if (event.isComposing) return;
    if (event.key === 'Enter') {
      // The field is inside the composer's form, which Enter would send.
      event.preventDefault();
      const first = this.shown()[0];
      if (first) this.choose(first.unicode);
    } else if (event.key === 'ArrowDown') {
      const target = this.buttons().find((button) => button.tabIndex === 0);
      if (!target) return;
      event.preventDefault();
      this.moveTo(target);
    }
  };

  private readonly handleGridKeydown = (event: KeyboardEvent): void => {
    const from = event.target;
    if (!(from instanceof HTMLButtonElement)) return;
    const buttons = this.buttons();
    const index = buttons.indexOf(from);
    const forward = getComputedStyle(from).direction === 'rtl' ? -1 : 1;
    let target: HTMLButtonElement | undefined;
    switch (event.key) {
      case 'ArrowRight':
        target = buttons[index + forward];
        break;
      case 'ArrowLeft':
        target = buttons[index - forward];
        break;
      case 'ArrowDown':
        target = rowNeighbour(buttons, index, 1);
        break;
      case 'ArrowUp':
        target = rowNeighbour(buttons, index, -1);
        if (!target) {
          event.preventDefault();
          this.search?.focus();
          return;
        }
        break;
      case 'Home':
        target = buttons[0];
        break;
      case 'End':
        target = buttons.at(-1);
        break;
      default:
        return;
    }
    event.preventDefault();
    if (target) this.moveTo(target);
  };

  private readonly handleFocusin = (event: FocusEvent): void => {
    const emoji = (event.target as HTMLElement).dataset.emoji;
    if (emoji === undefined || emoji === this.active) return;
    this.active = emoji;
    this.host.requestUpdate();
  };

  private readonly handleClick = (event: MouseEvent): void => {
    const button = (event.target as Element).closest<HTMLButtonElement>('.emoji-choice');
    if (button?.dataset.emoji) this.choose(button.dataset.emoji);
  };

  /** The search field and the grid; `noMatch` is what the grid says when the search finds nothing. */
  render(noMatch: string): TemplateResult {
    return html`${guard([this.query, this.active, noMatch], () => this.renderGrid(noMatch))}`;
  }

  private renderGrid(noMatch: string): TemplateResult {
    const shown = this.shown();
    const active = shown.some((emoji) => emoji.unicode === this.active) ? this.active : shown[0]?.unicode;
    return html`<div class="emoji-grid">
      <input
        class="emoji-search"
        type="search"
        aria-label=${this.words.searchLabel}
        aria-controls=${CHOICES_ID}
        placeholder=${this.words.searchLabel}
        autocomplete="off"
        .value=${this.query}
        @input=${this.handleInput}
        @keydown=${this.handleSearchKeydown}
      />
      <div
        id=${CHOICES_ID}
        class="emoji-choices"
        @keydown=${this.handleGridKeydown}
        @focusin=${this.handleFocusin}
        @click=${this.handleClick}
      >
        ${CATEGORIES.map(([group, key]) => {
          const emoji = shown.filter((candidate) => candidate.group === group);
          return emoji.length === 0 ? null : this.renderCategory(key, emoji, active);
        })}
        <p class="hint" role="status">${shown.length === 0 ? noMatch : ''}</p>
      </div>
    </div>`;
  }

  private renderCategory(
    key: (typeof CATEGORIES)[number][1],
    emoji: BundledEmoji[],
    active: string | undefined,
  ): TemplateResult {
    const headingId = `emoji-category-${key}`;
    return html`<h3 id=${headingId} class="emoji-category">${this.words.categories[key]}</h3>
      <div class="emoji-row" role="group" aria-labelledby=${headingId}>
        ${emoji.map(
          ({ unicode, annotation }) =>
            html`<button
              class="emoji-choice"
              type="button"
              tabindex=${unicode === active ? 0 : -1}
              aria-label=${annotation}
              title=${annotation}
              data-emoji=${unicode}
            >
              ${unicode}
            </button>`,
        )}
      </div>`;
  }
}

export const emojiGridStyles = css`
  .emoji-grid {
    display: grid;
    gap: var(--_space);
    inline-size: min(100%, 352px);
    padding: var(--_space);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface);
    box-sizing: border-box;
  }

  .emoji-search {
    padding: calc(var(--_space) * 0.5) var(--_space);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface);
    color: var(--_text);
    font: inherit;
  }

  .emoji-search:focus-visible,
  .emoji-choice:focus-visible {
    outline: 2px solid transparent;
    box-shadow: var(--_focus);
  }

  .emoji-choices {
    block-size: 240px;
    overflow-y: auto;
    overscroll-behavior: contain;
  }

  .emoji-category {
    margin: var(--_space) 0 calc(var(--_space) * 0.5);
    color: var(--_muted);
    font-size: 0.85em;
    font-weight: 600;
  }

  .emoji-category:first-child {
    margin-block-start: 0;
  }

  .emoji-row {
    display: grid;
    grid-template-columns: repeat(auto-fill, 2.5rem);
    justify-content: space-between;
  }

  .emoji-choice {
    inline-size: 2.5rem;
    block-size: 2.5rem;
    padding: 0;
    border: 0;
    border-radius: var(--_radius);
    background: transparent;
    font-family: 'Apple Color Emoji', 'Segoe UI Emoji', 'Noto Color Emoji', sans-serif;
    font-size: 1.375rem;
    line-height: 1;
    cursor: pointer;
  }

  .emoji-choice:hover {
    background: var(--_surface-alt);
  }
`;
