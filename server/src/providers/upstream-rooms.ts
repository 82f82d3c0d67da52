import type { InboxEvent } from '../contract.js';
import { UpstreamSocket, type UpstreamSocketOptions } from '../realtime/phoenix-client.js';
import type { CustomerContext, Push, RoomJoin } from './provider.js';

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Joins the same topic on the upstream's socket and relays it both ways: the upstream's pushes to the
 * customer's socket, the customer's pushes (and their replies) to the upstream. One upstream connection
 * per joined room, closed with it.
 */
export async function relayRoom(
  socketOptions: Omit<UpstreamSocketOptions, 'onClose'>,
  topic: string,
  push: Push,
): Promise<RoomJoin> {
  const upstream = new UpstreamSocket(socketOptions);
  try {
    const reply = await upstream.join(topic, (event, payload) => push(event, payload));
    if (reply.status !== 'ok') {
      upstream.close();
      return { refusal: isRecord(reply.response) ? reply.response : { reason: 'refused' } };
    }
  } catch (error) {
    upstream.close();
    throw error;
  }
  return {
    channel: {
      handleIn: (event, payload) => upstream.push(topic, event, payload),
      stop: () => upstream.close(),
    },
  };
}

const INBOX_EVENTS: ReadonlySet<string> = new Set([
  'message:new',
  'message:status',
  'message:deleted',
  'conversation:updated',
  'channel:status',
  'typing',
  'presence',
]);

/**
 * Relays the upstream's `inbox` topic of each customer to that customer's sockets on this process,
 * through one upstream connection per customer however many sockets listen.
 */
export class InboxRelays {
  private readonly relays = new Map<
    string,
    { socket: UpstreamSocket; joined: Promise<unknown>; listeners: Set<(event: InboxEvent) => void> }
  >();

  constructor(
    private readonly socketOptions: (customerId: string) => Omit<UpstreamSocketOptions, 'onClose'>,
  ) {}

  relay = async (ctx: CustomerContext, deliver: (event: InboxEvent) => void): Promise<() => void> => {
    let relay = this.relays.get(ctx.customerId);
    if (!relay) {
      const listeners = new Set<(event: InboxEvent) => void>();
      const socket = new UpstreamSocket({
        ...this.socketOptions(ctx.customerId),
        onClose: () => {
          if (this.relays.get(ctx.customerId)?.socket === socket) this.relays.delete(ctx.customerId);
        },
      });
      const joined = socket.join('inbox', (event, payload) => {
        if (!INBOX_EVENTS.has(event)) return;
        for (const listener of [...listeners]) listener({ event, payload } as InboxEvent);
      });
      relay = { socket, joined, listeners };
      this.relays.set(ctx.customerId, relay);
    }
    const current = relay;
    current.listeners.add(deliver);
    const stop = () => {
      current.listeners.delete(deliver);
      if (current.listeners.size > 0) return;
      current.socket.close();
      if (this.relays.get(ctx.customerId) === current) this.relays.delete(ctx.customerId);
    };
    try {
      const reply = (await current.joined) as { status: string };
      if (reply.status !== 'ok') throw new Error('The upstream refused its inbox topic');
    } catch (error) {
      stop();
      throw error;
    }
    return stop;
  };

  close(): void {
    for (const { socket } of this.relays.values()) socket.close();
    this.relays.clear();
  }
}
