import type { Backend } from './backend.js';
import type { ConversationCalls } from './conversation-calls.js';
import { ApiError } from './errors.js';
import type { ClientConfig, HttpClient, RequestSpec, UploadSpec } from './http.js';
import { skipReporterFor } from './skipped-records.js';
import {
  ShapeError,
  parseChannel,
  parseChannelList,
  parseInstagramConnectResult,
  parseQrAttemptStatus,
  parseQrConnectStart,
} from './validate.js';

export type { ClientConfig } from './http.js';

/**
 * The HTTP client (ky, retries, answer parsing) is a chunk of its own, fetched as soon as a backend is
 * made, so an element renders its loading state while the client arrives instead of after it.
 */
function loadHttpClient(config: ClientConfig): HttpClient {
  let loading: Promise<HttpClient> | undefined;
  const client = () =>
    (loading ??= import('./http.js').then(
      ({ createHttpClient }) => createHttpClient(config),
      (cause: unknown) => {
        loading = undefined;
        throw new ApiError({ kind: 'load-failed', cause });
      },
    ));
  client().catch(() => {
    // Reported by the first call, which tries again.
  });
  const request = async <T>(spec: RequestSpec<T>): Promise<T> => (await client())(spec);
  request.upload = async <T>(spec: UploadSpec<T>): Promise<T> => (await client()).upload(spec);
  return request;
}

/**
 * Refresh and disconnect name no channel (docs/providers.md#one-account-per-call); with several of a type, the channel's id goes in
 * the body (`{"id": 12}`), which a backend that knows one channel per type ignores.
 */
function channelSelector(id: number | undefined): { id: number } | undefined {
  return id === undefined ? undefined : { id };
}

/** The `Backend` that speaks the contract of docs/openapi.yaml. */
export function createContractBackend(config: ClientConfig): Backend {
  const request = loadHttpClient(config);
  // The conversation and message calls come with their parsers the first time one is made: pages
  // that only link and list accounts never download them.
  let loadingConversationCalls: Promise<ConversationCalls> | undefined;
  const conversationCalls = () =>
    (loadingConversationCalls ??= import('./conversation-calls.js').then(
      ({ createConversationCalls }) => createConversationCalls(request),
      (cause: unknown) => {
        loadingConversationCalls = undefined;
        throw new ApiError({ kind: 'load-failed', cause });
      },
    ));
  return {
    listChannels: (options) =>
      request({
        method: 'get',
        path: 'channels',
        signal: options?.signal,
        read: ({ data }) => parseChannelList(data, skipReporterFor(options?.signal)),
      }),

    connectQr: (channel, options) =>
      request({
        method: 'post',
        path: `channels/${channel}/connect`,
        json: channelSelector(options?.id),
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
          ...channelSelector(options?.id),
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

    sendMaxPhone: (phone, options) =>
      request({
        method: 'post',
        path: 'channels/max/send_phone',
        json: { phone },
        signal: options?.signal,
        read: () => undefined,
      }),

    sendMaxCode: (code, options) =>
      request({
        method: 'post',
        path: 'channels/max/send_code',
        json: { code },
        signal: options?.signal,
        read: ({ data }) => parseChannel(data),
      }),

    closeMaxSession: (options) =>
      request({
        method: 'post',
        path: 'channels/max/close_session',
        signal: options?.signal,
        read: () => undefined,
      }),

    listConversations: async (...args) => (await conversationCalls()).listConversations(...args),
    listMessages: async (...args) => (await conversationCalls()).listMessages(...args),
    sendMessage: async (...args) => (await conversationCalls()).sendMessage(...args),
    sendFile: async (...args) => (await conversationCalls()).sendFile(...args),
    markRead: async (...args) => (await conversationCalls()).markRead(...args),
    deleteMessage: async (...args) => (await conversationCalls()).deleteMessage(...args),
  };
}
