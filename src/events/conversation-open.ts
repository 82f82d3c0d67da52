import type { Conversation } from '../api/types.js';

export interface ConversationOpenDetail {
  /** The conversation the user opened. */
  conversation: Conversation;
}

declare global {
  interface GlobalEventHandlersEventMap {
    /** The user opened a conversation in conversation-view. */
    'inbox-conversation-open': CustomEvent<ConversationOpenDetail>;
  }
}
