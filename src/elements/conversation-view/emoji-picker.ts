import { css, html, nothing, type ReactiveControllerHost, type TemplateResult } from 'lit';
import type { Strings } from '../../i18n/en.js';
import { pageRequiresTrustedTypes } from '../../internal/trusted-types.js';
import { emojiIcon } from './icons.js';
import { insertText } from './quick-replies.js';

const PANEL_ID = 'emoji-panel';

export interface EmojiPickerOptions {
  textarea(): HTMLTextAreaElement | null;
  /** The element's language: Arabic gets the picker's Arabic words. */
  locale(): string;
}

/** The picker the panel shows once fetched, in the element's language of that time. */
interface LoadedPicker {
  readonly locale: string;
  render(strings: Strings): unknown;
  /** The panel opened with it. */
  opened?(): void;
}

/**
 * The composer's emoji button and the picker it opens, fetched when first opened, never before:
 * emoji-picker-element with the emoji bundled beside it, or, on a page that requires Trusted Types (which
 * refuse the HTML strings it builds its DOM from), a grid drawn with lit from the same emoji. The chosen
 * emoji goes in at the caret.
 */
export class EmojiPicker {
  private open = false;
  private loading = false;
  private failed = false;
  private picker: LoadedPicker | undefined;

  constructor(
    private readonly host: ReactiveControllerHost & { readonly renderRoot: ParentNode },
    private readonly options: EmojiPickerOptions,
  ) {}

  private get button(): HTMLButtonElement | null {
    return this.host.renderRoot.querySelector('.emoji-button');
  }

  private readonly toggle = async (): Promise<void> => {
    if (this.open) {
      this.close();
      return;
    }
    this.open = true;
    this.failed = false;
    this.host.requestUpdate();
    const locale = this.options.locale();
    if (this.picker?.locale !== locale) {
      this.loading = true;
      try {
        this.picker = pageRequiresTrustedTypes(this.host.renderRoot)
          ? await this.loadGrid(locale)
          : await this.loadEmojiPickerElement(locale);
      } catch {
        this.failed = true;
      } finally {
        this.loading = false;
        this.host.requestUpdate();
      }
    }
    if (this.open && !this.failed) this.picker?.opened?.();
  };

  private async loadEmojiPickerElement(locale: string): Promise<LoadedPicker> {
    const catalog = await import('./emoji-catalog.js');
    const words = locale.startsWith('ar') ? await catalog.arabicPickerWords() : undefined;
    const picker = catalog.createEmojiPicker(words);
    picker.addEventListener('emoji-click', (event) => this.choose(event.detail.unicode));
    return { locale, render: () => picker };
  }

  private async loadGrid(locale: string): Promise<LoadedPicker> {
    const { EmojiGrid, gridWords } = await import('./emoji-grid.js');
    const grid = new EmojiGrid(this.host, await gridWords(locale), (emoji) => this.choose(emoji));
    return {
      locale,
      render: (strings) => grid.render(strings.composerEmojiNoMatch),
      opened: () => grid.open(),
    };
  }

  private choose(emoji: string | undefined): void {
    const field = this.options.textarea();
    if (!emoji || !field) return;
    insertText(field, emoji, field.selectionStart, field.selectionEnd);
    this.open = false;
    this.host.requestUpdate();
    field.focus();
  }

  close(): void {
    if (!this.open) return;
    this.open = false;
    this.host.requestUpdate();
  }

  private readonly handleKeydown = (event: KeyboardEvent): void => {
    if (event.key !== 'Escape') return;
    event.preventDefault();
    event.stopPropagation();
    this.close();
    this.button?.focus();
  };

  renderButton(strings: Strings, disabled: boolean): TemplateResult {
    return html`<button
      class="icon-button emoji-button"
      type="button"
      title=${strings.composerEmoji}
      aria-label=${strings.composerEmoji}
      aria-expanded=${this.open ? 'true' : 'false'}
      aria-controls=${PANEL_ID}
      ?disabled=${disabled}
      @click=${this.toggle}
    >
      ${emojiIcon()}
    </button>`;
  }

  renderPanel(strings: Strings): TemplateResult | typeof nothing {
    if (!this.open) return nothing;
    let content = this.picker?.render(strings);
    if (this.failed) content = html`<p class="error" role="alert">${strings.composerEmojiFailed}</p>`;
    else if (this.loading) content = html`<p role="status">${strings.composerEmojiLoading}</p>`;
    return html`<div
      id=${PANEL_ID}
      part="emoji-picker"
      class="emoji-panel"
      role="group"
      aria-label=${strings.composerEmoji}
      @keydown=${this.handleKeydown}
    >
      ${content}
    </div>`;
  }
}

export const emojiPickerStyles = css`
  .emoji-panel {
    display: flex;
    justify-content: flex-start;
  }

  .emoji-panel p {
    margin: 0;
  }

  emoji-picker {
    --background: var(--_surface);
    --border-color: var(--_border);
    --input-font-color: var(--_text);
    --category-font-color: var(--_text);
    --indicator-color: var(--_primary);
    --border-radius: var(--_radius);
    inline-size: min(100%, 352px);
    block-size: 300px;
  }
`;
