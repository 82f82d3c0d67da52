import type { QrChannelType } from '../api/types.js';

/**
 * What each app is known to do when the backend does not say (no `qr_expires_at`/`qr_total`):
 * WhatsApp shows 6 codes, the first for 60 s and each later one for 20 s; Telegram's codes last 30 s
 * and their number is not known.
 */
export const KNOWN_QR_LIFETIMES: Record<
  QrChannelType,
  { firstMs: number; nextMs: number; count: number | null }
> = {
  whatsapp: { firstMs: 60_000, nextMs: 20_000, count: 6 },
  telegram: { firstMs: 30_000, nextMs: 30_000, count: null },
};

/** How long code number `index` (1-based) of `channel` is expected to live. */
export function knownLifetimeMs(channel: QrChannelType, index: number): number {
  const known = KNOWN_QR_LIFETIMES[channel];
  return index <= 1 ? known.firstMs : known.nextMs;
}

/** Whole seconds from `now` until `deadline` (both epoch ms), rounded up and never below zero. */
export function secondsUntil(deadline: number, now: number): number {
  return Math.max(0, Math.ceil((deadline - now) / 1000));
}

/** `value` when it is one of the QR channels, else `undefined`. */
export function asQrChannel(value: unknown): QrChannelType | undefined {
  return value === 'whatsapp' || value === 'telegram' ? value : undefined;
}
