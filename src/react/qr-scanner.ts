// Generated from custom-elements.json by scripts/generate-framework-bindings.ts: run `npm run bindings`.
import * as React from 'react';
import { createComponent, type EventName } from '@lit/react';
import { QrScanner as QrScannerElement } from '../elements/qr-scanner/qr-scanner.js';
import type {
  ConnectFailedDetail,
  ConnectedDetail,
  DataSkippedDetail,
  ManageRequestDetail,
  SignedOutDetail,
} from '../events/index.js';

/** `<qr-scanner>` for React 18: Scan a QR code with your phone to link WhatsApp or Telegram. Events are `on` props, e.g. `onInboxConnected`. */
export const QrScanner = createComponent({
  react: React,
  tagName: 'qr-scanner',
  elementClass: QrScannerElement,
  displayName: 'QrScanner',
  events: {
    /** The account was linked; `detail.channel` is the channel object. */
    onInboxConnected: 'inbox-connected' as EventName<CustomEvent<ConnectedDetail>>,
    /** The codes ran out (`reason: 'qr-expired'`), a call failed, or the scan never finished (`reason: 'timeout'`); `detail.message` is what the user was told. */
    onInboxConnectFailed: 'inbox-connect-failed' as EventName<CustomEvent<ConnectFailedDetail>>,
    /** After a 409 the user asked to manage the already linked account. */
    onInboxManageRequest: 'inbox-manage-request' as EventName<CustomEvent<ManageRequestDetail>>,
    /** A record in an answer lacked the contract's shape and was left out, the rest shown; once per record: `detail.kind`, `detail.id`, `detail.reason`. */
    onInboxDataSkipped: 'inbox-data-skipped' as EventName<CustomEvent<DataSkippedDetail>>,
    /** The server refused a freshly fetched token right after the last one: the session is over until the host signs the user in again. */
    onInboxSignedOut: 'inbox-signed-out' as EventName<CustomEvent<SignedOutDetail>>,
  },
});
