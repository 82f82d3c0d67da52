import { svg, type SVGTemplateResult } from 'lit';
import type { MessageStatus, MessageType } from '../../api/types.js';

/**
 * The conversation view's icons, drawn in `currentColor` so they follow the text and the theme; SVG, since
 * emoji render as empty boxes on machines without an emoji font. Each is decorative: the control or text
 * beside it carries the name.
 */
function icon(name: string, body: SVGTemplateResult): SVGTemplateResult {
  return svg`<svg class="icon icon-${name}" viewBox="0 0 24 24" aria-hidden="true" focusable="false">${body}</svg>`;
}

const stroke = (d: string) =>
  svg`<path d=${d} fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round"/>`;

export const attachIcon = () =>
  icon(
    'attach',
    stroke(
      'M21 11.5 12.6 20a5.5 5.5 0 0 1-7.8-7.8l8.5-8.5a3.7 3.7 0 0 1 5.2 5.2l-8.5 8.5a1.8 1.8 0 0 1-2.6-2.6l7.9-7.9',
    ),
  );

export const deleteIcon = () => icon('delete', stroke('M4 7h16M10 11v6M14 11v6M6 7l1 13h10l1-13M9 7V4h6v3'));

export const emojiIcon = () =>
  icon('emoji', stroke('M12 21a9 9 0 1 0 0-18 9 9 0 0 0 0 18ZM8 14s1.5 2 4 2 4-2 4-2M9 9.5h.01M15 9.5h.01'));

export const microphoneIcon = () =>
  icon(
    'microphone',
    stroke('M12 3a3 3 0 0 0-3 3v6a3 3 0 0 0 6 0V6a3 3 0 0 0-3-3ZM5 11a7 7 0 0 0 14 0M12 18v3'),
  );

export const downloadIcon = () => icon('download', stroke('M12 4v11M7 10l5 5 5-5M5 20h14'));

export const callIcon = () =>
  icon(
    'call',
    stroke('M5 4h4l2 5-2.5 1.5a11 11 0 0 0 5 5L15 13l5 2v4a2 2 0 0 1-2 2A16 16 0 0 1 3 6a2 2 0 0 1 2-2Z'),
  );

const kindIcons: Partial<Record<MessageType, () => SVGTemplateResult>> = {
  image: () => icon('image', stroke('M4 5h16v14H4zM4 16l5-5 4 4 2-2 5 5M15.5 9.5h.01')),
  audio: () =>
    icon(
      'audio',
      stroke('M9 18V6l11-2v12M9 18a3 3 0 1 1-6 0 3 3 0 0 1 6 0ZM20 16a3 3 0 1 1-6 0 3 3 0 0 1 6 0Z'),
    ),
  video: () => icon('video', stroke('M3 6h12v12H3zM15 10l6-3v10l-6-3')),
  document: () => icon('document', stroke('M6 2h8l6 6v14H6zM14 2v6h6')),
  call: callIcon,
};

/** The icon of a message's kind in a one-line summary (list preview, quote, reply chip); none for text. */
export function kindIcon(type: MessageType): SVGTemplateResult | undefined {
  return kindIcons[type]?.();
}

const statusGlyphs: Record<MessageStatus, SVGTemplateResult> = {
  pending: stroke('M12 7v5l3 2M21 12a9 9 0 1 1-18 0 9 9 0 0 1 18 0Z'),
  sent: stroke('M5 12.5 9.5 17 19 7.5'),
  delivered: stroke('M2 12.5 6.5 17 16 7.5M10.5 15.5 12 17l9.5-9.5'),
  read: stroke('M2 12.5 6.5 17 16 7.5M10.5 15.5 12 17l9.5-9.5'),
  played: stroke('M2 12.5 6.5 17 16 7.5M10.5 15.5 12 17l9.5-9.5'),
  failed: stroke('M12 7v6M12 16.5v.5M21 12a9 9 0 1 1-18 0 9 9 0 0 1 18 0Z'),
};

/** An outgoing message's tick: a clock, one tick (sent), two (delivered), two in the accent colour (read). */
export function statusIcon(status: MessageStatus): SVGTemplateResult {
  return icon(`status-${status}`, statusGlyphs[status]);
}
