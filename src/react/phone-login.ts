// Generated from custom-elements.json by scripts/generate-framework-bindings.ts: run `npm run bindings`.
import * as React from 'react';
import { createComponent, type EventName } from '@lit/react';
import { PhoneLogin as PhoneLoginElement } from '../elements/phone-login/phone-login.js';
import type {
  ConnectFailedDetail,
  ConnectedDetail,
  DataSkippedDetail,
  ManageRequestDetail,
  SignedOutDetail,
} from '../events/index.js';

/** `<phone-login>` for React 18: Link Telegram or MAX with a phone number and the code sent to it. Events are `on` props, e.g. `onInboxConnected`. */
export const PhoneLogin = createComponent({
  react: React,
  tagName: 'phone-login',
  elementClass: PhoneLoginElement,
  displayName: 'PhoneLogin',
  events: {
    /** The account is linked; `detail.channel` is the channel. */
    onInboxConnected: 'inbox-connected' as EventName<CustomEvent<ConnectedDetail>>,
    /** Linking cannot go on (`detail.reason`: `conflict`, or the error kind); `detail.message` is what the user was told. */
    onInboxConnectFailed: 'inbox-connect-failed' as EventName<CustomEvent<ConnectFailedDetail>>,
    /** An account was already linked and the user asked to manage it. */
    onInboxManageRequest: 'inbox-manage-request' as EventName<CustomEvent<ManageRequestDetail>>,
    /** The user chose Cancel. */
    onInboxCancelled: 'inbox-cancelled' as EventName<CustomEvent<Record<string, never>>>,
    /** A record in an answer lacked the contract's shape and was left out, the rest shown; once per record: `detail.kind`, `detail.id`, `detail.reason`. */
    onInboxDataSkipped: 'inbox-data-skipped' as EventName<CustomEvent<DataSkippedDetail>>,
    /** The server refused a freshly fetched token right after the last one: the session is over until the host signs the user in again. */
    onInboxSignedOut: 'inbox-signed-out' as EventName<CustomEvent<SignedOutDetail>>,
  },
});
