import type { InboxEvent } from '../contract.js';
import type { CustomerContext, InboxProvider } from '../providers/provider.js';
import type { EventBus } from './event-bus.js';
import type { TopicRouter } from './phoenix.js';

/** The channel an event is about, where the event names it. */
function channelOf(event: InboxEvent): number | undefined {
  if (event.event === 'channel:status') return event.payload.channel.id;
  if (event.event === 'conversation:updated') return event.payload.conversation.channel_id;
  return undefined;
}

/**
 * The topics of one customer's socket: `inbox` with that customer's events from every server process
 * (and the provider's upstream relay), and the provider's rooms.
 */
export function customerTopics(ctx: CustomerContext, bus: EventBus, provider: InboxProvider): TopicRouter {
  return async (topic, push) => {
    if (topic !== 'inbox') return provider.joinRoom?.(ctx, topic, push);
    // Events are held from the moment the subscriptions exist until the join reply went out.
    let held: InboxEvent[] | undefined = [];
    const deliver = (event: InboxEvent) => {
      const channelId = channelOf(event);
      if (channelId !== undefined && ctx.channelIds !== undefined && !ctx.channelIds.includes(channelId))
        return;
      if (held) held.push(event);
      else push(event.event, event.payload);
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
