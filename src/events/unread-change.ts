export interface UnreadChangeDetail {
  /** Unread messages across the inbox. */
  total: number;
}

declare global {
  interface GlobalEventHandlersEventMap {
    /** The unread total of conversation-view changed; `detail.total` is the new one. */
    'inbox-unread-change': CustomEvent<UnreadChangeDetail>;
  }
}
