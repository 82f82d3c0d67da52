import type { Channel, KnownSyncStatus } from '../api/types.js';
import type { Strings } from '../i18n/en.js';
import { strings } from '../i18n/localize.js';

/** How an account's state looks: `problem` and `paused` want the user to act. */
export type StatusTone = 'healthy' | 'pending' | 'paused' | 'problem' | 'unknown';

export interface StatusView {
  tone: StatusTone;
  /** A word or two, e.g. "Password changed". */
  label: string;
  /** What it means and what the user can do about it. */
  advice: string;
  /** Whether linking the account again is offered. */
  canReconnect: boolean;
}

const TONES: Record<KnownSyncStatus, StatusTone> = {
  OK: 'healthy',
  SYNC_SUCCESS: 'healthy',
  CONNECTING: 'pending',
  STOPPED: 'paused',
  CREDENTIALS: 'problem',
  ERROR: 'problem',
  CREATION_FAIL: 'problem',
};

function isKnown(status: string): status is KnownSyncStatus {
  return Object.hasOwn(TONES, status);
}

/** `sync_status` in words (docs/providers.md#sync-status); a value not listed there is shown as unknown. */
export function statusView(
  channel: Pick<Channel, 'sync_status' | 'is_connected'>,
  s: Strings = strings(),
): StatusView {
  const status = channel.sync_status;
  if (!isKnown(status)) {
    return {
      tone: 'unknown',
      label: s.accountsUnknownStatusLabel,
      advice: s.accountsUnknownStatusAdvice(String(status)),
      canReconnect: true,
    };
  }
  const tone = TONES[status];
  return {
    tone,
    label: s.accountsStatusLabel(status),
    advice: s.accountsStatusAdvice(status),
    canReconnect: tone === 'problem' || tone === 'paused' || !channel.is_connected,
  };
}
