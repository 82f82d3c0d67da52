import type { FieldErrors } from '../contract.js';

/** A refusal answered with the contract's error envelope. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly errors?: FieldErrors,
    readonly headers?: Record<string, string>,
  ) {
    super(message);
    this.name = 'HttpError';
  }
}

const JSON_HEADERS = { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' };

/** `{ success: true, data, message? }`. */
export function ok(data: unknown, status = 200, message?: string): Response {
  const body = message === undefined ? { success: true, data } : { success: true, data, message };
  return new Response(JSON.stringify(body), { status, headers: JSON_HEADERS });
}

/** `{ success: true, message }` without data, as the Instagram resend call answers (docs/openapi.yaml). */
export function okMessage(message: string): Response {
  return new Response(JSON.stringify({ success: true, message }), { status: 200, headers: JSON_HEADERS });
}

export function noContent(): Response {
  return new Response(null, { status: 204, headers: { 'Cache-Control': 'no-store' } });
}

/** `{ success: false, message, errors? }`. */
export function errorResponse(error: HttpError): Response {
  const body =
    error.errors === undefined
      ? { success: false, message: error.message }
      : { success: false, message: error.message, errors: error.errors };
  return new Response(JSON.stringify(body), {
    status: error.status,
    headers: { ...JSON_HEADERS, ...error.headers },
  });
}

export const unauthorized = () => new HttpError(401, 'The session token is missing, invalid or expired.');
export const notFound = (what = 'Not found.') => new HttpError(404, what);
export const validation = (errors: FieldErrors, message = 'The given data was invalid.') =>
  new HttpError(422, message, errors);
