/**
 * The host's session token, fetched once and shared: callers that ask while a `getToken()` is in
 * flight wait for that one, and a refused token is replaced once however many callers saw it refused.
 */
export class TokenCache {
  private token: string | undefined;
  private pending: Promise<string> | undefined;

  constructor(private readonly getToken: () => Promise<string>) {}

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

  private load(): Promise<string> {
    // Through `then`, so that a host function that throws instead of rejecting is still a rejection.
    const loading = Promise.resolve()
      .then(() => this.getToken())
      .then((token) => {
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
