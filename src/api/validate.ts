import type { SkipReporter, SkippedKind } from './skipped-records.js';
import { CHANNEL_TYPES, type Channel, type ChannelType } from './types.js';

/** An answer that does not have the shape the contract promises. */
export class ShapeError extends Error {
  override readonly name = 'ShapeError';
}

export type JsonObject = Record<string, unknown>;

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function kindOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value;
}

function isDate(value: unknown): value is string {
  return typeof value === 'string' && !Number.isNaN(Date.parse(value));
}

/** Typed reads of one object's fields; each throws a `ShapeError` naming the field. */
export function fieldsOf(value: unknown, what: string) {
  if (!isObject(value)) throw new ShapeError(`${what}: expected an object, got ${kindOf(value)}`);
  const record = value;
  const fail = (key: string, expected: string): never => {
    throw new ShapeError(`${what}.${key}: expected ${expected}, got ${kindOf(record[key])}`);
  };
  return {
    raw: (key: string): unknown => record[key],
    has: (key: string): boolean => record[key] !== undefined,
    integer(key: string): number {
      const field = record[key];
      return typeof field === 'number' && Number.isInteger(field) ? field : fail(key, 'an integer');
    },
    nullableInteger(key: string): number | null {
      const field = record[key];
      if (field === undefined || field === null) return null;
      return typeof field === 'number' && Number.isInteger(field) ? field : fail(key, 'an integer or null');
    },
    string(key: string): string {
      const field = record[key];
      return typeof field === 'string' ? field : fail(key, 'a string');
    },
    /** Absent counts as `null`: the 2FA answer leaves `last_synced_at` out (docs/providers.md#channel-object). */
    nullableString(key: string): string | null {
      const field = record[key];
      if (field === undefined || field === null) return null;
      return typeof field === 'string' ? field : fail(key, 'a string or null');
    },
    /** An ISO 8601 time that `Date` reads; anything else would throw later, while rendering. */
    date(key: string): string {
      const field = record[key];
      return isDate(field) ? field : fail(key, 'a date');
    },
    nullableDate(key: string): string | null {
      const field = record[key];
      if (field === undefined || field === null) return null;
      return isDate(field) ? field : fail(key, 'a date or null');
    },
    boolean(key: string): boolean {
      const field = record[key];
      return typeof field === 'boolean' ? field : fail(key, 'a boolean');
    },
    /** Ids may be strings or integers on the wire (docs/providers.md#ids); kept as strings. */
    id(key: string): string {
      const field = record[key];
      if (typeof field === 'string' && field !== '') return field;
      return typeof field === 'number' && Number.isFinite(field) ? String(field) : fail(key, 'an id');
    },
    nullableId(key: string): string | null {
      const field = record[key];
      if (field === undefined || field === null) return null;
      if (typeof field === 'string' && field !== '') return field;
      return typeof field === 'number' && Number.isFinite(field) ? String(field) : fail(key, 'an id or null');
    },
    array(key: string): unknown[] {
      const field = record[key];
      return Array.isArray(field) ? field : fail(key, 'an array');
    },
    channelType(key: string): ChannelType {
      const field = record[key];
      return CHANNEL_TYPES.includes(field as ChannelType)
        ? (field as ChannelType)
        : fail(key, `one of ${CHANNEL_TYPES.join(', ')}`);
    },
  };
}

export function parseChannel(value: unknown): Channel {
  const fields = fieldsOf(value, 'channel');
  return {
    id: fields.integer('id'),
    type: fields.channelType('type'),
    username: fields.nullableString('username'),
    is_connected: fields.boolean('is_connected'),
    sync_status: fields.string('sync_status'),
    last_synced_at: fields.nullableDate('last_synced_at'),
  };
}

/** The id of a record that failed its check, when it has one worth naming. */
function readableId(value: unknown): string | undefined {
  const id = isObject(value) ? value.id : undefined;
  if (typeof id === 'string' && id !== '') return id.slice(0, 100);
  return typeof id === 'number' && Number.isFinite(id) ? String(id) : undefined;
}

/**
 * Each item of a list through `parse`: one record without the contract's shape is left out and
 * reported to `onSkip`, so it never hides the others.
 */
export function parseEach<T>(
  items: unknown[],
  kind: SkippedKind,
  parse: (value: unknown) => T,
  onSkip: SkipReporter,
): T[] {
  const parsed: T[] = [];
  for (const item of items) {
    try {
      parsed.push(parse(item));
    } catch (error) {
      if (!(error instanceof ShapeError)) throw error;
      const id = readableId(item);
      onSkip(id === undefined ? { kind, reason: error.message } : { kind, id, reason: error.message });
    }
  }
  return parsed;
}
