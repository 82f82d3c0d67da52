import { randomInt } from 'node:crypto';
import { randomBase64 } from '../random.js';
import type { Timings } from '../timings.js';
import type { QrSchedule } from './qr-attempt.js';

export const WHATSAPP_CONNECT_MESSAGE =
  'QR code generated. Scan with WhatsApp on your phone: Settings → Linked devices → Link a device.';

/**
 * A code in WhatsApp's multi-device shape: `2@` and a server reference, then the noise public key,
 * identity public key and advertising secret, comma-separated, all base64 (docs/providers.md#qr-codes).
 */
export function whatsappQrCode(): string {
  return `2@${randomBase64(36)},${randomBase64(32)},${randomBase64(32)},${randomBase64(32)}`;
}

/** WhatsApp's pairing-code alphabet: letters and digits without the easily confused 0, O, I and U. */
const PAIRING_ALPHABET = '123456789ABCDEFGHJKLMNPQRSTVWXYZ';

/** Eight characters the user types in WhatsApp → Linked devices → Link with phone number. */
export function whatsappPairingCode(): string {
  return Array.from({ length: 8 }, () => PAIRING_ALPHABET[randomInt(0, PAIRING_ALPHABET.length)]).join('');
}

export const WHATSAPP_PAIRING_MESSAGE =
  'Enter the code in WhatsApp → Linked devices → Link a device → Link with phone number instead.';

export function whatsappSchedule(timings: Timings): QrSchedule {
  return {
    firstMs: timings.whatsappFirstQrMs,
    nextMs: timings.whatsappNextQrMs,
    count: timings.whatsappQrCount,
  };
}
