import type { Backend } from './backend.js';
import type { HttpClient } from './http.js';
import { parseMessage } from './validate-inbox.js';

export type MessageActionCalls = Required<Pick<Backend, 'reactToMessage' | 'editMessage' | 'forwardMessage'>>;

function messagePath(conversationId: string, messageId: string): string {
  return `conversations/${encodeURIComponent(conversationId)}/messages/${encodeURIComponent(messageId)}`;
}

/** The contract's calls on one message beyond sending and deleting it, over `request`. */
export function createMessageActionCalls(request: HttpClient): MessageActionCalls {
  return {
    reactToMessage: (conversationId, messageId, emoji, options) =>
      request({
        method: 'post',
        path: `${messagePath(conversationId, messageId)}/reactions`,
        json: { emoji },
        signal: options?.signal,
        read: ({ data }) => parseMessage(data),
      }),

    editMessage: (conversationId, messageId, text, options) =>
      request({
        method: 'patch',
        path: messagePath(conversationId, messageId),
        json: { text },
        signal: options?.signal,
        read: ({ data }) => parseMessage(data),
      }),

    forwardMessage: (conversationId, messageId, forward, options) =>
      request({
        method: 'post',
        path: `${messagePath(conversationId, messageId)}/forward`,
        json: { conversation_id: forward.toConversationId, external_id: forward.externalId },
        idempotent: true,
        signal: options?.signal,
        read: ({ data }) => parseMessage(data),
      }),
  };
}
