import type { Channel } from '../api/types.js';
import { parseChannel } from '../api/validate.js';

/**
 * Reads one field of an `inbox` topic frame. Every frame reader (here and in inbox-frames.ts) returns
 * `undefined` for a payload without the contract's shape: such a frame is dropped, and the next reload
 * tells the truth.
 */
export function readField<T>(payload: unknown, key: string, parse: (value: unknown) => T): T | undefined {
  if (typeof payload !== 'object' || payload === null) return undefined;
  try {
    return parse((payload as Record<string, unknown>)[key]);
  } catch {
    return undefined;
  }
}

/** `channel:status` `{ channel }`. */
export const channelOfFrame = (payload: unknown): Channel | undefined =>
  readField(payload, 'channel', parseChannel);
