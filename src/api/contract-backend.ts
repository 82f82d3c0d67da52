import type { Backend } from './backend.js';
import { ApiError } from './errors.js';
import type { ClientConfig, HttpClient, RequestSpec, UploadSpec } from './http.js';

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

/** Fetches a chunk of calls once; a failed fetch is reported as `load-failed` and tried again next time. */
function lazyCalls<T>(load: () => Promise<T>): () => Promise<T> {
  let loading: Promise<T> | undefined;
  return () =>
    (loading ??= load().catch((cause: unknown) => {
      loading = undefined;
      throw new ApiError({ kind: 'load-failed', cause });
    }));
}

/** The `Backend` that speaks the contract of docs/openapi.yaml. */
export function createContractBackend(config: ClientConfig): Backend {
  const request = loadHttpClient(config);
  // The channel calls and their parsers are a chunk too, fetched with the HTTP client.
  const channelCalls = lazyCalls(() =>
    import('./channel-calls.js').then(({ createChannelCalls }) => createChannelCalls(request)),
  );
  channelCalls().catch(() => {
    // Reported by the first call, which tries again.
  });
  // The conversation and message calls come with their parsers the first time one is made: pages
  // that only link and list accounts never download them.
  const conversationCalls = lazyCalls(() =>
    import('./conversation-calls.js').then(({ createConversationCalls }) => createConversationCalls(request)),
  );
  const messageActionCalls = lazyCalls(() =>
    import('./message-action-calls.js').then(({ createMessageActionCalls }) =>
      createMessageActionCalls(request),
    ),
  );
  return {
    listChannels: async (...args) => (await channelCalls()).listChannels(...args),
    connectQr: async (...args) => (await channelCalls()).connectQr(...args),
    requestWhatsAppPairingCode: async (...args) => (await channelCalls()).requestWhatsAppPairingCode(...args),
    getQrStatus: async (...args) => (await channelCalls()).getQrStatus(...args),
    getChannelStatus: async (...args) => (await channelCalls()).getChannelStatus(...args),
    refreshChannel: async (...args) => (await channelCalls()).refreshChannel(...args),
    disconnectChannel: async (...args) => (await channelCalls()).disconnectChannel(...args),
    connectInstagram: async (...args) => (await channelCalls()).connectInstagram(...args),
    submitInstagramCode: async (...args) => (await channelCalls()).submitInstagramCode(...args),
    resendInstagramCode: async (...args) => (await channelCalls()).resendInstagramCode(...args),
    sendMaxPhone: async (...args) => (await channelCalls()).sendMaxPhone(...args),
    sendMaxCode: async (...args) => (await channelCalls()).sendMaxCode(...args),
    closeMaxSession: async (...args) => (await channelCalls()).closeMaxSession(...args),
    listConversations: async (...args) => (await conversationCalls()).listConversations(...args),
    startConversation: async (...args) => (await conversationCalls()).startConversation(...args),
    searchMessages: async (...args) => (await conversationCalls()).searchMessages(...args),
    listMessages: async (...args) => (await conversationCalls()).listMessages(...args),
    sendMessage: async (...args) => (await conversationCalls()).sendMessage(...args),
    sendFile: async (...args) => (await conversationCalls()).sendFile(...args),
    markRead: async (...args) => (await conversationCalls()).markRead(...args),
    deleteMessage: async (...args) => (await conversationCalls()).deleteMessage(...args),
    reactToMessage: async (...args) => (await messageActionCalls()).reactToMessage(...args),
    editMessage: async (...args) => (await messageActionCalls()).editMessage(...args),
    forwardMessage: async (...args) => (await messageActionCalls()).forwardMessage(...args),
  };
}
