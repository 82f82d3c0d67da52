import { warnSkippedRecord, type SkipReporter } from './skipped-records.js';
import type {
  Channel,
  InstagramConnectResult,
  PairingCodeStart,
  QrAttemptStatus,
  QrConnectStart,
} from './types.js';
import { ShapeError, fieldsOf, isObject, kindOf, parseChannel, parseEach } from './validate.js';

// The answers of the calls that link and list channels, and the envelope around every answer: read in
// the chunks of those calls, while the channel parser that live updates also use stays in validate.ts.

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
  if (fields.has('pairing_code')) status.pairing_code = fields.nullableString('pairing_code');
  if (fields.has('pairing_code_expires_at'))
    status.pairing_code_expires_at = fields.nullableDate('pairing_code_expires_at');
  return status;
}

export function parsePairingCodeStart(value: unknown): PairingCodeStart {
  const fields = fieldsOf(value, 'pairing code');
  return {
    account_id: fields.string('account_id'),
    pairing_code: fields.string('pairing_code'),
    expires_at: fields.date('expires_at'),
  };
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
