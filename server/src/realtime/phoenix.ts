import type { RawData, WebSocket } from 'ws';

/** Phoenix serializer vsn 2.0.0: `[join_ref, ref, topic, event, payload]`. */
type Frame = [joinRef: string | null, ref: string | null, topic: string, event: string, payload: unknown];

export const PHOENIX_SERIALIZER_VERSION = '2.0.0';

/** setTimeout's longest wait; a longer one fires at once. */
const MAX_TIMER_MS = 2 ** 31 - 1;

export interface ChannelReply {
  status: 'ok' | 'error';
  response: unknown;
}

/** Sends server pushes on one joined topic. */
export type Push = (event: string, payload: unknown) => void;

/** A joined topic, server side. */
export interface TopicChannel {
  /** Runs right after the join reply went out, so pushes follow it. */
  start?(): void;
  /** Answers a client push on the topic; pushes the topic makes meanwhile follow the reply. */
  handleIn?(event: string, payload: Record<string, unknown>): ChannelReply | Promise<ChannelReply>;
  /** Stops whatever the channel started: on leave, rejoin, or when the socket goes. */
  stop(): void;
}

/** A channel for the topic, a join refusal's response, or undefined for a topic nobody serves. */
export type RoomJoin = { channel: TopicChannel } | { refusal: Record<string, unknown> } | undefined;

export type TopicRouter = (topic: string, push: Push) => RoomJoin | Promise<RoomJoin>;

interface Joined {
  joinRef: string | null;
  channel: TopicChannel;
}

function isFrame(value: unknown): value is Frame {
  return (
    Array.isArray(value) &&
    value.length === 5 &&
    (value[0] === null || typeof value[0] === 'string') &&
    (value[1] === null || typeof value[1] === 'string') &&
    typeof value[2] === 'string' &&
    typeof value[3] === 'string'
  );
}

function frameText(data: RawData): string {
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  return (data instanceof ArrayBuffer ? Buffer.from(data) : data).toString('utf8');
}

function payloadObject(payload: unknown): Record<string, unknown> {
  return typeof payload === 'object' && payload !== null && !Array.isArray(payload)
    ? (payload as Record<string, unknown>)
    : {};
}

/**
 * One socket speaking the Phoenix channels protocol the way `Phoenix.Socket` answers it. Frames are
 * handled one at a time in arrival order, so a join that has to ask an upstream first still answers
 * before the pushes that follow it.
 */
export class PhoenixConnection {
  private readonly joined = new Map<string, Joined>();
  private readonly idleTimer: NodeJS.Timeout;
  private expiryTimer: NodeJS.Timeout | undefined;
  /** Pushes a topic makes while a client push on it is handled; they follow its reply. */
  private readonly heldPushes = new Map<string, Frame[]>();
  private queue: Promise<void> = Promise.resolve();
  private closed = false;
  /** Frames received so far; a frame read after the idle timer fired re-arms it and spares the socket. */
  private framesHeard = 0;

  constructor(
    private readonly ws: WebSocket,
    private readonly router: TopicRouter,
    idleMs: number,
    private readonly onError: (error: unknown) => void = (error) =>
      console.error('[phoenix] socket frame failed', error),
  ) {
    // Like cowboy's idle timeout: a client that stopped heart-beating is gone.
    this.idleTimer = setTimeout(() => this.closeIfIdle(), idleMs);
    ws.on('message', (data, isBinary) => {
      this.framesHeard += 1;
      this.idleTimer.refresh();
      if (isBinary) return;
      const text = frameText(data);
      this.queue = this.queue.then(() => this.receive(text)).catch(this.onError);
    });
    ws.on('close', () => this.stopAll());
    ws.on('error', () => this.stopAll());
  }

  close(): void {
    this.stopAll();
    this.ws.terminate();
  }

  /**
   * Closes the socket with `code` and `reason` at `at` (ms since the epoch), when what let it in (a
   * session token) runs out. Timers wait at most about 24 days at a time, so a later moment is reached in steps.
   */
  closeAt(at: number, code: number, reason: string): void {
    clearTimeout(this.expiryTimer);
    const wait = at - Date.now();
    if (wait <= 0) {
      this.stopAll();
      this.ws.close(code, reason);
      return;
    }
    this.expiryTimer = setTimeout(() => this.closeAt(at, code, reason), Math.min(wait, MAX_TIMER_MS));
  }

  /**
   * A timer that fires late, after the event loop was busy, runs before the frames that arrived
   * meanwhile are read; the idle verdict waits for them (setImmediate runs after the I/O poll).
   */
  private closeIfIdle(): void {
    const heardBefore = this.framesHeard;
    setImmediate(() => {
      if (!this.closed && this.framesHeard === heardBefore) this.ws.close(1000, 'idle');
    });
  }

  private stopAll(): void {
    this.closed = true;
    clearTimeout(this.idleTimer);
    clearTimeout(this.expiryTimer);
    for (const { channel } of this.joined.values()) channel.stop();
    this.joined.clear();
  }

  private send(frame: Frame): void {
    const held = this.heldPushes.get(frame[2]);
    if (held && frame[3] !== 'phx_reply') {
      held.push(frame);
      return;
    }
    if (this.ws.readyState === this.ws.OPEN) this.ws.send(JSON.stringify(frame));
  }

  private reply(joinRef: string | null, ref: string | null, topic: string, reply: ChannelReply): void {
    this.send([joinRef, ref, topic, 'phx_reply', reply]);
  }

  private async receive(text: string): Promise<void> {
    let frame: unknown;
    try {
      frame = JSON.parse(text);
    } catch {
      return;
    }
    if (!isFrame(frame) || this.closed) return;
    const [joinRef, ref, topic, event, payload] = frame;

    if (topic === 'phoenix' && event === 'heartbeat') {
      this.reply(null, ref, topic, { status: 'ok', response: {} });
      return;
    }
    if (event === 'phx_join') {
      await this.join(joinRef, ref, topic);
      return;
    }
    const joined = this.joined.get(topic);
    if (!joined) {
      this.reply(joinRef, ref, topic, { status: 'error', response: { reason: 'unmatched topic' } });
      return;
    }
    if (event === 'phx_leave') {
      this.leave(topic, ref);
      return;
    }
    const held: Frame[] = [];
    this.heldPushes.set(topic, held);
    let reply: ChannelReply;
    try {
      reply = (await joined.channel.handleIn?.(event, payloadObject(payload))) ?? {
        status: 'error',
        response: { reason: 'unmatched event' },
      };
    } catch (error) {
      this.onError(error);
      reply = { status: 'error', response: { reason: 'internal error' } };
    } finally {
      this.heldPushes.delete(topic);
    }
    this.reply(joinRef, ref, topic, reply);
    for (const frame of held) this.send(frame);
  }

  private async join(joinRef: string | null, ref: string | null, topic: string): Promise<void> {
    const previous = this.joined.get(topic);
    if (previous) {
      // Phoenix closes the existing channel when the same topic is joined again.
      previous.channel.stop();
      this.joined.delete(topic);
      this.send([previous.joinRef, previous.joinRef, topic, 'phx_close', {}]);
    }
    const push: Push = (event, payload) => this.send([joinRef, null, topic, event, payload]);
    let routed: RoomJoin;
    try {
      routed = await this.router(topic, push);
    } catch (error) {
      this.onError(error);
      this.reply(joinRef, ref, topic, { status: 'error', response: { reason: 'join crashed' } });
      return;
    }
    if (!routed) {
      this.reply(joinRef, ref, topic, { status: 'error', response: { reason: 'unmatched topic' } });
      return;
    }
    if ('refusal' in routed) {
      this.reply(joinRef, ref, topic, { status: 'error', response: routed.refusal });
      return;
    }
    if (this.closed) {
      routed.channel.stop();
      return;
    }
    this.joined.set(topic, { joinRef, channel: routed.channel });
    this.reply(joinRef, ref, topic, { status: 'ok', response: {} });
    routed.channel.start?.();
  }

  private leave(topic: string, ref: string | null): void {
    const joined = this.joined.get(topic);
    if (!joined) return;
    joined.channel.stop();
    this.joined.delete(topic);
    this.reply(joined.joinRef, ref, topic, { status: 'ok', response: {} });
    this.send([joined.joinRef, joined.joinRef, topic, 'phx_close', {}]);
  }
}

const AUTH_TOKEN_PREFIX = 'base64url.bearer.phx.';

/**
 * The token a Phoenix client sent in `Sec-WebSocket-Protocol` (phoenix 1.8's `authToken` option:
 * `phoenix, base64url.bearer.phx.<token in base64>`), so it never appears in a URL or an access log.
 */
export function tokenFromProtocols(header: string | string[] | undefined): string | undefined {
  const value = Array.isArray(header) ? header.join(',') : header;
  if (!value) return undefined;
  const encoded = value
    .split(',')
    .map((part) => part.trim())
    .find((part) => part.startsWith(AUTH_TOKEN_PREFIX))
    ?.slice(AUTH_TOKEN_PREFIX.length);
  if (!encoded) return undefined;
  const token = Buffer.from(encoded, 'base64').toString('utf8');
  return token === '' ? undefined : token;
}

/** The subprotocol to answer with: a browser drops a connection whose answer names none it offered. */
export function selectProtocol(protocols: Set<string>): string | false {
  return protocols.has('phoenix') ? 'phoenix' : false;
}
