import { HttpError } from './envelope.js';

/** A JSON call's body: anything larger is refused before it is parsed. */
export const JSON_BODY_LIMIT = 64 * 1024;
/** The contract's largest upload, plus room for the multipart framing. */
export const UPLOAD_BODY_LIMIT = 100 * 1024 * 1024 + 64 * 1024;

/** Reads at most `limit` bytes; 413 as soon as the body (declared or streamed) is larger. */
export async function readBytes(request: Request, limit: number): Promise<Uint8Array> {
  const declared = Number(request.headers.get('content-length') ?? NaN);
  if (declared > limit) throw tooLarge(limit);
  if (!request.body) return new Uint8Array();
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = (request.body as ReadableStream<Uint8Array>).getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      throw tooLarge(limit);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}

function tooLarge(limit: number): HttpError {
  return new HttpError(413, `The request body is larger than ${limit} bytes.`);
}

/** The JSON object body; `{}` for an empty one; 400 for malformed JSON or anything but an object. */
export async function readJsonObject(
  request: Request,
  limit = JSON_BODY_LIMIT,
): Promise<Record<string, unknown>> {
  const text = new TextDecoder('utf-8', { fatal: false }).decode(await readBytes(request, limit)).trim();
  if (text === '') return {};
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new HttpError(400, 'The request body is not valid JSON.');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new HttpError(400, 'The request body must be a JSON object.');
  }
  return value as Record<string, unknown>;
}

/** Any JSON value (webhooks); 400 when malformed. */
export async function readJson(
  request: Request,
  limit: number,
): Promise<{ value: unknown; bytes: Uint8Array }> {
  const bytes = await readBytes(request, limit);
  try {
    return { value: JSON.parse(new TextDecoder().decode(bytes)) as unknown, bytes };
  } catch {
    throw new HttpError(400, 'The request body is not valid JSON.');
  }
}

export async function readForm(request: Request): Promise<FormData> {
  const type = request.headers.get('content-type') ?? '';
  if (!type.toLowerCase().startsWith('multipart/form-data')) {
    throw new HttpError(400, 'The request body must be multipart/form-data.');
  }
  const bytes = await readBytes(request, UPLOAD_BODY_LIMIT);
  try {
    return await new Request('http://body.invalid/', {
      method: 'POST',
      headers: { 'Content-Type': type },
      body: bytes,
    }).formData();
  } catch {
    throw new HttpError(400, 'The request body is not valid multipart/form-data.');
  }
}
