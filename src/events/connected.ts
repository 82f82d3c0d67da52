import type { Channel } from '../api/types.js';

export interface ConnectedDetail {
  /** The linked channel as the backend returned it. */
  channel: Channel;
}

declare global {
  interface GlobalEventHandlersEventMap {
    /** A channel was linked. */
    'inbox-connected': CustomEvent<ConnectedDetail>;
  }
}
