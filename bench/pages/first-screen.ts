/**
 * The first-screen probe: a classic script placed after the page's element and before the library's
 * script. It gives the element the sandbox's address and the tenant from the page's query, and reports
 * when the page's first useful screen is up: the first QR code drawn (`<channel-connect>`, after the user
 * picks WhatsApp), the account list filled (`<accounts-list>`), the newest messages shown
 * (`<conversation-view>`). A page with several elements waits for each of them.
 */
import type { FirstScreenResult } from './api.js';
import { expose, waitFor } from './common.js';

const query = new URLSearchParams(location.search);
const elements = [...document.querySelectorAll('channel-connect, accounts-list, conversation-view')];
for (const element of elements) {
  element.setAttribute('base-url', location.origin);
  // A connect page starts from a tenant with no accounts, the others from one with a conversation.
  const key = element.localName === 'channel-connect' ? 'connectApiKey' : 'apiKey';
  element.setAttribute('api-key', query.get(key) ?? '');
  if (element.localName === 'conversation-view')
    element.setAttribute('conversation-id', query.get('conversationId') ?? '');
}

const TIMEOUT_MS = 30_000;

async function shown(element: Element): Promise<void> {
  await customElements.whenDefined(element.localName);
  const root = element.shadowRoot;
  if (!root) throw new Error(`<${element.localName}> has no shadow root`);
  if (element.localName === 'accounts-list') {
    await waitFor(root, () => root.querySelector('[part~="account"]') !== null, TIMEOUT_MS, 'the accounts');
  } else if (element.localName === 'conversation-view') {
    await waitFor(root, () => root.querySelector('.message-row') !== null, TIMEOUT_MS, 'the messages');
  } else {
    const whatsapp = () =>
      [...root.querySelectorAll<HTMLButtonElement>('button.channel-option')].find(
        (button) => !button.disabled && (button.textContent ?? '').includes('WhatsApp'),
      );
    await waitFor(root, () => whatsapp() !== undefined, TIMEOUT_MS, 'the channel buttons');
    whatsapp()!.click();
    const qrPath = () =>
      root.querySelector('qr-scanner')?.shadowRoot?.querySelector('[part~="qr"] svg path') ?? null;
    // The QR code is drawn inside the nested qr-scanner's own shadow root: polled, not observed.
    await waitFor(root, () => qrPath() !== null, TIMEOUT_MS, 'the first QR code');
  }
}

const result: Promise<FirstScreenResult> = Promise.all(elements.map(shown)).then(() => ({
  ms: performance.now(),
  resources: performance.getEntriesByType('resource').map((entry) => ({
    path: new URL(entry.name).pathname,
    initiator: (entry as PerformanceResourceTiming).initiatorType,
  })),
}));

expose({ firstScreen: () => result });
