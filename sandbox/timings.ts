import { isRecord, type FieldErrors } from './http.js';

/** How long the simulated services take, in milliseconds (counts are plain numbers). */
export interface Timings {
  /** Lifetime of the first WhatsApp QR code of an attempt. */
  whatsappFirstQrMs: number;
  /** Lifetime of every later WhatsApp QR code. */
  whatsappNextQrMs: number;
  /** WhatsApp QR codes shown before the attempt fails. */
  whatsappQrCount: number;
  /** Lifetime of a WhatsApp pairing code (linking by phone number); the attempt ends with it. */
  whatsappPairingCodeMs: number;
  /** Lifetime of each Telegram QR code. */
  telegramQrMs: number;
  /** Telegram QR codes shown before the attempt fails. */
  telegramQrCount: number;
  /** From the scan until the account is linked (5–15 s, docs/providers.md#qr-attempt-status). */
  scanToCompleteMs: number;
  /** From linking until `sync_status` turns from `CONNECTING` to `OK`. */
  connectingToOkMs: number;
  /** Period of the WhatsApp auth room's `auth_state` stream (300 ms, docs/providers.md#whatsapp-auth-room). */
  authStateIntervalMs: number;
  /** Minimum gap between two Instagram code resends. */
  resendCooldownMs: number;
  /** A socket that sends nothing, not even a heartbeat, for this long is closed. */
  socketIdleMs: number;
  /** From sending a message until it is `delivered` (or `failed`, with `message_failure`). */
  receiptDeliveredMs: number;
  /** From sending a message until the contact has `read` it. */
  receiptReadMs: number;
  /** From sending an audio message until the contact has `played` it. */
  receiptPlayedMs: number;
}

export const DEFAULT_TIMINGS: Readonly<Timings> = {
  whatsappFirstQrMs: 60_000,
  whatsappNextQrMs: 20_000,
  whatsappQrCount: 6,
  whatsappPairingCodeMs: 180_000,
  telegramQrMs: 30_000,
  telegramQrCount: 6,
  scanToCompleteMs: 8_000,
  connectingToOkMs: 10_000,
  authStateIntervalMs: 300,
  resendCooldownMs: 30_000,
  socketIdleMs: 60_000,
  receiptDeliveredMs: 1_500,
  receiptReadMs: 4_000,
  receiptPlayedMs: 7_000,
};

export const TIMING_NAMES = Object.keys(DEFAULT_TIMINGS) as (keyof Timings)[];

const COUNT_NAMES: ReadonlySet<keyof Timings> = new Set(['whatsappQrCount', 'telegramQrCount']);

/** Periods a timer repeats at, where zero would spin. */
const PERIOD_NAMES: ReadonlySet<keyof Timings> = new Set(['authStateIntervalMs', 'socketIdleMs']);

function isTimingName(name: string): name is keyof Timings {
  return (TIMING_NAMES as string[]).includes(name);
}

/**
 * Validates timing overrides; the messages are keyed `${errorPrefix}${name}`.
 * Returns the overrides, or the errors when there are any.
 */
export function parseTimings(
  value: unknown,
  errorPrefix = '',
): { timings: Partial<Timings>; errors: FieldErrors } {
  const timings: Partial<Timings> = {};
  const errors: FieldErrors = {};
  if (!isRecord(value)) {
    errors[errorPrefix.replace(/\.$/, '') || 'timings'] = ['The timings must be an object.'];
    return { timings, errors };
  }
  for (const [name, raw] of Object.entries(value)) {
    const key = `${errorPrefix}${name}`;
    if (!isTimingName(name)) {
      errors[key] = [`Unknown timing. Known: ${TIMING_NAMES.join(', ')}.`];
      continue;
    }
    if (COUNT_NAMES.has(name)) {
      if (typeof raw !== 'number' || !Number.isInteger(raw) || raw < 1) {
        errors[key] = ['Must be an integer of at least 1.'];
        continue;
      }
    } else if (PERIOD_NAMES.has(name)) {
      if (typeof raw !== 'number' || !Number.isFinite(raw) || raw <= 0) {
        errors[key] = ['Must be a number of milliseconds above 0.'];
        continue;
      }
    } else if (typeof raw !== 'number' || !Number.isFinite(raw) || raw < 0) {
      errors[key] = ['Must be a number of milliseconds, 0 or more.'];
      continue;
    }
    timings[name] = raw;
  }
  return { timings, errors };
}
