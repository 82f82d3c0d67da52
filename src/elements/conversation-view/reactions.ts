import { css, html, nothing, type ReactiveControllerHost, type TemplateResult } from 'lit';
import type { Backend } from '../../api/backend.js';
import { describeError } from '../../api/describe-error.js';
import { toApiError } from '../../api/errors.js';
import type { Message, Reaction } from '../../api/types.js';
import type { Strings } from '../../i18n/en.js';
import { emojiIcon } from './icons.js';

/** The reactions offered at once, as WhatsApp offers them. */
const QUICK_REACTIONS = ['👍', '❤️', '😂', '😮', '😢', '🙏'];

export interface ReactionsOptions {
  backend(): Backend | undefined;
  signal(): AbortSignal;
  strings(): Strings;
  /** The DOM element of a message's row, to put the focus in it. */
  rowElement(messageId: string): HTMLElement | undefined;
  /** The server's copy of a message whose reactions changed. */
  onReacted(message: Message): void;
  /** A note under a message (`null` removes it): why the reaction did not go. */
  onNotice(messageId: string, text: string | null): void;
}

/**
 * Reactions to messages: the emoji under a bubble (each a toggle of the user's own), and the row of
 * quick reactions a message's React button opens. Only where the backend can react: none without
 * `reactToMessage`, and none once it answered 501.
 */
export class Reactions {
  /** The message whose quick reactions are open. */
  private picking: string | null = null;
  private refused = false;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly options: ReactionsOptions,
  ) {}

  private get supported(): boolean {
    return !this.refused && this.options.backend()?.reactToMessage !== undefined;
  }

  canReact(message: Message): boolean {
    return this.supported && !message.deleted && !message.id.startsWith('local:');
  }

  /** Another thread opened. */
  reset(): void {
    this.picking = null;
    this.host.requestUpdate();
  }

  private open(message: Message): void {
    this.picking = message.id;
    this.host.requestUpdate();
    void this.host.updateComplete.then(() =>
      this.options.rowElement(message.id)?.querySelector<HTMLElement>('.quick-reactions button')?.focus(),
    );
  }

  private close(message: Message): void {
    this.picking = null;
    this.host.requestUpdate();
    void this.host.updateComplete.then(() =>
      this.options.rowElement(message.id)?.querySelector<HTMLElement>('.react')?.focus(),
    );
  }

  /** Gives `emoji`, or takes it back when it is already the user's. */
  async react(message: Message, emoji: string): Promise<void> {
    const backend = this.options.backend();
    if (!backend?.reactToMessage) return;
    const mine = message.reactions?.find((reaction) => reaction.mine)?.emoji;
    const s = this.options.strings();
    if (this.picking === message.id) this.close(message);
    try {
      const updated = await backend.reactToMessage(
        message.conversation_id,
        message.id,
        mine === emoji ? '' : emoji,
        { signal: this.options.signal() },
      );
      this.options.onNotice(message.id, null);
      this.options.onReacted(updated);
    } catch (error) {
      const apiError = toApiError(error);
      if (apiError.kind === 'aborted') return;
      if (apiError.status === 501) this.refused = true;
      this.options.onNotice(
        message.id,
        apiError.status === 501 ? s.reactionsUnsupported : s.reactionFailed(describeError(apiError, s)),
      );
    }
  }

  /** The React button among a message's actions. */
  renderButton(message: Message, strings: Strings): TemplateResult | typeof nothing {
    if (!this.canReact(message)) return nothing;
    const open = this.picking === message.id;
    return html`<button
      class="icon-button react"
      type="button"
      aria-label=${strings.messageReact}
      aria-expanded=${open ? 'true' : 'false'}
      @click=${() => (open ? this.close(message) : this.open(message))}
    >
      ${emojiIcon()}
    </button>`;
  }

  /** Under the bubble's content: the reactions given, and the quick reactions when open. */
  render(message: Message, strings: Strings): TemplateResult | typeof nothing {
    const given = message.deleted ? [] : (message.reactions ?? []);
    const picking = this.picking === message.id && this.canReact(message);
    if (given.length === 0 && !picking) return nothing;
    return html`${
      given.length > 0
        ? html`<div part="reactions" class="reactions" role="group" aria-label=${strings.reactionsLabel}>
            ${given.map((reaction) => this.renderReaction(message, reaction, strings))}
          </div>`
        : nothing
    }
    ${picking ? this.renderQuickReactions(message, strings) : nothing}`;
  }

  private renderReaction(message: Message, reaction: Reaction, strings: Strings): TemplateResult {
    const label = strings.reactionLabel(reaction.emoji, reaction.count, reaction.mine);
    const content = html`<span aria-hidden="true">${reaction.emoji}</span>${
        reaction.count > 1 ? html`<span aria-hidden="true">${reaction.count}</span>` : nothing
      }`;
    if (!this.canReact(message)) {
      return html`<span class="reaction ${reaction.mine ? 'mine' : ''}" role="img" aria-label=${label}
        >${content}</span
      >`;
    }
    return html`<button
      class="reaction ${reaction.mine ? 'mine' : ''}"
      type="button"
      aria-label=${label}
      aria-pressed=${reaction.mine ? 'true' : 'false'}
      @click=${() => this.react(message, reaction.emoji)}
    >
      ${content}
    </button>`;
  }

  private renderQuickReactions(message: Message, strings: Strings): TemplateResult {
    return html`<div
      class="quick-reactions"
      role="group"
      aria-label=${strings.reactionsPick}
      @keydown=${(event: KeyboardEvent) => {
        if (event.key !== 'Escape') return;
        event.preventDefault();
        event.stopPropagation();
        this.close(message);
      }}
    >
      ${QUICK_REACTIONS.map(
        (emoji) =>
          html`<button
            type="button"
            aria-label=${strings.reactWith(emoji)}
            @click=${() => this.react(message, emoji)}
          >
            ${emoji}
          </button>`,
      )}
    </div>`;
  }
}

export const reactionsStyles = css`
  .reactions,
  .quick-reactions {
    display: flex;
    flex-wrap: wrap;
    gap: calc(var(--_space) * 0.5);
  }

  .reaction,
  .quick-reactions button {
    display: inline-flex;
    align-items: center;
    gap: 0.25em;
    min-block-size: 28px;
    padding: 0 calc(var(--_space) * 0.75);
    border: 1px solid var(--_border);
    border-radius: 999px;
    background: var(--_surface);
    color: var(--_text);
    font: inherit;
    font-size: 0.9em;
  }

  button.reaction,
  .quick-reactions button {
    cursor: pointer;
  }

  .reaction.mine {
    border-color: var(--_primary);
    background: color-mix(in srgb, var(--_primary) 12%, var(--_surface));
  }

  .reaction:focus-visible,
  .quick-reactions button:focus-visible {
    outline: 2px solid transparent;
    box-shadow: var(--_focus);
  }
`;
