import { warnSkippedRecord } from '../api/skipped-records.js';

/** A frame of phoenix's serializer 2.0.0: `[join_ref, ref, topic, event, payload]`. */
export interface DecodedFrame {
  join_ref: string | null;
  ref: string | null;
  topic: string;
  event: string;
  payload: Record<string, unknown>;
}

const isRef = (value: unknown): value is string | null => value === null || typeof value === 'string';

/** The frame in `raw`, or the reason it is not one this client can read. */
export function readFrame(raw: unknown): DecodedFrame | string {
  if (typeof raw !== 'string') return 'a binary frame';
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    return 'not JSON';
  }
  if (!Array.isArray(parsed) || parsed.length !== 5)
    return 'not a [join_ref, ref, topic, event, payload] array';
  const [joinRef, ref, topic, event, payload] = parsed as unknown[];
  if (!isRef(joinRef) || !isRef(ref)) return 'a ref that is not a string';
  if (typeof topic !== 'string' || typeof event !== 'string') return 'a topic or event that is not a string';
  if (typeof payload !== 'object' || payload === null || Array.isArray(payload)) {
    return 'a payload that is not an object';
  }
  return { join_ref: joinRef, ref, topic, event, payload: payload as Record<string, unknown> };
}

/**
 * phoenix's `decode` option. Its own decoder throws inside the socket's message handler on a frame that
 * is not JSON, and a `null` payload throws further on; such a frame is reported and dropped here, and the
 * connection goes on.
 */
export function decodeFrame(raw: unknown, callback: (frame: DecodedFrame) => void): void {
  const frame = readFrame(raw);
  if (typeof frame === 'string') {
    warnSkippedRecord({ kind: 'frame', reason: `a socket frame was ${frame}` });
    return;
  }
  callback(frame);
}
