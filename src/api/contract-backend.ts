import type { Backend } from './backend.js';
import { createHttpClient, type ClientConfig } from './http.js';
import {
  ShapeError,
  parseChannel,
  parseChannelList,
  parseConversationPage,
  parseInstagramConnectResult,
  parseMessage,
  parseMessagePage,
  parseQrAttemptStatus,
  parseQrConnectStart,
} from './validate.js';

export type { ClientConfig } from './http.js';

/**
 * Seed 001's refresh and disconnect name no channel; with several of a type, the channel's id goes in
 * the body (`{"id": 12}`), which a backend that knows one channel per type ignores.
 */
function channelSelector(id: number | undefined): { id: number } | undefined {
  return id === undefined ? undefined : { id };
}

/** Query parameters with the unset ones left out. */
function queryOf(entries: Record<string, string | number | undefined>): Record<string, string> {
  const query: Record<string, string> = {};
  for (const [name, value] of Object.entries(entries)) if (value !== undefined) query[name] = String(value);
  return query;
}

/** The `Backend` that speaks the contract of `shared/contract.md` (the SkylightChat channels API). */
export function createContractBackend(config: ClientConfig): Backend {
  const request = createHttpClient(config);
  return {
    listChannels: (options) =>
      request({
        method: 'get',
        path: 'channels',
        signal: options?.signal,
        read: ({ data }) => parseChannelList(data),
      }),

    connectQr: (channel, options) =>
      request({
        method: 'post',
        path: `channels/${channel}/connect`,
        signal: options?.signal,
        read: ({ data }) => parseQrConnectStart(data),
      }),

    getQrStatus: (channel, accountId, options) =>
      request({
        method: 'get',
        path: `channels/${channel}/status`,
        query: { account_id: accountId },
        signal: options?.signal,
        read: ({ data }) => parseQrAttemptStatus(data),
      }),

    getChannelStatus: (channel, options) =>
      request({
        method: 'get',
        path: `channels/${channel}/status`,
        signal: options?.signal,
        read: ({ data }) => parseChannel(data),
      }),

    refreshChannel: (channel, options) =>
      request({
        method: 'post',
        path: `channels/${channel}/refresh`,
        json: channelSelector(options?.id),
        signal: options?.signal,
        read: ({ data }) => parseChannel(data),
      }),

    disconnectChannel: (channel, options) =>
      request({
        method: 'post',
        path: `channels/${channel}/disconnect`,
        json: channelSelector(options?.id),
        signal: options?.signal,
        read: () => undefined,
      }),

    connectInstagram: (credentials, options) =>
      request({
        method: 'post',
        path: 'channels/instagram/connect',
        json: {
          username: credentials.username,
          password: credentials.password,
          country: credentials.country,
        },
        signal: options?.signal,
        read: ({ data, message }) => parseInstagramConnectResult(data, message),
      }),

    submitInstagramCode: (accountId, code, options) =>
      request({
        method: 'post',
        path: 'channels/instagram/2fa',
        json: { account_id: accountId, code },
        signal: options?.signal,
        read: ({ data, message }) => parseInstagramConnectResult(data, message),
      }),

    resendInstagramCode: (accountId, options) =>
      request({
        method: 'post',
        path: 'channels/instagram/2fa/resend',
        json: { account_id: accountId },
        signal: options?.signal,
        read: ({ message }) => {
          if (message === undefined) throw new ShapeError('resend: expected a message');
          return { message };
        },
      }),

    listConversations: (query) =>
      request({
        method: 'get',
        path: 'conversations',
        query: queryOf({ channel_id: query?.channelId, cursor: query?.cursor, limit: query?.limit }),
        signal: query?.signal,
        read: ({ data }) => parseConversationPage(data),
      }),

    listMessages: (conversationId, query) =>
      request({
        method: 'get',
        path: `conversations/${encodeURIComponent(conversationId)}/messages`,
        query: queryOf({ before: query?.before, after: query?.after, limit: query?.limit }),
        signal: query?.signal,
        read: ({ data }) => parseMessagePage(data),
      }),

    sendMessage: (conversationId, message, options) =>
      request({
        method: 'post',
        path: `conversations/${encodeURIComponent(conversationId)}/messages`,
        json: message,
        idempotent: true,
        signal: options?.signal,
        read: ({ data }) => parseMessage(data),
      }),

    sendFile: (conversationId, outgoing, options) => {
      const form = new FormData();
      form.append('file', outgoing.file, outgoing.file_name);
      form.append('external_id', outgoing.external_id);
      if (outgoing.caption) form.append('caption', outgoing.caption);
      return request.upload({
        path: `conversations/${encodeURIComponent(conversationId)}/files`,
        form,
        signal: options?.signal,
        onProgress: options?.onProgress,
        read: ({ data }) => parseMessage(data),
      });
    },

    markRead: (conversationId, upToMessageId, options) =>
      request({
        method: 'post',
        path: `conversations/${encodeURIComponent(conversationId)}/read`,
        json: { up_to_message_id: upToMessageId },
        signal: options?.signal,
        read: () => undefined,
      }),

    deleteMessage: (messageId, options) =>
      request({
        method: 'delete',
        path: `messages/${encodeURIComponent(messageId)}`,
        signal: options?.signal,
        read: () => undefined,
      }),
  };
}
