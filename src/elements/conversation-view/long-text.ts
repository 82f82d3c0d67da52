import { html, type TemplateResult } from 'lit';
import { AsyncDirective, directive } from 'lit/async-directive.js';
import { linkify } from '../../internal/linkify.js';

/**
 * A text longer than this is shown collapsed: laying out tens of thousands of characters without a
 * break (Arabic, say) costs the browser seconds.
 */
export const COLLAPSE_OVER = 2_000;
/** How much of a collapsed text shows at first, and how much more each "Show more" adds. */
export const COLLAPSED_STEP = 1_500;
/** A cut looks this far back for a space, so that it falls between words when it can. */
const WORD_REACH = 200;
/** A one-line summary (the list's preview, a quote) is cut here: more than any pane is wide. */
const SUMMARY_LENGTH = 200;

/** Message text with `https:` URLs as links; nothing else becomes markup. */
export function richText(text: string): TemplateResult {
  return html`${linkify(text).map((part) =>
    part.kind === 'link'
      ? html`<a href=${part.href} target="_blank" rel="noopener noreferrer nofollow">${part.text}</a>`
      : part.text,
  )}`;
}

/** Where to cut `text` near `limit`: after a space within reach, never inside a surrogate pair. */
function cutPoint(text: string, limit: number): number {
  const space = text.lastIndexOf(' ', limit);
  if (space > limit - WORD_REACH) return space + 1;
  const code = text.charCodeAt(limit - 1);
  return code >= 0xd800 && code <= 0xdbff ? limit - 1 : limit;
}

/** `text` cut for a one-line summary, so that a very long message costs the list no more than a short one. */
export function clipped(text: string): string {
  return text.length <= SUMMARY_LENGTH ? text : `${text.slice(0, cutPoint(text, SUMMARY_LENGTH))}…`;
}

/**
 * The start of a long text, up to its last whole word: a word cut in two (a URL, say) stays plain
 * text rather than becoming a link to half an address.
 */
function head(text: string): TemplateResult {
  const lastSpace = text.lastIndexOf(' ');
  return lastSpace < 0
    ? html`${text}`
    : html`${richText(text.slice(0, lastSpace + 1))}${text.slice(lastSpace + 1)}`;
}

class CollapsibleText extends AsyncDirective {
  private text = '';
  private shown = COLLAPSED_STEP;
  private showMoreLabel = '';

  render(text: string, showMoreLabel: string): TemplateResult {
    if (text !== this.text) {
      this.text = text;
      this.shown = COLLAPSED_STEP;
    }
    this.showMoreLabel = showMoreLabel;
    return this.view();
  }

  private view(): TemplateResult {
    if (this.text.length <= COLLAPSE_OVER || this.shown >= this.text.length) return richText(this.text);
    const visible = this.text.slice(0, cutPoint(this.text, this.shown));
    return html`${head(visible)}…
      <button class="link-button show-more" type="button" @click=${this.showMore}>
        ${this.showMoreLabel}
      </button>`;
  }

  private readonly showMore = (): void => {
    this.shown += COLLAPSED_STEP;
    this.setValue(this.view());
  };
}

/** A message's text with links, collapsed behind "Show more" when it is very long. */
export const collapsibleText = directive(CollapsibleText);
