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
  return (topic, push) => {
    if (topic === 'inbox') {
      const deliver = (event: InboxEvent) => {
        const channelId = channelOf(event);
        if (channelId !== undefined && ctx.channelIds !== undefined && !ctx.channelIds.includes(channelId))
          return;
        push(event.event, event.payload);
      };
      let stops: (() => void)[] = [];
      return {
        channel: {
          start() {
            stops = [bus.subscribe(ctx.customerId, deliver)];
            if (provider.relayInbox) stops.push(provider.relayInbox(ctx, deliver));
          },
          stop() {
            for (const stop of stops) stop();
            stops = [];
          },
        },
      };
    }
    return provider.joinRoom?.(ctx, topic, push);
  };
}
