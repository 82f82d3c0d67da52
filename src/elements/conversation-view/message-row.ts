import { css, html, nothing, type TemplateResult } from 'lit';
import type { Message } from '../../api/types.js';
import type { Strings } from '../../i18n/en.js';
import { textDirection } from '../../internal/bidi.js';
import { dateFormat } from '../../internal/intl-cache.js';
import { deleteIcon, kindIcon } from './icons.js';
import { messageContent, messageSummary, statusMark } from './message-content.js';

/** What a message row needs from the view around it. */
export interface MessageRowContext {
  strings: Strings;
  locale: string;
  percent(value: number): string;
  /** The message it quotes, when the thread has it. */
  quoted(id: string): Message | undefined;
  /** What the outbox says about the message: progress, waiting, refusal, with what to do. */
  delivery(message: Message): TemplateResult;
  /** Unsent and waiting behind a message the outbox cannot send yet. */
  queued(message: Message): boolean;
  notice(message: Message): string | undefined;
  confirmingDelete(message: Message): boolean;
  renderDeleteConfirm(message: Message): TemplateResult;
  canDelete(message: Message): boolean;
  onReply(message: Message): void;
  onDelete(message: Message): void;
  onOpenImage(url: string, name: string, opener: HTMLElement): void;
  /** Under the content: the reactions, the quick reactions and the Edit or Forward form when open. */
  renderExtras(message: Message): TemplateResult | typeof nothing;
  /** Actions beside Reply and Delete (react, copy, edit, forward), each where it applies. */
  renderMoreActions(message: Message): TemplateResult | typeof nothing;
  /** The message a search hit opened the thread at, shown marked. */
  highlighted(message: Message): boolean;
}

export interface MessageRowShape {
  message: Message;
  key: string;
  /** First of a run of messages from one sender: it shows the sender's name. */
  opensGroup: boolean;
  /** Last of such a run: it shows the tail. */
  closesGroup: boolean;
}

function authorOf(message: Message, s: Strings): string {
  return message.direction === 'outgoing'
    ? s.messageYou
    : (message.sender.name ?? s.conversationsUnknownContact);
}

/** One message: its bubble (sender, quote, content, time and ticks, delivery) and its actions. */
export function renderMessageRow(row: MessageRowShape, context: MessageRowContext): TemplateResult {
  const { message, opensGroup, closesGroup, key } = row;
  const s = context.strings;
  const outgoing = message.direction === 'outgoing';
  const local = message.id.startsWith('local:');
  const senderName = authorOf(message, s);
  const time = dateFormat(context.locale, { timeStyle: 'short' }).format(new Date(message.timestamp));
  const notice = context.notice(message);
  return html`<div
    class="row message-row ${outgoing ? 'outgoing' : 'incoming'} ${opensGroup ? 'opens' : ''} ${closesGroup ? 'closes' : ''} ${context.highlighted(message) ? 'highlighted' : ''}"
    role="listitem"
    data-key=${key}
    aria-current=${context.highlighted(message) ? 'true' : nothing}
  >
    <div part="bubble" class="bubble ${message.deleted ? 'deleted' : ''}">
      <bdi class=${opensGroup && !outgoing ? 'sender' : 'visually-hidden'} dir=${textDirection(senderName)}
        >${senderName}</bdi
      >
      ${message.reply_to_message_id ? renderQuote(message.reply_to_message_id, context) : nothing}
      ${messageContent(message, { strings: s, locale: context.locale, onOpenImage: context.onOpenImage })}
      <span class="meta">
        ${message.edited_at && !message.deleted ? html`<span class="edited">${s.messageEdited}</span>` : nothing}
        <time datetime=${message.timestamp}>${time}</time>
        ${
          outgoing && message.status
            ? statusMark(message.status, s, context.queued(message) ? s.messageQueued : undefined)
            : nothing
        }
      </span>
      ${context.renderExtras(message)} ${context.delivery(message)}
      ${notice ? html`<p class="error" role="alert">${notice}</p>` : nothing}
      ${context.confirmingDelete(message) ? context.renderDeleteConfirm(message) : nothing}
    </div>
    ${local || message.deleted ? nothing : renderActions(message, senderName, context)}
  </div>`;
}

function renderActions(message: Message, senderName: string, context: MessageRowContext): TemplateResult {
  const s = context.strings;
  return html`<span class="message-actions">
    <button
      class="icon-button"
      type="button"
      aria-label=${s.messageReplyTo(senderName)}
      @click=${() => context.onReply(message)}
    >
      <span aria-hidden="true">↩</span>
    </button>
    ${
      context.canDelete(message)
        ? html`<button
            class="icon-button delete"
            type="button"
            aria-label=${s.messageDelete}
            @click=${() => context.onDelete(message)}
          >
            ${deleteIcon()}
          </button>`
        : nothing
    }
    ${context.renderMoreActions(message)}
  </span>`;
}

function renderQuote(id: string, context: MessageRowContext): TemplateResult {
  const s = context.strings;
  const quoted = context.quoted(id);
  const author = quoted ? authorOf(quoted, s) : '';
  return html`<blockquote class="quote" aria-label=${s.messageQuoteLabel(author || s.messageQuoteMissing)}>
    ${
      quoted
        ? html`<bdi class="quote-author" dir=${textDirection(author)}>${author}</bdi
            ><span class="quote-text" dir="auto">${kindIcon(quoted.type)}${messageSummary(quoted, s)}</span>`
        : html`<span class="quote-text">${s.messageQuoteMissing}</span>`
    }
  </blockquote>`;
}

export const messageRowStyles = css`
  .message-row {
    align-items: flex-end;
    gap: calc(var(--_space) * 0.5);
  }

  .message-row.highlighted .bubble {
    outline: 2px solid var(--_primary);
    outline-offset: 2px;
  }

  .message-row.outgoing {
    flex-direction: row-reverse;
  }

  .bubble {
    display: grid;
    gap: calc(var(--_space) * 0.5);
    max-inline-size: min(75%, 520px);
    padding: calc(var(--_space) * 0.75) calc(var(--_space) * 1.25);
    border-radius: var(--_radius);
    background: var(--_bubble-in);
    overflow-wrap: anywhere;
  }

  .outgoing .bubble {
    background: var(--_bubble-out);
  }

  .incoming.closes .bubble {
    border-end-start-radius: 2px;
  }

  .outgoing.closes .bubble {
    border-end-end-radius: 2px;
  }

  .bubble.deleted,
  .placeholder {
    color: var(--_muted);
    font-style: italic;
  }

  .bubble p {
    margin: 0;
  }

  .text {
    white-space: pre-wrap;
  }

  .bubble a {
    color: var(--_primary);
  }

  /* The primary colour alone is under 4.5:1 on the tinted outgoing bubble; a touch of the text colour lifts it. */
  .outgoing .bubble a,
  .outgoing .bubble .link-button {
    color: color-mix(in srgb, var(--_primary) 70%, var(--_text));
  }

  .sender {
    color: var(--_primary);
    font-size: 0.85em;
    font-weight: 600;
  }

  /* Time and tick on one line at the bubble's end, the tick as tall as the time's text. */
  .meta {
    display: flex;
    align-items: center;
    justify-content: flex-end;
    gap: calc(var(--_space) * 0.5);
    color: var(--_muted);
    font-size: 0.75em;
    line-height: 1.2;
  }

  .tick {
    display: inline-flex;
  }

  .tick .icon {
    inline-size: 1.4em;
    block-size: 1.4em;
  }

  /* Delivered is two muted ticks; read (or played) two ticks in the accent colour, drawn bolder. */
  .tick-read,
  .tick-played {
    color: var(--_primary);
  }

  .tick-read path,
  .tick-played path {
    stroke-width: 2.6;
  }

  .tick-failed {
    color: var(--_danger);
  }

  .quote-text .icon,
  .call .icon {
    margin-inline-end: 0.3em;
  }

  .quote {
    display: grid;
    margin: 0;
    padding: calc(var(--_space) * 0.5) var(--_space);
    border-inline-start: 3px solid var(--_primary);
    border-radius: 4px;
    background: color-mix(in srgb, var(--_text) 6%, transparent);
    font-size: 0.9em;
  }

  .quote-author {
    color: var(--_primary);
    font-weight: 600;
  }

  /* The outgoing bubble is tinted with the primary colour, which the plain primary does not stand out from. */
  .outgoing .quote-author {
    color: color-mix(in srgb, var(--_primary) 55%, var(--_text));
  }

  .quote-text {
    overflow: hidden;
    color: var(--_muted);
    text-overflow: ellipsis;
    white-space: nowrap;
  }

  .image {
    display: block;
    padding: 0;
    border: none;
    border-radius: calc(var(--_radius) - 2px);
    background: none;
    cursor: zoom-in;
  }

  .image:focus-visible {
    outline: 2px solid transparent;
    box-shadow: var(--_focus);
  }

  .image img {
    display: block;
    inline-size: 220px;
    block-size: 160px;
    border-radius: inherit;
    object-fit: cover;
  }

  audio {
    inline-size: 260px;
    max-inline-size: 100%;
    block-size: 40px;
  }

  video {
    display: block;
    inline-size: 260px;
    max-inline-size: 100%;
    block-size: 146px;
    background: #000;
  }

  .document {
    display: grid;
    grid-template-columns: auto 1fr auto;
    grid-template-rows: auto auto;
    align-items: center;
    column-gap: var(--_space);
  }

  .document-icon {
    grid-row: span 2;
    inline-size: 28px;
    block-size: 28px;
    color: var(--_muted);
  }

  .document-name {
    overflow: hidden;
    font-weight: 600;
    text-overflow: ellipsis;
  }

  .document-size {
    grid-column: 2;
    color: var(--_muted);
    font-size: 0.85em;
  }

  .download {
    display: inline-grid;
    grid-column: 3;
    grid-row: 1 / span 2;
    place-items: center;
    font-size: 1.3em;
    text-decoration: none;
  }

  .call {
    color: var(--_muted);
  }

  progress {
    inline-size: 100%;
  }

  .actions {
    display: flex;
    gap: calc(var(--_space) * 1.5);
  }

  .message-actions {
    display: flex;
    opacity: 0;
  }

  .message-row:hover .message-actions,
  .message-row:focus-within .message-actions {
    opacity: 1;
  }

  .message-row:focus-visible {
    outline: 2px solid transparent;
    box-shadow: inset var(--_focus);
  }

  /* The base carries the element's resolved dir: the answer arrow follows it. */
  .message-actions > .icon-button:first-child > [aria-hidden]:dir(rtl) {
    display: inline-block;
    transform: scaleX(-1);
  }

  .confirm {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: var(--_space);
  }

  .button.danger {
    border-color: var(--_danger);
    background: var(--_danger);
    color: var(--_on-primary);
  }

  @container (max-width: 600px) {
    .bubble {
      max-inline-size: 85%;
    }
  }
`;
