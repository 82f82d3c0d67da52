import type { ReactiveController, ReactiveControllerHost } from 'lit';
import {
  reportSignedOutOf,
  reportSkippedRecordsOf,
  warnSkippedRecord,
  type SkippedRecord,
} from '../api/skipped-records.js';

/**
 * An abort signal for the calls an element makes, aborted when the element leaves the page and renewed
 * when it comes back. Records its calls' answers had to leave out are reported once each, as an
 * `inbox-data-skipped` event from the element and a console warning; a session found over by one of
 * its calls as `inbox-signed-out`.
 */
export class CallScope implements ReactiveController {
  private controller = this.newController();
  private readonly reported = new Set<string>();

  constructor(private readonly host: ReactiveControllerHost) {
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
    reportSkippedRecordsOf(controller.signal, (record) => this.report(record));
    reportSignedOutOf(controller.signal, () => this.dispatch('inbox-signed-out', {}));
    return controller;
  }

  private dispatch<K extends 'inbox-data-skipped' | 'inbox-signed-out'>(
    name: K,
    detail: GlobalEventHandlersEventMap[K] extends CustomEvent<infer D> ? D : never,
  ): void {
    if (this.host instanceof EventTarget) {
      this.host.dispatchEvent(new CustomEvent(name, { bubbles: true, composed: true, detail }));
    }
  }

  private report(record: SkippedRecord): void {
    const key = JSON.stringify([record.kind, record.id, record.reason]);
    if (this.reported.has(key)) return;
    this.reported.add(key);
    warnSkippedRecord(record);
    this.dispatch('inbox-data-skipped', record);
  }
}
