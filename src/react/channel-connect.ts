// Generated from custom-elements.json by scripts/generate-framework-bindings.ts: run `npm run bindings`.
import * as React from 'react';
import { createComponent, type EventName } from '@lit/react';
import { ChannelConnect as ChannelConnectElement } from '../elements/channel-connect/channel-connect.js';
import type {
  ConnectFailedDetail,
  ConnectedDetail,
  DataSkippedDetail,
  ManageRequestDetail,
  SignedOutDetail,
  StepChangeDetail,
  TwoFactorChallengeDetail,
} from '../events/index.js';

/** `<channel-connect>` for React 18: Pick a messaging channel and link it. Events are `on` props, e.g. `onInboxConnected`. */
export const ChannelConnect = createComponent({
  react: React,
  tagName: 'channel-connect',
  elementClass: ChannelConnectElement,
  displayName: 'ChannelConnect',
  events: {
    /** A channel was linked; `detail.channel` is the channel object. */
    onInboxConnected: 'inbox-connected' as EventName<CustomEvent<ConnectedDetail>>,
    /** Linking failed; `detail.reason` and `detail.message` say why. */
    onInboxConnectFailed: 'inbox-connect-failed' as EventName<CustomEvent<ConnectFailedDetail>>,
    /** The user cancelled. */
    onInboxCancelled: 'inbox-cancelled' as EventName<CustomEvent<Record<string, never>>>,
    /** The flow moved to another step; `detail.step` and `detail.channel`. */
    onInboxStepChange: 'inbox-step-change' as EventName<CustomEvent<StepChangeDetail>>,
    /** The user asked to manage an already linked channel. */
    onInboxManageRequest: 'inbox-manage-request' as EventName<CustomEvent<ManageRequestDetail>>,
    /** Instagram asked for another verification code (from the nested instagram-2fa). */
    onInbox2faChallenge: 'inbox-2fa-challenge' as EventName<CustomEvent<TwoFactorChallengeDetail>>,
    /** A record in an answer lacked the contract's shape and was left out, the rest shown; once per record: `detail.kind`, `detail.id`, `detail.reason`. */
    onInboxDataSkipped: 'inbox-data-skipped' as EventName<CustomEvent<DataSkippedDetail>>,
    /** The server refused a freshly fetched token right after the last one: the session is over until the host signs the user in again. */
    onInboxSignedOut: 'inbox-signed-out' as EventName<CustomEvent<SignedOutDetail>>,
  },
});
