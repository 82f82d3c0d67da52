import { expect } from '@open-wc/testing';
import { waitUntil } from '../helpers/async.js';
import { SandboxTenant } from '../helpers/sandbox.js';
import '../helpers/lit-warnings.js';

async function openDemo(tenant: SandboxTenant): Promise<HTMLIFrameElement> {
  const frame = document.createElement('iframe');
  frame.style.cssText = 'inline-size: 1000px; block-size: 900px; border: 0';
  frame.src = `/demo/index.html?tenant=${encodeURIComponent(tenant.apiKey)}`;
  document.body.append(frame);
  await waitUntil(() => frame.contentDocument?.body?.dataset.sandboxReady === 'true', 'demo did not load', {
    timeout: 20000,
  });
  return frame;
}

/** The URLs the demo page fetched, from its resource timing. */
function fetchedUrls(frame: HTMLIFrameElement): URL[] {
  return frame
    .contentWindow!.performance.getEntriesByType('resource')
    .map((entry) => new URL(entry.name))
    .filter((url) => url.origin === location.origin);
}

describe('the demo page through inbox-elements-server', () => {
  let frame: HTMLIFrameElement;

  before(async function () {
    // The server and its embedded database start with the first request to them.
    this.timeout(60_000);
    await fetch('/inbox-server/inbox/session', { method: 'POST' });
  });

  afterEach(() => frame?.remove());

  it('gets a session token from the server, and its elements call the server only, never the sandbox with a key', async function () {
    this.timeout(40000);
    const tenant = new SandboxTenant();
    const channel = await tenant.addChannel({ type: 'telegram', username: '@demo_through_server' });
    frame = await openDemo(tenant);
    const page = frame.contentDocument!;
    const accounts = page.querySelector('accounts-list')!;
    await waitUntil(
      () => accounts.shadowRoot?.querySelector(`[data-id="${channel.id}"]`),
      'the account was not listed through the server',
      { timeout: 15000 },
    );
    const inbox = page.querySelector('conversation-view')!;
    await waitUntil(
      () => inbox.shadowRoot?.querySelector('[part="conversation"]'),
      'no conversation listed',
      {
        timeout: 15000,
      },
    );

    const paths = fetchedUrls(frame).map((url) => url.pathname);
    expect(paths).to.include('/inbox-server/inbox/session');
    expect(paths).to.include('/inbox-server/api/v1/channels');
    expect(paths.some((path) => path.startsWith('/inbox-server/api/v1/conversations'))).to.equal(true);
    const direct = paths.filter((path) => path.startsWith('/api/'));
    expect(direct, 'the elements called the sandbox directly').to.deep.equal([]);
    // The server answers the contract only with a session token: no token, no list.
    const withoutToken = await fetch('/inbox-server/api/v1/channels', {
      headers: { 'X-Api-Key': tenant.apiKey },
    });
    expect(withoutToken.status).to.equal(401);

    // What the elements were shown, the server read from the customer's sandbox tenant.
    const upstream = await tenant.requests();
    expect(upstream.map(({ method, path }) => `${method} ${path.split('?')[0]}`)).to.include(
      'GET /api/v1/channels',
    );
  });
});
