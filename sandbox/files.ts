import { randomBytes } from 'node:crypto';
import { HttpError, notFound, route, type Reply, type Route, type RouteParams } from './http.js';

/** A file some message carries: the bytes as they were uploaded, and how to serve them. */
export interface StoredBytes {
  bytes: Buffer;
  mime_type: string;
  name: string;
}

export const FILES_PREFIX = '/__sandbox/files/';
export const AVATARS_PREFIX = '/__sandbox/avatars/';

/**
 * Every tenant's files, behind unguessable ids: `<img src>` and download links send no credentials,
 * so the link itself is the permission, as with the provider's signed storage URLs.
 */
export class FileStore {
  private readonly files = new Map<string, StoredBytes>();

  add(file: StoredBytes): string {
    const id = randomBytes(12).toString('base64url');
    this.files.set(id, file);
    return id;
  }

  get(id: string): StoredBytes | undefined {
    return this.files.get(id);
  }

  delete(id: string): void {
    this.files.delete(id);
  }
}

/** The sandbox path a stored file is served at. */
export function filePath(id: string, name: string): string {
  return `${FILES_PREFIX}${id}/${encodeURIComponent(name)}`;
}

/** A path to a round avatar with the initials on a colour picked from the name. */
export function avatarPath(name: string): string {
  const initials = name
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((word) => [...word][0]?.toUpperCase() ?? '')
    .join('');
  let hue = 0;
  for (const char of name) hue = (hue * 31 + (char.codePointAt(0) ?? 0)) % 360;
  return `${AVATARS_PREFIX}${hue}/${encodeURIComponent(initials || '?')}.svg`;
}

/** `filename*=` keeps non-ASCII names; `filename=` is the ASCII fallback. */
function contentDisposition(name: string): string {
  const fallback = name.replace(/[^\x20-\x7e]|["\\]/g, '_');
  return `inline; filename="${fallback}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

/** The bytes asked for by a single `Range: bytes=a-b`; undefined for the whole file. */
function byteRange(header: string | undefined, size: number): { start: number; end: number } | undefined {
  const match = header === undefined ? null : /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!match || (match[1] === '' && match[2] === '')) return undefined;
  const [, from = '', to = ''] = match;
  const start = from === '' ? Math.max(0, size - Number(to)) : Number(from);
  const end = from === '' || to === '' ? size - 1 : Math.min(Number(to), size - 1);
  if (start > end || start >= size) {
    throw new HttpError(416, 'The range is not satisfiable.', undefined, {
      'Content-Range': `bytes */${size}`,
    });
  }
  return { start, end };
}

function serveFile({ files, range }: PublicContext, params: RouteParams, head: boolean): Reply {
  const file = files.get(params['id'] ?? '');
  if (!file) throw notFound('File not found.');
  const size = file.bytes.length;
  const part = byteRange(range, size);
  const bytes = part ? file.bytes.subarray(part.start, part.end + 1) : file.bytes;
  const headers: Record<string, string> = {
    'Content-Type': file.mime_type,
    'Content-Length': String(bytes.length),
    'Content-Disposition': contentDisposition(file.name),
    'Accept-Ranges': 'bytes',
    // A deleted message's file must be gone at once, not served from a cache.
    'Cache-Control': 'no-store',
    ...(part && { 'Content-Range': `bytes ${part.start}-${part.end}/${size}` }),
  };
  return { status: part ? 206 : 200, headers, bytes: head ? Buffer.alloc(0) : bytes };
}

function avatar(params: RouteParams): Reply {
  const hue = Number(params['hue']);
  const initials = (params['initials'] ?? '').replace(/\.svg$/, '').slice(0, 4);
  if (!Number.isInteger(hue) || hue < 0 || hue >= 360) throw notFound();
  const escaped = initials.replace(/[<>&"']/g, (char) => `&#${char.codePointAt(0)};`);
  const svg =
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64" width="64" height="64">` +
    `<circle cx="32" cy="32" r="32" fill="hsl(${hue} 55% 45%)"/>` +
    `<text x="32" y="33" fill="#fff" font-family="system-ui, sans-serif" font-size="26" ` +
    `text-anchor="middle" dominant-baseline="central">${escaped}</text></svg>`;
  const bytes = Buffer.from(svg);
  return {
    status: 200,
    headers: { 'Content-Type': 'image/svg+xml', 'Content-Length': String(bytes.length) },
    bytes,
  };
}

export interface PublicContext {
  files: FileStore;
  range: string | undefined;
}

/** Paths that take no credentials: files and avatars are linked from `<img>` and `<a download>`. */
export const publicRoutes: readonly Route<PublicContext>[] = [
  route('GET', `${FILES_PREFIX}:id/:name`, (context, params) => serveFile(context, params, false)),
  route('HEAD', `${FILES_PREFIX}:id/:name`, (context, params) => serveFile(context, params, true)),
  route('GET', `${AVATARS_PREFIX}:hue/:initials`, (_context, params) => avatar(params)),
];
