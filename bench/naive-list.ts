import { css, html, LitElement, type PropertyValues } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import { Socket, type Channel } from 'phoenix';

/** The fields of the contract's Message that this list shows. */
interface NaiveMessage {
  id: string;
  conversation_id: string;
  direction: 'incoming' | 'outgoing';
  text: string | null;
  timestamp: string;
  sender?: { name?: string | null } | null;
}

interface Page {
  items: NaiveMessage[];
  has_more: boolean;
}

const PAGE_SIZE = 100;
/** Closer than this to the top loads the older page (`paging` only); the same slack as conversation-view. */
const TOP_SLACK_PX = 400;

/**
 * The baseline of the benchmark: a chat thread as one would first write it. It asks the same API for the
 * messages page by page and renders every one as a row, with no virtualization and no scroll anchoring
 * of its own (the browser's CSS scroll anchoring still applies).
 *
 * By default it fetches the whole history and then renders it at once. With `paging` it renders the
 * newest page and adds each older page on top when the user scrolls near it. With `socket-url` it
 * appends `message:new` of its conversation and follows the bottom.
 *
 * The module has no side effect (the package's `sideEffects` would drop it); the page registers the tag.
 */
export class NaiveList extends LitElement {
  static override styles = css`
    :host {
      display: block;
      font:
        14px/1.4 system-ui,
        sans-serif;
    }
    .scroller {
      height: var(--naive-height, 600px);
      overflow-y: auto;
      padding: 8px 12px;
      box-sizing: border-box;
    }
    .message-row {
      display: flex;
      margin: 2px 0;
    }
    .message-row.outgoing {
      justify-content: flex-end;
    }
    .bubble {
      max-width: 70%;
      padding: 6px 10px;
      border-radius: 12px;
      background: #eef0f3;
      overflow-wrap: anywhere;
    }
    .outgoing .bubble {
      background: #d7ecff;
    }
    .sender {
      display: block;
      font-weight: 600;
      font-size: 12px;
    }
    time {
      display: block;
      font-size: 11px;
      color: #667;
      text-align: end;
    }
  `;

  @property({ attribute: 'base-url' }) baseUrl = '';
  @property({ attribute: 'api-key' }) apiKey = '';
  @property({ attribute: 'conversation-id' }) conversationId = '';
  @property({ attribute: 'socket-url' }) socketUrl?: string;
  @property({ type: Boolean }) paging = false;

  @state() private messages: NaiveMessage[] = [];
  @state() private loaded = false;
  @state() private hasOlder = false;

  @query('.scroller') private scroller?: HTMLElement;

  private loadingOlder = false;
  private stickToBottom = true;
  private socket?: Socket;
  private channel?: Channel;
  private readonly abort = new AbortController();
  private readonly timeFormat = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' });

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
    if (this.socketUrl) this.listen(this.socketUrl);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.abort.abort();
    this.channel?.leave();
    this.socket?.disconnect();
  }

  protected override updated(changed: PropertyValues): void {
    if (changed.has('messages') && this.stickToBottom && this.scroller) {
      this.scroller.scrollTop = this.scroller.scrollHeight;
    }
  }

  private async page(before?: string): Promise<Page> {
    const query = new URLSearchParams({ limit: String(PAGE_SIZE) });
    if (before) query.set('before', before);
    const url = `${this.baseUrl}/api/v1/conversations/${encodeURIComponent(this.conversationId)}/messages?${query}`;
    const response = await fetch(url, { headers: { 'X-Api-Key': this.apiKey }, signal: this.abort.signal });
    if (!response.ok) throw new Error(`GET messages: ${response.status}`);
    return ((await response.json()) as { data: Page }).data;
  }

  private async load(): Promise<void> {
    let page = await this.page();
    if (this.paging) {
      this.messages = page.items;
      this.hasOlder = page.has_more;
      this.loaded = true;
      return;
    }
    const pages = [page.items];
    while (page.has_more && page.items[0]) {
      page = await this.page(page.items[0].id);
      pages.unshift(page.items);
    }
    this.messages = pages.flat();
    this.loaded = true;
  }

  private async loadOlder(): Promise<void> {
    const oldest = this.messages[0];
    if (this.loadingOlder || !this.hasOlder || !oldest) return;
    this.loadingOlder = true;
    try {
      const page = await this.page(oldest.id);
      this.messages = [...page.items, ...this.messages];
      this.hasOlder = page.has_more;
    } finally {
      this.loadingOlder = false;
    }
  }

  private listen(socketUrl: string): void {
    this.socket = new Socket(socketUrl, { params: { token: this.apiKey } });
    this.socket.connect();
    this.channel = this.socket.channel('inbox');
    this.channel.on('message:new', (payload: { message?: NaiveMessage }) => {
      const message = payload.message;
      if (!message || message.conversation_id !== this.conversationId) return;
      if (this.messages.some((item) => item.id === message.id)) return;
      this.messages = [...this.messages, message];
    });
    this.channel.join();
  }

  private handleScroll(): void {
    const scroller = this.scroller;
    if (!scroller) return;
    this.stickToBottom = scroller.scrollHeight - scroller.clientHeight - scroller.scrollTop < 48;
    if (this.paging && scroller.scrollTop < TOP_SLACK_PX) void this.loadOlder();
  }

  override render() {
    return html`<div class="scroller" @scroll=${this.handleScroll}>
      ${this.loaded ? '' : html`<p>Loading…</p>`}
      ${repeat(
        this.messages,
        (message) => message.id,
        (message) =>
          html`<div class="message-row ${message.direction}" data-key=${message.id}>
            <div class="bubble">
              ${message.sender?.name ? html`<span class="sender">${message.sender.name}</span>` : ''}
              <span class="text">${message.text ?? ''}</span>
              <time>${this.timeFormat.format(new Date(message.timestamp))}</time>
            </div>
          </div>`,
      )}
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'naive-list': NaiveList;
  }
}
