import { createHmac, timingSafeEqual } from 'node:crypto';

/** A request parameter as it arrived: from the query string, a JSON body or a form. */
export type ParamValue = string | number | boolean | null | readonly (string | number)[];

/**
 * Chategy's idempotency checksum: the parameter values sorted by key, joined with nothing, signed
 * with HMAC-SHA256 under the instance's idempotency key, in hex. An array joins its items in order.
 */
export function checksumOf(params: Readonly<Record<string, ParamValue>>, idempotencyKey: string): string {
  const text = Object.keys(params)
    .sort()
    .map((key) => {
      const value = params[key];
      if (Array.isArray(value)) return value.join('');
      return value === null || value === undefined ? '' : String(value);
    })
    .join('');
  return createHmac('sha256', idempotencyKey).update(text).digest('hex');
}

export function checksumMatches(given: string, expected: string): boolean {
  const a = Buffer.from(given.toLowerCase());
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}
