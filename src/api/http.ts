import ky, { isHTTPError, isTimeoutError, type RetryOptions } from 'ky';
import { ApiError, kindForStatus } from './errors.js';
import { TokenCache } from './token-cache.js';
import { signedOutReporterFor } from './skipped-records.js';
import { parseErrorEnvelope, parseSuccessEnvelope, type SuccessAnswer } from './validate-answers.js';
import { ShapeError } from './validate.js';

export interface ClientConfig {
  /** Origin (and path prefix) of the backend; `''` or a relative path means the page's own origin. */
  baseUrl: string;
  /** Sent as `X-Api-Key`; fine for a back office, never for a public page. */
  apiKey?: string;
  /** The host's source of short-lived session tokens; preferred over `apiKey`. */
  getToken?: () => Promise<string>;
  /** How long one attempt may wait for an answer; 15 s unless set. */
  timeoutMs?: number;
}

export interface RequestSpec<T> {
  method: 'get' | 'post' | 'patch' | 'delete';
  /** Below `/api/v1/`, without a leading slash, e.g. `channels/whatsapp/status`. */
  path: string;
  query?: Record<string, string>;
  json?: unknown;
  /** A POST the server deduplicates (by `external_id`), so it may be repeated like a read. */
  idempotent?: boolean;
  signal?: AbortSignal | undefined;
  /** Turns the unwrapped answer into the call's result; throws a `ShapeError` when it cannot. */
  read: (answer: SuccessAnswer) => T;
}

export interface UploadSpec<T> {
  /** Below `/api/v1/`, without a leading slash. */
  path: string;
  form: FormData;
  signal?: AbortSignal | undefined;
  onProgress?: ((fraction: number) => void) | undefined;
  read: (answer: SuccessAnswer) => T;
}

export interface HttpClient {
  <T>(spec: RequestSpec<T>): Promise<T>;
  /**
   * A multipart POST that reports upload progress. fetch cannot: ky's `onUploadProgress` streams the
   * request body, which Chromium only allows over HTTP/2, so this one call goes through XMLHttpRequest.
   */
  upload<T>(spec: UploadSpec<T>): Promise<T>;
}

const DEFAULT_TIMEOUT_MS = 15_000;

/** The longest `Retry-After` a read waits out by itself before asking again. */
export const AUTOMATIC_RETRY_AFTER_SECONDS = 10;

/** The longest wait taken from `Retry-After`; a server asking for more is held to this. */
export const MAX_RETRY_AFTER_SECONDS = 3600;

/** `Retry-After` as whole seconds from now, at most an hour; it may be a number of seconds or an HTTP date. */
export function parseRetryAfter(header: string | null, now = Date.now()): number | undefined {
  if (header === null || header.trim() === '') return undefined;
  const seconds = Number(header);
  const date = Date.parse(header);
  const wait = Number.isFinite(seconds) ? seconds : Number.isNaN(date) ? undefined : (date - now) / 1000;
  return wait === undefined ? undefined : Math.min(MAX_RETRY_AFTER_SECONDS, Math.max(0, Math.ceil(wait)));
}

/**
 * Only GETs are repeated: they read, so a repeat after a dropped connection, an overloaded server or a
 * rate limit cannot link, unlink or send anything twice. The POSTs are left to the user to repeat.
 * A `Retry-After` longer than `AUTOMATIC_RETRY_AFTER_SECONDS` is not cut short: the call fails at once
 * with that wait, which the element shows.
 */
const READ_RETRY: RetryOptions = {
  limit: 2,
  methods: ['get'],
  statusCodes: [429, 500, 502, 503, 504],
  afterStatusCodes: [429, 503],
  maxRetryAfter: AUTOMATIC_RETRY_AFTER_SECONDS * 1000,
  backoffLimit: 3_000,
  shouldRetry: ({ error }) => {
    if (!isHTTPError(error)) return undefined;
    const wait = parseRetryAfter(error.response.headers.get('Retry-After'));
    return wait !== undefined && wait > AUTOMATIC_RETRY_AFTER_SECONDS ? false : undefined;
  },
};

function abortedError(signal: AbortSignal): ApiError {
  return new ApiError({ kind: 'aborted', cause: signal.reason });
}

/** Settles with `promise`, or rejects as aborted as soon as `signal` fires, whichever is first. */
function unlessAborted<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return promise;
  if (signal.aborted) return Promise.reject(abortedError(signal));
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(abortedError(signal));
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

async function errorFromResponse(response: Response): Promise<ApiError> {
  let body: unknown;
  try {
    body = JSON.parse(await response.text());
  } catch {
    body = undefined;
  }
  const { message, fieldErrors, attemptsLeft } = parseErrorEnvelope(body);
  return new ApiError({
    kind: kindForStatus(response.status),
    status: response.status,
    message,
    fieldErrors,
    attemptsLeft,
    retryAfterSeconds: parseRetryAfter(response.headers.get('Retry-After')),
  });
}

async function failureOf(error: unknown, signal: AbortSignal | undefined): Promise<ApiError> {
  if (signal?.aborted) return abortedError(signal);
  if (isHTTPError(error)) return errorFromResponse(error.response);
  if (isTimeoutError(error)) return new ApiError({ kind: 'timeout', cause: error });
  // fetch rejects with a TypeError when the network is down, the server hangs up or CORS refuses.
  return new ApiError({ kind: 'network', cause: error });
}

async function readAnswer<T>(response: Response, spec: RequestSpec<T>): Promise<T> {
  if (response.status === 204) return spec.read({ data: undefined, message: undefined });
  let text: string;
  try {
    text = await response.text();
  } catch (error) {
    throw await failureOf(error, spec.signal);
  }
  return readText(text, response.status, spec.read);
}

function readText<T>(text: string, status: number, read: (answer: SuccessAnswer) => T): T {
  try {
    return read(parseSuccessEnvelope(JSON.parse(text)));
  } catch (error) {
    if (error instanceof SyntaxError || error instanceof ShapeError) {
      throw new ApiError({ kind: 'malformed', status, cause: error });
    }
    throw error;
  }
}

const isUnauthorized = (error: unknown): boolean =>
  error instanceof ApiError && error.kind === 'unauthorized';

/** Errors from the host's `getToken()` mean there is no session to call with. */
async function awaitToken(token: Promise<string>, signal: AbortSignal | undefined): Promise<string> {
  try {
    return await unlessAborted(token, signal);
  } catch (error) {
    if (error instanceof ApiError) throw error;
    throw new ApiError({ kind: 'unauthorized', cause: error });
  }
}

/**
 * The transport of the contract: auth headers, the envelope, errors as `ApiError`, retries of reads.
 * With `getToken`, a 401 fetches a new token once and repeats the request once.
 */
export function createHttpClient(config: ClientConfig): HttpClient {
  const apiRoot = new URL(`${config.baseUrl.replace(/\/+$/, '')}/api/v1/`, document.baseURI);
  const timeout = config.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const tokens = config.getToken ? new TokenCache(config.getToken) : undefined;
  const apiKeyHeaders: Record<string, string> = config.apiKey ? { 'X-Api-Key': config.apiKey } : {};
  /** The last token refused right after it was fetched, which ended the session. */
  let signedOutToken: string | undefined;

  async function send<T>(spec: RequestSpec<T>, authHeaders: Record<string, string>): Promise<T> {
    const url = new URL(spec.path, apiRoot);
    for (const [name, value] of Object.entries(spec.query ?? {})) url.searchParams.set(name, value);
    let response: Response;
    try {
      response = await ky(url, {
        method: spec.method,
        json: spec.json,
        headers: { Accept: 'application/json', ...authHeaders },
        signal: spec.signal,
        timeout,
        retry: spec.method === 'get' || spec.idempotent ? { ...READ_RETRY, methods: [spec.method] } : 0,
      });
    } catch (error) {
      throw await failureOf(error, spec.signal);
    }
    return readAnswer(response, spec);
  }

  function sendUpload<T>(spec: UploadSpec<T>, authHeaders: Record<string, string>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const xhr = new XMLHttpRequest();
      const onAbort = () => xhr.abort();
      const settle = () => spec.signal?.removeEventListener('abort', onAbort);
      xhr.open('POST', new URL(spec.path, apiRoot));
      for (const [name, value] of Object.entries({ Accept: 'application/json', ...authHeaders })) {
        xhr.setRequestHeader(name, value);
      }
      xhr.upload.onprogress = (event) => {
        if (event.lengthComputable && event.total > 0) spec.onProgress?.(event.loaded / event.total);
      };
      xhr.onload = () => {
        settle();
        if (xhr.status >= 200 && xhr.status < 300) {
          try {
            resolve(readText(xhr.responseText, xhr.status, spec.read));
          } catch (error) {
            reject(error instanceof Error ? error : new ApiError({ kind: 'malformed', cause: error }));
          }
          return;
        }
        const response = new Response(xhr.responseText, {
          status: xhr.status,
          headers: { 'Retry-After': xhr.getResponseHeader('Retry-After') ?? '' },
        });
        void errorFromResponse(response).then(reject);
      };
      xhr.onerror = () => {
        settle();
        reject(new ApiError({ kind: 'network' }));
      };
      xhr.onabort = () => {
        settle();
        reject(spec.signal?.aborted ? abortedError(spec.signal) : new ApiError({ kind: 'network' }));
      };
      if (spec.signal?.aborted) {
        reject(abortedError(spec.signal));
        return;
      }
      spec.signal?.addEventListener('abort', onAbort, { once: true });
      xhr.send(spec.form);
    });
  }

  async function withAuth<T>(
    signal: AbortSignal | undefined,
    call: (headers: Record<string, string>) => Promise<T>,
  ): Promise<T> {
    if (!tokens) return call(apiKeyHeaders);
    const token = await awaitToken(tokens.get(), signal);
    try {
      return await call({ Authorization: `Bearer ${token}` });
    } catch (error) {
      if (!isUnauthorized(error)) throw error;
      const renewed = await awaitToken(tokens.refresh(token), signal);
      try {
        return await call({ Authorization: `Bearer ${renewed}` });
      } catch (second) {
        // A fresh token refused too: the session is over. Said once, however many calls saw it.
        if (isUnauthorized(second) && renewed !== signedOutToken) {
          signedOutToken = renewed;
          signedOutReporterFor(signal)();
        }
        throw second;
      }
    }
  }

  const request = <T>(spec: RequestSpec<T>): Promise<T> =>
    withAuth(spec.signal, (headers) => send(spec, headers));
  return Object.assign(request, {
    upload: <T>(spec: UploadSpec<T>): Promise<T> =>
      withAuth(spec.signal, (headers) => sendUpload(spec, headers)),
  });
}
