import type { ApiErrorKind } from '../api/errors.js';
import type { Channel } from '../api/types.js';

export type AccountAction = 'load' | 'refresh' | 'disconnect';

export interface ActionFailedDetail {
  /** What failed: loading the list, or an action on one account. */
  action: AccountAction;
  /** The account acted on; `null` for `load`. */
  channel: Channel | null;
  /** Why, as a stable code for the host's logic. */
  reason: ApiErrorKind;
  /** What the user was told. */
  message: string;
}

declare global {
  interface GlobalEventHandlersEventMap {
    /** Loading the accounts, or refreshing or disconnecting one, failed; the element shows why. */
    'inbox-action-failed': CustomEvent<ActionFailedDetail>;
  }
}
