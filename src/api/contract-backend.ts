import type { Backend } from './backend.js';
import { createHttpClient, type ClientConfig } from './http.js';
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
 * Seed 001's refresh and disconnect name no channel; with several of a type, the channel's id goes in
 * the body (`{"id": 12}`), which a backend that knows one channel per type ignores.
 */
function channelSelector(id: number | undefined): { id: number } | undefined {
  return id === undefined ? undefined : { id };
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
  };
}
