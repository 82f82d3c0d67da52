import { html, nothing, type TemplateResult } from 'lit';
import type { Message, MessageStatus } from '../../api/types.js';
import type { Strings } from '../../i18n/en.js';
import { isolated } from '../../internal/bidi.js';
import { safeUrl } from '../../internal/safe-url.js';
import { numberFormat } from '../../internal/intl-cache.js';
import { clipped, collapsibleText } from './long-text.js';
import { callIcon, downloadIcon, statusIcon } from './icons.js';

export interface ContentContext {
  strings: Strings;
  locale: string;
  onOpenImage(url: string, name: string, opener: HTMLElement): void;
}

/** "1.2 MB", in the active locale. */
export function fileSize(bytes: number | null, locale: string): string {
  if (bytes === null) return '';
  const units = ['byte', 'kilobyte', 'megabyte', 'gigabyte'] as const;
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit++;
  }
  return numberFormat(locale, {
    style: 'unit',
    unit: units[unit],
    // "900 bytes" in words (the short form reads "900 byte"), the larger units as "1.2 MB".
    unitDisplay: unit === 0 ? 'long' : 'short',
    maximumFractionDigits: unit === 0 ? 0 : 1,
  }).format(value);
}

function caption(message: Message, strings: Strings): TemplateResult | typeof nothing {
  const text = message.file?.caption ?? message.text;
  return text
    ? html`<p class="caption" dir="auto">${collapsibleText(text, strings.messageShowMore)}</p>`
    : nothing;
}

function unavailable(strings: Strings): TemplateResult {
  return html`<p class="placeholder">${strings.messageFileUnavailable}</p>`;
}

/** What a message shows, by type; a URL reaches `src`/`href` only through `safeUrl`. */
export function messageContent(message: Message, context: ContentContext): TemplateResult {
  const { strings, locale } = context;
  if (message.deleted) return html`<p class="placeholder">${strings.messageDeleted}</p>`;
  const file = message.file;
  const url = safeUrl(file?.download_url);
  switch (message.type) {
    case 'text':
      return html`<p class="text" dir="auto">
        ${collapsibleText(message.text ?? '', strings.messageShowMore)}
      </p>`;
    case 'image':
      if (!file || !url) return unavailable(strings);
      return html`<button
          type="button"
          class="image"
          aria-label=${strings.messageImageOpen(file.name)}
          @click=${(event: Event) => context.onOpenImage(url, file.name, event.currentTarget as HTMLElement)}
        >
          <img src=${url} alt=${file.caption ?? file.name} loading="lazy" decoding="async" />
        </button>
        ${caption(message, strings)}`;
    case 'audio':
      if (!file || !url) return unavailable(strings);
      return html`<audio controls preload="none" src=${url} aria-label=${file.name}></audio
        >${caption(message, strings)}`;
    case 'video':
      if (!file || !url) return unavailable(strings);
      return html`<video controls preload="metadata" src=${url} aria-label=${file.name}></video
        >${caption(message, strings)}`;
    case 'document':
      if (!file) return unavailable(strings);
      return html`<div class="document">
          <svg class="document-icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
            <path fill="currentColor" d="M6 2h8l6 6v14H6zM13 3.5V9h5.5z" />
          </svg>
          <span class="document-name" dir="auto">${file.name}</span>
          <span class="document-size">${fileSize(file.size, locale)}</span>
          ${
            url
              ? html`<a
                  class="download"
                  href=${url}
                  download=${file.name}
                  target="_blank"
                  rel="noopener noreferrer"
                  aria-label=${strings.messageDownload(file.name)}
                  >${downloadIcon()}</a
                >`
              : nothing
          }
        </div>
        ${caption(message, strings)}`;
    case 'call':
      return html`<p class="call">
        ${callIcon()}
        ${message.direction === 'incoming' ? strings.messageCallIncoming : strings.messageCallOutgoing}${
          message.text ? html` · ${isolated(message.text)}` : nothing
        }
      </p>`;
    default:
      return html`<p class="placeholder">${strings.messageUnsupported}</p>`;
  }
}

/** An outgoing message's delivery mark, with its name for assistive technology. */
export function statusMark(
  status: MessageStatus,
  strings: Strings,
  label = strings.messageStatus(status),
): TemplateResult {
  return html`<span class="tick tick-${status}" role="img" aria-label=${label}>${statusIcon(status)}</span>`;
}

/** A short line for a message in the conversation list or a reply quote; `kindIcon()` goes before it. */
export function messageSummary(message: Message, strings: Strings): string {
  if (message.deleted) return strings.messageDeleted;
  const text = message.file?.caption ?? message.text;
  switch (message.type) {
    case 'text':
      return clipped(message.text ?? '');
    case 'image':
    case 'audio':
    case 'video':
    case 'document':
      return clipped(text ?? message.file?.name ?? '');
    case 'call':
      return message.direction === 'incoming' ? strings.messageCallIncoming : strings.messageCallOutgoing;
    default:
      return strings.messageUnsupported;
  }
}
