import type { FieldErrors } from '../http.js';
import { randomBase64Url } from '../random.js';
import type { Timings } from '../timings.js';
import type { QrSchedule } from './qr-attempt.js';

export const TELEGRAM_CONNECT_MESSAGE =
  'QR code generated. Open Telegram → Settings → Devices → Link Desktop Device, then scan.';

/** Telegram's login-token URL; the token rotates with every code. */
export function telegramQrCode(): string {
  return `tg://login?token=${randomBase64Url(32)}`;
}

export function telegramSchedule(timings: Timings): QrSchedule {
  return { firstMs: timings.telegramQrMs, nextMs: timings.telegramQrMs, count: timings.telegramQrCount };
}

export type TelegramAuthStatus = 'wait_phone' | 'wait_code' | 'wait_password' | 'authorized';

export const TELEGRAM_AUTH_EVENTS = ['send_phone', 'send_code', 'send_password', 'reset'] as const;
export type TelegramAuthEvent = (typeof TELEGRAM_AUTH_EVENTS)[number];

/** The code that "Telegram sent" in the sandbox. */
export const TELEGRAM_LOGIN_CODE = '12345';

/** The password that the sandbox treats as wrong; any other is accepted. */
export const TELEGRAM_WRONG_PASSWORD = 'wrong';

/** International format, with or without the `+`; a local number (leading 0) is refused. */
const PHONE_PATTERN = /^\+?[1-9]\d{7,14}$/;

/** The phone-code-password login of the `room:v1:telegram:auth` room (docs/providers.md#telegram-phone-login), one per tenant. */
export class TelegramAuthFlow {
  status: TelegramAuthStatus = 'wait_phone';
  phone: string | null = null;
  /** The channel this login created, so disconnecting it starts the login over. */
  channelId: number | null = null;

  /** Applies one client push; answers the errors of the room's 422 reply, or null when accepted. */
  apply(
    event: TelegramAuthEvent,
    payload: Record<string, unknown>,
    passwordRequired: boolean,
  ): FieldErrors | null {
    if (event === 'reset') {
      this.restart();
      return null;
    }
    const expected = { send_phone: 'wait_phone', send_code: 'wait_code', send_password: 'wait_password' }[
      event
    ];
    if (this.status !== expected) return { base: [`not expecting ${event} in ${this.status}`] };
    switch (event) {
      case 'send_phone': {
        const phone = payload['phone'];
        if (typeof phone !== 'string' || !PHONE_PATTERN.test(phone)) return { base: ['invalid phone'] };
        this.phone = phone;
        this.status = 'wait_code';
        return null;
      }
      case 'send_code':
        if (payload['code'] !== TELEGRAM_LOGIN_CODE) return { base: ['invalid code'] };
        this.status = passwordRequired ? 'wait_password' : 'authorized';
        return null;
      case 'send_password': {
        const password = payload['password'];
        if (typeof password !== 'string' || password === '' || password === TELEGRAM_WRONG_PASSWORD) {
          return { base: ['invalid password'] };
        }
        this.status = 'authorized';
        return null;
      }
    }
  }

  restart(): void {
    this.status = 'wait_phone';
    this.phone = null;
    this.channelId = null;
  }
}
