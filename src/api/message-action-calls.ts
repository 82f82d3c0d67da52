import type { Backend } from './backend.js';
import type { HttpClient } from './http.js';
import { parseMessage } from './validate-inbox.js';

export type MessageActionCalls = Required<Pick<Backend, 'reactToMessage'>>;

/** The contract's calls on one message beyond sending and deleting it, over `request`. */
export function createMessageActionCalls(request: HttpClient): MessageActionCalls {
  return {
    reactToMessage: (conversationId, messageId, emoji, options) =>
      request({
        method: 'post',
        path: `conversations/${encodeURIComponent(conversationId)}/messages/${encodeURIComponent(messageId)}/reactions`,
        json: { emoji },
        signal: options?.signal,
        read: ({ data }) => parseMessage(data),
      }),
  };
}
