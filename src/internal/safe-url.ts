/** `blob:` URLs this library created itself; any other `blob:` URL is refused. */
const ownBlobUrls = new Set<string>();

/** Makes a `blob:` URL for `blob` that `safeUrl` accepts; release it with `revokeOwnBlobUrl`. */
export function createOwnBlobUrl(blob: Blob): string {
  const url = URL.createObjectURL(blob);
  ownBlobUrls.add(url);
  return url;
}

export function revokeOwnBlobUrl(url: string): void {
  if (ownBlobUrls.delete(url)) URL.revokeObjectURL(url);
}

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * The one gate for every URL that reaches an `href` or `src`: `https:` URLs, `blob:` URLs the library
 * made, and `http:` on the loopback host (a secure context, where a developer runs the sandbox), as
 * their normalised form; `undefined` for anything else (`javascript:`, `data:`, other `http:`...).
 */
export function safeUrl(candidate: string | null | undefined): string | undefined {
  if (!candidate) return undefined;
  let url: URL;
  try {
    url = new URL(candidate);
  } catch {
    return undefined;
  }
  if (url.protocol === 'https:') return url.href;
  if (url.protocol === 'blob:') return ownBlobUrls.has(candidate) ? candidate : undefined;
  if (url.protocol === 'http:' && LOOPBACK_HOSTS.has(url.hostname)) return url.href;
  return undefined;
}
