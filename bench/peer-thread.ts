import { Socket } from 'phoenix';

/**
 * What the two peer threads of the benchmark (`virtualizer-thread.ts`, `virtuoso-thread.ts`) share: the
 * messages from the same API conversation-view reads, a page at a time, the socket's `message:new`, and
 * what one bubble shows (the sender, a reply quote, the text or a photo with its caption, the time).
 */

/** The fields of the contract's Message that the peer threads show. */
export interface PeerMessage {
  id: string;
  conversation_id: string;
  direction: 'incoming' | 'outgoing';
  type: string;
  text: string | null;
  file: { name: string; caption: string | null; download_url: string } | null;
  timestamp: string;
  sender: { name: string | null };
  reply_to_message_id: string | null;
  deleted: boolean;
}

interface MessagePage {
  items: PeerMessage[];
  has_more: boolean;
}

/** conversation-view's page size, so every thread asks for the same pages. */
export const PEER_PAGE_SIZE = 50;
/** Closer than this to the top loads the older page; the same slack as conversation-view. */
export const PEER_TOP_SLACK_PX = 400;
/** Closer than this to the bottom counts as reading the newest message; as conversation-view. */
export const PEER_BOTTOM_SLACK_PX = 48;

export interface PeerThreadTarget {
  baseUrl: string;
  apiKey: string;
  conversationId: string;
}

/** The API calls and the socket of one thread; `close()` ends both. */
export class PeerThreadSource {
  private readonly abort = new AbortController();
  private socket?: Socket;

  constructor(private readonly target: PeerThreadTarget) {}

  /** The newest page, or the page just older than `before`; oldest first. */
  async page(before?: string): Promise<MessagePage> {
    const { baseUrl, apiKey, conversationId } = this.target;
    const query = new URLSearchParams({ limit: String(PEER_PAGE_SIZE) });
    if (before) query.set('before', before);
    const url = `${baseUrl}/api/v1/conversations/${encodeURIComponent(conversationId)}/messages?${query}`;
    const response = await fetch(url, { headers: { 'X-Api-Key': apiKey }, signal: this.abort.signal });
    if (!response.ok) throw new Error(`GET messages: ${response.status}`);
    return ((await response.json()) as { data: MessagePage }).data;
  }

  /** Calls `onMessage` with each `message:new` of the conversation. */
  listen(socketUrl: string, onMessage: (message: PeerMessage) => void): void {
    this.socket = new Socket(socketUrl, { params: { token: this.target.apiKey } });
    this.socket.connect();
    const channel = this.socket.channel('inbox');
    channel.on('message:new', (payload: { message?: PeerMessage }) => {
      const message = payload.message;
      if (message?.conversation_id === this.target.conversationId) onMessage(message);
    });
    channel.join();
  }

  close(): void {
    this.abort.abort();
    this.socket?.disconnect();
  }
}

/** What a bubble shows, computed once per render of a row by both peers. */
export interface BubbleView {
  outgoing: boolean;
  sender: string | null;
  quote: { author: string; text: string } | null;
  text: string | null;
  image: { src: string; alt: string; caption: string | null } | null;
  time: string;
}

const timeFormat = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' });

function summary(message: PeerMessage): string {
  if (message.deleted) return 'Deleted message';
  return message.file?.caption ?? message.text ?? message.file?.name ?? '';
}

/** The bubble of `message`; `quoted` finds the message it answers among those loaded. */
export function bubbleOf(message: PeerMessage, quoted: (id: string) => PeerMessage | undefined): BubbleView {
  const outgoing = message.direction === 'outgoing';
  const answered = message.reply_to_message_id ? quoted(message.reply_to_message_id) : undefined;
  const file = message.file;
  const image =
    message.type === 'image' && file && !message.deleted
      ? { src: file.download_url, alt: file.caption ?? file.name, caption: file.caption }
      : null;
  return {
    outgoing,
    sender: outgoing ? null : message.sender.name,
    quote: answered
      ? {
          author: answered.direction === 'outgoing' ? 'You' : (answered.sender.name ?? 'Contact'),
          text: summary(answered),
        }
      : null,
    text: image ? null : summary(message),
    image,
    time: timeFormat.format(new Date(message.timestamp)),
  };
}

/** The bubbles' look, the same in both peers: the sizes of conversation-view's (a photo is 220 × 160). */
export const PEER_THREAD_CSS = `
  :host {
    display: block;
    font: 14px/1.4 system-ui, sans-serif;
  }
  .scroller {
    display: block;
    height: var(--peer-height, 600px);
    overflow-y: auto;
    box-sizing: border-box;
  }
  .message-row {
    display: flex;
    box-sizing: border-box;
    width: 100%;
    padding: 2px 12px;
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
  .quote {
    display: grid;
    margin: 0 0 4px;
    padding: 4px 8px;
    border-inline-start: 3px solid #2563eb;
    border-radius: 4px;
    background: rgb(0 0 0 / 6%);
    font-size: 0.9em;
  }
  .quote-author {
    color: #2563eb;
    font-weight: 600;
  }
  .quote-text {
    overflow: hidden;
    color: #667;
    text-overflow: ellipsis;
    white-space: nowrap;
  }
  .text,
  .caption {
    margin: 0;
  }
  img {
    display: block;
    width: 220px;
    height: 160px;
    border-radius: 8px;
    object-fit: cover;
  }
  time {
    display: block;
    font-size: 11px;
    color: #667;
    text-align: end;
  }
`;
