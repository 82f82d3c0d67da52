import type { Channel } from '../api/types.js';

export interface DisconnectedDetail {
  /** The channel that was disconnected, as it was last shown. */
  channel: Channel;
}

declare global {
  interface GlobalEventHandlersEventMap {
    /** A linked account was disconnected and removed. */
    'inbox-disconnected': CustomEvent<DisconnectedDetail>;
  }
}
