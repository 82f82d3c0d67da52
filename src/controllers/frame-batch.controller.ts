import type { ReactiveController, ReactiveControllerHost } from 'lit';

/** While the page is hidden animation frames do not run; batches go out this often instead. */
const HIDDEN_FLUSH_MS = 100;

/**
 * Collects what arrives in bursts (socket frames) and hands it over in one batch per animation
 * frame, so a thousand messages in a second cost a few dozen merges and renders, not a thousand.
 * What is pending when the host leaves the page, or `clear()` is called, is dropped: it belongs to a
 * view that is gone, and the catch-up after the next join fetches it again.
 */
export class FrameBatchController<T> implements ReactiveController {
  private pending: T[] = [];
  private frame: number | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    host: ReactiveControllerHost,
    private readonly flush: (items: T[]) => void,
  ) {
    host.addController(this);
  }

  add(item: T): void {
    this.pending.push(item);
    if (this.frame !== undefined) return;
    this.frame = requestAnimationFrame(() => this.run());
    this.timer = setTimeout(() => this.run(), HIDDEN_FLUSH_MS);
  }

  hostDisconnected(): void {
    this.clear();
  }

  clear(): void {
    if (this.frame !== undefined) cancelAnimationFrame(this.frame);
    clearTimeout(this.timer);
    this.frame = undefined;
    this.timer = undefined;
    this.pending = [];
  }

  private run(): void {
    const items = this.pending;
    this.clear();
    if (items.length > 0) this.flush(items);
  }
}
