// Generated from custom-elements.json by scripts/generate-framework-bindings.ts: run `npm run bindings`.
import * as React from 'react';
import { createComponent, type EventName } from '@lit/react';
import { InstagramTwoFactor as InstagramTwoFactorElement } from '../elements/instagram-2fa/instagram-2fa.js';
import type {
  ConnectFailedDetail,
  ConnectedDetail,
  DataSkippedDetail,
  SignedOutDetail,
  TwoFactorChallengeDetail,
} from '../events/index.js';

/** `<instagram-2fa>` for React 18: Asks for the code Instagram sends while linking an account, round after round, until it is linked. Events are `on` props, e.g. `onInboxConnected`. */
export const InstagramTwoFactor = createComponent({
  react: React,
  tagName: 'instagram-2fa',
  elementClass: InstagramTwoFactorElement,
  displayName: 'InstagramTwoFactor',
  events: {
    /** The account is linked; `detail.channel` is the channel the backend returned. */
    onInboxConnected: 'inbox-connected' as EventName<CustomEvent<ConnectedDetail>>,
    /** Instagram asked for another code; `detail` has `checkpointType`, `round` and `message`. */
    onInbox2faChallenge: 'inbox-2fa-challenge' as EventName<CustomEvent<TwoFactorChallengeDetail>>,
    /** The sign-in attempt is gone (404); `detail.reason` is `not-found`: start again. */
    onInboxConnectFailed: 'inbox-connect-failed' as EventName<CustomEvent<ConnectFailedDetail>>,
    /** The user chose Cancel. */
    onInboxCancelled: 'inbox-cancelled' as EventName<CustomEvent<Record<string, never>>>,
    /** A record in an answer lacked the contract's shape and was left out, the rest shown; once per record: `detail.kind`, `detail.id`, `detail.reason`. */
    onInboxDataSkipped: 'inbox-data-skipped' as EventName<CustomEvent<DataSkippedDetail>>,
    /** The server refused a freshly fetched token right after the last one: the session is over until the host signs the user in again. */
    onInboxSignedOut: 'inbox-signed-out' as EventName<CustomEvent<SignedOutDetail>>,
  },
});
