/**
 * The cold-start probe: a classic script placed just before the library's script tag. It notes the time,
 * then watches the page's `<channel-connect>` until its channel buttons are in the DOM and enabled.
 */
import type { ColdStartResult } from './api.js';
import { expose, nextPaint, waitFor } from './common.js';

const started = performance.now();

function interactive(element: Element): boolean {
  const buttons = [
    ...(element.shadowRoot?.querySelectorAll<HTMLButtonElement>('button.channel-option') ?? []),
  ];
  return (
    buttons.length >= 3 &&
    buttons.every((button) => !button.disabled && (button.textContent ?? '').trim() !== '')
  );
}

const result: Promise<ColdStartResult> = customElements.whenDefined('channel-connect').then(async () => {
  const element = document.querySelector('channel-connect');
  if (!element?.shadowRoot) throw new Error('channel-connect has no shadow root');
  await waitFor(element.shadowRoot, () => interactive(element), 30_000, 'the channel buttons');
  const readyMs = performance.now() - started;
  await nextPaint();
  return { readyMs, paintedMs: performance.now() - started };
});

expose({ coldStart: () => result });
