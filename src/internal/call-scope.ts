import type { ReactiveController, ReactiveControllerHost } from 'lit';
import {
  elementSkipReporter,
  reportSignedOutOf,
  reportSkippedRecordsOf,
  type SkipReporter,
} from '../api/skipped-records.js';

/**
 * An abort signal for the calls an element makes, aborted when the element leaves the page and renewed
 * when it comes back. Records its calls' answers had to leave out are reported once each, as an
 * `inbox-data-skipped` event from the element and a console warning; a session found over by one of
 * its calls as `inbox-signed-out`.
 */
export class CallScope implements ReactiveController {
  private controller = this.newController();
  private readonly reportSkipped: SkipReporter;

  constructor(private readonly host: ReactiveControllerHost) {
    this.reportSkipped = elementSkipReporter(host);
    host.addController(this);
  }

  get signal(): AbortSignal {
    return this.controller.signal;
  }

  /** Aborts what is in flight now, e.g. when the user cancels a step, and starts a fresh scope. */
  abortAll(): void {
    this.controller.abort();
    this.controller = this.newController();
  }

  hostConnected(): void {
    if (this.controller.signal.aborted) this.controller = this.newController();
  }

  hostDisconnected(): void {
    this.controller.abort();
  }

  private newController(): AbortController {
    const controller = new AbortController();
    reportSkippedRecordsOf(controller.signal, (record) => this.reportSkipped(record));
    reportSignedOutOf(controller.signal, () => {
      if (this.host instanceof EventTarget) {
        this.host.dispatchEvent(
          new CustomEvent('inbox-signed-out', { bubbles: true, composed: true, detail: {} }),
        );
      }
    });
    return controller;
  }
}
