import type { Channel } from '../api/types.js';
import { frameSkipReporter, type SkippedKind } from '../api/skipped-records.js';
import { parseChannel, parseEach } from '../api/validate.js';

/**
 * Reads one field of an `inbox` topic frame. Every frame reader (here and in inbox-frames.ts) returns
 * `undefined` for a payload without the contract's shape: such a frame is dropped, and the next reload
 * tells the truth. A record that fails its check is reported to the subscription handling the frame.
 */
export function readField<T>(
  payload: unknown,
  key: SkippedKind,
  parse: (value: unknown) => T,
): T | undefined {
  if (typeof payload !== 'object' || payload === null) return undefined;
  const value = (payload as Record<string, unknown>)[key];
  const [parsed] = parseEach([value], key, parse, frameSkipReporter());
  return parsed;
}

/** `channel:status` `{ channel }`. */
export const channelOfFrame = (payload: unknown): Channel | undefined =>
  readField(payload, 'channel', parseChannel);
