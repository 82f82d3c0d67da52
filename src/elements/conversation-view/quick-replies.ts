import { css, html, nothing, type ReactiveControllerHost, type TemplateResult } from 'lit';
import type { Strings } from '../../i18n/en.js';

/** A saved reply the host offers; `/` at the start of the composer searches them. */
export interface QuickReply {
  id: string;
  /** What the list shows and `/` searches first. */
  title: string;
  /** What goes into the composer. */
  text: string;
}

const LISTBOX_ID = 'quick-replies';

function optionId(index: number): string {
  return `quick-reply-${index}`;
}

/** Replies whose title or text holds `query`, those whose title starts with it first. */
export function matchingReplies(replies: readonly QuickReply[], query: string): QuickReply[] {
  const needle = query.toLocaleLowerCase();
  const starts: QuickReply[] = [];
  const holds: QuickReply[] = [];
  for (const reply of replies) {
    const title = reply.title.toLocaleLowerCase();
    if (title.startsWith(needle)) starts.push(reply);
    else if (title.includes(needle) || reply.text.toLocaleLowerCase().includes(needle)) holds.push(reply);
  }
  return [...starts, ...holds];
}

/** Replaces `start`..`end` of the field with `text`, caret after it, and tells the field's listeners. */
export function insertText(field: HTMLTextAreaElement, text: string, start: number, end: number): void {
  field.setRangeText(text, start, end, 'end');
  field.dispatchEvent(new Event('input', { bubbles: true }));
}

export interface QuickRepliesOptions {
  replies(): readonly QuickReply[];
  textarea(): HTMLTextAreaElement | null;
}

/**
 * The saved replies' popup under the composer's text: a listbox that `/` at the start of the text opens
 * and the rest of the word filters (the WAI-ARIA combobox pattern: the focus stays in the text, arrows
 * move `aria-activedescendant`, Enter or Tab inserts, Escape closes).
 */
export class QuickReplies {
  /** The `/word` being searched, or `null` while the popup is closed. */
  private query: string | null = null;
  private active = 0;
  /** The text Escape closed the popup on; it stays closed until the text changes. */
  private dismissedOn: string | null = null;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly options: QuickRepliesOptions,
  ) {}

  get open(): boolean {
    return this.query !== null;
  }

  private get matches(): QuickReply[] {
    return this.query === null ? [] : matchingReplies(this.options.replies(), this.query);
  }

  /** Follows the text: opens, filters or closes the popup. */
  readonly handleInput = (): void => {
    const field = this.options.textarea();
    const replies = this.options.replies();
    let query: string | null = null;
    if (field && replies.length > 0 && field.value !== this.dismissedOn) {
      const typed = field.value.slice(0, field.selectionEnd);
      if (/^\/\S*$/u.test(typed)) query = typed.slice(1);
    }
    if (field?.value !== this.dismissedOn) this.dismissedOn = null;
    if (query !== this.query) this.active = 0;
    this.query = query;
    this.host.requestUpdate();
  };

  /** Handles the popup's keys; `true` when the key was its own. */
  handleKeydown(event: KeyboardEvent): boolean {
    if (this.query === null || event.isComposing) return false;
    const matches = this.matches;
    if (event.key === 'Escape') {
      this.dismissedOn = this.options.textarea()?.value ?? null;
      this.close();
    } else if (matches.length === 0) {
      return false;
    } else if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      const step = event.key === 'ArrowDown' ? 1 : -1;
      this.active = (this.active + step + matches.length) % matches.length;
      this.host.requestUpdate();
    } else if ((event.key === 'Enter' && !event.shiftKey) || event.key === 'Tab') {
      this.insert(matches[this.active]);
    } else {
      return false;
    }
    event.preventDefault();
    return true;
  }

  close(): void {
    this.query = null;
    this.host.requestUpdate();
  }

  private insert(reply: QuickReply): void {
    const field = this.options.textarea();
    if (!field) return;
    this.close();
    insertText(field, reply.text, 0, field.selectionEnd);
    field.focus();
  }

  /** What the text field carries for the popup: the ARIA that ties it to the listbox. */
  fieldState(): { controls?: string; activeDescendant?: string; autocomplete?: 'list' } {
    if (this.options.replies().length === 0) return {};
    const listed = this.query !== null && this.matches.length > 0;
    return {
      autocomplete: 'list',
      controls: listed ? LISTBOX_ID : undefined,
      activeDescendant: listed ? optionId(this.active) : undefined,
    };
  }

  render(strings: Strings): TemplateResult | typeof nothing {
    if (this.query === null) return nothing;
    const matches = this.matches;
    if (matches.length === 0) {
      return html`<p class="quick-replies-none" role="status">${strings.quickRepliesNone(this.query)}</p>`;
    }
    return html`<ul
      part="quick-replies"
      id=${LISTBOX_ID}
      class="quick-replies"
      role="listbox"
      aria-label=${strings.quickRepliesLabel}
    >
      ${matches.map(
        (reply, index) =>
          // eslint-disable-next-line lit-a11y/click-events-have-key-events -- the keys are the text field's (aria-activedescendant).
          html`<li
            id=${optionId(index)}
            role="option"
            aria-selected=${index === this.active ? 'true' : 'false'}
            @mousedown=${(event: Event) => event.preventDefault()}
            @click=${() => this.insert(reply)}
          >
            <bdi class="quick-reply-title">${reply.title}</bdi>
            <span class="quick-reply-text" dir="auto">${reply.text}</span>
          </li>`,
      )}
    </ul>`;
  }
}

export const quickRepliesStyles = css`
  .quick-replies {
    display: grid;
    max-block-size: 200px;
    margin: 0;
    padding: calc(var(--_space) * 0.5);
    overflow-y: auto;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface);
    list-style: none;
  }

  .quick-replies li {
    display: grid;
    padding: calc(var(--_space) * 0.5) var(--_space);
    border-inline-start: 3px solid transparent;
    border-radius: 4px;
    cursor: pointer;
  }

  .quick-replies li[aria-selected='true'] {
    border-inline-start-color: var(--_primary);
    background: var(--_surface-alt);
  }

  .quick-reply-title {
    font-weight: 600;
  }

  .quick-reply-text {
    overflow: hidden;
    color: var(--_muted);
    font-size: 0.9em;
    text-overflow: ellipsis;
    white-space: nowrap;
  }

  .quick-replies-none {
    color: var(--_muted);
  }
`;
