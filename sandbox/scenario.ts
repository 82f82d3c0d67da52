import { isChannelType, type ChannelType } from './channel.js';
import { isRecord, validationError, type FieldErrors } from './http.js';
import { parseTimings, type Timings } from './timings.js';

export const INSTAGRAM_OUTCOMES = ['connected', '2fa', '2fa_twice', 'too_many_attempts'] as const;
export type InstagramOutcome = (typeof INSTAGRAM_OUTCOMES)[number];

/** A canned answer for the next matching API request(s). */
export interface Failure {
  method: string;
  /** Compared with the request path without its query string. */
  path: string;
  /** Matching requests left; -1 never runs out. */
  times: number;
  status?: number;
  /** Sent as the JSON body instead of the error envelope. */
  body?: unknown;
  /** Sent as it is with a JSON content type, to test malformed responses. */
  raw?: string;
  delay_ms?: number;
  /** Destroys the connection instead of answering: the client sees a network error. */
  drop?: boolean;
  retry_after?: number;
}

/** A canned error reply to the next push(es) of one event in the Telegram auth room. */
export interface RoomFailure {
  /** `send_phone`, `send_code`, `send_password` or `reset`. */
  event: string;
  /** The reply's `meta.code`, e.g. 429 or 500. */
  code: number;
  /** Matching pushes left; -1 never runs out. */
  times: number;
  /** Sent as `meta.retry_after` (seconds). */
  retry_after?: number;
}

export interface Scenario {
  instagram: InstagramOutcome;
  instagram_checkpoint: string;
  instagram_max_attempts: number;
  instagram_lockout_seconds: number;
  multiple_accounts: boolean;
  telegram_password: boolean;
  /** Canned error replies in the Telegram auth room. */
  telegram_auth_failures: RoomFailure[];
  /** Status answers carry the `qr_*` extension fields; without them they are the provider's, no more (docs/providers.md#qr-attempt-status). */
  status_extensions: boolean;
  /** Channel types or channel ids whose disconnect is refused. */
  campaign_running: (ChannelType | number)[];
  failures: Failure[];
  timings: Partial<Timings>;
  /** New outgoing messages turn `failed` with this error instead of `delivered`; null: they arrive. */
  message_failure: string | null;
  /** The largest file `POST /conversations/{id}/files` takes (100 MB, docs/providers.md#sending-files). */
  max_file_bytes: number;
  /** A contact writes to one of the tenant's conversations every this many ms (about); 0: nobody does. */
  chatty: number;
  /** Holds the socket echo (`message:new`, `conversation:updated`) of a sent message this long. */
  echo_delay_ms: number;
  /** Holds the answer of a send this long after the message was made (and echoed). */
  send_answer_delay_ms: number;
  /** Reads request bodies (uploads) no faster than this, so upload progress can be watched; 0: no limit. */
  upload_bytes_per_second: number;
}

/** The provider's largest file (docs/providers.md#sending-files). */
export const MAX_FILE_BYTES = 100 * 1024 * 1024;

/** `chatty: true` means a message about this often. */
export const CHATTY_DEFAULT_MS = 5000;

/** Below this `chatty` would flood a page rather than simulate a contact. */
const CHATTY_MIN_MS = 50;

export function defaultScenario(): Scenario {
  return {
    instagram: '2fa',
    instagram_checkpoint: 'OTP',
    instagram_max_attempts: 3,
    instagram_lockout_seconds: 30,
    multiple_accounts: false,
    telegram_password: false,
    telegram_auth_failures: [],
    status_extensions: true,
    campaign_running: [],
    failures: [],
    timings: {},
    message_failure: null,
    max_file_bytes: MAX_FILE_BYTES,
    chatty: 0,
    echo_delay_ms: 0,
    send_answer_delay_ms: 0,
    upload_bytes_per_second: 0,
  };
}

function isPositiveInteger(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 1;
}

function isNonNegativeNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0;
}

export function parseFailure(value: unknown, key: string, errors: FieldErrors): Failure | undefined {
  const fail = (field: string, message: string) => {
    (errors[`${key}.${field}`] ??= []).push(message);
  };
  if (!isRecord(value)) {
    errors[key] = ['Each failure must be an object.'];
    return undefined;
  }
  const { method, path, status, times = 1, body, raw, delay_ms, drop, retry_after } = value;
  if (typeof method !== 'string' || method === '') fail('method', 'The method is required.');
  if (typeof path !== 'string' || !path.startsWith('/')) fail('path', 'The path must start with "/".');
  if (times !== -1 && !isPositiveInteger(times)) fail('times', 'Must be -1 (forever) or at least 1.');
  if (
    status !== undefined &&
    !(Number.isInteger(status) && (status as number) >= 100 && (status as number) <= 599)
  ) {
    fail('status', 'Must be an HTTP status code.');
  }
  if (raw !== undefined && typeof raw !== 'string') fail('raw', 'Must be a string.');
  if (delay_ms !== undefined && !isNonNegativeNumber(delay_ms)) fail('delay_ms', 'Must be 0 or more.');
  if (drop !== undefined && typeof drop !== 'boolean') fail('drop', 'Must be true or false.');
  if (retry_after !== undefined && !isNonNegativeNumber(retry_after))
    fail('retry_after', 'Must be 0 or more.');
  if (Object.keys(errors).some((name) => name.startsWith(`${key}.`))) return undefined;
  return {
    method: (method as string).toUpperCase(),
    path: (path as string).split('?')[0] ?? '',
    times: times as number,
    ...(status !== undefined && { status: status as number }),
    ...(body !== undefined && { body }),
    ...(raw !== undefined && { raw: raw as string }),
    ...(delay_ms !== undefined && { delay_ms: delay_ms as number }),
    ...(drop !== undefined && { drop: drop as boolean }),
    ...(retry_after !== undefined && { retry_after: retry_after as number }),
  };
}

function parseRoomFailure(value: unknown, key: string, errors: FieldErrors): RoomFailure | undefined {
  if (!isRecord(value)) {
    errors[key] = ['Each room failure must be an object.'];
    return undefined;
  }
  const { event, code, times = 1, retry_after } = value;
  const problems: string[] = [];
  if (typeof event !== 'string' || event === '') problems.push('The event is required.');
  if (!(typeof code === 'number' && Number.isInteger(code) && code >= 400 && code <= 599))
    problems.push('The code must be an error status such as 429 or 500.');
  if (times !== -1 && !isPositiveInteger(times)) problems.push('times must be -1 (forever) or at least 1.');
  if (retry_after !== undefined && !isNonNegativeNumber(retry_after))
    problems.push('retry_after must be 0 or more.');
  if (problems.length > 0) {
    errors[key] = problems;
    return undefined;
  }
  return {
    event: event as string,
    code: code as number,
    times: times as number,
    ...(retry_after !== undefined && { retry_after: retry_after as number }),
  };
}

/**
 * The scenario with the given switches changed; `failures` replaces the list, `timings` merges.
 * Throws a 422 naming every invalid switch.
 */
export function mergeScenario(current: Scenario, patch: Record<string, unknown>): Scenario {
  const next: Scenario = { ...current, timings: { ...current.timings } };
  const errors: FieldErrors = {};
  for (const [name, value] of Object.entries(patch)) {
    switch (name) {
      case 'instagram':
        if ((INSTAGRAM_OUTCOMES as readonly unknown[]).includes(value))
          next.instagram = value as InstagramOutcome;
        else errors[name] = [`Must be one of: ${INSTAGRAM_OUTCOMES.join(', ')}.`];
        break;
      case 'instagram_checkpoint':
        if (typeof value === 'string' && value !== '') next.instagram_checkpoint = value;
        else errors[name] = ['Must be a checkpoint type such as "OTP".'];
        break;
      case 'instagram_max_attempts':
        if (isPositiveInteger(value)) next.instagram_max_attempts = value;
        else errors[name] = ['Must be an integer of at least 1.'];
        break;
      case 'instagram_lockout_seconds':
        if (isPositiveInteger(value)) next.instagram_lockout_seconds = value;
        else errors[name] = ['Must be an integer of at least 1.'];
        break;
      case 'multiple_accounts':
      case 'telegram_password':
      case 'status_extensions':
        if (typeof value === 'boolean') next[name] = value;
        else errors[name] = ['Must be true or false.'];
        break;
      case 'telegram_auth_failures':
        if (Array.isArray(value)) {
          next.telegram_auth_failures = value.flatMap(
            (item, index) => parseRoomFailure(item, `${name}.${index}`, errors) ?? [],
          );
        } else {
          errors[name] = ['Must be a list of room failures.'];
        }
        break;
      case 'campaign_running':
        if (Array.isArray(value) && value.every((item) => isChannelType(item) || Number.isInteger(item))) {
          next.campaign_running = value as (ChannelType | number)[];
        } else {
          errors[name] = ['Must be a list of channel types and channel ids.'];
        }
        break;
      case 'failures':
        if (Array.isArray(value)) {
          next.failures = value.flatMap(
            (item, index) => parseFailure(item, `failures.${index}`, errors) ?? [],
          );
        } else {
          errors[name] = ['Must be a list of failures.'];
        }
        break;
      case 'timings': {
        const parsed = parseTimings(value, 'timings.');
        Object.assign(errors, parsed.errors);
        Object.assign(next.timings, parsed.timings);
        break;
      }
      case 'message_failure':
        if (value === null || (typeof value === 'string' && value.trim() !== ''))
          next.message_failure = value;
        else
          errors[name] = [
            'Must be an error text such as "This number is not registered in WhatsApp.", or null.',
          ];
        break;
      case 'max_file_bytes':
        if (isPositiveInteger(value)) next.max_file_bytes = value;
        else errors[name] = ['Must be an integer of at least 1.'];
        break;
      case 'chatty':
        if (typeof value === 'boolean') next.chatty = value ? CHATTY_DEFAULT_MS : 0;
        else if (value === 0 || (isNonNegativeNumber(value) && value >= CHATTY_MIN_MS)) next.chatty = value;
        else
          errors[name] = [
            `Must be true, false, 0, or a number of milliseconds of at least ${CHATTY_MIN_MS}.`,
          ];
        break;
      case 'echo_delay_ms':
      case 'send_answer_delay_ms':
        if (isNonNegativeNumber(value)) next[name] = value;
        else errors[name] = ['Must be a number of milliseconds, 0 or more.'];
        break;
      case 'upload_bytes_per_second':
        if (value === 0 || isPositiveInteger(value)) next.upload_bytes_per_second = value;
        else errors[name] = ['Must be a whole number of bytes per second, or 0 for no limit.'];
        break;
      default:
        errors[name] = ['Unknown scenario switch.'];
    }
  }
  if (Object.keys(errors).length > 0) throw validationError(errors);
  return next;
}

/** Takes one use of the first failure that matches, dropping it once it is used up. */
export function takeFailure(
  scenario: Pick<Scenario, 'failures'>,
  method: string,
  pathname: string,
): Failure | undefined {
  const index = scenario.failures.findIndex(
    (failure) => failure.method === method && failure.path === pathname,
  );
  const failure = scenario.failures[index];
  if (!failure) return undefined;
  if (failure.times !== -1) {
    failure.times -= 1;
    if (failure.times === 0) scenario.failures.splice(index, 1);
  }
  return failure;
}

/** Takes one use of the first room failure for `event`, dropping it once it is used up. */
export function takeRoomFailure(scenario: Scenario, event: string): RoomFailure | undefined {
  const index = scenario.telegram_auth_failures.findIndex((failure) => failure.event === event);
  const failure = scenario.telegram_auth_failures[index];
  if (!failure) return undefined;
  if (failure.times !== -1) {
    failure.times -= 1;
    if (failure.times === 0) scenario.telegram_auth_failures.splice(index, 1);
  }
  return failure;
}
