import type { Conversation, Message } from '../contract.js';
import type { SqlStore } from '../db/sql-store.js';
import {
  ProviderError,
  type CustomerContext,
  type ConversationQuery,
  type InboxProvider,
  type UpstreamConversations,
} from '../providers/provider.js';

/** How many pages of a channel's conversations a lookup reads before it gives up on an id. */
const MAX_LOOKUP_PAGES = 10;
const LOOKUP_PAGE_SIZE = 100;

const conversationKey = (customerId: string, conversationId: string) =>
  `conversation-channel:${customerId}:${conversationId}`;
const sentMessageKey = (customerId: string, messageId: string) => `sent-message:${customerId}:${messageId}`;

/**
 * Keeps a session that `authorize` limited to some channels within them: which channel a conversation
 * (or a message sent through the server) belongs to. The store knows it for conversations it keeps; for
 * an upstream's conversations it is remembered from the upstream's lists, and looked up in the lists of
 * the session's channels when an id is new.
 */
export class ChannelScope {
  constructor(
    private readonly provider: InboxProvider,
    private readonly store: SqlStore,
  ) {}

  /** Whether the session may reach the conversation; always, for a session of every channel. */
  async allowsConversation(ctx: CustomerContext, conversationId: string): Promise<boolean> {
    const allowed = ctx.channelIds;
    if (allowed === undefined) return true;
    const channelId = await this.channelOf(ctx, conversationId);
    return channelId !== undefined && allowed.includes(channelId);
  }

  /** Whether the session may delete the message: one sent through the server in a conversation it may reach. */
  async allowsMessage(ctx: CustomerContext, messageId: string): Promise<boolean> {
    if (ctx.channelIds === undefined) return true;
    const conversationId = await this.store.customerValue(
      ctx.customerId,
      sentMessageKey(ctx.customerId, messageId),
    );
    return typeof conversationId === 'string' && this.allowsConversation(ctx, conversationId);
  }

  /** Notes the channels of an upstream's conversations a limited session was shown. */
  async rememberConversations(ctx: CustomerContext, conversations: readonly Conversation[]): Promise<void> {
    if (ctx.channelIds === undefined || this.provider.conversations.kind !== 'upstream') return;
    for (const conversation of conversations) {
      await this.store.setCustomerValue(
        ctx.customerId,
        conversationKey(ctx.customerId, conversation.id),
        conversation.channel_id,
      );
    }
  }

  /** Notes the conversation of a message sent to an upstream, so that a limited session may delete it. */
  async rememberSent(ctx: CustomerContext, message: Message): Promise<void> {
    if (this.provider.conversations.kind !== 'upstream') return;
    await this.store.setCustomerValue(
      ctx.customerId,
      sentMessageKey(ctx.customerId, message.id),
      message.conversation_id,
    );
  }

  private async channelOf(ctx: CustomerContext, conversationId: string): Promise<number | undefined> {
    const conversations = this.provider.conversations;
    if (conversations.kind === 'stored')
      return (await this.store.conversation(ctx.customerId, conversationId))?.channel_id;
    const known = await this.store.customerValue(
      ctx.customerId,
      conversationKey(ctx.customerId, conversationId),
    );
    if (typeof known === 'number') return known;
    for (const channelId of ctx.channelIds ?? []) {
      let cursor: string | undefined;
      for (let page = 0; page < MAX_LOOKUP_PAGES; page += 1) {
        const answer = await listOrNone(conversations, ctx, {
          channelId,
          limit: LOOKUP_PAGE_SIZE,
          ...(cursor === undefined ? {} : { cursor }),
        });
        if (!answer) break;
        const items = answer.items.filter((item) => item.channel_id === channelId);
        await this.rememberConversations(ctx, items);
        if (items.some((item) => item.id === conversationId)) return channelId;
        if (answer.next_cursor === null) break;
        cursor = answer.next_cursor;
      }
    }
    return undefined;
  }
}

/** A page of the channel's conversations; undefined when the upstream refuses the channel (not the customer's). */
async function listOrNone(
  conversations: UpstreamConversations,
  ctx: CustomerContext,
  query: ConversationQuery,
) {
  try {
    return await conversations.list(ctx, query);
  } catch (error) {
    if (error instanceof ProviderError && error.status >= 400 && error.status < 500) return undefined;
    throw error;
  }
}
