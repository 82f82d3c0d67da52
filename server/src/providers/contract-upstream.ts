import { ProviderError } from './provider.js';

const UPSTREAM_TIMEOUT_MS = 15_000;

export interface UpstreamRequest {
  method: 'GET' | 'POST' | 'DELETE';
  /** Below `/api/v1/`, built by the provider from fixed strings and validated values only. */
  path: string;
  query?: Record<string, string | undefined>;
  json?: unknown;
  form?: FormData;
  signal?: AbortSignal;
}

interface Envelope {
  success?: boolean;
  data?: unknown;
  message?: unknown;
  errors?: unknown;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function fieldErrors(value: unknown): Record<string, string[]> | undefined {
  if (!isRecord(value)) return undefined;
  const errors: Record<string, string[]> = {};
  for (const [field, messages] of Object.entries(value)) {
    if (Array.isArray(messages))
      errors[field] = messages.filter((item): item is string => typeof item === 'string');
  }
  return errors;
}

/**
 * An upstream that speaks the contract's envelopes (the sandbox, SkylightChat): answers unwrapped,
 * refusals (4xx) turned into `ProviderError`s the elements see as they are, anything else an `Error`.
 */
export class ContractUpstream {
  constructor(
    private readonly baseUrl: string,
    private readonly headers: (customerId: string) => Record<string, string>,
  ) {}

  /** The whole success envelope (`data` and `message`), for calls whose message matters. */
  async envelope(
    customerId: string,
    spec: UpstreamRequest,
  ): Promise<{ data: unknown; message: string | undefined }> {
    const url = new URL(
      `api/v1/${spec.path}`,
      this.baseUrl.endsWith('/') ? this.baseUrl : `${this.baseUrl}/`,
    );
    for (const [name, value] of Object.entries(spec.query ?? {}))
      if (value !== undefined) url.searchParams.set(name, value);
    const headers: Record<string, string> = { Accept: 'application/json', ...this.headers(customerId) };
    let body: FormData | string | undefined;
    if (spec.form) body = spec.form;
    else if (spec.json !== undefined) {
      headers['Content-Type'] = 'application/json';
      body = JSON.stringify(spec.json);
    }
    const timeout = AbortSignal.timeout(UPSTREAM_TIMEOUT_MS);
    const response = await fetch(url, {
      method: spec.method,
      headers,
      body,
      signal: spec.signal ? AbortSignal.any([spec.signal, timeout]) : timeout,
      redirect: 'error',
    });
    if (response.status === 204) return { data: null, message: undefined };
    const text = await response.text();
    let parsed: Envelope | undefined;
    try {
      const value: unknown = text === '' ? {} : JSON.parse(text);
      parsed = isRecord(value) ? value : undefined;
    } catch {
      parsed = undefined;
    }
    const message = typeof parsed?.message === 'string' ? parsed.message : undefined;
    if (response.ok && parsed) return { data: parsed.data ?? null, message };
    if (response.status >= 400 && response.status < 500) {
      const retryAfter = Number(response.headers.get('retry-after') ?? NaN);
      throw new ProviderError(
        response.status,
        message ?? `The provider refused the call (${response.status}).`,
        fieldErrors(parsed?.errors),
        Number.isFinite(retryAfter) ? retryAfter : undefined,
      );
    }
    throw new Error(`Upstream ${spec.method} ${spec.path} answered ${response.status}`);
  }

  async call<T>(customerId: string, spec: UpstreamRequest): Promise<T> {
    return (await this.envelope(customerId, spec)).data as T;
  }
}
