import type { QrChannelType } from '../api/types.js';

/** What a channel's codes are assumed to do when the backend does not say (no `qr_expires_at`/`qr_total`). */
export interface QrCodeLifetimes {
  /** Milliseconds the first code of an attempt lives. */
  firstMs: number;
  /** Milliseconds each later code lives. */
  nextMs: number;
  /** Codes an attempt shows before it fails; `null` when not known. */
  count: number | null;
}

/**
 * What each app is known to do: WhatsApp shows 6 codes, the first for 60 s and each later one for
 * 20 s; Telegram's codes last 30 s and their number is not known.
 */
export const KNOWN_QR_LIFETIMES: Record<QrChannelType, QrCodeLifetimes> = {
  whatsapp: { firstMs: 60_000, nextMs: 20_000, count: 6 },
  telegram: { firstMs: 30_000, nextMs: 30_000, count: null },
};

/** Codes to show in all when their number is not known, so that a forgotten tab stops asking. */
export const CODE_LIMIT_WHEN_UNCOUNTED = 6;

/** How long code number `index` (1-based) of an attempt is expected to live. */
export function codeLifetimeMs(lifetimes: QrCodeLifetimes, index: number): number {
  return index <= 1 ? lifetimes.firstMs : lifetimes.nextMs;
}

/** Whole seconds from `now` until `deadline` (both epoch ms), rounded up and never below zero. */
export function secondsUntil(deadline: number, now: number): number {
  return Math.max(0, Math.ceil((deadline - now) / 1000));
}

/** `value` when it is one of the QR channels, else `undefined`. */
export function asQrChannel(value: unknown): QrChannelType | undefined {
  return value === 'whatsapp' || value === 'telegram' ? value : undefined;
}
