import type { ReactiveControllerHost } from 'lit';
import { toApiError, type ApiError } from '../../api/errors.js';
import { anySignal } from '../../api/skipped-records.js';
import type { ChannelType, Conversation } from '../../api/types.js';
import type { InboxServices } from '../../config/services.js';
import { LatestCall } from '../../internal/latest-call.js';

const CONVERSATION_PAGE_SIZE = 30;
/** How long typing pauses before the search goes to the server. */
const SEARCH_DEBOUNCE_MS = 300;
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
  /** The search the list now shows went out (typing paused, or Enter): the message hits follow it. */
  onSearch(query: string): void;
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
  /** What the search box holds. */
  search = '';
  /** The search the list was loaded with: the box's text once typing paused. */
  appliedSearch = '';
  /** The account the user picked in the filter; `null` for all. */
  accountFilter: number | null = null;
  /** Only conversations with unread messages. */
  unreadOnly = false;
  /** Only conversations of accounts of this type; `null` for all. */
  channelType: ChannelType | null = null;

  private readonly latest = new LatestCall();
  /**
   * Aborts the first-page load in flight when another starts: a load for an account no longer shown
   * must not go on asking (or retrying) for it.
   */
  private loadAbort: AbortController | undefined;
  /** The account filter the list was last loaded with. */
  private loadedChannelId: number | undefined;
  private searchTimer: ReturnType<typeof setTimeout> | undefined;
  /** The backend's count of every unread message, from the last first page; `undefined` when it gives none. */
  private serverUnreadTotal: number | undefined;
  /** How the unread counts the socket reported since then moved that count. */
  private unreadDrift = 0;
  /** The last unread count seen of every conversation, shown or filtered out, to tell how a report moves the total. */
  private readonly knownUnread = new Map<string, number>();
  /** The first page asked for again to recount the total; and whether to ask once more when it is back. */
  private recounting: Promise<void> | undefined;
  private recountAgain = false;

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

  /** The conversations shown: the backend applied the search and the filters. */
  get shown(): Conversation[] {
    return this.conversations;
  }

  /** The search the list shows, as typed (trimmed). */
  get query(): string {
    return this.appliedSearch;
  }

  /** Whether the search or a filter of the user's narrows the list. */
  get filtered(): boolean {
    return (
      this.appliedSearch !== '' || this.unreadOnly || this.channelType !== null || this.accountFilter !== null
    );
  }

  /**
   * Unread messages across the inbox: the backend's count (`unread_total`) moved by what the socket
   * reported since, or, from a backend that does not count, the loaded conversations' counts. A report
   * about a conversation none of the loaded pages held cannot move it (what the backend counted for it
   * is unknown): the first page is asked for again, which counts it, and holds it (newest activity first).
   */
  get unreadTotal(): number {
    if (this.serverUnreadTotal === undefined) {
      return this.conversations.reduce((total, conversation) => total + conversation.unread_count, 0);
    }
    return Math.max(0, this.serverUnreadTotal + this.unreadDrift);
  }

  /** The box's text; it goes to the server once typing pauses (or at once with `now`). */
  setSearch(search: string, { now = false } = {}): void {
    this.search = search;
    clearTimeout(this.searchTimer);
    if (now) this.applySearch();
    else this.searchTimer = setTimeout(() => this.applySearch(), SEARCH_DEBOUNCE_MS);
    this.host.requestUpdate();
  }

  filterBy(channelId: number | null): void {
    this.accountFilter = channelId;
    this.reload();
    // The message hits are of one account too.
    if (this.appliedSearch) this.options.onSearch(this.appliedSearch);
  }

  showUnreadOnly(unreadOnly: boolean): void {
    this.unreadOnly = unreadOnly;
    this.reload();
  }

  filterByType(channelType: ChannelType | null): void {
    this.channelType = channelType;
    this.reload();
  }

  /** Back to every conversation: no search, no filter of the user's. */
  clearFilters(): void {
    clearTimeout(this.searchTimer);
    this.forgetFilters();
    this.reload();
  }

  private applySearch(): void {
    this.searchTimer = undefined;
    const query = this.search.trim();
    if (query === this.appliedSearch) return;
    this.appliedSearch = query;
    this.reload();
    this.options.onSearch(query);
  }

  /** Forgets everything, the search and filters too (another user's, maybe): the services changed. */
  reset(): void {
    this.cancel();
    this.forgetFilters();
    this.conversations = [];
    this.state = 'idle';
    this.serverUnreadTotal = undefined;
    this.unreadDrift = 0;
    this.knownUnread.clear();
    this.host.requestUpdate();
  }

  /** Drops calls in flight and a search waiting for typing to pause: the host let go of its services. */
  cancel(): void {
    this.latest.cancel();
    this.loadAbort?.abort();
    this.recountAgain = false;
    clearTimeout(this.searchTimer);
    this.searchTimer = undefined;
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
        ...this.filters(channelId),
        limit: CONVERSATION_PAGE_SIZE,
        signal,
      });
      if (!current()) return;
      this.serverUnreadTotal = page.unread_total;
      this.unreadDrift = 0;
      let items = page.items;
      // A single embedded conversation needs its own details (contact, account) from the list.
      for (let pages = 1; lookFor && pages < LOOKUP_PAGES && page.next_cursor; pages++) {
        if (items.some((conversation) => conversation.id === lookFor)) break;
        page = await services.backend.listConversations({
          ...this.filters(channelId),
          cursor: page.next_cursor,
          limit: CONVERSATION_PAGE_SIZE,
          signal,
        });
        if (!current()) return;
        items = [...items, ...page.items];
      }
      this.remember(items);
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
        ...this.filters(this.options.channelId()),
        cursor: this.cursor,
        limit: CONVERSATION_PAGE_SIZE,
        signal,
      });
      if (!current()) return;
      this.remember(page.items);
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
    const byId = new Map(this.conversations.map((item) => [item.id, item]));
    let unknown = false;
    for (const conversation of reports) {
      const known = this.knownUnread.get(conversation.id);
      if (known === undefined) unknown = true;
      else this.unreadDrift += conversation.unread_count - known;
      this.knownUnread.set(conversation.id, conversation.unread_count);
      // One already shown stays while it changes (read while the unread filter is on, say); a new one only when it matches.
      if (!byId.has(conversation.id) && !this.matches(conversation)) continue;
      byId.set(conversation.id, conversation);
    }
    this.set({ conversations: [...byId.values()].sort(byActivity) });
    if (unknown && this.serverUnreadTotal !== undefined) this.recount();
  }

  /** Shows the conversation as read, before the backend hears of it. */
  clearUnread(id: string): void {
    const unread = this.get(id)?.unread_count ?? 0;
    if (unread === 0) return;
    this.unreadDrift -= unread;
    this.knownUnread.set(id, 0);
    this.set({
      conversations: this.conversations.map((item) => (item.id === id ? { ...item, unread_count: 0 } : item)),
    });
  }

  /** The first page again, for the backend's total; one at a time, once more when asked again meanwhile. */
  private recount(): void {
    if (this.recounting) {
      this.recountAgain = true;
      return;
    }
    this.recounting = this.load().finally(() => {
      this.recounting = undefined;
      if (!this.recountAgain) return;
      this.recountAgain = false;
      this.recount();
    });
  }

  private forgetFilters(): void {
    Object.assign(this, {
      search: '',
      appliedSearch: '',
      unreadOnly: false,
      channelType: null,
      accountFilter: null,
    });
  }

  private filters(channelId: number | undefined) {
    return {
      channelId,
      ...(this.channelType ? { channel: this.channelType } : {}),
      ...(this.unreadOnly ? { unread: true } : {}),
      ...(this.appliedSearch ? { q: this.appliedSearch } : {}),
    };
  }

  /** Whether a conversation the socket reported belongs in the list as filtered; a search's matches only the server knows. */
  private matches(conversation: Conversation): boolean {
    const channelId = this.options.channelId();
    return (
      (channelId === undefined || conversation.channel_id === channelId) &&
      (this.channelType === null || conversation.channel === this.channelType) &&
      (!this.unreadOnly || conversation.unread_count > 0) &&
      this.appliedSearch === ''
    );
  }

  private remember(conversations: readonly Conversation[]): void {
    for (const conversation of conversations)
      this.knownUnread.set(conversation.id, conversation.unread_count);
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
