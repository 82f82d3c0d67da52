import WebSocket from 'ws';
import type { ChannelReply } from './phoenix.js';

type Frame = [joinRef: string | null, ref: string | null, topic: string, event: string, payload: unknown];

const HEARTBEAT_MS = 30_000;
const REPLY_TIMEOUT_MS = 10_000;

export interface UpstreamSocketOptions {
  /** `ws(s)://…/socket/websocket`; `vsn=2.0.0` is added. */
  url: string;
  token: string;
  /** Where the upstream expects the token: phoenix's subprotocol header, or `?token=` as seed-style APIs do. */
  tokenIn: 'protocol' | 'query';
  /** Called once when the connection ends, whoever ended it. */
  onClose?: () => void;
}

/** A server-side Phoenix client (serializer 2.0.0) for upstreams that push over Phoenix channels. */
export class UpstreamSocket {
  private readonly ws: WebSocket;
  private readonly opened: Promise<void>;
  private readonly pending = new Map<string, (reply: ChannelReply) => void>();
  private readonly handlers = new Map<
    string,
    { joinRef: string; onEvent: (event: string, payload: unknown) => void }
  >();
  private readonly heartbeat: NodeJS.Timeout;
  private lastRef = 0;

  constructor(options: UpstreamSocketOptions) {
    const url = new URL(options.url);
    url.searchParams.set('vsn', '2.0.0');
    let protocols: string[] | undefined;
    if (options.tokenIn === 'query') url.searchParams.set('token', options.token);
    else
      protocols = [
        'phoenix',
        `base64url.bearer.phx.${Buffer.from(options.token).toString('base64').replace(/=+$/, '')}`,
      ];
    this.ws = new WebSocket(url, protocols);
    this.opened = new Promise((resolve, reject) => {
      this.ws.once('open', () => resolve());
      this.ws.once('error', reject);
      this.ws.once('unexpected-response', (_request, response) =>
        reject(new Error(`The upstream socket refused the connection (${response.statusCode})`)),
      );
    });
    this.opened.catch(() => undefined);
    this.ws.on('message', (data: Buffer) => this.receive(data.toString('utf8')));
    this.ws.on('error', () => undefined);
    this.ws.once('close', () => {
      clearInterval(this.heartbeat);
      for (const resolve of this.pending.values())
        resolve({ status: 'error', response: { reason: 'closed' } });
      this.pending.clear();
      options.onClose?.();
    });
    this.heartbeat = setInterval(
      () => void this.request(null, 'phoenix', 'heartbeat', {}).catch(() => undefined),
      HEARTBEAT_MS,
    );
    this.heartbeat.unref();
  }

  /** Joins `topic`; resolves with the join reply (`status: 'error'` when refused). */
  async join(topic: string, onEvent: (event: string, payload: unknown) => void): Promise<ChannelReply> {
    const joinRef = this.nextRef();
    this.handlers.set(topic, { joinRef, onEvent });
    const reply = await this.request(joinRef, topic, 'phx_join', {}, joinRef);
    if (reply.status !== 'ok') this.handlers.delete(topic);
    return reply;
  }

  push(topic: string, event: string, payload: unknown): Promise<ChannelReply> {
    const joined = this.handlers.get(topic);
    return this.request(joined?.joinRef ?? null, topic, event, payload);
  }

  leave(topic: string): void {
    const joined = this.handlers.get(topic);
    if (!joined) return;
    this.handlers.delete(topic);
    void this.request(joined.joinRef, topic, 'phx_leave', {}).catch(() => undefined);
  }

  close(): void {
    clearInterval(this.heartbeat);
    this.ws.terminate();
  }

  private nextRef(): string {
    this.lastRef += 1;
    return String(this.lastRef);
  }

  private async request(
    joinRef: string | null,
    topic: string,
    event: string,
    payload: unknown,
    ref = this.nextRef(),
  ): Promise<ChannelReply> {
    await this.opened;
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.pending.delete(ref);
        resolve({ status: 'error', response: { reason: 'timeout' } });
      }, REPLY_TIMEOUT_MS);
      this.pending.set(ref, (reply) => {
        clearTimeout(timer);
        resolve(reply);
      });
      this.ws.send(JSON.stringify([joinRef, ref, topic, event, payload] satisfies Frame));
    });
  }

  private receive(text: string): void {
    let frame: unknown;
    try {
      frame = JSON.parse(text);
    } catch {
      return;
    }
    if (!Array.isArray(frame) || frame.length !== 5) return;
    const [, ref, topic, event, payload] = frame as Frame;
    if (event === 'phx_reply' && ref !== null) {
      const resolve = this.pending.get(ref);
      this.pending.delete(ref);
      const reply = payload as Partial<ChannelReply> | null;
      resolve?.({ status: reply?.status === 'ok' ? 'ok' : 'error', response: reply?.response ?? null });
      return;
    }
    if (event === 'phx_close' || event === 'phx_error') {
      this.handlers.delete(topic);
      return;
    }
    this.handlers.get(topic)?.onEvent(event, payload);
  }
}
