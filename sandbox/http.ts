import type { IncomingMessage, ServerResponse } from 'node:http';

/** Field name to its validation messages, as in the contract's error envelope. */
export type FieldErrors = Record<string, string[]>;

/**
 * What a route answers; `rawBody` is sent as it is with a JSON type, for malformed-response
 * scenarios, and `bytes` as they are with the `Content-Type` of `headers` (files).
 */
export interface Reply {
  status: number;
  body?: unknown;
  rawBody?: string;
  bytes?: Buffer;
  headers?: Record<string, string>;
}

/** An answer in the contract's error envelope, thrown from anywhere inside a route. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly errors?: FieldErrors,
    readonly headers?: Record<string, string>,
    /** Further envelope fields, e.g. `attempts_left`. */
    readonly extra?: Record<string, unknown>,
  ) {
    super(message);
  }

  toReply(): Reply {
    const body = {
      success: false,
      message: this.message,
      ...(this.errors && { errors: this.errors }),
      ...this.extra,
    };
    return { status: this.status, body, ...(this.headers && { headers: this.headers }) };
  }
}

const CORS_HEADERS: Record<string, string> = {
  'Access-Control-Allow-Origin': '*',
  'Access-Control-Allow-Methods': 'GET, POST, PATCH, DELETE, OPTIONS',
  'Access-Control-Allow-Headers': 'Authorization, X-Api-Key, Content-Type',
  'Access-Control-Expose-Headers': 'Retry-After',
  'Access-Control-Max-Age': '600',
};

export function ok(data: unknown, message?: string): Reply {
  return { status: 200, body: { success: true, data, ...(message !== undefined && { message }) } };
}

export function okMessage(message: string): Reply {
  return { status: 200, body: { success: true, message } };
}

export function noContent(): Reply {
  return { status: 204 };
}

export function notFound(message = 'Not found.'): HttpError {
  return new HttpError(404, message);
}

export function tooManyRequests(message: string, retryAfterSeconds: number): HttpError {
  return new HttpError(429, message, undefined, { 'Retry-After': String(retryAfterSeconds) });
}

/** A 422 worded like Laravel's: the first message, and how many more there are. */
export function validationError(errors: FieldErrors): HttpError {
  const messages = Object.values(errors).flat();
  const more = messages.length - 1;
  const suffix = more > 0 ? ` (and ${more} more error${more > 1 ? 's' : ''})` : '';
  return new HttpError(422, `${messages[0] ?? 'The given data was invalid.'}${suffix}`, errors);
}

/**
 * The whole body. With `bytesPerSecond` it is read no faster than that: the paused socket holds the
 * sender back (TCP flow control), as a slow uplink would, so a browser's upload progress can be seen.
 */
export function readBody(req: IncomingMessage, bytesPerSecond = 0): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => {
      chunks.push(chunk);
      if (bytesPerSecond <= 0) return;
      req.pause();
      setTimeout(() => req.resume(), (chunk.length / bytesPerSecond) * 1000);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/** A JSON object body; an empty body reads as `{}`. */
export function parseJsonObject(raw: Buffer): Record<string, unknown> {
  const text = raw.toString('utf8').trim();
  if (text === '') return {};
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new HttpError(400, 'The request body is not valid JSON.');
  }
  if (!isRecord(value)) throw new HttpError(400, 'The request body must be a JSON object.');
  return value;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function send(res: ServerResponse, reply: Reply): void {
  const headers: Record<string, string> = { ...CORS_HEADERS, ...reply.headers };
  if (reply.bytes !== undefined) {
    res.writeHead(reply.status, headers);
    res.end(reply.bytes);
    return;
  }
  let payload: string | undefined;
  if (reply.rawBody !== undefined) {
    payload = reply.rawBody;
  } else if (reply.body !== undefined) {
    payload = JSON.stringify(reply.body);
  }
  if (payload !== undefined) headers['Content-Type'] = 'application/json; charset=utf-8';
  res.writeHead(reply.status, headers);
  res.end(payload);
}

/** Laravel's wording for a field name: `account_id` reads "account id". */
function fieldLabel(field: string): string {
  return field.replaceAll('_', ' ');
}

/** Collects the validation messages of one request body, then throws them together. */
export class BodyFields {
  private readonly errors: FieldErrors = {};

  constructor(private readonly body: Record<string, unknown>) {}

  requiredString(field: string): string {
    const value = this.body[field];
    if (value === undefined || value === null || (typeof value === 'string' && value.trim() === '')) {
      this.fail(field, `The ${fieldLabel(field)} field is required.`);
      return '';
    }
    if (typeof value !== 'string') {
      this.fail(field, `The ${fieldLabel(field)} field must be a string.`);
      return '';
    }
    return value;
  }

  optionalString(field: string): string | undefined {
    const value = this.body[field];
    if (value === undefined || value === null) return undefined;
    if (typeof value !== 'string') {
      this.fail(field, `The ${fieldLabel(field)} field must be a string.`);
      return undefined;
    }
    return value;
  }

  optionalBoolean(field: string): boolean | undefined {
    const value = this.body[field];
    if (value === undefined) return undefined;
    if (typeof value !== 'boolean') {
      this.fail(field, `The ${fieldLabel(field)} field must be true or false.`);
      return undefined;
    }
    return value;
  }

  fail(field: string, message: string): void {
    (this.errors[field] ??= []).push(message);
  }

  /** Throws the collected messages as one 422, if there are any. */
  check(): void {
    if (Object.keys(this.errors).length > 0) throw validationError(this.errors);
  }
}

export type RouteParams = Record<string, string>;

export interface Route<Context> {
  method: string;
  segments: string[];
  handler: (context: Context, params: RouteParams) => Reply | Promise<Reply>;
}

/** A route whose path segments starting with `:` capture a parameter. */
export function route<Context>(
  method: string,
  path: string,
  handler: Route<Context>['handler'],
): Route<Context> {
  return { method, segments: path.split('/').filter(Boolean), handler };
}

/** The first route that matches; earlier routes win, so literal paths go before parameterised ones. */
export function findRoute<Context>(
  routes: readonly Route<Context>[],
  method: string,
  pathname: string,
): { route: Route<Context>; params: RouteParams } | undefined {
  let parts: string[];
  try {
    parts = pathname.split('/').filter(Boolean).map(decodeURIComponent);
  } catch {
    return undefined;
  }
  for (const candidate of routes) {
    if (candidate.method !== method || candidate.segments.length !== parts.length) continue;
    const params: RouteParams = {};
    const matches = candidate.segments.every((segment, index) => {
      const part = parts[index] ?? '';
      if (segment.startsWith(':')) {
        params[segment.slice(1)] = part;
        return true;
      }
      return segment === part;
    });
    if (matches) return { route: candidate, params };
  }
  return undefined;
}
