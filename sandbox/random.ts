import { randomBytes, randomInt } from 'node:crypto';

export function randomBase64(byteCount: number): string {
  return randomBytes(byteCount).toString('base64');
}

export function randomBase64Url(byteCount: number): string {
  return randomBytes(byteCount).toString('base64url');
}

/** An id in the provider's style, e.g. `wa_3f9c1a0b7e2d`. */
export function randomAccountId(prefix: 'wa' | 'tg' | 'ig' | 'mx'): string {
  return `${prefix}_${randomBytes(6).toString('hex')}`;
}

/** A Saudi mobile number, matching the provider's examples (`+9665…`). */
export function simulatedPhoneNumber(): string {
  return `+9665${String(randomInt(0, 100_000_000)).padStart(8, '0')}`;
}
