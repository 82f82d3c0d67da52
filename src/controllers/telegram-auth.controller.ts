import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { ApiError, kindForStatus } from '../api/errors.js';
import type { TelegramAuthStatus } from '../api/types.js';
import type { SocketAdapter, TopicSubscription } from '../realtime/socket-adapter.js';

/** The realtime room of the Telegram phone login (docs: the socket's `room:v1:telegram:auth`). */
export const TELEGRAM_AUTH_TOPIC = 'room:v1:telegram:auth';

const STATUSES: readonly TelegramAuthStatus[] = ['wait_phone', 'wait_code', 'wait_password', 'authorized'];

export type TelegramAuthPush =
  | { event: 'send_phone'; payload: { phone: string } }
  | { event: 'send_code'; payload: { code: string } }
  | { event: 'send_password'; payload: { password: string } }
  | { event: 'reset'; payload: Record<string, never> };

export interface TelegramAuthOptions {
  /** The socket to join the room on; read when the room is opened. */
  socket(): SocketAdapter | null | undefined;
  /** Every `auth_state` the room sends, also the one that follows each (re)join. */
  onStatus(status: TelegramAuthStatus): void;
  /** The connection dropped (`false`, phoenix retries), or the room was joined (again) (`true`). */
  onLink(up: boolean): void;
  /** The room cannot be used: the socket could not be set up. */
  onFailure(error: ApiError): void;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The `status` of an `auth_state` frame; `undefined` for a frame without a known one. */
export function authStatusOf(payload: unknown): TelegramAuthStatus | undefined {
  const status = isObject(payload) ? payload['status'] : undefined;
  return STATUSES.find((known) => known === status);
}

function fieldErrorsOf(value: unknown): Record<string, string[]> {
  if (!isObject(value)) return {};
  const entries = Object.entries(value).map(([field, messages]): [string, string[]] => [
    field,
    Array.isArray(messages)
      ? messages.filter((message): message is string => typeof message === 'string')
      : [],
  ]);
  return Object.fromEntries(entries.filter(([, messages]) => messages.length > 0));
}

/**
 * An error reply of the room as an `ApiError`: `{meta: {code, errors, retry_after?}}` (the code is an HTTP
 * status: 422 for refused input), a timeout, or anything else as a failure without a status.
 */
export function roomReplyError(reply: unknown): ApiError {
  if (reply instanceof ApiError) return reply;
  const meta = isObject(reply) ? reply['meta'] : undefined;
  if (!isObject(meta) || typeof meta['code'] !== 'number') {
    return new ApiError({ kind: reply instanceof Error ? 'network' : 'malformed', cause: reply });
  }
  const fieldErrors = fieldErrorsOf(meta['errors']);
  const retryAfter = meta['retry_after'];
  return new ApiError({
    kind: kindForStatus(meta['code']),
    status: meta['code'],
    message: Object.values(fieldErrors).flat()[0],
    fieldErrors,
    ...(typeof retryAfter === 'number' && retryAfter >= 0 && { retryAfterSeconds: Math.ceil(retryAfter) }),
  });
}

/**
 * Joins the Telegram login room while `start()`ed and the host is on the page, reports its `auth_state`
 * and the health of the connection, and sends the login's pushes.
 */
export class TelegramAuthController implements ReactiveController {
  private active = false;
  private subscription: TopicSubscription | undefined;
  private stopWatchingSocket: (() => void) | undefined;

  constructor(
    host: ReactiveControllerHost,
    private readonly options: TelegramAuthOptions,
  ) {
    host.addController(this);
  }

  get isOpen(): boolean {
    return this.subscription !== undefined;
  }

  start(): void {
    this.active = true;
    this.open();
  }

  stop(): void {
    this.active = false;
    this.close();
  }

  hostConnected(): void {
    if (this.active) this.open();
  }

  hostDisconnected(): void {
    this.close();
  }

  /** Resolves when the room accepted the push; rejects with an `ApiError` otherwise. */
  async send({ event, payload }: TelegramAuthPush): Promise<void> {
    const subscription = this.subscription;
    if (!subscription) throw new ApiError({ kind: 'network' });
    try {
      await subscription.push(event, payload);
    } catch (reply) {
      throw roomReplyError(reply);
    }
  }

  /**
   * Tells the room to forget the login (`reset`) and leaves it once the room answered, so the next
   * login starts at the phone number.
   */
  abandon(): void {
    const subscription = this.subscription;
    this.active = false;
    this.stopWatchingSocket?.();
    this.stopWatchingSocket = undefined;
    this.subscription = undefined;
    subscription
      ?.push('reset', {})
      .catch(() => {
        // Nothing more to do: the login is abandoned either way.
      })
      .finally(() => subscription.leave());
  }

  private open(): void {
    const socket = this.options.socket();
    if (!socket || this.subscription) return;
    this.subscription = socket.join(
      TELEGRAM_AUTH_TOPIC,
      {
        auth_state: (payload) => {
          const status = authStatusOf(payload);
          if (status) this.options.onStatus(status);
        },
      },
      {
        onJoin: () => this.options.onLink(true),
        onError: (reason) => {
          if (socket.state.get() === 'closed') this.options.onFailure(roomReplyError(reason));
          else this.options.onLink(false);
        },
      },
    );
    this.stopWatchingSocket = socket.state.listen((state) => {
      if (state === 'reconnecting') this.options.onLink(false);
    });
  }

  private close(): void {
    this.stopWatchingSocket?.();
    this.stopWatchingSocket = undefined;
    this.subscription?.leave();
    this.subscription = undefined;
  }
}
