import type { Backend } from './backend.js';
import type { ConversationCalls } from './conversation-calls.js';
import type { HttpClient } from './http.js';
import { skipReporterFor } from './skipped-records.js';
import {
  parseChannelList,
  parseInstagramConnectResult,
  parsePairingCodeStart,
  parseQrAttemptStatus,
  parseQrConnectStart,
} from './validate-answers.js';
import { ShapeError, parseChannel } from './validate.js';

export type ChannelCalls = Omit<Backend, keyof ConversationCalls> &
  Required<Pick<Backend, 'requestWhatsAppPairingCode'>>;

/**
 * Refresh and disconnect name no channel (docs/providers.md#one-account-per-call); with several of a type, the channel's id goes in
 * the body (`{"id": 12}`), which a backend that knows one channel per type ignores.
 */
function channelSelector(id: number | undefined): { id: number } | undefined {
  return id === undefined ? undefined : { id };
}

/** The contract's calls that link, list and unlink channels over `request`. */
export function createChannelCalls(request: HttpClient): ChannelCalls {
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

    requestWhatsAppPairingCode: (pairing, options) =>
      request({
        method: 'post',
        path: 'channels/whatsapp/pairing-code',
        json: pairing,
        signal: options?.signal,
        read: ({ data }) => parsePairingCodeStart(data),
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
        query: options?.accountId ? { account_id: options.accountId } : undefined,
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
  };
}
