import { css, html, nothing, type TemplateResult } from 'lit';
import { live } from 'lit/directives/live.js';
import { repeat } from 'lit/directives/repeat.js';
import { styleMap } from 'lit/directives/style-map.js';
import { describeError } from '../../api/describe-error.js';
import type { Channel, ChannelType, Conversation, Message, MessageSearchHit } from '../../api/types.js';
import type { Strings } from '../../i18n/en.js';
import { sentenceParts, textDirection } from '../../internal/bidi.js';
import { channelIcon } from '../../internal/channel-icons.js';
import { dateFormat } from '../../internal/intl-cache.js';
import { renderAvatar } from './avatar.js';
import { contactName } from './contact.js';
import type { ConversationListController } from './conversation-list.controller.js';
import type { ConversationListWindowController } from './conversation-list-window.controller.js';
import { kindIcon } from './icons.js';
import { messageSummary } from './message-content.js';
import type { MessageSearchController } from './message-search.controller.js';
import { matchRange } from './search-match.js';
import type { ContactPresence } from './presence.controller.js';

export interface ConversationListView {
  list: ConversationListController;
  /** Which of the conversations are in the DOM. */
  window: ConversationListWindowController;
  strings: Strings;
  locale: string;
  number(value: number): string;
  selectedId: string | null;
  /** The linked accounts the filter offers; empty when the host fixed the account. */
  accounts: Channel[];
  /** The channel types the type filter offers (those of the linked accounts). */
  channelTypes: ChannelType[];
  messageSearch: MessageSearchController;
  isTyping(conversationId: string): boolean;
  presenceOf(conversationId: string): ContactPresence | undefined;
  /** Controls the host asked for beside the filters (the notifications switch). */
  extraControls: TemplateResult | typeof nothing;
  /** "New conversation" beside the heading, and the form it opens under the header. */
  newConversation: { button: TemplateResult | typeof nothing; form: TemplateResult | typeof nothing };
  onSelect(conversation: Conversation, opener: HTMLElement): void;
  /** The user picked a message the search found. */
  onOpenHit(hit: MessageSearchHit): void;
  onClearFilters(): void;
  /** Arrow keys and focus in the list: one tab stop for all its conversations. */
  onKeydown(event: KeyboardEvent): void;
  onFocusIn(event: FocusEvent): void;
}

/** "14:05" today, "Tue" this week, a short date before. */
function shortTime(iso: string, locale: string): string {
  const date = new Date(iso);
  const now = new Date();
  if (date.toDateString() === now.toDateString()) {
    return dateFormat(locale, { timeStyle: 'short' }).format(date);
  }
  if (now.getTime() - date.getTime() < 6 * 24 * 3600_000) {
    return dateFormat(locale, { weekday: 'short' }).format(date);
  }
  return dateFormat(locale, { dateStyle: 'short' }).format(date);
}

/** The conversations pane: heading, filters, search (right above what it finds), the list and the message hits. */
export function renderConversationList(view: ConversationListView): TemplateResult {
  const s = view.strings;
  const list = view.list;
  return html`<section
    part="conversations"
    class="conversations"
    aria-labelledby="conversations-heading"
    @scroll=${view.window.handleScroll}
  >
    <header class="list-header field">
      <div class="list-title">
        <h2 id="conversations-heading">${s.conversationsHeading}</h2>
        ${view.newConversation.button}
      </div>
      <div class="filters" role="group" aria-label=${s.conversationsFiltersLabel}>
        <label class="unread-filter">
          <input
            type="checkbox"
            .checked=${live(list.unreadOnly)}
            @change=${(event: Event) => list.showUnreadOnly((event.target as HTMLInputElement).checked)}
          />
          ${s.conversationsUnreadOnly}
        </label>
        ${renderTypeFilter(view)} ${renderAccountFilter(view)} ${view.extraControls}
      </div>
      <label class="visually-hidden" for="search">${s.conversationsSearchLabel}</label>
      <input
        id="search"
        class="search"
        type="search"
        placeholder=${s.conversationsSearchLabel}
        .value=${live(list.search)}
        @input=${(event: Event) => list.setSearch((event.target as HTMLInputElement).value)}
        @keydown=${(event: KeyboardEvent) => {
          if (event.key === 'Enter') list.setSearch((event.target as HTMLInputElement).value, { now: true });
        }}
      />
    </header>
    ${view.newConversation.form} ${renderListBody(view)} ${renderMessageHits(view)}
  </section>`;
}

function renderTypeFilter(view: ConversationListView): TemplateResult | typeof nothing {
  const s = view.strings;
  const list = view.list;
  if (view.channelTypes.length < 2) return nothing;
  return html`<label class="visually-hidden" for="channel-type">${s.conversationsTypeLabel}</label>
    <select
      id="channel-type"
      class="type-filter"
      @change=${(event: Event) => {
        const value = (event.target as HTMLSelectElement).value;
        list.filterByType(value === '' ? null : (value as ChannelType));
      }}
    >
      <option value="" ?selected=${list.channelType === null}>${s.conversationsTypeAll}</option>
      ${view.channelTypes.map(
        (type) =>
          html`<option value=${type} ?selected=${list.channelType === type}>${s.channelName(type)}</option>`,
      )}
    </select>`;
}

/** The messages the search found, under the conversations it found; hidden when the backend cannot search them. */
function renderMessageHits(view: ConversationListView): TemplateResult | typeof nothing {
  const s = view.strings;
  const search = view.messageSearch;
  if (!search.query || search.state === 'unsupported' || search.state === 'idle') return nothing;
  let body: TemplateResult;
  if (search.state === 'loading') {
    body = html`<p part="status" class="status" role="status">
      <span class="spinner"></span>${s.searchMessagesLoading}
    </p>`;
  } else if (search.state === 'error' && search.error) {
    body = html`<div part="status" class="status error" role="alert">
      <p>${s.searchMessagesFailed} ${describeError(search.error, s)}</p>
      <button class="button" type="button" @click=${() => search.search(search.query)}>
        ${s.conversationsRetry}
      </button>
    </div>`;
  } else if (search.hits.length === 0) {
    body = html`<p part="status" class="status" role="status">${s.searchMessagesNone(search.query)}</p>`;
  } else {
    body = html`<ul class="hit-list" aria-labelledby="hits-heading">
        ${repeat(
          search.hits,
          (hit) => hit.message.id,
          (hit) => renderHit(view, hit),
        )}
      </ul>
      ${renderMoreHits(view)}`;
  }
  return html`<section class="search-hits" aria-labelledby="hits-heading">
    <h3 id="hits-heading" class="hits-heading">${s.searchMessagesHeading}</h3>
    ${body}
  </section>`;
}

/** "More messages" under the hits; when the next page failed, why, and the same button says Try again. */
function renderMoreHits(view: ConversationListView): TemplateResult | typeof nothing {
  const s = view.strings;
  const search = view.messageSearch;
  if (!search.cursor) return nothing;
  const failed = search.error !== null && !search.loadingMore;
  return html`${
      failed
        ? html`<p part="status" class="status error" role="alert">
            ${s.searchMessagesMoreFailed} ${describeError(search.error!, s)}
          </p>`
        : nothing
    }
    <button
      class="button more-hits"
      type="button"
      aria-disabled=${search.loadingMore ? 'true' : nothing}
      @click=${() => search.loadMore()}
    >
      ${search.loadingMore ? html`<span class="spinner"></span>` : nothing}${
        failed ? s.conversationsRetry : s.searchMessagesMore
      }
    </button>`;
}

function renderHit(view: ConversationListView, hit: MessageSearchHit): TemplateResult {
  const s = view.strings;
  const name = contactName(hit.conversation, s.conversationsUnknownContact);
  const text = hit.message.text ?? hit.message.file?.caption ?? hit.message.file?.name ?? '';
  return html`<li>
    <button
      part="search-hit"
      class="search-hit"
      type="button"
      data-id=${hit.message.id}
      @click=${() => view.onOpenHit(hit)}
    >
      ${renderAvatar(hit.conversation.contact, channelIcon(hit.conversation.channel))}
      <span class="conversation-text">
        <bdi class="conversation-name" dir=${textDirection(name)}>${name}</bdi>
        <span class="conversation-preview"
          ><span class="preview-text" dir=${textDirection(text)}
            >${highlighted(text, view.messageSearch.query)}</span
          ></span
        >
      </span>
      <span class="conversation-meta">
        <time datetime=${hit.message.timestamp}>${shortTime(hit.message.timestamp, view.locale)}</time>
      </span>
    </button>
  </li>`;
}

/** The text around the first match, the match marked; a long text starts a little before it. */
function highlighted(text: string, query: string): TemplateResult {
  const match = matchRange(text, query);
  if (!match) return html`${text}`;
  const lead = [...text.slice(0, match.start)];
  const before = (lead.length > 24 ? '…' : '') + lead.slice(-24).join('');
  return html`${before}<mark>${text.slice(match.start, match.end)}</mark>${text.slice(match.end)}`;
}

function renderAccountFilter(view: ConversationListView): TemplateResult | typeof nothing {
  const s = view.strings;
  const list = view.list;
  if (view.accounts.length < 2) return nothing;
  return html`<label class="visually-hidden" for="account">${s.conversationsFilterLabel}</label>
    <select
      id="account"
      class="account-filter"
      @change=${(event: Event) => {
        const value = (event.target as HTMLSelectElement).value;
        list.filterBy(value === '' ? null : Number(value));
      }}
    >
      <option value="" ?selected=${list.accountFilter === null}>${s.conversationsFilterAll}</option>
      ${view.accounts.map(
        (channel) =>
          html`<option value=${channel.id} ?selected=${list.accountFilter === channel.id}>
            ${s.accountsAccountName(s.channelName(channel.type), channel.username)}
          </option>`,
      )}
    </select>`;
}

function renderListBody(view: ConversationListView): TemplateResult {
  const s = view.strings;
  const list = view.list;
  if (list.state === 'loading' || list.state === 'idle') {
    return html`<p part="status" class="visually-hidden" role="status">${s.conversationsLoading}</p>
      <ul class="conversation-list skeletons" aria-hidden="true">
        ${[1, 0.8, 0.65, 0.9, 0.7].map(
          (width) =>
            html`<li class="conversation skeleton">
              <span class="avatar"></span>
              <span class="conversation-text">
                <span class="bone" style="inline-size: ${width * 60}%"></span>
                <span class="bone" style="inline-size: ${width * 90}%"></span>
              </span>
            </li>`,
        )}
      </ul>`;
  }
  if (list.state === 'error' && list.error) {
    return html`<div part="status" class="status error" role="alert">
      <p>${describeError(list.error, s)}</p>
      <button class="button" type="button" @click=${() => list.load()}>${s.conversationsRetry}</button>
    </div>`;
  }
  if (list.conversations.length === 0 && list.filtered) {
    return html`<div part="status" class="status" role="status">
      <p>${list.query ? s.conversationsNoMatch(list.query) : s.conversationsNoMatchFilters}</p>
      <button class="link-button" type="button" @click=${view.onClearFilters}>
        ${s.conversationsClearFilters}
      </button>
    </div>`;
  }
  if (list.conversations.length === 0) {
    return html`<div part="status" class="status empty">
      <h3>${s.conversationsEmptyHeading}</h3>
      <p>${s.conversationsEmptyText}</p>
    </div>`;
  }
  const shown = list.shown;
  const range = view.window.range(shown.length);
  const padding = { 'padding-block-start': `${range.before}px`, 'padding-block-end': `${range.after}px` };
  return html`${
    shown.length === 0
      ? html`<p part="status" class="status" role="status">${s.conversationsNoMatch(list.query)}</p>`
      : html`<ul
          class="conversation-list"
          style=${styleMap(padding)}
          @keydown=${view.onKeydown}
          @focusin=${view.onFocusIn}
        >
          ${repeat(
            shown.slice(range.start, range.end),
            (conversation) => conversation.id,
            (conversation, index) =>
              renderConversationItem(view, conversation, range.start + index + 1, shown.length),
          )}
        </ul>`
  }
  ${
    list.error && list.state === 'loaded'
      ? html`<p part="status" class="status error" role="alert">
          ${describeError(list.error, s)}
          <button class="link-button" type="button" @click=${() => list.load()}>
            ${s.conversationsRetry}
          </button>
        </p>`
      : nothing
  }
  ${
    list.cursor
      ? html`<button
          class="button more"
          type="button"
          aria-disabled=${list.loadingMore ? 'true' : nothing}
          @click=${() => list.loadMore()}
        >
          ${list.loadingMore ? html`<span class="spinner"></span>` : nothing}${s.conversationsMore}
        </button>`
      : nothing
  }`;
}

/** One conversation; `position` of `total` tells assistive technology where it is in the whole list. */
function renderConversationItem(
  view: ConversationListView,
  conversation: Conversation,
  position: number,
  total: number,
): TemplateResult {
  const s = view.strings;
  const last = conversation.last_message;
  const name = contactName(conversation, s.conversationsUnknownContact);
  const selected = conversation.id === view.selectedId;
  return html`<li aria-posinset=${position} aria-setsize=${total}>
    <button
      part="conversation"
      class="conversation"
      type="button"
      data-id=${conversation.id}
      aria-current=${selected ? 'true' : 'false'}
      @click=${(event: Event) => view.onSelect(conversation, event.currentTarget as HTMLElement)}
    >
      ${renderAvatar(conversation.contact, channelIcon(conversation.channel))}
      <span class="conversation-text">
        <bdi class="conversation-name" dir=${textDirection(name)}>${name}</bdi
        ><span class="visually-hidden">, ${s.channelName(conversation.channel)}</span>${
          view.presenceOf(conversation.id)?.online
            ? html`<span class="online-dot" part="presence"
                ><span class="visually-hidden">, ${s.presenceOnline}</span></span
              >`
            : nothing
        }
        ${
          view.isTyping(conversation.id)
            ? html`<span class="conversation-preview typing" part="typing">${s.presenceTyping}</span>`
            : renderPreview(last, s)
        }
      </span>
      <span class="conversation-meta">
        <time datetime=${conversation.updated_at}>${shortTime(conversation.updated_at, view.locale)}</time>
        ${
          conversation.unread_count > 0
            ? html`<span
                part="unread"
                class="unread"
                aria-label=${s.conversationsUnread(conversation.unread_count)}
                >${view.number(conversation.unread_count)}</span
              >`
            : nothing
        }
      </span>
    </button>
  </li>`;
}

/**
 * The last message in one line, in its own direction, so that the line is cut at its logical end whatever
 * the language of the message and of the page; "You:" stays outside, in the page's.
 */
function renderPreview(last: Message | null | undefined, s: Strings): TemplateResult {
  if (!last) return html`<span class="conversation-preview">${s.conversationsNoMessages}</span>`;
  const summary = messageSummary(last, s);
  const text = html`<span class="preview-text" dir=${textDirection(summary)}
    >${kindIcon(last.type)}${summary}</span
  >`;
  if (last.direction !== 'outgoing') return html`<span class="conversation-preview">${text}</span>`;
  const [before, after] = sentenceParts(s.conversationsPreviewYou);
  return html`<span class="conversation-preview"
    >${before ? html`<span class="preview-author">${before}</span>` : nothing}${text}${
      after ? html`<span class="preview-author">${after}</span>` : nothing
    }</span
  >`;
}

export const conversationListStyles = css`
  .conversations {
    display: flex;
    flex-direction: column;
    min-block-size: 0;
    overflow-y: auto;
    border-inline-end: 1px solid var(--_border);
  }

  .list-header {
    display: grid;
    gap: var(--_space);
    padding: calc(var(--_space) * 1.5);
    border-block-end: 1px solid var(--_border);
  }

  .conversation-list,
  .hit-list {
    margin: 0;
    padding: 0;
    list-style: none;
  }

  .conversation,
  .search-hit {
    display: grid;
    grid-template-columns: auto 1fr auto;
    align-items: center;
    gap: var(--_space);
    inline-size: 100%;
    padding: calc(var(--_space) * 1.25) calc(var(--_space) * 1.5);
    border: none;
    border-block-end: 1px solid var(--_border);
    background: none;
    color: inherit;
    font: inherit;
    text-align: start;
    cursor: pointer;
  }

  /* A bar on the inline-start edge, whatever the direction; the border takes its width from the padding. */
  .conversation[aria-current='true'] {
    padding-inline-start: calc(var(--_space) * 1.5 - 3px);
    border-inline-start: 3px solid var(--_primary);
    background: var(--_surface-alt);
  }

  .conversation:focus-visible,
  .search-hit:focus-visible {
    outline: 2px solid transparent;
    box-shadow: var(--_focus);
  }

  .conversation-text,
  .conversation-meta {
    display: grid;
    min-inline-size: 0;
  }

  .conversation-meta {
    justify-items: end;
    gap: calc(var(--_space) * 0.5);
    color: var(--_muted);
    font-size: 0.85em;
  }

  .conversation-name {
    overflow: hidden;
    font-weight: 600;
    text-overflow: ellipsis;
    white-space: nowrap;
  }

  .preview-text .icon {
    inline-size: 1.1em;
    block-size: 1.1em;
    margin-inline-end: 0.25em;
    vertical-align: -0.2em;
  }

  .conversation-preview {
    display: flex;
    min-inline-size: 0;
    color: var(--_muted);
    white-space: nowrap;
  }

  .preview-author {
    flex: none;
    white-space: pre;
  }

  .preview-text {
    overflow: hidden;
    min-inline-size: 0;
    text-overflow: ellipsis;
  }

  .unread {
    min-inline-size: 1.6em;
    padding-inline: calc(var(--_space) * 0.75);
    border-radius: 999px;
    background: var(--_primary);
    color: var(--_on-primary);
    font-weight: 700;
    text-align: center;
  }

  .more,
  .more-hits {
    margin: var(--_space);
  }

  .filters {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: var(--_space);
  }

  .unread-filter {
    display: inline-flex;
    align-items: center;
    gap: calc(var(--_space) * 0.5);
  }

  /* A checkbox's own size, not the text fields' (the whole label is the target). */
  .unread-filter input[type='checkbox'] {
    flex: none;
    inline-size: 1.125rem;
    block-size: 1.125rem;
    min-inline-size: 0;
    min-block-size: 0;
    margin: 0;
    padding: 0;
  }

  .hits-heading {
    margin: 0;
    padding: var(--_space) calc(var(--_space) * 1.5);
    border-block-end: 1px solid var(--_border);
    font-size: 0.9em;
  }

  /* The text's colour, not the muted preview's: muted text on the mark's tint falls short of 4.5:1. */
  .search-hit mark {
    border-radius: 2px;
    background: color-mix(in srgb, var(--_primary) 25%, transparent);
    color: var(--_text);
  }

  .typing {
    color: var(--_primary);
    font-style: italic;
  }

  .online-dot {
    display: inline-block;
    inline-size: 0.6em;
    block-size: 0.6em;
    margin-inline-start: 0.35em;
    border-radius: 50%;
    background: var(--_success);
    vertical-align: 0.1em;
  }

  .skeleton {
    cursor: default;
  }

  .skeleton .conversation-text {
    gap: var(--_space);
  }

  @container (max-width: 600px) {
    .conversations {
      border-inline-end: none;
    }
  }
`;
