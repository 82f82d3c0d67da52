import {
  css,
  html,
  nothing,
  type ReactiveController,
  type ReactiveControllerHost,
  type TemplateResult,
} from 'lit';
import type { Strings } from '../../i18n/en.js';

export interface ImageViewerHost extends ReactiveControllerHost {
  readonly renderRoot: HTMLElement | DocumentFragment;
}

/** An image shown larger in a modal dialog; closing it gives the focus back to the thumbnail. */
export class ImageViewer implements ReactiveController {
  private viewing: { url: string; name: string } | null = null;
  private opener: HTMLElement | null = null;

  constructor(private readonly host: ImageViewerHost) {
    host.addController(this);
  }

  show(url: string, name: string, opener: HTMLElement): void {
    this.opener = opener;
    this.viewing = { url, name };
    this.host.requestUpdate();
  }

  close(): void {
    this.viewing = null;
    this.host.requestUpdate();
  }

  hostUpdated(): void {
    const dialog = this.host.renderRoot.querySelector<HTMLDialogElement>('dialog.viewer');
    if (!dialog) return;
    if (this.viewing && !dialog.open) dialog.showModal();
    if (!this.viewing && dialog.open) dialog.close();
  }

  render(strings: Strings): TemplateResult {
    const viewing = this.viewing;
    return html`<dialog
      part="viewer"
      class="viewer"
      aria-label=${viewing?.name ?? ''}
      @close=${() => {
        this.close();
        this.opener?.focus();
      }}
    >
      ${
        viewing
          ? html`<img src=${viewing.url} alt=${viewing.name} />
              <button class="button" type="button" @click=${() => this.close()}>
                ${strings.messageImageClose}
              </button>`
          : nothing
      }
    </dialog>`;
  }
}

export const imageViewerStyles = css`
  .viewer {
    max-inline-size: 90vw;
    max-block-size: 90vh;
    padding: var(--_space);
    border: none;
    border-radius: var(--_radius);
    background: var(--_surface);
    color: var(--_text);
  }

  .viewer::backdrop {
    background: rgb(0 0 0 / 0.7);
  }

  .viewer img {
    display: block;
    max-inline-size: 85vw;
    max-block-size: 80vh;
    margin-block-end: var(--_space);
  }
`;
