import type { ReactiveControllerHost } from 'lit';
import { toApiError, type ApiError } from '../../api/errors.js';
import { anySignal } from '../../api/skipped-records.js';
import type { MessageSearchHit } from '../../api/types.js';
import type { InboxServices } from '../../config/services.js';
import { LatestCall } from '../../internal/latest-call.js';

const HITS_PAGE_SIZE = 20;

/** `unsupported`: the backend cannot search messages (no `searchMessages`, or 404), so the part hides. */
export type MessageSearchState = 'idle' | 'loading' | 'loaded' | 'error' | 'unsupported';

export interface MessageSearchOptions {
  services(): InboxServices | undefined;
  signal(): AbortSignal;
  /** The account the list shows, or `undefined` for all. */
  channelId(): number | undefined;
}

/**
 * The messages whose text matches the search, newest first, page by page. A new search aborts the one
 * in flight; a backend without message search is remembered as such until the services change.
 */
export class MessageSearchController {
  hits: MessageSearchHit[] = [];
  state: MessageSearchState = 'idle';
  /** Why the search failed (`state` is `error`), or, with hits shown, why the next page did not come. */
  error: ApiError | null = null;
  cursor: string | null = null;
  loadingMore = false;
  /** What the hits were found for. */
  query = '';

  private readonly latest = new LatestCall();
  private abort: AbortController | undefined;
  private unsupported = false;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly options: MessageSearchOptions,
  ) {}

  /** Searches for `query`; an empty one clears the hits. */
  async search(query: string): Promise<void> {
    this.cancel();
    this.set({ query, hits: [], cursor: null, error: null });
    if (!query || this.unsupported) {
      this.set({ state: this.unsupported ? 'unsupported' : 'idle' });
      return;
    }
    this.set({ state: 'loading' });
    await this.fetchPage(this.latest.begin(), undefined);
  }

  async loadMore(): Promise<void> {
    if (!this.cursor || this.loadingMore) return;
    this.set({ loadingMore: true, error: null });
    try {
      await this.fetchPage(this.latest.join(), this.cursor);
    } finally {
      this.set({ loadingMore: false });
    }
  }

  /** Drops the search in flight. */
  cancel(): void {
    this.latest.cancel();
    this.abort?.abort();
  }

  /** Forgets everything, including whether the backend can search: the services changed. */
  reset(): void {
    this.cancel();
    this.unsupported = false;
    this.set({ query: '', hits: [], cursor: null, error: null, state: 'idle' });
  }

  private async fetchPage(current: () => boolean, cursor: string | undefined): Promise<void> {
    const search = this.options.services()?.backend.searchMessages;
    const backend = this.options.services()?.backend;
    if (!search || !backend) {
      this.unsupported = true;
      this.set({ state: 'unsupported' });
      return;
    }
    this.abort = new AbortController();
    try {
      const page = await search.call(backend, {
        q: this.query,
        channelId: this.options.channelId(),
        cursor,
        limit: HITS_PAGE_SIZE,
        signal: anySignal([this.options.signal(), this.abort.signal]),
      });
      if (!current()) return;
      this.set({
        hits: [...this.hits, ...page.items],
        cursor: page.next_cursor,
        state: 'loaded',
        error: null,
      });
    } catch (error) {
      const apiError = toApiError(error);
      if (apiError.kind === 'aborted' || !current()) return;
      if (apiError.status === 404) {
        this.unsupported = true;
        this.set({ state: 'unsupported' });
        return;
      }
      this.set({ error: apiError, ...(cursor ? {} : { state: 'error' as const }) });
    }
  }

  private set(
    changes: Partial<
      Pick<MessageSearchController, 'hits' | 'state' | 'error' | 'cursor' | 'loadingMore' | 'query'>
    >,
  ): void {
    Object.assign(this, changes);
    this.host.requestUpdate();
  }
}
