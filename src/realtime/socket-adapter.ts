import { atom, type ReadableAtom } from 'nanostores';
import type { Channel, Socket, SocketConnectOption } from 'phoenix';
import { ApiError } from '../api/errors.js';
import type { TokenCache } from '../api/token-cache.js';
import type { decodeFrame } from './frame-decoder.js';

/**
 * `idle`: nobody subscribed, no socket. `connecting`: the first connection is being made.
 * `open`: connected. `reconnecting`: the connection dropped (or never opened) and phoenix retries.
 * `closed`: the socket could not be set up (its client did not load, no token); subscriptions ended.
 */
export type SocketState = 'idle' | 'connecting' | 'open' | 'reconnecting' | 'closed';

export interface SocketAdapterConfig {
  /** `ws(s)://`, `http(s)://` or a path such as `/socket`; `/websocket` is appended by phoenix. */
  socketUrl: string;
  apiKey?: string;
  /** The host's source of short-lived session tokens; preferred over `apiKey`. */
  getToken?: () => Promise<string>;
  heartbeatIntervalMs?: number;
}

export type TopicHandlers = Record<string, (payload: unknown) => void>;

export interface JoinOptions {
  /** After every successful join and rejoin: the moment to fetch what was missed meanwhile. */
  onJoin?: () => void;
  /**
   * The server refused the join (with its reply's response), the join timed out, or the socket could
   * not be set up. phoenix retries refused and timed-out joins; a failed setup ends the subscription.
   */
  onError?: (reason: unknown) => void;
}

export interface TopicSubscription {
  leave(): void;
  /** Resolves with the reply's response; rejects with an error reply's response, or a timeout `ApiError`. */
  push(event: string, payload: object): Promise<unknown>;
}

interface Subscriber {
  handlers: TopicHandlers;
  options: JoinOptions;
}

/** One phoenix channel, shared by every subscriber of its topic. */
interface Topic {
  readonly name: string;
  readonly subscribers: Set<Subscriber>;
  /** Resolves once the socket is ready and the channel joins over it. */
  readonly attached: Promise<Channel>;
  channel: Channel | undefined;
  joined: boolean;
}

/** phoenix 1.8 takes `authToken` as a function too, which its 1.6 typings do not know. */
type PhoenixSocketOptions = Partial<Omit<SocketConnectOption, 'authToken'>> & { authToken?: () => string };

/** phoenix wants a ws(s) URL; hosts may give an http(s) one or a path on the page's origin. */
export function toSocketEndpoint(socketUrl: string): string {
  const url = new URL(socketUrl, document.baseURI);
  if (url.protocol === 'http:') url.protocol = 'ws:';
  if (url.protocol === 'https:') url.protocol = 'wss:';
  return url.href.replace(/\/+$/, '');
}

/**
 * Phoenix channels (serializer 2.0.0) through the official client, loaded only when the first topic
 * is joined. The socket opens with the first subscription and closes with the last one.
 */
export class SocketAdapter {
  readonly state: ReadableAtom<SocketState>;

  private readonly writableState = atom<SocketState>('idle');
  private readonly topics = new Map<string, Topic>();
  /** Made with the socket client, from `getToken`. */
  private tokens: TokenCache | undefined;
  /** Kept across sessions: phoenix adds page listeners per socket that it never removes. */
  private socket: Socket | undefined;
  /** The socket of the current session, from the first join until the last leave. */
  private session: Promise<Socket> | undefined;
  /** The token the current connection was opened with, to tell whether a drop calls for a new one. */
  private tokenInUse: string | undefined;

  constructor(private readonly config: SocketAdapterConfig) {
    this.state = this.writableState;
  }

  join(name: string, handlers: TopicHandlers, options: JoinOptions = {}): TopicSubscription {
    const session = this.session ?? this.start();
    const topic = this.topics.get(name) ?? this.addTopic(name, session);
    const subscriber: Subscriber = { handlers, options };
    topic.subscribers.add(subscriber);
    if (topic.joined) {
      queueMicrotask(() => {
        if (topic.subscribers.has(subscriber)) options.onJoin?.();
      });
    }
    return {
      leave: () => this.leave(topic, subscriber),
      push: (event, payload) => this.push(topic, subscriber, event, payload),
    };
  }

  private addTopic(name: string, session: Promise<Socket>): Topic {
    const topic: Topic = {
      name,
      subscribers: new Set(),
      attached: session.then((socket) => this.openChannel(topic, socket)),
      channel: undefined,
      joined: false,
    };
    topic.attached.catch(() => {
      // A failed setup reaches the subscribers through `onError`; a topic left early needs nothing.
    });
    this.topics.set(name, topic);
    return topic;
  }

  private start(): Promise<Socket> {
    this.writableState.set('connecting');
    const session = this.openSocket();
    this.session = session;
    session.then(
      (socket) => {
        if (this.session === session) socket.connect();
      },
      (error: unknown) => {
        if (this.session === session) this.fail(error);
      },
    );
    return session;
  }

  private async openSocket(): Promise<Socket> {
    const [{ Socket }, { decodeFrame }] = await Promise.all([
      import('phoenix'),
      import('./frame-decoder.js'),
      this.sessionToken(),
    ]);
    // Everyone left while phoenix loaded: a socket made now would add page listeners for nothing.
    if (!this.session) throw new Error('The socket was stopped before it loaded');
    this.socket ??= this.createSocket(Socket, decodeFrame);
    return this.socket;
  }

  private async sessionToken(): Promise<string | undefined> {
    const { getToken } = this.config;
    if (!getToken) return undefined;
    const { TokenCache } = await import('../api/token-cache.js');
    this.tokens ??= new TokenCache(getToken);
    return this.tokens.get();
  }

  private createSocket(SocketClass: typeof Socket, decode: typeof decodeFrame): Socket {
    const hasCredential = this.config.getToken !== undefined || this.config.apiKey !== undefined;
    const options: PhoenixSocketOptions = {
      // In the Sec-WebSocket-Protocol header rather than the URL, which access logs and proxies keep.
      // A function, so that every reconnect sends the token cached at that moment.
      ...(hasCredential ? { authToken: () => this.connectToken() } : {}),
      vsn: '2.0.0',
      decode,
      heartbeatIntervalMs: this.config.heartbeatIntervalMs,
    };
    const socket = new SocketClass(
      toSocketEndpoint(this.config.socketUrl),
      options as Partial<SocketConnectOption>,
    );
    socket.onOpen(() => {
      if (this.session) this.writableState.set('open');
    });
    socket.onError(() => this.handleDrop());
    socket.onClose(() => this.handleDrop());
    return socket;
  }

  private connectToken(): string {
    const token = this.tokens?.latest ?? this.config.apiKey ?? '';
    this.tokenInUse = token;
    return token;
  }

  private handleDrop(): void {
    if (!this.session) return;
    this.writableState.set('reconnecting');
    // The browser does not tell a refused token from a dead server, so every drop renews the token
    // the connection used; the cache makes that one `getToken()` per token, whatever the retries.
    if (this.tokens && this.tokenInUse !== undefined) {
      this.tokens.refresh(this.tokenInUse).catch(() => {
        // The connection keeps the token it has; the next drop asks again.
      });
    }
  }

  private openChannel(topic: Topic, socket: Socket): Channel {
    if (this.topics.get(topic.name) !== topic) throw new Error(`Left ${topic.name} before it was joined`);
    const channel = socket.channel(topic.name);
    topic.channel = channel;
    channel.onMessage = (event: string, payload: unknown) => {
      for (const { handlers } of [...topic.subscribers]) {
        if (Object.hasOwn(handlers, event)) handlers[event](payload);
      }
      return payload;
    };
    channel.onError(() => {
      topic.joined = false;
    });
    // phoenix resends this same join on every rejoin, so these hooks fire each time.
    channel
      .join()
      .receive('ok', () => {
        topic.joined = true;
        for (const { options } of [...topic.subscribers]) options.onJoin?.();
      })
      .receive('error', (response: unknown) => this.notifyError(topic, response))
      .receive('timeout', () => this.notifyError(topic, new ApiError({ kind: 'timeout' })));
    return channel;
  }

  private notifyError(topic: Topic, reason: unknown): void {
    topic.joined = false;
    for (const { options } of [...topic.subscribers]) options.onError?.(reason);
  }

  private async push(topic: Topic, subscriber: Subscriber, event: string, payload: object): Promise<unknown> {
    if (!topic.subscribers.has(subscriber) || this.topics.get(topic.name) !== topic) {
      throw new Error(`Not subscribed to ${topic.name}`);
    }
    const channel = await topic.attached;
    return new Promise((resolve, reject) => {
      channel
        .push(event, payload)
        .receive('ok', resolve)
        .receive('error', reject)
        .receive('timeout', () => reject(new ApiError({ kind: 'timeout' })));
    });
  }

  private leave(topic: Topic, subscriber: Subscriber): void {
    if (!topic.subscribers.delete(subscriber)) return;
    if (topic.subscribers.size > 0 || this.topics.get(topic.name) !== topic) return;
    this.topics.delete(topic.name);
    topic.channel?.leave();
    if (this.topics.size === 0) this.stop();
  }

  private stop(): void {
    this.session = undefined;
    this.socket?.disconnect();
    this.writableState.set('idle');
  }

  /** The socket could not be set up: every subscription ends, and the elements keep polling. */
  private fail(error: unknown): void {
    const topics = [...this.topics.values()];
    this.topics.clear();
    this.session = undefined;
    this.writableState.set('closed');
    for (const topic of topics) {
      for (const { options } of topic.subscribers) options.onError?.(error);
    }
  }
}
