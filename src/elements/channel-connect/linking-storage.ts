import type { ChannelType } from '../../api/types.js';

/**
 * Where a linking flow stood when the page was hidden, so that a reload comes back to that step. Only
 * what is not secret: never a code, a password or a phone number.
 */
export interface StoredLinking {
  channel: ChannelType;
  /** `qr`: a QR or pairing-code attempt; `phone`: Telegram's phone login; `verify`: Instagram's code. */
  step: 'qr' | 'phone' | 'verify';
  /** The backend's attempt (`qr`, `verify`). */
  accountId?: string;
  /** `qr` step: linked by `qr` code or, WhatsApp, by `phone` number (a pairing code). */
  method?: 'qr' | 'phone';
  /** `verify` step: the kind of code Instagram asked for. */
  checkpoint?: string;
  savedAt: number;
}

/** One namespaced key for the whole library. */
const KEY = 'inbox-elements:linking';

/** Older than this, an attempt is over at the backend anyway (QR and pairing codes live minutes). */
const MAX_AGE_MS = 10 * 60_000;

/** Keeps `linking`, or forgets what was kept (`null`). Storage denied or full: a reload starts over. */
export function saveLinking(linking: StoredLinking | null): void {
  try {
    if (linking) sessionStorage.setItem(KEY, JSON.stringify(linking));
    else sessionStorage.removeItem(KEY);
  } catch {
    // As without storage.
  }
}

/**
 * Takes what was kept out of storage: `fresh` when it may still be followed, else kept too long ago (its
 * attempt should be abandoned); `undefined` when nothing was kept or it is not what this library writes.
 */
export function takeLinking(): { kept: Partial<StoredLinking>; fresh: boolean } | undefined {
  let kept: unknown;
  try {
    kept = JSON.parse(sessionStorage.getItem(KEY) ?? 'null');
  } catch {
    kept = null;
  }
  saveLinking(null);
  if (typeof kept !== 'object' || kept === null) return undefined;
  const { accountId, checkpoint, savedAt } = kept as Record<string, unknown>;
  const wellFormed =
    ['string', 'undefined'].includes(typeof accountId) &&
    ['string', 'undefined'].includes(typeof checkpoint) &&
    typeof savedAt === 'number';
  return wellFormed ? { kept, fresh: Math.abs(Date.now() - savedAt) < MAX_AGE_MS } : undefined;
}
