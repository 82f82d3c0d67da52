import { svg, type SVGTemplateResult } from 'lit';
import type { ChannelType } from '../api/types.js';

const glyphs: Record<ChannelType, SVGTemplateResult> = {
  whatsapp: svg`<path fill="#25d366" d="M12 2a10 10 0 0 0-8.6 15.1L2 22l5-1.3A10 10 0 1 0 12 2Z"/><path fill="#fff" d="M9 7.2c.2 0 .5 0 .6.4l.9 2.1c.1.2 0 .4-.1.6l-.6.7c-.1.1-.1.3 0 .5a7 7 0 0 0 3.1 2.7c.2.1.4 0 .5-.1l.7-.9c.2-.2.4-.2.6-.1l2 1c.2.1.4.3.3.5-.1 1.3-1.3 2.2-2.5 2.1-3.2-.3-6.6-3.5-7-6.6-.2-1.3.6-2.6 1.5-2.9Z"/>`,
  telegram: svg`<circle cx="12" cy="12" r="10" fill="#229ed9"/><path fill="#fff" d="m5.6 11.7 11.1-4.3c.5-.2 1 .1.8.9l-1.9 8.9c-.1.6-.5.8-1 .5l-2.9-2.1-1.4 1.3c-.2.2-.3.3-.6.3l.2-3 5.4-4.9c.2-.2 0-.3-.3-.1l-6.7 4.2-2.9-.9c-.6-.2-.6-.6.2-.8Z"/>`,
  instagram: svg`<rect x="2" y="2" width="20" height="20" rx="6" fill="#d62976"/><rect x="6" y="6" width="12" height="12" rx="4" fill="none" stroke="#fff" stroke-width="2"/><circle cx="12" cy="12" r="3" fill="none" stroke="#fff" stroke-width="2"/><circle cx="17.2" cy="6.8" r="1.1" fill="#fff"/>`,
  max: svg`<rect x="2" y="2" width="20" height="20" rx="6" fill="#4d3bf5"/><circle cx="12.2" cy="11.6" r="5" fill="none" stroke="#fff" stroke-width="2.2"/><path fill="#fff" d="m6.4 18.6 1.2-4.4 3 2.6Z"/>`,
};

/** A channel's logo; decorative, since its name is always written next to it. */
export function channelIcon(channel: ChannelType) {
  return svg`<svg class="channel-icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">${glyphs[channel]}</svg>`;
}
