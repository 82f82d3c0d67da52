/**
 * "Latest call wins" for async work that can be started again before it ends: each call takes a
 * ticket, and only the newest ticket's results still count once they arrive.
 */
export class LatestCall {
  private current = 0;

  /** Starts a call; the returned check stays true until another call starts or `cancel()` runs. */
  begin(): () => boolean {
    const ticket = ++this.current;
    return () => ticket === this.current;
  }

  /** The check of the call in flight, without starting a new one: a follow-up that counts only with it. */
  join(): () => boolean {
    const ticket = this.current;
    return () => ticket === this.current;
  }

  /** Makes every call in flight stale. */
  cancel(): void {
    this.current++;
  }
}
