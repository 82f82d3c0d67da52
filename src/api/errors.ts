/** What went wrong with a call, independent of the backend that answered. */
export type ApiErrorKind =
  | 'unauthorized'
  | 'forbidden'
  | 'not-found'
  | 'conflict'
  | 'validation'
  | 'rate-limited'
  | 'server'
  | 'network'
  | 'timeout'
  | 'malformed'
  | 'aborted'
  | 'http'
  /** Part of the library, fetched on demand, did not load; the browser keeps that until the page reloads. */
  | 'load-failed'
  /** The host's configuration cannot work (e.g. `getToken()` gave no token); `message` names the option. */
  | 'misconfigured';

export interface ApiErrorInit {
  kind: ApiErrorKind;
  status?: number;
  message?: string;
  fieldErrors?: Record<string, string[]>;
  retryAfterSeconds?: number;
  attemptsLeft?: number | undefined;
  cause?: unknown;
}

/** The one error type every backend call rejects with. */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  readonly kind: ApiErrorKind;
  /** HTTP status, when the server answered. */
  readonly status: number | undefined;
  /** The server's own message, when it sent one. */
  readonly serverMessage: string | undefined;
  /** Field name to the server's messages for it (422). */
  readonly fieldErrors: Record<string, string[]>;
  /** Seconds to wait before trying again (429 `Retry-After`). */
  readonly retryAfterSeconds: number | undefined;
  /** Wrong tries left before a lockout, when the backend counts them (docs/providers.md#instagram-2fa-rounds). */
  readonly attemptsLeft: number | undefined;

  constructor(init: ApiErrorInit) {
    super(init.message ?? init.kind, { cause: init.cause });
    this.kind = init.kind;
    this.status = init.status;
    this.serverMessage = init.message;
    this.fieldErrors = init.fieldErrors ?? {};
    this.retryAfterSeconds = init.retryAfterSeconds;
    this.attemptsLeft = init.attemptsLeft;
  }

  /** Whether trying the same thing again later can succeed. */
  get isTransient(): boolean {
    return ['rate-limited', 'server', 'network', 'timeout'].includes(this.kind);
  }
}

export function kindForStatus(status: number): ApiErrorKind {
  if (status === 401) return 'unauthorized';
  if (status === 403) return 'forbidden';
  if (status === 404) return 'not-found';
  if (status === 409) return 'conflict';
  if (status === 422 || status === 400) return 'validation';
  if (status === 429) return 'rate-limited';
  if (status >= 500) return 'server';
  return 'http';
}

export function isAbort(error: unknown): boolean {
  return (
    (error instanceof ApiError && error.kind === 'aborted') ||
    (error instanceof DOMException && error.name === 'AbortError')
  );
}

/** Any thrown value as an `ApiError`, so elements handle one type. */
export function toApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  if (error instanceof DOMException && error.name === 'AbortError') {
    return new ApiError({ kind: 'aborted', cause: error });
  }
  return new ApiError({ kind: 'network', cause: error });
}
