import { randomBytes } from 'node:crypto';
import type { InboxStore, ProviderLogger } from '../provider.js';

/** Larger files keep the provider's own link (it expires); the copies live in the database. */
const MAX_KEPT_BYTES = 25 * 1024 * 1024;
const DOWNLOAD_TIMEOUT_MS = 30_000;
const INLINE_TYPES = /^(image\/(jpeg|png|webp|gif)|audio\/|video\/|application\/pdf$)/;

interface KeptFile {
  mime_type: string;
  name: string;
  base64: string;
}

const fileKey = (id: string) => `file:${id}`;

/**
 * Copies of the files Chategy's webhooks link to: its links are signed for 48 hours, so an old
 * attachment would break. Each copy is stored with the customer's data and served at an unguessable
 * path of this server, which is its only permission (an `<img>` sends no token).
 */
export class KeptFiles {
  constructor(
    private readonly store: InboxStore,
    /** `{public url}/files/chategy/`; undefined without `publicUrl`, and then links stay as they came. */
    private readonly baseUrl: () => string | undefined,
    private readonly log: () => ProviderLogger | undefined,
  ) {}

  /** Downloads the file now and answers our link to the copy; the original link when that fails. */
  async keepFromUrl(
    customerId: string,
    file: { url: string; mime_type: string; name: string },
  ): Promise<string> {
    if (!this.baseUrl()) return file.url;
    try {
      const response = await fetch(file.url, { signal: AbortSignal.timeout(DOWNLOAD_TIMEOUT_MS) });
      const declared = Number(response.headers.get('content-length') ?? 0);
      if (!response.ok || declared > MAX_KEPT_BYTES)
        throw new Error(`HTTP ${response.status}, ${declared} bytes`);
      const bytes = new Uint8Array(await response.arrayBuffer());
      if (bytes.byteLength > MAX_KEPT_BYTES) throw new Error(`${bytes.byteLength} bytes`);
      return await this.keepBytes(customerId, bytes, file.mime_type, file.name);
    } catch (error) {
      this.log()?.warn('a webhook file could not be copied; its link will expire', { error: String(error) });
      return file.url;
    }
  }

  async keepBytes(customerId: string, bytes: Uint8Array, mimeType: string, name: string): Promise<string> {
    const base = this.baseUrl();
    if (!base || bytes.byteLength > MAX_KEPT_BYTES) return '';
    const id = randomBytes(24).toString('base64url');
    const kept: KeptFile = { mime_type: mimeType, name, base64: Buffer.from(bytes).toString('base64') };
    await this.store.setCustomerValue(customerId, fileKey(id), kept);
    return `${base}${id}/${encodeURIComponent(name)}`;
  }

  /** `GET …/files/chategy/{id}/{name}`. */
  async serve(segments: readonly string[]): Promise<Response | undefined> {
    const id = segments[0] ?? '';
    if (!/^[\w-]{32}$/.test(id)) return undefined;
    const found = await this.store.findByKey(fileKey(id));
    if (!found) return undefined;
    const file = found.value as KeptFile;
    const bytes = Buffer.from(file.base64, 'base64');
    const disposition = INLINE_TYPES.test(file.mime_type) ? 'inline' : 'attachment';
    return new Response(bytes, {
      headers: {
        'Content-Type': file.mime_type,
        'Content-Length': String(bytes.byteLength),
        'Content-Disposition': `${disposition}; filename*=UTF-8''${encodeURIComponent(file.name)}`,
        // A file from a stranger must never run as a page of this origin.
        'Content-Security-Policy': 'sandbox',
        'X-Content-Type-Options': 'nosniff',
        'Cache-Control': 'private, max-age=31536000, immutable',
      },
    });
  }
}
