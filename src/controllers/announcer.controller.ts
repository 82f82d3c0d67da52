import { html, type ReactiveControllerHost, type TemplateResult } from 'lit';

/**
 * The element's one polite live region: what `announce()` is given is read out by screen readers once,
 * and the same message twice in a row is read twice.
 */
export class AnnouncerController {
  private message = '';

  constructor(private readonly host: ReactiveControllerHost) {}

  announce(message: string): void {
    // A changed text is what a live region reads; a no-break space makes a repeat a change.
    this.message = this.message === message ? `${message}\u00a0` : message;
    this.host.requestUpdate();
  }

  /** Empties the region, so a later announcement of the same words is news again. */
  clear(): void {
    if (this.message === '') return;
    this.message = '';
    this.host.requestUpdate();
  }

  /** The live region; rendered once per element, always present so announcements are heard. */
  render(): TemplateResult {
    return html`<div class="visually-hidden" role="status" aria-live="polite" aria-atomic="true">
      ${this.message}
    </div>`;
  }
}
