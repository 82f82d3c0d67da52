declare global {
  interface GlobalEventHandlersEventMap {
    /** The user cancelled linking a channel. */
    'inbox-cancelled': CustomEvent<Record<string, never>>;
  }
}

export {};
