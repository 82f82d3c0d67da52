import type {
  Channel,
  ConversationPage,
  Message,
  MessagePage,
  MessageSearchPage,
  PairingCodeStart,
  QrAttemptStatus,
  QrConnectStart,
  StartedConversation,
} from '../../contract.js';
import { ContractUpstream } from '../contract-upstream.js';
import type { ChannelTarget, CustomerContext, InboxProvider } from '../provider.js';
import { InboxRelays, relayRoom } from '../upstream-rooms.js';

export interface SandboxProviderOptions {
  /** The sandbox's origin, e.g. `http://127.0.0.1:8787` (`npm run sandbox`). */
  url: string;
  /** Each customer is a sandbox tenant named by this prefix and the customer id; default `customer:`. */
  tenantPrefix?: string;
}

const WHATSAPP_AUTH_ROOM = /^room:v1:whats_app:auth:[^:\s]{1,100}$/;
const TELEGRAM_AUTH_ROOM = 'room:v1:telegram:auth';

function targetQuery(target: ChannelTarget) {
  return { query: { account_id: target.accountId }, json: target.id === undefined ? {} : { id: target.id } };
}

function idSegment(id: string): string {
  return encodeURIComponent(id);
}

/**
 * The repository's sandbox as the upstream: it speaks the contract, so calls go through as they are,
 * each customer in a sandbox tenant of its own (the sandbox keeps tenants apart).
 */
export function sandboxProvider(options: SandboxProviderOptions): InboxProvider {
  const prefix = options.tenantPrefix ?? 'customer:';
  const tenantKey = (customerId: string) => `${prefix}${customerId}`;
  const upstream = new ContractUpstream(options.url, (customerId) => ({
    'X-Api-Key': tenantKey(customerId),
  }));
  const socketUrl = new URL('socket/websocket', options.url.endsWith('/') ? options.url : `${options.url}/`);
  socketUrl.protocol = socketUrl.protocol === 'https:' ? 'wss:' : 'ws:';
  const socketOptions = (customerId: string) => ({
    url: socketUrl.href,
    token: tenantKey(customerId),
    tokenIn: 'protocol' as const,
  });
  const relays = new InboxRelays(socketOptions);
  const call = <T>(ctx: CustomerContext, spec: Parameters<ContractUpstream['call']>[1]) =>
    upstream.call<T>(ctx.customerId, { ...spec, signal: ctx.signal });

  return {
    name: 'sandbox',
    channels: {
      list: (ctx) => call<Channel[]>(ctx, { method: 'GET', path: 'channels' }),
      connectQr: (ctx, type) =>
        call<QrConnectStart>(ctx, { method: 'POST', path: `channels/${type}/connect` }),
      status: (ctx, type, accountId) =>
        call<QrAttemptStatus | Channel>(ctx, {
          method: 'GET',
          path: `channels/${type}/status`,
          query: { account_id: accountId },
        }),
      refresh: (ctx, type, target) =>
        call<Channel>(ctx, { method: 'POST', path: `channels/${type}/refresh`, ...targetQuery(target) }),
      disconnect: async (ctx, type, target) => {
        await call(ctx, { method: 'POST', path: `channels/${type}/disconnect`, ...targetQuery(target) });
      },
      connectInstagram: (ctx, credentials) =>
        call(ctx, { method: 'POST', path: 'channels/instagram/connect', json: credentials }),
      submitInstagramCode: (ctx, accountId, code) =>
        call(ctx, { method: 'POST', path: 'channels/instagram/2fa', json: { account_id: accountId, code } }),
      requestWhatsAppPairingCode: (ctx, request) =>
        call<PairingCodeStart>(ctx, {
          method: 'POST',
          path: 'channels/whatsapp/pairing-code',
          json: request,
        }),
      resendInstagramCode: async (ctx, accountId) => {
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
      list: (ctx, query) =>
        call<ConversationPage>(ctx, {
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
        }),
      searchMessages: (ctx, query) =>
        call<MessageSearchPage>(ctx, {
          method: 'GET',
          path: 'messages/search',
          query: {
            q: query.q,
            channel_id: query.channelId?.toString(),
            cursor: query.cursor,
            limit: String(query.limit),
          },
        }),
      startConversation: (ctx, conversation) =>
        call<StartedConversation>(ctx, { method: 'POST', path: 'conversations', json: conversation }),
      messages: (ctx, conversationId, query) =>
        call<MessagePage>(ctx, {
          method: 'GET',
          path: `conversations/${idSegment(conversationId)}/messages`,
          query: { before: query.before, after: query.after, limit: String(query.limit) },
        }),
      sendText: (ctx, conversationId, message) =>
        call<Message>(ctx, {
          method: 'POST',
          path: `conversations/${idSegment(conversationId)}/messages`,
          json: message,
        }),
      sendFile: (ctx, conversationId, file) => {
        const form = new FormData();
        form.set('file', new Blob([file.bytes], { type: file.mime_type }), file.name);
        form.set('external_id', file.external_id);
        if (file.caption !== undefined) form.set('caption', file.caption);
        if (file.reply_to_message_id !== undefined) form.set('reply_to_message_id', file.reply_to_message_id);
        return call<Message>(ctx, {
          method: 'POST',
          path: `conversations/${idSegment(conversationId)}/files`,
          form,
        });
      },
      markRead: async (ctx, conversationId, upToMessageId) => {
        await call(ctx, {
          method: 'POST',
          path: `conversations/${idSegment(conversationId)}/read`,
          json: { up_to_message_id: upToMessageId },
        });
      },
      deleteMessage: async (ctx, messageId) => {
        await call(ctx, { method: 'DELETE', path: `messages/${idSegment(messageId)}` });
      },
    },
    relayInbox: relays.relay,
    joinRoom(ctx, topic, push) {
      if (topic !== TELEGRAM_AUTH_ROOM && !WHATSAPP_AUTH_ROOM.test(topic)) return undefined;
      return relayRoom(socketOptions(ctx.customerId), topic, push);
    },
    close() {
      relays.close();
      return Promise.resolve();
    },
  };
}
