/** The `sync_status` values (docs/providers.md#sync-status) that have their own words. */
type KnownStatus =
  'OK' | 'CONNECTING' | 'SYNC_SUCCESS' | 'CREDENTIALS' | 'ERROR' | 'STOPPED' | 'CREATION_FAIL';

import { num } from './format.js';

/** Strings of <accounts-list>. */
export const accountsListStrings = {
  accountsHeading: 'Linked accounts',
  accountsAdd: 'Add account',
  accountsLoading: 'Loading your accounts…',
  accountsRetry: 'Try again',
  accountsEmptyHeading: 'No accounts yet',
  accountsEmptyText: 'Link a WhatsApp, Telegram or Instagram account to answer its conversations here.',
  accountsFilterLabel: 'Show accounts',
  accountsFilterAll: (count: number) => `All (${num(count)})`,
  accountsFilterType: (name: string, count: number) => `${name} (${num(count)})`,
  accountsGroupHeading: (name: string, count: number) =>
    `${name} · ${count === 1 ? '1 account' : `${num(count)} accounts`}`,
  accountsNoUsername: 'Name not known yet',
  /** Under a type's accounts when more are hidden: how many the button adds, of how many left. */
  accountsShowMore: (next: number, left: number) => `Show ${num(next)} more (${num(left)} not shown)`,
  accountsShowing: (shown: number, total: number) => `Showing ${num(shown)} of ${num(total)} accounts.`,
  accountsStatusLabel: (status: KnownStatus) =>
    ({
      OK: 'Healthy',
      CONNECTING: 'Connecting',
      SYNC_SUCCESS: 'Synced',
      CREDENTIALS: 'Password changed',
      ERROR: 'Error',
      STOPPED: 'Paused',
      CREATION_FAIL: 'Linking failed',
    })[status],
  accountsStatusAdvice: (status: KnownStatus) =>
    ({
      OK: 'Connected and working.',
      CONNECTING: 'The account is being set up. This usually takes a minute.',
      SYNC_SUCCESS: 'Conversations are up to date.',
      CREDENTIALS: 'The password was changed. Reconnect the account to keep receiving messages.',
      ERROR: 'Something went wrong with this account. Refresh it; if that does not help, reconnect it.',
      STOPPED: 'The account is paused and receives no messages. Refresh it to check, or reconnect it.',
      CREATION_FAIL: 'Linking with the QR code did not complete. Reconnect to try again with a new code.',
    })[status],
  accountsUnknownStatusLabel: 'Unknown status',
  accountsUnknownStatusAdvice: (value: string) =>
    `The service reports “${value}”, which this page does not know. Refresh it; if that does not help, reconnect it.`,
  accountsNotActive: 'Not active: no messages arrive until it is reconnected.',
  accountsSynced: (relative: string) => `Last synced ${relative}`,
  accountsNeverSynced: 'Not synced yet',
  accountsRefresh: 'Refresh',
  accountsRefreshing: 'Refreshing…',
  accountsRefreshed: (label: string) => `Refreshed. Status: ${label}.`,
  accountsReconnect: 'Reconnect',
  accountsDisconnect: 'Disconnect',
  accountsDisconnecting: 'Disconnecting…',
  accountsConfirmDisconnect: (account: string) => `Disconnect ${account}?`,
  accountsConfirmDisconnectText: 'Its conversations stop arriving here. You can link it again later.',
  accountsConfirmYes: 'Yes, disconnect',
  accountsConfirmNo: 'Keep it',
  accountsDisconnected: (account: string) => `${account} was disconnected.`,
  accountsDisconnectRefused: (serverMessage?: string) =>
    `${serverMessage ?? 'This account cannot be disconnected right now.'} The account stays linked.`,
  accountsGone: 'This account was not found; it may have been removed already.',
  accountsUpdateFailed: (message: string) => `The list could not be updated. ${message}`,
  accountsReconnectHeading: (account: string) => `Reconnect ${account}`,
  accountsAddHeading: 'Add an account',
  accountsPanelLoading: 'Loading…',
  accountsPanelFailed: 'The linking steps could not be loaded. Check your connection, then reload the page.',
  accountsLinked: (account: string) => `${account} is linked.`,
  accountsStillLinked: (name: string) =>
    `${name} links one account at a time here, and one is still linked. Disconnect it first, then link again.`,
};
