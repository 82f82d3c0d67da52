import { createHmac } from 'node:crypto';
import type { FieldErrors } from '../../contract.js';

/** Where Chategy answers; its documentation spreads the calls over several hosts. */
export interface ChategyEndpoints {
  /** `/api/v1/...` and `/developer/v1/...`, e.g. `https://api.chategy.io`. */
  apiUrl: string;
  /** `POST /api/tmp/instances`, e.g. `https://chategy.io`; default `apiUrl`. */
  instancesUrl?: string;
  /** The developer's api_key (instance management and webhooks). */
  apiKey: string;
}

/** A failure Chategy answered in its `{meta: {code, message, errors}}` envelope. */
export class ChategyUpstreamError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly errors: FieldErrors | undefined,
  ) {
    super(message);
    this.name = 'ChategyUpstreamError';
  }

  /** Every message of the 422, e.g. "delivery not_complete". */
  get details(): string[] {
    return Object.values(this.errors ?? {}).flat();
  }
}

export type ParamValue = string | number | boolean | readonly string[];
export type Params = Record<string, ParamValue>;

/**
 * Chategy's idempotency checksum: every parameter value, sorted by parameter name and joined with
 * nothing (a list joins its items), signed with HMAC-SHA256 under the instance's idempotency key, in hex.
 */
export function checksum(params: Params, idempotencyKey: string): string {
  const text = Object.keys(params)
    .sort()
    .map((key) => {
      const value = params[key];
      return Array.isArray(value) ? value.join('') : String(value);
    })
    .join('');
  return createHmac('sha256', idempotencyKey).update(text).digest('hex');
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function fieldErrors(value: unknown): FieldErrors | undefined {
  if (!isRecord(value)) return undefined;
  const errors: FieldErrors = {};
  for (const [field, messages] of Object.entries(value)) {
    if (Array.isArray(messages))
      errors[field] = messages.filter((item): item is string => typeof item === 'string');
  }
  return errors;
}

const TIMEOUT_MS = 15_000;

/** Chategy's REST calls: developer calls with the api_key, `/api/v1` with an instance's token. */
export class ChategyClient {
  constructor(private readonly endpoints: ChategyEndpoints) {}

  developer<T>(method: string, path: string, init: { query?: Params; json?: unknown } = {}): Promise<T> {
    const base = path.startsWith('/api/tmp/')
      ? (this.endpoints.instancesUrl ?? this.endpoints.apiUrl)
      : this.endpoints.apiUrl;
    return this.call<T>(method, base, path, { Authorization: this.endpoints.apiKey }, init);
  }

  instance<T>(
    token: string,
    method: string,
    path: string,
    init: { query?: Params; json?: unknown; form?: FormData; checksum?: string; signal?: AbortSignal } = {},
  ): Promise<T> {
    const headers: Record<string, string> = { Authorization: `Bearer ${token}` };
    if (init.checksum !== undefined) headers['checksum'] = init.checksum;
    return this.call<T>(method, this.endpoints.apiUrl, path, headers, init);
  }

  private async call<T>(
    method: string,
    base: string,
    path: string,
    headers: Record<string, string>,
    init: { query?: Params; json?: unknown; form?: FormData; signal?: AbortSignal },
  ): Promise<T> {
    const url = new URL(path, base.endsWith('/') ? base : `${base}/`);
    for (const [key, value] of Object.entries(init.query ?? {})) {
      if (Array.isArray(value)) for (const item of value) url.searchParams.append(`${key}[]`, String(item));
      else url.searchParams.set(key, String(value));
    }
    let body: string | FormData | undefined;
    if (init.form) body = init.form;
    else if (init.json !== undefined) {
      body = JSON.stringify(init.json);
      headers['Content-Type'] = 'application/json';
    }
    const signals = [AbortSignal.timeout(TIMEOUT_MS), ...(init.signal ? [init.signal] : [])];
    const response = await fetch(url, { method, headers, body, signal: AbortSignal.any(signals) });
    const text = await response.text();
    let parsed: unknown;
    try {
      parsed = text === '' ? {} : JSON.parse(text);
    } catch {
      throw new ChategyUpstreamError(
        response.status,
        `Chategy answered ${response.status} without JSON`,
        undefined,
      );
    }
    if (!response.ok) {
      const meta = isRecord(parsed) && isRecord(parsed['meta']) ? parsed['meta'] : {};
      const message = typeof meta['message'] === 'string' ? meta['message'] : `HTTP ${response.status}`;
      throw new ChategyUpstreamError(response.status, message, fieldErrors(meta['errors']));
    }
    return parsed as T;
  }
}
