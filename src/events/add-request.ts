import type { ChannelType } from '../api/types.js';

export interface AddRequestDetail {
  /** The channel types the user may link from here. */
  channels: ChannelType[];
}

declare global {
  interface GlobalEventHandlersEventMap {
    /** The user asked to link another account; cancel it to handle linking yourself. */
    'inbox-add-request': CustomEvent<AddRequestDetail>;
  }
}
