import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { SendLog } from '../db/send-log.js';

const SIGNATURE_LENGTH = 32;
const INLINE_TYPES = /^(image\/(jpeg|png|webp)|audio\/|video\/|application\/pdf$)/;

interface SentFileBody {
  kind: 'file';
  name: string;
  mime_type: string;
}

function isFileBody(body: Record<string, unknown>): body is Record<string, unknown> & SentFileBody {
  return body['kind'] === 'file' && typeof body['mime_type'] === 'string' && typeof body['name'] === 'string';
}

const encode = (text: string) => Buffer.from(text).toString('base64url');
const decode = (segment: string) => Buffer.from(segment, 'base64url').toString();

/**
 * The link of a file the server has taken but its provider not yet (`download_url` must be a link the
 * page can fetch, docs/openapi.yaml). It stays valid: it serves the bytes the send recorded until the
 * provider took them, then sends the browser on to the provider's link (a socket client keeps the link it
 * was first told; only a status follows). A refused send keeps its bytes, so Retry can send the file again.
 * `<img src>` sends no token, so the link is signed for one customer's send and the signature is its only
 * permission, as for the provider's kept files.
 */
export class PendingFiles {
  private readonly key: Buffer;

  constructor(
    private readonly sends: SendLog,
    /** The server's path prefix and the route's own: `{base}/files/pending/`. */
    private readonly path: string,
    sessionSecret: string | undefined,
  ) {
    this.key = sessionSecret
      ? createHmac('sha256', sessionSecret).update('pending-files').digest()
      : randomBytes(32);
  }

  /** `{origin}{path}{signature}/{customer}/{external id}/{name}`. */
  urlFor(origin: string, customerId: string, externalId: string, name: string): string {
    const segments = [this.sign(customerId, externalId), encode(customerId), encode(externalId)];
    return `${origin}${this.path}${segments.join('/')}/${encodeURIComponent(name)}`;
  }

  /** `GET {path}…`: the bytes, a redirect to the provider's link, or undefined (404). */
  async serve(segments: readonly string[]): Promise<Response | undefined> {
    const [signature = '', customerSegment = '', externalSegment = ''] = segments;
    const customerId = decode(customerSegment);
    const externalId = decode(externalSegment);
    const expected = Buffer.from(this.sign(customerId, externalId));
    const given = Buffer.from(signature);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;
    const send = await this.sends.find(customerId, externalId);
    if (!send || !isFileBody(send.body)) return undefined;
    if (send.file) return fileResponse(send.file, send.body);
    const answered = (send.answer as { file?: { download_url?: unknown } } | null)?.file?.download_url;
    if (typeof answered !== 'string' || !/^https?:\/\//.test(answered)) return undefined;
    return new Response(null, { status: 302, headers: { Location: answered, 'Cache-Control': 'no-store' } });
  }

  private sign(customerId: string, externalId: string): string {
    return createHmac('sha256', this.key)
      .update(JSON.stringify([customerId, externalId]))
      .digest('base64url')
      .slice(0, SIGNATURE_LENGTH);
  }
}

function fileResponse(bytes: Uint8Array, body: SentFileBody): Response {
  const disposition = INLINE_TYPES.test(body.mime_type) ? 'inline' : 'attachment';
  return new Response(bytes, {
    headers: {
      'Content-Type': body.mime_type,
      'Content-Length': String(bytes.byteLength),
      'Content-Disposition': `${disposition}; filename*=UTF-8''${encodeURIComponent(body.name)}`,
      // The user's own upload, but a file must never run as a page of this origin.
      'Content-Security-Policy': 'sandbox',
      'X-Content-Type-Options': 'nosniff',
      // The answer changes once the provider took the file.
      'Cache-Control': 'private, no-cache',
    },
  });
}
