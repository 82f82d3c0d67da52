import type { ReactiveController, ReactiveControllerHost } from 'lit';

/**
 * A whole-second countdown that re-renders its host once a second while it runs. The timer stops when
 * the host leaves the page and picks up from the same deadline when it comes back.
 */
export class CountdownController implements ReactiveController {
  private deadline = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private connected = false;

  constructor(
    private readonly host: ReactiveControllerHost,
    /** Called once when a countdown reaches zero (not when it is stopped). */
    private readonly onDone?: () => void,
  ) {
    host.addController(this);
  }

  /** Whole seconds left, rounded up; 0 when not running. */
  get remaining(): number {
    return Math.max(0, Math.ceil((this.deadline - performance.now()) / 1000));
  }

  get running(): boolean {
    return this.remaining > 0;
  }

  /** Starts (or restarts) the countdown at `seconds`. */
  start(seconds: number): void {
    this.deadline = performance.now() + Math.max(0, seconds) * 1000;
    this.schedule();
    this.host.requestUpdate();
  }

  /** Runs for at least `seconds` from now: keeps a later deadline that is already running. */
  extend(seconds: number): void {
    if (seconds > (this.deadline - performance.now()) / 1000) this.start(seconds);
  }

  /** Stops without calling `onDone`. */
  stop(): void {
    this.deadline = 0;
    this.clear();
    this.host.requestUpdate();
  }

  hostConnected(): void {
    this.connected = true;
    if (this.deadline > 0) {
      // Time went on while detached: show what is left now, not at the next tick.
      this.host.requestUpdate();
      this.schedule();
    }
  }

  hostDisconnected(): void {
    this.connected = false;
    this.clear();
  }

  private schedule(): void {
    this.clear();
    if (!this.connected) return;
    const left = this.deadline - performance.now();
    if (left <= 0) {
      this.finish();
      return;
    }
    // Wake up at the next whole-second boundary, so the visible number changes on time.
    const untilNextSecond = left % 1000 || 1000;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.host.requestUpdate();
      this.schedule();
    }, untilNextSecond);
  }

  private finish(): void {
    this.deadline = 0;
    this.host.requestUpdate();
    this.onDone?.();
  }

  private clear(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
  }
}
