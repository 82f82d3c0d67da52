import '@lit-labs/virtualizer';
import type { LitVirtualizer } from '@lit-labs/virtualizer/LitVirtualizer.js';
import type { VisibilityChangedEvent } from '@lit-labs/virtualizer/events.js';
import { html, LitElement, nothing, unsafeCSS } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import {
  bubbleOf,
  PEER_BOTTOM_SLACK_PX,
  PEER_THREAD_CSS,
  PEER_TOP_SLACK_PX,
  PeerThreadSource,
  type PeerMessage,
} from './peer-thread.js';

const UP_KEYS = new Set(['ArrowUp', 'PageUp', 'Home']);

/**
 * A peer of the benchmark: the thread a lit developer would write with `@lit-labs/virtualizer`, following
 * its README. The `<lit-virtualizer scroller>` is the list; the layout is pinned to the newest message
 * on open and whenever a message arrives while the reader is at the bottom, and to the row the reader saw
 * first when an older page is added above (the virtualizer does not keep the view there by itself).
 *
 * The module has no side effect besides the virtualizer's own tag; the page registers this one.
 */
export class VirtualizerThread extends LitElement {
  static override styles = unsafeCSS(PEER_THREAD_CSS);

  @property({ attribute: 'base-url' }) baseUrl = '';
  @property({ attribute: 'api-key' }) apiKey = '';
  @property({ attribute: 'conversation-id' }) conversationId = '';
  @property({ attribute: 'socket-url' }) socketUrl?: string;

  @state() private messages: PeerMessage[] = [];
  /** Where the layout frames the view until the reader scrolls (the README's `pin`). */
  @state() private pin: { index: number; block: 'start' | 'end' } | null = null;

  @query('lit-virtualizer') private virtualizer?: LitVirtualizer<PeerMessage>;

  private source?: PeerThreadSource;
  private readonly byId = new Map<string, PeerMessage>();
  private hasOlder = false;
  private loadingOlder = false;
  /** The reader stays at the newest message until they scroll up themselves. */
  private following = true;
  private firstVisible = 0;

  override connectedCallback(): void {
    super.connectedCallback();
    const source = new PeerThreadSource(this);
    this.source = source;
    void this.loadNewest(source);
    if (this.socketUrl) source.listen(this.socketUrl, (message) => this.addNew(message));
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.source?.close();
  }

  private remember(messages: readonly PeerMessage[]): void {
    for (const message of messages) this.byId.set(message.id, message);
  }

  private async loadNewest(source: PeerThreadSource): Promise<void> {
    const page = await source.page();
    this.remember(page.items);
    this.hasOlder = page.has_more;
    this.messages = page.items;
    this.pin = { index: page.items.length - 1, block: 'end' };
  }

  private async loadOlder(): Promise<void> {
    const oldest = this.messages[0];
    if (this.loadingOlder || !this.hasOlder || !oldest || !this.source) return;
    this.loadingOlder = true;
    try {
      const page = await this.source.page(oldest.id);
      this.remember(page.items);
      this.hasOlder = page.has_more;
      const reading = this.firstVisible;
      this.messages = [...page.items, ...this.messages];
      this.pin = { index: reading + page.items.length, block: 'start' };
    } finally {
      this.loadingOlder = false;
    }
  }

  private addNew(message: PeerMessage): void {
    if (this.byId.has(message.id)) return;
    this.remember([message]);
    this.messages = [...this.messages, message];
    if (this.following) this.pin = { index: this.messages.length - 1, block: 'end' };
  }

  private handleScroll(): void {
    const scroller = this.virtualizer;
    if (!scroller) return;
    if (scroller.scrollHeight - scroller.clientHeight - scroller.scrollTop < PEER_BOTTOM_SLACK_PX) {
      this.following = true;
    }
    if (scroller.scrollTop < PEER_TOP_SLACK_PX) void this.loadOlder();
  }

  /**
   * The reader scrolls up: stop following the newest message. Read from the input, not from scroll
   * positions: while a burst arrives, the layout's own corrections also move the list up for a moment.
   */
  private handleScrollUp(event: WheelEvent | KeyboardEvent | TouchEvent): void {
    if (
      event instanceof WheelEvent
        ? event.deltaY < 0
        : !(event instanceof KeyboardEvent) || UP_KEYS.has(event.key)
    ) {
      this.following = false;
    }
  }

  private handleVisibility(event: VisibilityChangedEvent): void {
    this.firstVisible = event.first;
  }

  private renderRow(message: PeerMessage) {
    const bubble = bubbleOf(message, (id) => this.byId.get(id));
    return html`<div class="message-row ${bubble.outgoing ? 'outgoing' : 'incoming'}" data-key=${message.id}>
      <div class="bubble">
        ${bubble.sender ? html`<span class="sender">${bubble.sender}</span>` : nothing}
        ${
          bubble.quote
            ? html`<div class="quote">
                <span class="quote-author">${bubble.quote.author}</span>
                <span class="quote-text">${bubble.quote.text}</span>
              </div>`
            : nothing
        }
        ${
          bubble.image
            ? html`<img src=${bubble.image.src} alt=${bubble.image.alt} loading="lazy" decoding="async" />
                ${bubble.image.caption ? html`<p class="caption">${bubble.image.caption}</p>` : nothing}`
            : html`<p class="text">${bubble.text}</p>`
        }
        <time>${bubble.time}</time>
      </div>
    </div>`;
  }

  override render() {
    if (this.messages.length === 0) return html`<p>Loading…</p>`;
    return html`<lit-virtualizer
      scroller
      class="scroller"
      .items=${this.messages}
      .keyFunction=${(message: PeerMessage) => message.id}
      .renderItem=${(message: PeerMessage) => this.renderRow(message)}
      .layout=${this.pin ? { pin: this.pin } : {}}
      @scroll=${this.handleScroll}
      @wheel=${this.handleScrollUp}
      @keydown=${this.handleScrollUp}
      @touchmove=${this.handleScrollUp}
      @visibilityChanged=${this.handleVisibility}
      @unpinned=${() => {
        this.pin = null;
      }}
    ></lit-virtualizer>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'virtualizer-thread': VirtualizerThread;
  }
}
