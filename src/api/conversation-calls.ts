import type { Backend } from './backend.js';
import type { HttpClient } from './http.js';
import { skipReporterFor } from './skipped-records.js';
import {
  parseConversationPage,
  parseMessage,
  parseMessagePage,
  parseMessageSearchPage,
  parseStartedConversation,
} from './validate-inbox.js';

export type ConversationCalls = Required<
  Pick<
    Backend,
    | 'listConversations'
    | 'startConversation'
    | 'searchMessages'
    | 'listMessages'
    | 'sendMessage'
    | 'sendFile'
    | 'markRead'
    | 'deleteMessage'
  >
>;

/** Query parameters with the unset ones left out. */
function queryOf(entries: Record<string, string | number | undefined>): Record<string, string> {
  const query: Record<string, string> = {};
  for (const [name, value] of Object.entries(entries)) if (value !== undefined) query[name] = String(value);
  return query;
}

/** The contract's conversation and message calls over `request`. */
export function createConversationCalls(request: HttpClient): ConversationCalls {
  return {
    listConversations: (query) =>
      request({
        method: 'get',
        path: 'conversations',
        query: queryOf({
          channel_id: query?.channelId,
          channel: query?.channel,
          unread: query?.unread ? 'true' : undefined,
          q: query?.q,
          cursor: query?.cursor,
          limit: query?.limit,
        }),
        signal: query?.signal,
        read: ({ data }) => parseConversationPage(data, skipReporterFor(query?.signal)),
      }),

    startConversation: (conversation, options) =>
      request({
        method: 'post',
        path: 'conversations',
        json: {
          channel_id: conversation.channelId,
          to: conversation.to,
          text: conversation.text,
          external_id: conversation.externalId,
        },
        idempotent: true,
        signal: options?.signal,
        read: ({ data }) => parseStartedConversation(data),
      }),

    searchMessages: (query) =>
      request({
        method: 'get',
        path: 'messages/search',
        query: queryOf({ q: query.q, channel_id: query.channelId, cursor: query.cursor, limit: query.limit }),
        signal: query.signal,
        read: ({ data }) => parseMessageSearchPage(data, skipReporterFor(query.signal)),
      }),

    listMessages: (conversationId, query) =>
      request({
        method: 'get',
        path: `conversations/${encodeURIComponent(conversationId)}/messages`,
        query: queryOf({ before: query?.before, after: query?.after, limit: query?.limit }),
        signal: query?.signal,
        read: ({ data }) => parseMessagePage(data, skipReporterFor(query?.signal)),
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
      if (outgoing.reply_to_message_id) form.append('reply_to_message_id', outgoing.reply_to_message_id);
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
