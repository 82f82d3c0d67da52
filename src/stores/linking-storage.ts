import type { ChannelType } from '../api/types.js';

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

/** One key per signed-in identity (`InboxServices.storageKey`): one user never resumes another's step. */
const PREFIX = 'inbox-elements:linking:';

/** Older than this, an attempt is over at the backend anyway (QR and pairing codes live minutes). */
const MAX_AGE_MS = 10 * 60_000;

/**
 * Keeps `linking` for the identity named by `storageKey`, or forgets what was kept (`null`). Storage denied
 * or full, or no `storageKey` (data that must not be kept): a reload starts over.
 */
export function saveLinking(storageKey: string | undefined, linking: StoredLinking | null): void {
  if (storageKey === undefined) return;
  try {
    if (linking) sessionStorage.setItem(PREFIX + storageKey, JSON.stringify(linking));
    else sessionStorage.removeItem(PREFIX + storageKey);
  } catch {
    // As without storage.
  }
}

/** Forgets every identity's kept step (`signOut()`). */
export function clearStoredLinking(): void {
  try {
    for (const key of Object.keys(sessionStorage)) if (key.startsWith(PREFIX)) sessionStorage.removeItem(key);
  } catch {
    // Nothing can have been kept.
  }
}

/**
 * Takes what was kept out of storage: `fresh` when it may still be followed, else kept too long ago (its
 * attempt should be abandoned); `undefined` when nothing was kept or it is not what this library writes.
 */
export function takeLinking(
  storageKey: string | undefined,
): { kept: Partial<StoredLinking>; fresh: boolean } | undefined {
  if (storageKey === undefined) return undefined;
  let kept: unknown;
  try {
    kept = JSON.parse(sessionStorage.getItem(PREFIX + storageKey) ?? 'null');
  } catch {
    kept = null;
  }
  saveLinking(storageKey, null);
  if (typeof kept !== 'object' || kept === null) return undefined;
  const { accountId, checkpoint, savedAt } = kept as Record<string, unknown>;
  const wellFormed =
    ['string', 'undefined'].includes(typeof accountId) &&
    ['string', 'undefined'].includes(typeof checkpoint) &&
    typeof savedAt === 'number';
  return wellFormed ? { kept, fresh: Math.abs(Date.now() - savedAt) < MAX_AGE_MS } : undefined;
}
