import { warnSkippedRecord, type SkipReporter, type SkippedKind } from './skipped-records.js';
import {
  CHANNEL_TYPES,
  type Channel,
  type ChannelType,
  type InstagramConnectResult,
  type QrAttemptStatus,
  type QrConnectStart,
} from './types.js';

/** An answer that does not have the shape the contract promises. */
export class ShapeError extends Error {
  override readonly name = 'ShapeError';
}

/** What a successful answer carries once its envelope is removed. */
export interface SuccessAnswer {
  data: unknown;
  message: string | undefined;
}

/** What an error answer may tell, when it is the contract's error envelope. */
export interface ErrorAnswer {
  message: string | undefined;
  fieldErrors: Record<string, string[]> | undefined;
  attemptsLeft?: number;
}

type JsonObject = Record<string, unknown>;

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function kindOf(value: unknown): string {
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

/** The linked channels; a channel without the contract's shape is left out and reported to `onSkip`. */
export function parseChannelList(value: unknown, onSkip: SkipReporter = warnSkippedRecord): Channel[] {
  if (!Array.isArray(value)) throw new ShapeError(`channels: expected an array, got ${kindOf(value)}`);
  return parseEach(value, 'channel', parseChannel, onSkip);
}

export function parseQrConnectStart(value: unknown): QrConnectStart {
  const fields = fieldsOf(value, 'qr connect');
  return { account_id: fields.string('account_id'), qr_code: fields.string('qr_code') };
}

export function parseQrAttemptStatus(value: unknown): QrAttemptStatus {
  const fields = fieldsOf(value, 'qr status');
  const status: QrAttemptStatus = {
    // An attempt that is not linked yet has no channel row, hence no id.
    id: fields.nullableInteger('id'),
    type: fields.channelType('type'),
    username: fields.nullableString('username'),
    is_connected: fields.boolean('is_connected'),
    sync_status: fields.string('sync_status'),
    last_synced_at: fields.nullableDate('last_synced_at'),
    completed: fields.boolean('completed'),
    in_progress: fields.boolean('in_progress'),
  };
  if (fields.has('qr_code')) status.qr_code = fields.nullableString('qr_code');
  if (fields.has('qr_expires_at')) status.qr_expires_at = fields.nullableDate('qr_expires_at');
  if (fields.has('qr_index')) status.qr_index = fields.integer('qr_index');
  if (fields.has('qr_total')) status.qr_total = fields.integer('qr_total');
  return status;
}

/** Instagram's connect and 2FA answers: the linked channel, or a request for (another) code. */
export function parseInstagramConnectResult(
  value: unknown,
  message: string | undefined,
): InstagramConnectResult {
  const fields = fieldsOf(value, 'instagram answer');
  if (fields.raw('requires_2fa') === true) {
    const challenge = {
      requires_2fa: true as const,
      account_id: fields.string('account_id'),
      checkpoint_type: fields.string('checkpoint_type'),
    };
    return message === undefined
      ? { kind: 'challenge', challenge }
      : { kind: 'challenge', challenge, message };
  }
  return { kind: 'connected', channel: parseChannel(value) };
}

/** `{ success: true, data?, message? }`; anything else is not an answer of this contract. */
export function parseSuccessEnvelope(value: unknown): SuccessAnswer {
  const fields = fieldsOf(value, 'envelope');
  if (fields.raw('success') !== true) {
    throw new ShapeError(`envelope.success: expected true, got ${kindOf(fields.raw('success'))}`);
  }
  return { data: fields.raw('data'), message: fields.nullableString('message') ?? undefined };
}

/**
 * `{ success: false, message, errors? }`, read leniently: an error answer is already an error, so a
 * body that is not this envelope (a proxy's HTML page, say) only means there is nothing more to tell.
 */
export function parseErrorEnvelope(value: unknown): ErrorAnswer {
  if (!isObject(value)) return { message: undefined, fieldErrors: undefined };
  const message = typeof value.message === 'string' ? value.message : undefined;
  const left = value.attempts_left;
  const counted = Number.isSafeInteger(left) && (left as number) >= 0 ? { attemptsLeft: left as number } : {};
  if (!isObject(value.errors)) return { message, fieldErrors: undefined, ...counted };
  const fieldErrors: Record<string, string[]> = {};
  for (const [field, messages] of Object.entries(value.errors)) {
    if (typeof messages === 'string') fieldErrors[field] = [messages];
    else if (Array.isArray(messages)) {
      fieldErrors[field] = messages.filter((entry): entry is string => typeof entry === 'string');
    }
  }
  return { message, fieldErrors, ...counted };
}
