import { expect, fixture, html } from '@open-wc/testing';
import { waitUntil } from '../helpers/async.js';
import { text } from '../helpers/elements.js';
import { SandboxTenant } from '../helpers/sandbox.js';

type CspWindow = Window & { cspViolations: string[] };

/** The text an element shows, across its shadow root and the shadow roots nested in it. */
function deepText(root: Element | ShadowRoot): string {
  const parts: string[] = [];
  for (const node of root.querySelectorAll('*')) {
    if (node.shadowRoot) parts.push(deepText(node.shadowRoot));
  }
  return `${text(root instanceof ShadowRoot ? root.host.shadowRoot : root)} ${parts.join(' ')}`;
}

describe('the five elements in a page with a strict Content-Security-Policy and Trusted Types', () => {
  const tenant = new SandboxTenant();

  it('work with zero securitypolicyviolation events', async function () {
    this.timeout(30_000);
    await tenant.reset();
    await tenant.addChannel({ type: 'telegram', username: '+966500000001' });
    await tenant.createConversation({
      channel: 'telegram',
      messages: 5,
      contact: { name: 'Strict Contact' },
    });
    const login = await fetch('/api/v1/channels/instagram/connect', {
      method: 'POST',
      headers: { 'X-Api-Key': tenant.apiKey, 'Content-Type': 'application/json' },
      body: JSON.stringify({ username: 'brand', password: 'secret' }),
    });
    const { data } = (await login.json()) as { data: { account_id: string } };
    const query = new URLSearchParams({ apiKey: tenant.apiKey, accountId: data.account_id });
    const frame = await fixture<HTMLIFrameElement>(
      html`<iframe
        title="strict CSP host"
        style="width: 1000px; height: 2400px"
        src=${`/test/reliability/csp/strict-csp.html?${query.toString()}`}
      ></iframe>`,
    );
    await waitUntil(() => (frame.contentWindow as CspWindow | null)?.cspViolations, 'the host page ran', {
      timeout: 10_000,
    });
    const page = frame.contentWindow as CspWindow;
    const doc = frame.contentDocument!;
    const element = (tag: string) => doc.querySelector(tag)!.shadowRoot!;

    await waitUntil(
      () => deepText(element('channel-connect')).includes('WhatsApp'),
      'channel-connect offers channels',
      {
        timeout: 10_000,
      },
    );
    await waitUntil(() => element('qr-scanner').querySelector('svg path'), 'qr-scanner draws a code', {
      timeout: 10_000,
    });
    await waitUntil(() => element('instagram-2fa').querySelector('input'), 'instagram-2fa asks for the code');
    await waitUntil(
      () => deepText(element('accounts-list')).includes('+966500000001'),
      'accounts-list lists accounts',
      {
        timeout: 10_000,
      },
    );
    await waitUntil(
      () => deepText(element('conversation-view')).includes('Strict Contact'),
      'conversation-view lists conversations',
      {
        timeout: 10_000,
      },
    );
    element('conversation-view').querySelector<HTMLButtonElement>('[part="conversation"]')!.click();
    await waitUntil(
      () => element('conversation-view').querySelectorAll('[part~="bubble"]').length > 0,
      'the thread opens',
      {
        timeout: 10_000,
      },
    );
    expect(page.cspViolations).to.deep.equal([]);

    // The policy is in force, and a violation would have been seen.
    expect(() => (doc.createElement('div').innerHTML = '<b>x</b>')).to.throw(/TrustedHTML/);
    await waitUntil(() => page.cspViolations.length > 0, 'the page hears of violations');
    expect(page.cspViolations[0]).to.match(/^require-trusted-types-for/);
  });
});
