import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { elementSkipReporter, readingFrameFor, type SkipReporter } from '../api/skipped-records.js';
import type { InboxServices } from '../config/services.js';
import type { TopicHandlers, TopicSubscription } from '../realtime/socket-adapter.js';

export interface InboxLiveOptions {
  /** The services to follow; read on (re)start. */
  services(): InboxServices | undefined;
  /** Milliseconds between reloads while there is no joined socket. */
  intervalMs(): number;
  /** Fetches what may have been missed; the controller waits for it before it schedules the next one. */
  reload(): Promise<void>;
  /** Handlers of the `inbox` topic's events; each gets the frame's payload unchecked. */
  handlers: TopicHandlers;
  /**
   * Reload whenever the page becomes visible again, even with the socket joined: a frozen background
   * tab can miss frames without the socket noticing.
   */
  reloadWhenVisible?: boolean;
}

/**
 * Keeps a view of the `inbox` topic live. With a socket configured it joins `inbox` and reloads after
 * every (re)join, so nothing said while it was away is missed. Without a socket, or while it is not
 * joined, it reloads every `intervalMs()`, only while the page is visible and with at most one reload in
 * flight; a page that becomes visible again reloads at once when a reload is due. Everything stops when
 * the host leaves the page.
 */
export class InboxLiveController implements ReactiveController {
  private connected = false;
  private services: InboxServices | undefined;
  private subscription: TopicSubscription | undefined;
  private unsubscribeSocketState: (() => void) | undefined;
  private joined = false;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private reloading = false;
  private reloadAgain = false;
  private lastReloadAt = performance.now();
  /** Changes whenever the controller restarts, so a late reload of an earlier run schedules nothing. */
  private run = 0;

  /** Each record left out of a frame, once, as `inbox-data-skipped` from the host. */
  private readonly reportSkipped: SkipReporter;

  constructor(
    host: ReactiveControllerHost,
    private readonly options: InboxLiveOptions,
  ) {
    this.reportSkipped = elementSkipReporter(host);
    host.addController(this);
  }

  /** Follows the current services; call when they change. */
  restart(): void {
    this.stop();
    if (this.connected) this.start();
  }

  /** The list was just loaded by someone else: the next poll is a whole interval away. */
  reloaded(): void {
    this.lastReloadAt = performance.now();
    if (this.timer !== undefined) this.schedule();
  }

  /** The interval changed: a waiting poll is rescheduled by it. */
  reschedule(): void {
    if (this.timer !== undefined) this.schedule();
  }

  hostConnected(): void {
    this.connected = true;
    document.addEventListener('visibilitychange', this.handleVisibilityChange);
    this.start();
  }

  hostDisconnected(): void {
    this.connected = false;
    document.removeEventListener('visibilitychange', this.handleVisibilityChange);
    this.stop();
  }

  private start(): void {
    this.run++;
    this.services = this.options.services();
    if (!this.services) return;
    const socket = this.services.socket;
    if (socket) {
      this.subscription = socket.join('inbox', this.reportingHandlers(), {
        onJoin: () => {
          this.joined = true;
          this.clearTimer();
          void this.reload();
        },
        onError: () => this.lost(),
      });
      this.unsubscribeSocketState = socket.state.listen((state) => {
        if (state !== 'open') this.lost();
      });
    }
    this.schedule();
  }

  /** The handlers, each telling this element of the records its frame had to leave out. */
  private reportingHandlers(): TopicHandlers {
    const report = this.reportSkipped;
    return Object.fromEntries(
      Object.entries(this.options.handlers).map(([event, handle]) => [
        event,
        (payload: unknown) => readingFrameFor(report, () => handle(payload)),
      ]),
    );
  }

  private stop(): void {
    this.run++;
    this.clearTimer();
    this.subscription?.leave();
    this.subscription = undefined;
    this.unsubscribeSocketState?.();
    this.unsubscribeSocketState = undefined;
    this.joined = false;
    this.reloading = false;
    this.reloadAgain = false;
  }

  /** The socket dropped or the join failed: poll until it joins again. */
  private lost(): void {
    this.joined = false;
    if (this.timer === undefined) this.schedule();
  }

  private schedule(): void {
    this.clearTimer();
    if (!this.connected || !this.services || this.joined || this.reloading) return;
    if (document.visibilityState === 'hidden') return;
    const wait = Math.max(0, this.lastReloadAt + this.options.intervalMs() - performance.now());
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.reload();
    }, wait);
  }

  private async reload(): Promise<void> {
    if (this.reloading) {
      // A (re)join during a reload: the answer in flight may predate the join, so load once more.
      this.reloadAgain = true;
      return;
    }
    const run = this.run;
    this.reloading = true;
    try {
      do {
        this.reloadAgain = false;
        try {
          await this.options.reload();
        } catch {
          // The host shows the failure; polling goes on.
        }
      } while (this.reloadAgain && run === this.run);
    } finally {
      if (run === this.run) {
        this.reloading = false;
        this.lastReloadAt = performance.now();
        this.schedule();
      }
    }
  }

  private clearTimer(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
  }

  private readonly handleVisibilityChange = (): void => {
    if (document.visibilityState === 'hidden') this.clearTimer();
    else if (this.options.reloadWhenVisible && this.services) void this.reload();
    else this.schedule();
  };
}
