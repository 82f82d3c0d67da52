import type { Channel } from '../api/types.js';

export interface ReconnectRequestDetail {
  /** The account to link again. */
  channel: Channel;
}

declare global {
  interface GlobalEventHandlersEventMap {
    /** The user asked to reconnect an account; cancel it to handle reconnecting yourself. */
    'inbox-reconnect-request': CustomEvent<ReconnectRequestDetail>;
  }
}
