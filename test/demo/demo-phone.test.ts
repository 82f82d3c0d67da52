/**
 * The demo page on a phone (390 px): opening a conversation, with the event log full of long JSON lines,
 * leaves the page as wide as the screen.
 */
import { expect } from '@open-wc/testing';
import { waitUntil } from '../helpers/async.js';
import { SandboxTenant } from '../helpers/sandbox.js';
import '../helpers/lit-warnings.js';

const PHONE_WIDTH = 390;

async function openDemo(tenant: SandboxTenant, width: number): Promise<HTMLIFrameElement> {
  const frame = document.createElement('iframe');
  frame.style.cssText = `inline-size: ${width}px; block-size: 844px; border: 0`;
  frame.src = `/demo/index.html?tenant=${encodeURIComponent(tenant.apiKey)}`;
  document.body.append(frame);
  await waitUntil(() => frame.contentDocument?.body?.dataset.sandboxReady === 'true', 'demo did not load', {
    timeout: 20000,
  });
  return frame;
}

describe('the demo page on a phone', () => {
  let frame: HTMLIFrameElement;

  afterEach(() => frame?.remove());

  it('stays 390 px wide when a conversation is opened and the event log holds long lines', async function () {
    this.timeout(90_000);
    frame = await openDemo(new SandboxTenant(), PHONE_WIDTH);
    const doc = frame.contentDocument!;
    const inbox = doc.querySelector('conversation-view')!;
    await waitUntil(
      () => inbox.shadowRoot?.querySelector('[part="conversation"]'),
      'no conversation listed',
      // The demo's first load compiles its modules and starts the server in front of the sandbox.
      { timeout: 60_000 },
    );
    inbox.shadowRoot!.querySelector<HTMLButtonElement>('[part="conversation"]')!.click();
    await waitUntil(() => inbox.shadowRoot!.querySelector('[part="messages"]'), 'the thread did not open', {
      timeout: 15000,
    });
    const log = doc.querySelector('#event-log')!;
    // A line as long as the demo writes (an event's JSON detail), whatever the element emitted so far.
    const line = doc.createElement('li');
    line.textContent = `12:00:00 inbox-example ${JSON.stringify({ id: 'x'.repeat(40), text: 'y'.repeat(200) })}`;
    log.append(line);
    const page = doc.documentElement;
    await waitUntil(() => page.scrollWidth <= PHONE_WIDTH, `the page is ${page.scrollWidth} px wide`, {
      timeout: 5000,
    });
    expect(inbox.getBoundingClientRect().right).to.be.at.most(PHONE_WIDTH);
    const thread = inbox.shadowRoot!.querySelector('[part="thread"]')!;
    expect(thread.getBoundingClientRect().right, 'the thread runs off-screen').to.be.at.most(PHONE_WIDTH);
  });
});
