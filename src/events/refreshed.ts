import type { Channel } from '../api/types.js';

export interface RefreshedDetail {
  /** The channel as the refresh returned it. */
  channel: Channel;
}

declare global {
  interface GlobalEventHandlersEventMap {
    /** A linked account was refreshed from its provider. */
    'inbox-refreshed': CustomEvent<RefreshedDetail>;
  }
}
