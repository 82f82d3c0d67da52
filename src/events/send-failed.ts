import type { ApiErrorKind } from '../api/errors.js';

export interface SendFailedDetail {
  conversationId: string;
  /** The message's client-made id; retrying reuses it. */
  externalId: string;
  reason: ApiErrorKind;
  /** What the user is told. */
  message: string;
}

declare global {
  interface GlobalEventHandlersEventMap {
    /** The server refused a message written in conversation-view; it waits for retry or discard. */
    'inbox-send-failed': CustomEvent<SendFailedDetail>;
  }
}
