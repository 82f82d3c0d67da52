import type { FieldErrors, Reply } from '../http.js';

/** Chategy answers everything in a `{meta: {...}}` envelope; the resource sits beside `meta`. */
export function success(resource: Record<string, unknown> = {}, meta: Record<string, unknown> = {}): Reply {
  return { status: 200, body: { ...resource, meta: { code: 200, status: 'success', ...meta } } };
}

/** A failure in Chategy's words, thrown from anywhere inside a route. */
export class ChategyError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly errors?: FieldErrors,
  ) {
    super(message);
  }

  toReply(): Reply {
    const meta: Record<string, unknown> = { code: this.status, message: this.message, status: 'fail' };
    // The 422s name the failing fields and carry a null status_id; 400/401/404/409 do not.
    if (this.errors) Object.assign(meta, { errors: this.errors, status_id: null });
    return { status: this.status, body: { meta } };
  }
}

export const notAuthorized = () => new ChategyError(401, 'Not authorized!');
export const notFound = () => new ChategyError(404, 'Not found');
export const unprocessable = (errors: FieldErrors) => new ChategyError(422, 'Unprocessable Entity', errors);
