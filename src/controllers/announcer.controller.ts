import { html, type ReactiveControllerHost, type TemplateResult } from 'lit';

/**
 * The element's one polite live region: what `announce()` is given is read out by screen readers once.
 */
export class AnnouncerController {
  private message = '';

  constructor(private readonly host: ReactiveControllerHost) {}

  /** Says `message`; the same message again is said again only with `repeat`, as for a second failed try. */
  announce(message: string, { repeat = false }: { repeat?: boolean } = {}): void {
    if (this.message === message && !repeat) return;
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
