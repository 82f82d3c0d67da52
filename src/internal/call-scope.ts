import type { ReactiveController, ReactiveControllerHost } from 'lit';

/**
 * An abort signal for the calls an element makes, aborted when the element leaves the page and renewed
 * when it comes back.
 */
export class CallScope implements ReactiveController {
  private controller = new AbortController();

  constructor(host: ReactiveControllerHost) {
    host.addController(this);
  }

  get signal(): AbortSignal {
    return this.controller.signal;
  }

  /** Aborts what is in flight now, e.g. when the user cancels a step, and starts a fresh scope. */
  abortAll(): void {
    this.controller.abort();
    this.controller = new AbortController();
  }

  hostConnected(): void {
    if (this.controller.signal.aborted) this.controller = new AbortController();
  }

  hostDisconnected(): void {
    this.controller.abort();
  }
}
