declare global {
  interface GlobalEventHandlersEventMap {
    /**
     * The server refused a token fetched from `getToken()` right after refusing the previous one: the
     * session is over and calls fail as unauthorized until the host signs the user in again. Once per session.
     */
    'inbox-signed-out': CustomEvent<SignedOutDetail>;
  }
}

/** Nothing more to say: the session is over. */
export type SignedOutDetail = Record<string, never>;
