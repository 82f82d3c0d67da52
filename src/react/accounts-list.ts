// Generated from custom-elements.json by scripts/generate-framework-bindings.ts: run `npm run bindings`.
import * as React from 'react';
import { createComponent, type EventName } from '@lit/react';
import { AccountsList as AccountsListElement } from '../elements/accounts-list/accounts-list.js';
import type {
  ActionFailedDetail,
  AddRequestDetail,
  DataSkippedDetail,
  DisconnectedDetail,
  ReconnectRequestDetail,
  RefreshedDetail,
  SignedOutDetail,
} from '../events/index.js';

/** `<accounts-list>` for React 18: Linked messaging accounts, their live status, and refresh, reconnect and disconnect. Events are `on` props, e.g. `onInboxRefreshed`. */
export const AccountsList = createComponent({
  react: React,
  tagName: 'accounts-list',
  elementClass: AccountsListElement,
  displayName: 'AccountsList',
  events: {
    /** An account was refreshed; `detail.channel` is the updated channel. */
    onInboxRefreshed: 'inbox-refreshed' as EventName<CustomEvent<RefreshedDetail>>,
    /** An account was disconnected and removed; `detail.channel` is the removed channel. */
    onInboxDisconnected: 'inbox-disconnected' as EventName<CustomEvent<DisconnectedDetail>>,
    /** The user asked to reconnect `detail.channel`; cancelable: cancel it to handle reconnecting yourself. */
    onInboxReconnectRequest: 'inbox-reconnect-request' as EventName<CustomEvent<ReconnectRequestDetail>>,
    /** The user asked to link another account; cancelable: cancel it to handle linking yourself. */
    onInboxAddRequest: 'inbox-add-request' as EventName<CustomEvent<AddRequestDetail>>,
    /** Loading the list, or refreshing or disconnecting an account, failed; `detail.action`, `detail.channel`, `detail.reason`, `detail.message`. */
    onInboxActionFailed: 'inbox-action-failed' as EventName<CustomEvent<ActionFailedDetail>>,
    /** A record in an answer lacked the contract's shape and was left out, the rest shown; once per record: `detail.kind`, `detail.id`, `detail.reason`. */
    onInboxDataSkipped: 'inbox-data-skipped' as EventName<CustomEvent<DataSkippedDetail>>,
    /** The server refused a freshly fetched token right after the last one: the session is over until the host signs the user in again. */
    onInboxSignedOut: 'inbox-signed-out' as EventName<CustomEvent<SignedOutDetail>>,
  },
});
