import type { Message } from '../api/types.js';

export interface MessageSentDetail {
  /** The server's copy of the message. */
  message: Message;
}

declare global {
  interface GlobalEventHandlersEventMap {
    /** A message written in conversation-view reached the server. */
    'inbox-message-sent': CustomEvent<MessageSentDetail>;
  }
}
