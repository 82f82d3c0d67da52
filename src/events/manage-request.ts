import type { ChannelType } from '../api/types.js';

export interface ManageRequestDetail {
  channel: ChannelType;
}

declare global {
  interface GlobalEventHandlersEventMap {
    /** The user asked to manage an already linked channel (after a 409). */
    'inbox-manage-request': CustomEvent<ManageRequestDetail>;
  }
}
