import type { ApiErrorKind } from '../api/errors.js';

export type ConnectFailureReason = ApiErrorKind | 'qr-expired' | 'not-configured';

export interface ConnectFailedDetail {
  /** Why, as a stable code for the host's logic. */
  reason: ConnectFailureReason;
  /** What the user was told. */
  message: string;
}

declare global {
  interface GlobalEventHandlersEventMap {
    /** Linking a channel failed; the element shows the message and a way forward. */
    'inbox-connect-failed': CustomEvent<ConnectFailedDetail>;
  }
}
