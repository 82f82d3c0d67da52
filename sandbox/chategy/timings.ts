/** How long the simulated Chategy takes for each step, in milliseconds (counts are plain numbers). */
export interface ChategyTimings {
  /** How long each WhatsApp QR code lives (the docs: 30–40 s). */
  qrMs: number;
  /** Codes shown before an unscanned container gives up. */
  qrCount: number;
  /** How often the WhatsApp room repeats `auth_state` (the docs: every 300 ms). */
  authStateIntervalMs: number;
  /** From the scan to `auth: true`. */
  scanToAuthMs: number;
  /** From a delivery's answer to its outgoing-message webhook. */
  echoMs: number;
  /** From a delivery's answer to "delivered" (status 2), or to the scenario's final failure. */
  deliveredMs: number;
  /** From a delivery's answer to "read" (status 16). */
  readMs: number;
  /** Between tries of a webhook or callback post (the docs: 2 minutes). */
  webhookRetryMs: number;
  /** Tries of one post (the docs: 10). */
  webhookAttempts: number;
  /** A socket that sends nothing this long is closed. */
  socketIdleMs: number;
  /** How long a file link works (the docs' example: `X-Amz-Expires=172800`). */
  fileLinkTtlSeconds: number;
}

export const DEFAULT_CHATEGY_TIMINGS: Readonly<ChategyTimings> = {
  qrMs: 30_000,
  qrCount: 6,
  authStateIntervalMs: 300,
  scanToAuthMs: 2_000,
  echoMs: 100,
  deliveredMs: 1_500,
  readMs: 4_000,
  webhookRetryMs: 120_000,
  webhookAttempts: 10,
  socketIdleMs: 60_000,
  fileLinkTtlSeconds: 172_800,
};

export const CHATEGY_TIMING_NAMES = Object.keys(DEFAULT_CHATEGY_TIMINGS) as (keyof ChategyTimings)[];

/** The defaults overlaid by `given`; throws naming every value that is not a number of 0 or more. */
export function chategyTimings(given: Partial<Record<keyof ChategyTimings, unknown>> = {}): ChategyTimings {
  const timings: ChategyTimings = { ...DEFAULT_CHATEGY_TIMINGS };
  const invalid: string[] = [];
  for (const [name, value] of Object.entries(given)) {
    if (!(CHATEGY_TIMING_NAMES as string[]).includes(name)) invalid.push(`${name} (unknown)`);
    else if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) invalid.push(name);
    else timings[name as keyof ChategyTimings] = value;
  }
  if (invalid.length > 0) throw new Error(`Invalid Chategy sandbox timings: ${invalid.join(', ')}`);
  return timings;
}
