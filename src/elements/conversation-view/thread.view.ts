import { css, html, nothing, type TemplateResult } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import { describeError } from '../../api/describe-error.js';
import type { ApiError } from '../../api/errors.js';
import type { Channel, Conversation } from '../../api/types.js';
import type { Strings } from '../../i18n/en.js';
import { isolated, sentenceWith, textDirection } from '../../internal/bidi.js';
import { channelIcon } from '../../internal/channel-icons.js';
import { renderAvatar } from './avatar.js';
import { dateFormat } from '../../internal/intl-cache.js';
import type { ThreadState } from '../../stores/inbox.js';
import type { MessageRowShape } from './message-row.js';
import type { ThreadRow } from './thread-rows.js';
import type { ThreadWindowController } from './thread-window.controller.js';

export interface ThreadView {
  strings: Strings;
  locale: string;
  /** The contact's name, as the header and the message list's label say it. */
  name: string;
  conversation: Conversation | undefined;
  /** The linked account the conversation came in on, when known. */
  account: Channel | undefined;
  /** Whether the host shows this conversation alone, without the list to go back to. */
  single: boolean;
  /** "typing…", "online" or "last seen …", where the backend reports them. */
  presence: string | undefined;
  state: ThreadState;
  error: ApiError | null;
  /** A catch-up failed: what is shown may be behind. */
  updateFailed: boolean;
  window: ThreadWindowController;
  composer: TemplateResult;
  renderMessage(row: MessageRowShape): TemplateResult;
  onBack(): void;
  onRetry(): void;
  onJumpToLatest(): void;
  /** Arrow keys, focus and the shortcuts of a focused message in the message list. */
  onKeydown(event: KeyboardEvent): void;
  onFocusIn(event: FocusEvent): void;
  onDragOver(event: DragEvent): void;
  onDragLeave(): void;
  onDrop(event: DragEvent): void;
}

function rowKey(row: ThreadRow): string {
  return row.key;
}

/** The pane shown before any conversation is picked. */
export function renderNoThread(strings: Strings): TemplateResult {
  return html`<section part="thread" class="thread empty-thread">
    <p part="status" class="status">${strings.threadPick}</p>
  </section>`;
}

/** The open conversation: its header, its messages and the composer. */
export function renderThread(view: ThreadView): TemplateResult {
  const s = view.strings;
  return html`<section
    part="thread"
    class="thread"
    aria-labelledby="thread-title"
    @dragover=${view.onDragOver}
    @dragleave=${view.onDragLeave}
    @drop=${view.onDrop}
  >
    <header part="thread-header" class="thread-header">
      ${
        view.single
          ? nothing
          : html`<button class="link-button back" type="button" @click=${view.onBack}>
              <span aria-hidden="true">←</span> <span class="back-label">${s.threadBack}</span>
            </button>`
      }
      ${renderAvatar(view.conversation?.contact, view.conversation ? channelIcon(view.conversation.channel) : nothing)}
      <div class="thread-heading">
        <h2 id="thread-title" class="thread-title" tabindex="-1">
          <bdi class="thread-name" dir=${textDirection(view.name)}>${view.name}</bdi>
        </h2>
        ${renderSubtitle(view)}
        ${view.presence ? html`<p class="thread-presence" part="presence">${view.presence}</p>` : nothing}
      </div>
    </header>
    ${renderBody(view)} ${view.composer}
  </section>`;
}

/** Under the name: the contact's number or username (when the name is not already it) and the account. */
function renderSubtitle(view: ThreadView): TemplateResult | typeof nothing {
  const s = view.strings;
  const contact = view.conversation?.contact;
  if (!contact) return nothing;
  const handle = contact.phone ?? (contact.username ? `@${contact.username}` : null);
  const account = view.account
    ? s.accountsAccountName(s.channelName(view.account.type), view.account.username)
    : s.channelName(view.conversation!.channel);
  return html`<p class="thread-subtitle">
    ${handle && handle !== view.name ? html`${isolated(handle)} · ` : nothing}${sentenceWith(s.threadVia, account)}
  </p>`;
}

function renderBody(view: ThreadView): TemplateResult {
  const s = view.strings;
  const state = view.state;
  const window = view.window;
  if (!state.loaded && view.error) {
    return html`<div part="status" class="status error" role="alert">
      <p>${describeError(view.error, s)}</p>
      <button class="button" type="button" @click=${view.onRetry}>${s.conversationsRetry}</button>
    </div>`;
  }
  if (!state.loaded) {
    return html`<div class="thread-body">
      <p part="status" class="visually-hidden" role="status">${s.threadLoading}</p>
      <div class="skeletons" aria-hidden="true">
        ${[0.5, 0.35, 0.6, 0.3, 0.45].map(
          (width, index) =>
            html`<div class="row skeleton-row ${index % 2 ? 'outgoing' : 'incoming'} opens">
              <div class="bubble" style="inline-size: ${width * 100}%">
                <span class="bone"></span><span class="bone" style="inline-size: 60%"></span>
              </div>
            </div>`,
        )}
      </div>
    </div>`;
  }
  return html`<div class="thread-body">
    ${view.updateFailed ? html`<p class="notice" role="status">${s.threadUpdateFailed}</p>` : nothing}
    <div
      class="scroller"
      part="messages"
      role="region"
      tabindex=${window.rows.length === 0 ? '0' : '-1'}
      aria-label=${s.threadLabel(view.name)}
      aria-describedby="messages-keys"
      @scroll=${() => window.handleScroll()}
      @keydown=${view.onKeydown}
      @focusin=${view.onFocusIn}
    >
      <p id="messages-keys" class="visually-hidden">${s.threadKeys}</p>
      <div class="older">${renderOlderState(view)}</div>
      ${
        window.rows.length === 0
          ? html`<p part="status" class="status">${s.threadEmpty}</p>`
          : html`<div class="rows" role="list">
              ${repeat(window.shownRows, rowKey, (row) => renderRow(row, view))}
            </div>`
      }
      ${renderNewerState(view)}
    </div>
    ${
      window.atBottom
        ? nothing
        : html`<button part="jump" class="jump" type="button" @click=${view.onJumpToLatest}>
            <span aria-hidden="true">↓</span>
            ${window.unseenCount > 0 ? s.threadJumpToLatestCount(window.unseenCount) : s.threadJumpToLatest}
          </button>`
    }
  </div>`;
}

function renderOlderState(view: ThreadView): TemplateResult | typeof nothing {
  const s = view.strings;
  const window = view.window;
  if (window.start > 0) return nothing;
  if (window.olderError) {
    return html`<p class="error" role="alert">
      ${s.threadOlderFailed}
      <button class="link-button" type="button" @click=${() => window.loadOlder()}>
        ${s.conversationsRetry}
      </button>
    </p>`;
  }
  if (view.state.hasOlder) {
    return html`<p class="hint" role="status"><span class="spinner"></span>${s.threadLoadingOlder}</p>`;
  }
  return window.rows.length > 0 ? html`<p class="hint">${s.threadStart}</p>` : nothing;
}

/** Under the last row of a thread opened at an older message: the newer page loading, or why it did not. */
function renderNewerState(view: ThreadView): TemplateResult | typeof nothing {
  const s = view.strings;
  const window = view.window;
  if (!view.state.hasNewer || window.end < window.rows.length) return nothing;
  const state = window.newerError
    ? html`<p class="error" role="alert">
        ${s.threadNewerFailed}
        <button class="link-button" type="button" @click=${() => window.loadNewer()}>
          ${s.conversationsRetry}
        </button>
      </p>`
    : html`<p class="hint" role="status"><span class="spinner"></span>${s.threadLoadingNewer}</p>`;
  return html`<div class="newer">${state}</div>`;
}

function renderRow(row: ThreadRow, view: ThreadView): TemplateResult {
  if (row.kind === 'day') {
    return html`<div class="row day-row" role="listitem" data-key=${row.key}>
      <span part="day" class="day">${dayLabel(row.day, view.strings, view.locale)}</span>
    </div>`;
  }
  if (row.kind === 'marker') {
    return html`<div class="row marker-row" role="listitem" data-key=${row.key}>
      <span class="marker">${view.strings.threadNewMessages}</span>
    </div>`;
  }
  return view.renderMessage(row);
}

function dayLabel(day: Date, s: Strings, locale: string): string {
  const today = new Date();
  const yesterday = new Date(today.getFullYear(), today.getMonth(), today.getDate() - 1);
  if (day.toDateString() === today.toDateString()) return s.threadToday;
  if (day.toDateString() === yesterday.toDateString()) return s.threadYesterday;
  return dateFormat(locale, { dateStyle: 'medium' }).format(day);
}

export const threadStyles = css`
  .thread {
    display: flex;
    flex-direction: column;
    min-inline-size: 0;
    min-block-size: 0;
  }

  .empty-thread {
    align-items: center;
    justify-content: center;
  }

  .thread-header {
    display: flex;
    align-items: center;
    gap: var(--_space);
    padding: calc(var(--_space) * 1.5);
    border-block-end: 1px solid var(--_border);
  }

  .thread-heading {
    display: grid;
    min-inline-size: 0;
  }

  .thread-presence {
    margin: 0;
    color: var(--_primary);
    font-size: 0.85em;
  }

  .thread-title {
    min-inline-size: 0;
  }

  /* One line, cut at the name's logical end in either direction. */
  .thread-name {
    display: block;
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
  }

  .back {
    flex: none;
    white-space: nowrap;
  }

  .thread-subtitle {
    overflow: hidden;
    margin: 0;
    color: var(--_muted);
    font-size: 0.85em;
    text-overflow: ellipsis;
    white-space: nowrap;
  }

  .skeletons {
    padding-block: var(--_space);
  }

  .skeleton-row.outgoing {
    flex-direction: row-reverse;
  }

  .skeletons .bubble {
    display: grid;
    gap: var(--_space);
    min-inline-size: 120px;
  }

  .back {
    display: none;
  }

  /* The base carries the element's resolved dir: the back arrow follows it. */
  .back > [aria-hidden]:dir(rtl) {
    display: inline-block;
    transform: scaleX(-1);
  }

  .thread-body {
    position: relative;
    display: flex;
    flex: 1;
    flex-direction: column;
    min-block-size: 0;
  }

  .notice {
    margin: 0;
    padding: calc(var(--_space) * 0.5) calc(var(--_space) * 1.5);
    background: var(--_surface-alt);
    color: var(--_muted);
    font-size: 0.9em;
  }

  .scroller {
    flex: 1;
    min-block-size: 0;
    overflow-y: auto;
    overflow-anchor: none;
    padding-block: var(--_space);
  }

  .scroller:focus-visible,
  .thread-title:focus-visible {
    outline: 2px solid transparent;
    box-shadow: var(--_focus);
  }

  .older,
  .newer {
    display: flex;
    justify-content: center;
    min-block-size: 2.5em;
  }

  .older p,
  .newer p {
    display: flex;
    align-items: center;
    gap: var(--_space);
    margin: 0;
  }

  .rows {
    display: block;
  }

  .row {
    display: flex;
    inline-size: 100%;
    padding-inline: calc(var(--_space) * 1.5);
    padding-block-start: calc(var(--_space) * 0.25);
  }

  .row.opens {
    padding-block-start: var(--_space);
  }

  .day-row,
  .marker-row {
    justify-content: center;
    padding-block: var(--_space);
  }

  .day {
    padding: calc(var(--_space) * 0.25) calc(var(--_space) * 1.25);
    border-radius: 999px;
    background: var(--_surface-alt);
    color: var(--_muted);
    font-size: 0.85em;
  }

  .marker {
    inline-size: 100%;
    border-block-end: 1px solid var(--_danger);
    color: var(--_danger);
    font-size: 0.85em;
    font-weight: 600;
    text-align: center;
  }

  .jump {
    position: absolute;
    inset-block-end: var(--_space);
    inset-inline-end: calc(var(--_space) * 2);
    padding: calc(var(--_space) * 0.75) calc(var(--_space) * 1.5);
    border: 1px solid var(--_border);
    border-radius: 999px;
    background: var(--_surface);
    color: var(--_text);
    font: inherit;
    box-shadow: 0 2px 6px rgb(0 0 0 / 0.15);
    cursor: pointer;
  }

  @container (max-width: 600px) {
    .back {
      display: inline-flex;
      align-items: center;
      gap: calc(var(--_space) * 0.5);
    }
  }

  /* On a phone the arrow alone, so that the contact's name keeps the line; the words stay its name. */
  @container (max-width: 480px) {
    .back-label {
      position: absolute;
      inline-size: 1px;
      block-size: 1px;
      overflow: hidden;
      clip-path: inset(50%);
      white-space: nowrap;
    }

    .back {
      min-inline-size: 44px;
      min-block-size: 44px;
      justify-content: center;
    }
  }
`;
