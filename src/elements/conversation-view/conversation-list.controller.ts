import type { ReactiveControllerHost } from 'lit';
import { toApiError, type ApiError } from '../../api/errors.js';
import { anySignal } from '../../api/skipped-records.js';
import type { Conversation } from '../../api/types.js';
import type { InboxServices } from '../../config/services.js';
import { LatestCall } from '../../internal/latest-call.js';

const CONVERSATION_PAGE_SIZE = 30;
/** How many list pages a single embedded conversation may look through for its details. */
const LOOKUP_PAGES = 3;

export type ListState = 'idle' | 'loading' | 'loaded' | 'error';

export interface ConversationListHost extends ReactiveControllerHost {
  readonly renderRoot: HTMLElement | DocumentFragment;
}

export interface ConversationListOptions {
  services(): InboxServices | undefined;
  signal(): AbortSignal;
  /** The one conversation the host shows alone, whose details the list must include. */
  lookFor(): string | undefined;
  /** The account the host shows, or the user filtered by; `undefined` for all. */
  channelId(): number | undefined;
}

type ListChanges = Partial<
  Pick<ConversationListController, 'conversations' | 'state' | 'error' | 'cursor' | 'loadingMore'>
>;

function byActivity(a: Conversation, b: Conversation): number {
  return a.updated_at < b.updated_at ? 1 : a.updated_at > b.updated_at ? -1 : 0;
}

/**
 * The conversations of the linked accounts, newest activity first: the first page (fetched again on
 * every catch-up and merged, so pages loaded with "Show more" stay), further pages, search, the account
 * filter, and the changes the socket reports.
 */
export class ConversationListController {
  conversations: Conversation[] = [];
  state: ListState = 'idle';
  error: ApiError | null = null;
  cursor: string | null = null;
  loadingMore = false;
  search = '';
  /** The account the user picked in the filter; `null` for all. */
  accountFilter: number | null = null;

  private readonly latest = new LatestCall();
  /**
   * Aborts the first-page load in flight when another starts: a load for an account no longer shown
   * must not go on asking (or retrying) for it.
   */
  private loadAbort: AbortController | undefined;
  /** The account filter the list was last loaded with. */
  private loadedChannelId: number | undefined;

  constructor(
    private readonly host: ConversationListHost,
    private readonly options: ConversationListOptions,
  ) {}

  get(id: string | null): Conversation | undefined {
    return this.conversations.find((conversation) => conversation.id === id);
  }

  /** Whether the list was loaded for another account than the one now asked for. */
  get filterChanged(): boolean {
    return this.options.channelId() !== this.loadedChannelId;
  }

  /** The conversations the search matches. */
  get shown(): Conversation[] {
    const query = this.query;
    if (!query) return this.conversations;
    return this.conversations.filter((conversation) =>
      [conversation.contact.name, conversation.contact.phone, conversation.contact.username].some((field) =>
        field?.toLowerCase().includes(query),
      ),
    );
  }

  get query(): string {
    return this.search.trim().toLowerCase();
  }

  setSearch(search: string): void {
    this.search = search;
    this.host.requestUpdate();
  }

  filterBy(channelId: number | null): void {
    this.accountFilter = channelId;
    this.reload();
  }

  /** Forgets everything: the services changed. */
  reset(): void {
    this.cancel();
    this.conversations = [];
    this.state = 'idle';
    this.host.requestUpdate();
  }

  /** Drops calls in flight: the host let go of its services. */
  cancel(): void {
    this.latest.cancel();
    this.loadAbort?.abort();
  }

  async load(): Promise<void> {
    const services = this.options.services();
    if (!services) return;
    const current = this.latest.begin();
    this.loadAbort?.abort();
    const abort = new AbortController();
    this.loadAbort = abort;
    const channelId = this.options.channelId();
    const signal = anySignal([this.options.signal(), abort.signal]);
    const lookFor = this.options.lookFor();
    this.loadedChannelId = channelId;
    if (this.state !== 'loaded') this.set({ state: 'loading' });
    try {
      let page = await services.backend.listConversations({
        channelId,
        limit: CONVERSATION_PAGE_SIZE,
        signal,
      });
      if (!current()) return;
      let items = page.items;
      // A single embedded conversation needs its own details (contact, account) from the list.
      for (let pages = 1; lookFor && pages < LOOKUP_PAGES && page.next_cursor; pages++) {
        if (items.some((conversation) => conversation.id === lookFor)) break;
        page = await services.backend.listConversations({
          channelId,
          cursor: page.next_cursor,
          limit: CONVERSATION_PAGE_SIZE,
          signal,
        });
        if (!current()) return;
        items = [...items, ...page.items];
      }
      this.set({
        conversations: this.merge(items, this.state === 'loaded'),
        cursor: page.next_cursor,
        state: 'loaded',
        error: null,
      });
    } catch (error) {
      const apiError = toApiError(error);
      if (apiError.kind === 'aborted' || !current()) return;
      this.set({ error: apiError, ...(this.state !== 'loaded' ? { state: 'error' as const } : {}) });
    }
  }

  /** Loads the list afresh for another account filter: nothing of the previous filter's list stays. */
  reload(): void {
    this.set({ conversations: [], cursor: null, state: 'loading' });
    void this.load();
  }

  async loadMore(): Promise<void> {
    const services = this.options.services();
    if (!services || !this.cursor || this.loadingMore) return;
    const current = this.latest.join();
    const signal = this.loadAbort
      ? anySignal([this.options.signal(), this.loadAbort.signal])
      : this.options.signal();
    const buttonHadFocus = (this.host.renderRoot as ShadowRoot).activeElement?.classList.contains('more');
    this.set({ loadingMore: true });
    try {
      const page = await services.backend.listConversations({
        channelId: this.options.channelId(),
        cursor: this.cursor,
        limit: CONVERSATION_PAGE_SIZE,
        signal,
      });
      if (!current()) return;
      const shown = new Set(this.conversations.map((conversation) => conversation.id));
      const firstNew = page.items.find((conversation) => !shown.has(conversation.id));
      this.set({
        conversations: this.merge([...this.conversations, ...page.items], false),
        cursor: page.next_cursor,
        error: null,
      });
      // The last page removes "Show more": focus goes on to the first conversation it added.
      if (buttonHadFocus && !this.cursor && firstNew) {
        void this.host.updateComplete.then(() =>
          this.host.renderRoot
            .querySelector<HTMLElement>(`[part="conversation"][data-id="${CSS.escape(firstNew.id)}"]`)
            ?.focus(),
        );
      }
    } catch (error) {
      const apiError = toApiError(error);
      if (apiError.kind !== 'aborted') this.set({ error: apiError });
    } finally {
      this.set({ loadingMore: false });
    }
  }

  /** Conversations the socket reported changed, oldest report first; the list is sorted once for all. */
  upsert(reports: Conversation[]): void {
    const filter = this.options.channelId();
    const byId = new Map(this.conversations.map((item) => [item.id, item]));
    for (const conversation of reports) {
      if (!byId.has(conversation.id) && filter !== undefined && conversation.channel_id !== filter) continue;
      byId.set(conversation.id, conversation);
    }
    this.set({ conversations: [...byId.values()].sort(byActivity) });
  }

  /** Shows the conversation as read, before the backend hears of it. */
  clearUnread(id: string): void {
    if ((this.get(id)?.unread_count ?? 0) === 0) return;
    this.set({
      conversations: this.conversations.map((item) => (item.id === id ? { ...item, unread_count: 0 } : item)),
    });
  }

  /** A fresh first page merged into what is shown, so pages loaded with "Show more" stay. */
  private merge(fresh: Conversation[], keepOthers: boolean): Conversation[] {
    const byId = new Map<string, Conversation>();
    if (keepOthers) for (const conversation of this.conversations) byId.set(conversation.id, conversation);
    for (const conversation of fresh) byId.set(conversation.id, conversation);
    return [...byId.values()].sort(byActivity);
  }

  private set(changes: ListChanges): void {
    Object.assign(this, changes);
    this.host.requestUpdate();
  }
}
