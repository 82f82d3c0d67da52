/**
 * Counts the API calls the page itself starts (`/api/v1/…` through `window.fetch`), passing each
 * through unchanged. A test that proves nothing more is asked reads this at once, in the page, instead
 * of hoping a late request has reached the sandbox's log by the time it looks there.
 */
export interface PageFetches {
  /** API calls started since `trackPageFetches()`. */
  readonly started: number;
  /** Their URLs, in the order they were started. */
  readonly urls: readonly string[];
  /** API calls started and not answered yet (an answered call is in the sandbox's log). */
  readonly pending: number;
  restore(): void;
}

export function trackPageFetches(): PageFetches {
  const realFetch = window.fetch;
  const urls: string[] = [];
  let pending = 0;
  window.fetch = (input: RequestInfo | URL, init?: RequestInit) => {
    const url = input instanceof Request ? input.url : String(input);
    if (!new URL(url, location.href).pathname.startsWith('/api/v1/')) return realFetch(input, init);
    urls.push(url);
    pending += 1;
    return realFetch(input, init).finally(() => (pending -= 1));
  };
  return {
    get started() {
      return urls.length;
    },
    urls,
    get pending() {
      return pending;
    },
    restore: () => (window.fetch = realFetch),
  };
}
