import type {
  Channel,
  ChannelType,
  ConversationPage,
  Message,
  MessagePage,
  QrAttemptStatus,
  QrConnectStart,
  TwoFactorChallenge,
} from '../../contract.js';
import { ContractUpstream, type UpstreamRequest } from '../contract-upstream.js';
import {
  ProviderError,
  type CustomerContext,
  type InboxProvider,
  type InboxStore,
  type ProviderServices,
} from '../provider.js';

export interface SkylightProviderOptions {
  /** The workspace's API key; it never leaves the server. */
  apiKey: string;
  /** Default `https://dashboard.skylightchat.com`. */
  url?: string;
}

const DEFAULT_URL = 'https://dashboard.skylightchat.com';
/** The channel types of the workspace's calls: the only values that reach an upstream path. */
const CHANNEL_TYPES: readonly ChannelType[] = ['whatsapp', 'telegram', 'instagram'];

function isChannel(value: unknown): value is Channel {
  return typeof value === 'object' && value !== null && Number.isSafeInteger((value as Channel).id);
}

function segment(id: string): string {
  return encodeURIComponent(id);
}

const notFound = (what: string) => new ProviderError(404, what);

/**
 * SkylightChat's channels API with the workspace key added on the server. Every upstream path is built
 * here from fixed strings and the three channel types, so the elements reach no other call; a customer
 * sees and changes only the channels the server linked for that customer (the mapping is in the database).
 */
export function skylightProvider(options: SkylightProviderOptions): InboxProvider {
  const upstream = new ContractUpstream(options.url ?? DEFAULT_URL, () => ({ 'X-Api-Key': options.apiKey }));
  let store: InboxStore | undefined;

  const services = () => {
    if (!store) throw new Error('The SkylightChat provider was not started');
    return { store, links: store };
  };
  const call = <T>(ctx: CustomerContext, spec: UpstreamRequest) =>
    upstream.call<T>(ctx.customerId, { ...spec, signal: ctx.signal });

  function knownType(type: ChannelType): ChannelType {
    if (!CHANNEL_TYPES.includes(type)) throw notFound('No such channel type.');
    return type;
  }

  /** Remembers which customer started a connect attempt, so only that customer can follow it. */
  async function claimAttempt(ctx: CustomerContext, accountId: string): Promise<void> {
    await services().store.setCustomerValue(ctx.customerId, `attempt:${accountId}`, true);
  }

  async function ownsAttempt(ctx: CustomerContext, accountId: string): Promise<boolean> {
    return (await services().store.findByKey(`attempt:${accountId}`))?.customerId === ctx.customerId;
  }

  /** Links a channel the upstream reports connected to the customer; refuses one another customer linked. */
  async function link(ctx: CustomerContext, channel: Channel): Promise<Channel> {
    const { links } = services();
    const owner = await links.upstreamChannelOwner(channel.id);
    if (owner !== undefined && owner !== ctx.customerId) {
      throw new ProviderError(409, 'This account is already linked by another customer.');
    }
    if (owner === undefined) await links.linkUpstreamChannel(ctx.customerId, channel.id, channel.type);
    return channel;
  }

  /** The workspace's current channel of the type, when this customer linked it. */
  async function ownedChannel(ctx: CustomerContext, type: ChannelType): Promise<Channel> {
    const channel = await call<unknown>(ctx, { method: 'GET', path: `channels/${knownType(type)}/status` });
    if (!isChannel(channel) || (await services().links.upstreamChannelOwner(channel.id)) !== ctx.customerId) {
      throw notFound('No such channel.');
    }
    return channel;
  }

  async function instagramResult(ctx: CustomerContext, result: Channel | TwoFactorChallenge) {
    if ('requires_2fa' in result) {
      await claimAttempt(ctx, result.account_id);
      return result;
    }
    return link(ctx, result);
  }

  async function ownedConversation(ctx: CustomerContext, conversationId: string): Promise<void> {
    const owner = await services().store.findByKey(`conversation:${conversationId}`);
    if (owner?.customerId !== ctx.customerId) throw notFound('No such conversation.');
  }

  return {
    name: 'skylight',
    start(given: ProviderServices) {
      store = given.store;
      return Promise.resolve();
    },
    channels: {
      async list(ctx) {
        const linked = new Set(await services().links.upstreamChannelIds(ctx.customerId));
        if (linked.size === 0) return [];
        const all = await call<Channel[]>(ctx, { method: 'GET', path: 'channels' });
        return all.filter((channel) => linked.has(channel.id));
      },
      async connectQr(ctx, type) {
        const start = await call<QrConnectStart>(ctx, { method: 'POST', path: `channels/${type}/connect` });
        await claimAttempt(ctx, start.account_id);
        return start;
      },
      async status(ctx, type, accountId) {
        if (accountId === undefined) return ownedChannel(ctx, type);
        if (!(await ownsAttempt(ctx, accountId))) throw notFound('No such connect attempt.');
        const status = await call<QrAttemptStatus>(ctx, {
          method: 'GET',
          path: `channels/${knownType(type)}/status`,
          query: { account_id: accountId },
        });
        if (status.completed && status.id !== null) await link(ctx, { ...status, id: status.id });
        return status;
      },
      async refresh(ctx, type) {
        await ownedChannel(ctx, type);
        return call<Channel>(ctx, { method: 'POST', path: `channels/${knownType(type)}/refresh` });
      },
      async disconnect(ctx, type, target) {
        // SkylightChat has no call that ends a QR attempt: an abandoned one runs out upstream.
        if (target.accountId !== undefined && (await ownsAttempt(ctx, target.accountId))) return;
        const channel = await ownedChannel(ctx, type);
        await call(ctx, { method: 'POST', path: `channels/${knownType(type)}/disconnect` });
        await services().links.unlinkUpstreamChannel(ctx.customerId, channel.id);
      },
      async connectInstagram(ctx, credentials) {
        return instagramResult(
          ctx,
          await call<Channel | TwoFactorChallenge>(ctx, {
            method: 'POST',
            path: 'channels/instagram/connect',
            json: credentials,
          }),
        );
      },
      async submitInstagramCode(ctx, accountId, code) {
        if (!(await ownsAttempt(ctx, accountId))) throw notFound('No such sign-in.');
        return instagramResult(
          ctx,
          await call<Channel | TwoFactorChallenge>(ctx, {
            method: 'POST',
            path: 'channels/instagram/2fa',
            json: { account_id: accountId, code },
          }),
        );
      },
      async resendInstagramCode(ctx, accountId) {
        if (!(await ownsAttempt(ctx, accountId))) throw notFound('No such sign-in.');
        const { message } = await upstream.envelope(ctx.customerId, {
          method: 'POST',
          path: 'channels/instagram/2fa/resend',
          json: { account_id: accountId },
          signal: ctx.signal,
        });
        return { message: message ?? '' };
      },
    },
    conversations: {
      kind: 'upstream',
      async list(ctx, query) {
        const linked = await services().links.upstreamChannelIds(ctx.customerId);
        if (query.channelId !== undefined && !linked.includes(query.channelId))
          throw notFound('No such channel.');
        if (linked.length === 0) return { items: [], next_cursor: null };
        const page = await call<ConversationPage>(ctx, {
          method: 'GET',
          path: 'conversations',
          query: {
            channel_id: query.channelId?.toString(),
            channel: query.channel,
            unread: query.unread ? 'true' : undefined,
            q: query.q,
            cursor: query.cursor,
            limit: String(query.limit),
          },
        });
        const items = page.items.filter((item) => linked.includes(item.channel_id));
        for (const item of items)
          await services().store.setCustomerValue(ctx.customerId, `conversation:${item.id}`, true);
        return { items, next_cursor: page.next_cursor };
      },
      async messages(ctx, conversationId, query) {
        await ownedConversation(ctx, conversationId);
        return call<MessagePage>(ctx, {
          method: 'GET',
          path: `conversations/${segment(conversationId)}/messages`,
          query: { before: query.before, after: query.after, limit: String(query.limit) },
        });
      },
      async sendText(ctx, conversationId, message) {
        await ownedConversation(ctx, conversationId);
        const sent = await call<Message>(ctx, {
          method: 'POST',
          path: `conversations/${segment(conversationId)}/messages`,
          json: message,
        });
        await services().store.setCustomerValue(ctx.customerId, `message:${sent.id}`, true);
        return sent;
      },
      async sendFile(ctx, conversationId, file) {
        await ownedConversation(ctx, conversationId);
        const form = new FormData();
        form.set('file', new Blob([file.bytes], { type: file.mime_type }), file.name);
        form.set('external_id', file.external_id);
        if (file.caption !== undefined) form.set('caption', file.caption);
        if (file.reply_to_message_id !== undefined) form.set('reply_to_message_id', file.reply_to_message_id);
        const sent = await call<Message>(ctx, {
          method: 'POST',
          path: `conversations/${segment(conversationId)}/files`,
          form,
        });
        await services().store.setCustomerValue(ctx.customerId, `message:${sent.id}`, true);
        return sent;
      },
      async markRead(ctx, conversationId, upToMessageId) {
        await ownedConversation(ctx, conversationId);
        await call(ctx, {
          method: 'POST',
          path: `conversations/${segment(conversationId)}/read`,
          json: { up_to_message_id: upToMessageId },
        });
      },
      async deleteMessage(ctx, messageId) {
        // Only messages sent through this server are known to be the customer's.
        if ((await services().store.findByKey(`message:${messageId}`))?.customerId !== ctx.customerId) {
          throw new ProviderError(422, 'The given data was invalid.', { delivery: ['delivery not found'] });
        }
        await call(ctx, { method: 'DELETE', path: `messages/${segment(messageId)}` });
      },
    },
  };
}
