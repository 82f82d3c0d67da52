import { ApiError } from './errors.js';

/** How long the host's `getToken()` may take before the call that needs it fails. */
const TOKEN_TIMEOUT_MS = 15000;

/**
 * The host's session token, fetched once and shared: callers that ask while a `getToken()` is in
 * flight wait for that one, and a refused token is replaced once however many callers saw it refused.
 */
export class TokenCache {
  private token: string | undefined;
  private pending: Promise<string> | undefined;
  /** The last wrong answer of `getToken()` told to the console, so a repeat is not told again. */
  private reportedNotAToken: string | undefined;

  constructor(
    private readonly getToken: () => Promise<string>,
    private readonly timeoutMs = TOKEN_TIMEOUT_MS,
  ) {}

  /** The last token obtained, for code that cannot wait (the socket's connect params). */
  get latest(): string | undefined {
    return this.token;
  }

  get(): Promise<string> {
    if (this.pending) return this.pending;
    if (this.token !== undefined) return Promise.resolve(this.token);
    return this.load();
  }

  /** A token other than `refused`: fetched anew unless another caller already did. */
  refresh(refused: string): Promise<string> {
    if (this.pending) return this.pending;
    if (this.token !== undefined && this.token !== refused) return Promise.resolve(this.token);
    return this.load();
  }

  /** `getToken()` resolved to something that is not a token: the caller fails, the console hears it. */
  private notAToken(value: unknown): ApiError {
    const shown = typeof value === 'string' ? 'an empty string' : value === null ? 'null' : typeof value;
    const message = `getToken() resolved to ${shown}; it must resolve to a non-empty string (the session token).`;
    if (this.reportedNotAToken !== message) console.error(`inbox-elements: ${message}`);
    this.reportedNotAToken = message;
    return new ApiError({ kind: 'misconfigured', message });
  }

  private load(): Promise<string> {
    // Through `then`, so that a host function that throws instead of rejecting is still a rejection.
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timedOut = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new ApiError({ kind: 'timeout' })), this.timeoutMs);
    });
    const loading = Promise.race([Promise.resolve().then(() => this.getToken()), timedOut])
      .finally(() => clearTimeout(timer))
      .then((token: unknown) => {
        if (typeof token !== 'string' || token === '') throw this.notAToken(token);
        this.token = token;
        return token;
      });
    this.pending = loading;
    const settle = () => {
      if (this.pending === loading) this.pending = undefined;
    };
    loading.then(settle, settle);
    return loading;
  }
}
