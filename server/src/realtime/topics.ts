import type { ChannelScope } from '../auth/channel-scope.js';
import type { InboxEvent } from '../contract.js';
import type { CustomerContext, InboxProvider } from '../providers/provider.js';
import type { EventBus } from './event-bus.js';
import type { TopicRouter } from './phoenix.js';

/** The channel an event names, or the conversation whose channel decides. */
function subjectOf(event: InboxEvent): { channelId: number } | { conversationId: string } {
  switch (event.event) {
    case 'channel:status':
      return { channelId: event.payload.channel.id };
    case 'conversation:updated':
      return { channelId: event.payload.conversation.channel_id };
    case 'message:new':
      return { conversationId: event.payload.message.conversation_id };
    case 'message:status':
    case 'message:deleted':
    case 'typing':
    case 'presence':
      return { conversationId: event.payload.conversation_id };
  }
}

/**
 * Whether a session may see the event: all of them for a session of every channel; for one limited to
 * some channels, those about its channels and their conversations (each conversation looked up once).
 */
function channelFilter(ctx: CustomerContext, scope: ChannelScope): (event: InboxEvent) => Promise<boolean> {
  const allowed = ctx.channelIds;
  const conversations = new Map<string, Promise<boolean>>();
  return async (event) => {
    if (allowed === undefined) return true;
    const subject = subjectOf(event);
    if ('channelId' in subject) return allowed.includes(subject.channelId);
    let verdict = conversations.get(subject.conversationId);
    if (!verdict) {
      verdict = scope.allowsConversation(ctx, subject.conversationId);
      conversations.set(subject.conversationId, verdict);
      // A conversation not found yet may be found later; only a yes is kept.
      verdict.then(
        (yes) => yes || conversations.delete(subject.conversationId),
        () => conversations.delete(subject.conversationId),
      );
    }
    return verdict;
  };
}

/**
 * The topics of one customer's socket: `inbox` with that customer's events from every server process
 * (and the provider's upstream relay), and the provider's rooms.
 */
export function customerTopics(
  ctx: CustomerContext,
  bus: EventBus,
  provider: InboxProvider,
  scope: ChannelScope,
): TopicRouter {
  return async (topic, push) => {
    if (topic !== 'inbox') return provider.joinRoom?.(ctx, topic, push);
    const maySee = channelFilter(ctx, scope);
    // Events are held from the moment the subscriptions exist until the join reply went out.
    let held: InboxEvent[] | undefined = [];
    // One at a time in arrival order, though deciding whether the session may see one can take a lookup.
    let queue = Promise.resolve();
    const deliver = (event: InboxEvent) => {
      queue = queue
        .then(async () => {
          if (!(await maySee(event))) return;
          if (held) held.push(event);
          else push(event.event, event.payload);
        })
        .catch((error: unknown) =>
          console.error('[inbox-elements-server] an event was not delivered', error),
        );
    };
    const stops = [bus.subscribe(ctx.customerId, deliver)];
    try {
      if (provider.relayInbox) stops.push(await provider.relayInbox(ctx, deliver));
    } catch (error) {
      for (const stop of stops) stop();
      throw error;
    }
    return {
      channel: {
        start() {
          const pending = held ?? [];
          held = undefined;
          for (const event of pending) push(event.event, event.payload);
        },
        stop() {
          for (const stop of stops) stop();
        },
      },
    };
  };
}
