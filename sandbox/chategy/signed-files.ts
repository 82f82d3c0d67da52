import { createHmac, randomBytes } from 'node:crypto';
import type { Reply } from '../http.js';
import type { StoredBytes } from '../files.js';
import { checksumMatches } from './checksum.js';

export const SIGNED_FILES_PREFIX = '/__chategy/files/';

/** `20251125T111456Z`, the form of `X-Amz-Date`. */
function amzDate(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace(/[-:]/g, '').replace('.000', '');
}

function parseAmzDate(text: string): number | undefined {
  const match = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(text);
  if (!match) return undefined;
  const [, year, month, day, hour, minute, second] = match;
  return Date.UTC(Number(year), Number(month) - 1, Number(day), Number(hour), Number(minute), Number(second));
}

/** What object storage answers for a link it will not serve: an XML error and 403. */
function accessDenied(message: string): Reply {
  const xml = `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>AccessDenied</Code><Message>${message}</Message></Error>`;
  return { status: 403, headers: { 'Content-Type': 'application/xml' }, bytes: Buffer.from(xml) };
}

/**
 * Files behind presigned links like the ones Chategy's webhooks carry (`X-Amz-Date`, `X-Amz-Expires`
 * 172800, `X-Amz-Signature`): a link stops working when it expires, and `expireAll` makes every link
 * given out so far expire at once, so a client that kept only the link is caught.
 */
export class SignedFileStore {
  private readonly files = new Map<string, StoredBytes>();
  private readonly secret = randomBytes(32);
  /** Signatures of the links given out since the last `expireAll`, and of those it expired. */
  private readonly live = new Set<string>();
  private readonly expired = new Set<string>();

  constructor(private readonly ttlSeconds: number) {}

  add(file: StoredBytes): string {
    const id = randomBytes(12).toString('hex');
    this.files.set(id, file);
    return id;
  }

  /** A fresh link to the file on `origin`, signed now. */
  link(origin: string, id: string, now: number): string {
    const file = this.files.get(id);
    const name = encodeURIComponent(file?.name ?? 'file');
    const date = amzDate(now);
    const expires = String(this.ttlSeconds);
    const signature = this.sign(id, date, expires);
    this.live.add(signature);
    const query = new URLSearchParams({
      'X-Amz-Algorithm': 'AWS4-HMAC-SHA256',
      'X-Amz-Date': date,
      'X-Amz-Expires': expires,
      'X-Amz-SignedHeaders': 'host',
      'X-Amz-Signature': signature,
    });
    return `${origin}${SIGNED_FILES_PREFIX}${id}/${name}?${query.toString()}`;
  }

  expireAll(): void {
    for (const signature of this.live) this.expired.add(signature);
    this.live.clear();
  }

  clear(): void {
    this.files.clear();
    this.live.clear();
    this.expired.clear();
  }

  /** Answers `GET {SIGNED_FILES_PREFIX}{id}/{name}?X-Amz-...`. */
  serve(url: URL, now: number, head: boolean): Reply {
    const id = url.pathname.slice(SIGNED_FILES_PREFIX.length).split('/')[0] ?? '';
    const file = this.files.get(id);
    const date = url.searchParams.get('X-Amz-Date') ?? '';
    const expires = url.searchParams.get('X-Amz-Expires') ?? '';
    const signature = url.searchParams.get('X-Amz-Signature') ?? '';
    const signedAt = parseAmzDate(date);
    if (!file || signedAt === undefined || !checksumMatches(signature, this.sign(id, date, expires))) {
      return accessDenied('The request signature we calculated does not match the signature you provided.');
    }
    if (this.expired.has(signature) || now > signedAt + Number(expires) * 1000) {
      return accessDenied('Request has expired');
    }
    const headers = {
      'Content-Type': file.mime_type,
      'Content-Length': String(file.bytes.length),
      'Cache-Control': 'no-store',
    };
    return { status: 200, headers, bytes: head ? Buffer.alloc(0) : file.bytes };
  }

  private sign(id: string, date: string, expires: string): string {
    return createHmac('sha256', this.secret).update(`${id}\n${date}\n${expires}`).digest('hex');
  }
}
