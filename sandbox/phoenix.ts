import type { RawData, WebSocket } from 'ws';

/** Phoenix serializer vsn 2.0.0: `[join_ref, ref, topic, event, payload]`. */
type Frame = [joinRef: string | null, ref: string | null, topic: string, event: string, payload: unknown];

export interface ChannelReply {
  status: 'ok' | 'error';
  response: unknown;
}

/** A joined topic, server side. */
export interface TopicChannel {
  /** Runs right after the join reply went out, so pushes follow it. */
  start?(): void;
  /** Answers a client push on the topic. */
  handleIn?(event: string, payload: Record<string, unknown>): ChannelReply;
  /** Stops whatever the channel started: on leave, rejoin, or when the socket goes. */
  stop(): void;
}

/** Sends server pushes on one joined topic. */
export type Push = (event: string, payload: unknown) => void;

/** A channel for the topic, a join refusal's response, or undefined for a topic nobody serves. */
export type TopicRouter = (
  topic: string,
  push: Push,
) => { channel: TopicChannel } | { refusal: Record<string, unknown> } | undefined;

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

/** One socket speaking the Phoenix channels protocol the way `Phoenix.Socket` answers it. */
export class PhoenixConnection {
  private readonly joined = new Map<string, Joined>();
  private readonly idleTimer: NodeJS.Timeout;
  /** Pushes made while a client push is handled; they follow its reply, as they would from a channel process. */
  private heldPushes: Frame[] | null = null;

  constructor(
    private readonly ws: WebSocket,
    private readonly router: TopicRouter,
    idleMs: number,
  ) {
    // Like cowboy's idle timeout: a client that stopped heart-beating is gone.
    this.idleTimer = setTimeout(() => this.ws.close(1000, 'idle'), idleMs);
    ws.on('message', (data, isBinary) => {
      this.idleTimer.refresh();
      if (isBinary) return;
      try {
        this.receive(frameText(data));
      } catch (error) {
        // A sandbox bug must not take the host dev server down with it.
        console.error('[sandbox] socket frame failed', error);
      }
    });
    ws.on('close', () => this.stopAll());
    ws.on('error', () => this.stopAll());
  }

  close(): void {
    this.stopAll();
    this.ws.terminate();
  }

  private stopAll(): void {
    clearTimeout(this.idleTimer);
    for (const { channel } of this.joined.values()) channel.stop();
    this.joined.clear();
  }

  private send(frame: Frame): void {
    if (this.heldPushes) {
      this.heldPushes.push(frame);
      return;
    }
    if (this.ws.readyState === this.ws.OPEN) this.ws.send(JSON.stringify(frame));
  }

  private reply(joinRef: string | null, ref: string | null, topic: string, reply: ChannelReply): void {
    this.send([joinRef, ref, topic, 'phx_reply', reply]);
  }

  private receive(text: string): void {
    let frame: unknown;
    try {
      frame = JSON.parse(text);
    } catch {
      return;
    }
    if (!isFrame(frame)) return;
    const [joinRef, ref, topic, event, payload] = frame;

    if (topic === 'phoenix' && event === 'heartbeat') {
      this.reply(null, ref, topic, { status: 'ok', response: {} });
      return;
    }
    if (event === 'phx_join') {
      this.join(joinRef, ref, topic);
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
    this.heldPushes = held;
    let reply: ChannelReply;
    try {
      reply = joined.channel.handleIn?.(event, payloadObject(payload)) ?? {
        status: 'error',
        response: { reason: 'unmatched event' },
      };
    } finally {
      this.heldPushes = null;
    }
    this.reply(joinRef, ref, topic, reply);
    for (const frame of held) this.send(frame);
  }

  private join(joinRef: string | null, ref: string | null, topic: string): void {
    const previous = this.joined.get(topic);
    if (previous) {
      // Phoenix closes the existing channel when the same topic is joined again.
      previous.channel.stop();
      this.joined.delete(topic);
      this.send([previous.joinRef, previous.joinRef, topic, 'phx_close', {}]);
    }
    const push: Push = (event, payload) => this.send([joinRef, null, topic, event, payload]);
    const routed = this.router(topic, push);
    if (!routed) {
      this.reply(joinRef, ref, topic, { status: 'error', response: { reason: 'unmatched topic' } });
      return;
    }
    if ('refusal' in routed) {
      this.reply(joinRef, ref, topic, { status: 'error', response: routed.refusal });
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
