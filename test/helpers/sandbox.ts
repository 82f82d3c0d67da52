import type {
  Channel,
  ChannelType,
  Conversation,
  Message,
  MessageStatus,
  MessageType,
} from '../../src/api/types.js';

export interface SandboxAttempt {
  account_id: string;
  type: string;
  state: 'waiting' | 'scanned' | 'completed' | 'failed';
  qr_code: string | null;
  qr_index: number;
  qr_total: number;
  qr_expires_at: string | null;
}

/** One conversation as `GET /__sandbox/state` sums it up. */
export interface SandboxConversationSummary {
  id: string;
  channel: ChannelType;
  channel_id: number;
  /** The contact's name, else phone, else username. */
  contact: string | null;
  messages: number;
  unread_count: number;
  updated_at: string;
}

export interface SandboxState {
  channels: Channel[];
  attempts: SandboxAttempt[];
  conversations: SandboxConversationSummary[];
  scenario: Record<string, unknown>;
}

/** What `createConversation` makes; every field is optional. */
export interface NewSandboxConversation {
  /** Default `whatsapp`; a connected channel of the type is linked first when the tenant has none. */
  channel?: ChannelType;
  /** Uses this channel of the tenant instead (connected or not). */
  channel_id?: number;
  /** Anything left out is simulated (a name, a +9665… phone, a username, maybe an avatar). */
  contact?: {
    name?: string | null;
    phone?: string | null;
    username?: string | null;
    avatar_url?: string | null;
  };
  /** Seeded history length, default 20, up to 100000; oldest days ago, newest minutes to hours ago. */
  messages?: number;
  /** Every so many history messages is a captioned photo; 0 (default) none. */
  image_every?: number;
  /** Appends one message of every type and every outgoing status (a failed one with its error). */
  all_types?: boolean;
  /** ISO time of the newest seeded message: the history gets fixed times instead of ones before now. */
  newest_at?: string;
}

/** What `incoming` sends; without `type` a text. File types carry a real sample file. */
export interface NewIncomingMessage {
  text?: string;
  type?: MessageType;
  /** For file types; defaults to `text`. */
  caption?: string;
  reply_to_message_id?: string;
  /** `false` stores the message without sending its frames, as a frame lost on the way. */
  broadcast?: boolean;
}

export interface LoggedRequest {
  method: string;
  path: string;
  body?: unknown;
  time: string;
  /** HTTP status answered; `null` when the sandbox dropped the connection. */
  status: number | null;
  /** The client closed the connection before the answer (it aborted the call). */
  abandoned?: boolean;
}

/** A fresh sandbox world of its own (tenant), so tests never see each other. */
export class SandboxTenant {
  readonly apiKey = `test-${crypto.randomUUID()}`;
  readonly baseUrl = location.origin;
  readonly socketUrl = `${location.origin.replace(/^http/, 'ws')}/socket`;

  async control<T = unknown>(method: string, path: string, body?: unknown): Promise<T> {
    const response = await fetch(`/__sandbox/${path}`, {
      method,
      headers: { 'X-Api-Key': this.apiKey, 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!response.ok) throw new Error(`sandbox ${method} ${path}: ${response.status}`);
    if (response.status === 204) return undefined as T;
    const json = (await response.json()) as { data?: T };
    return (json.data ?? json) as T;
  }

  scenario(switches: Record<string, unknown>): Promise<unknown> {
    return this.control('POST', 'scenario', switches);
  }

  scan(accountId: string): Promise<unknown> {
    return this.control('POST', 'scan', { account_id: accountId });
  }

  state(): Promise<SandboxState> {
    return this.control('GET', 'state');
  }

  requests(): Promise<LoggedRequest[]> {
    return this.control('GET', 'requests');
  }

  addChannel(channel: Partial<Channel> & { type: Channel['type'] }): Promise<Channel> {
    return this.control('POST', 'channels', channel);
  }

  /** A conversation with a simulated contact and history (`POST /__sandbox/conversations`). */
  createConversation(options: NewSandboxConversation = {}): Promise<Conversation> {
    return this.control('POST', 'conversations', options);
  }

  /** The contact of the conversation writes now: `message:new`, `conversation:updated`, one more unread. */
  incoming(conversationId: string, message: NewIncomingMessage = {}): Promise<Message> {
    return this.control('POST', 'incoming', { conversation_id: conversationId, ...message });
  }

  /** Ends every open socket of the tenant at once, as a network drop does. */
  dropSockets(): Promise<{ dropped: number }> {
    return this.control('POST', 'socket/drop');
  }

  /** Sets a message's status at once, as a receipt would (`message:status` on the socket). */
  setMessageStatus(messageId: string, status: MessageStatus | null, error?: string): Promise<Message> {
    return this.control('PATCH', `messages/${encodeURIComponent(messageId)}`, { status, error });
  }

  /** Back to an empty world: no channels, conversations or failures, default scenario and timings. */
  reset(): Promise<SandboxState> {
    return this.control('POST', 'reset');
  }

  async mintToken(ttlSeconds = 60): Promise<string> {
    const response = await fetch('/__sandbox/token', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ tenant: this.apiKey, ttl_seconds: ttlSeconds }),
    });
    const json = (await response.json()) as { data: { token: string } };
    return json.data.token;
  }

  /** The pending attempt of a channel type, once the element has started one. */
  async attempt(type: string): Promise<SandboxAttempt | undefined> {
    const { attempts } = await this.state();
    return attempts.filter((attempt) => attempt.type === type).at(-1);
  }
}

/** Fast timings so QR flows and message receipts finish in a test's time. */
export const fastTimings = {
  whatsappFirstQrMs: 3000,
  whatsappNextQrMs: 2000,
  whatsappQrCount: 3,
  telegramQrMs: 2000,
  telegramQrCount: 3,
  scanToCompleteMs: 300,
  connectingToOkMs: 300,
  authStateIntervalMs: 100,
  resendCooldownMs: 1000,
  receiptDeliveredMs: 200,
  receiptReadMs: 400,
  receiptPlayedMs: 600,
};
