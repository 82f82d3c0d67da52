import { expect, fixture, html } from '@open-wc/testing';
import { waitUntil } from '../helpers/async.js';
import { trackPageFetches } from '../helpers/page-fetches.js';
import '../../src/index.js';
import type { AccountsList } from '../../src/elements/accounts-list/accounts-list.component.js';
import type { ConversationView } from '../../src/elements/conversation-view/conversation-view.component.js';
import { configure } from '../../src/config/config.js';
import { text } from '../helpers/elements.js';
import '../helpers/lit-warnings.js';
import { SandboxTenant } from '../helpers/sandbox.js';
import { UncaughtErrors, recordConsole } from './uncaught.js';

const TAGS = [
  'channel-connect',
  'qr-scanner',
  'instagram-2fa',
  'accounts-list',
  'conversation-view',
] as const;

type Lit = HTMLElement & { updateComplete: Promise<unknown> };

/** What the element tells its user, across its shadow root. */
function shown(el: Element): string {
  return text(el.shadowRoot!.querySelector('[part~="base"]'));
}

/**
 * The `Authorization` header of every API call the page sends while a test runs. A fetch whose signal
 * is already aborted sends nothing: on a busy machine an element of an earlier test, removed while its
 * HTTP code was still loading, makes such a call late.
 */
function recordAuthorization(): { headers: (string | null)[]; restore(): void } {
  const realFetch = window.fetch;
  const headers: (string | null)[] = [];
  window.fetch = (input: RequestInfo | URL, init?: RequestInit) => {
    const request = new Request(input, init);
    if (new URL(request.url).pathname.startsWith('/api/v1/') && !request.signal.aborted)
      headers.push(request.headers.get('Authorization'));
    return realFetch(input, init);
  };
  return { headers, restore: () => (window.fetch = realFetch) };
}

describe('bad configuration', () => {
  const tenant = new SandboxTenant();
  const uncaught = new UncaughtErrors();
  let errors: ReturnType<typeof recordConsole>;

  beforeEach(async () => {
    await tenant.reset();
    uncaught.start();
    errors = recordConsole('error');
  });

  afterEach(() => {
    uncaught.stop();
    errors.restore();
    configure({ baseUrl: undefined });
  });

  for (const tag of TAGS) {
    it(`<${tag} base-url="http://[bad"> says what is wrong, naming base-url, in the element and the console`, async () => {
      const el = await fixture<Lit>(html`<div>${document.createElement(tag)}</div>`).then(
        (wrapper) => wrapper.firstElementChild as Lit,
      );
      el.setAttribute('channel', 'whatsapp');
      el.setAttribute('account-id', 'ig_1');
      el.setAttribute('api-key', tenant.apiKey);
      el.setAttribute('base-url', 'http://[bad');
      await el.updateComplete;
      expect(shown(el)).to.contain('not set up correctly').and.contain('base-url "http://[bad"');
      expect(errors.lines.filter((line) => line.includes(`<${tag}>: base-url "http://[bad"`))).to.have.length(
        1,
      );
      expect(uncaught.seen).to.deep.equal([]);

      el.setAttribute('base-url', tenant.baseUrl);
      await waitUntil(() => !shown(el).includes('not set up'), 'mended by a good base-url', {
        timeout: 5000,
      });
    });
  }

  it('configure({ baseUrl }) that is not a URL is named as the option', async () => {
    configure({ baseUrl: 'https://exa mple.com:99999' });
    const el = await fixture<AccountsList>(html`<accounts-list></accounts-list>`);
    expect(shown(el)).to.contain('configure({ baseUrl })');
  });

  it('<conversation-view> with no configuration says it is not set up instead of loading forever', async () => {
    const el = await fixture<ConversationView>(html`<conversation-view></conversation-view>`);
    expect(shown(el)).to.contain('not set up').and.contain('base-url');
    expect(shown(el)).not.to.contain('Loading');
  });

  it('<conversation-view channel-id="abc"> names channel-id and sends no request with NaN', async () => {
    await tenant.createConversation();
    const fetches = trackPageFetches();
    try {
      const el = await fixture<ConversationView>(
        html`<conversation-view
          base-url=${tenant.baseUrl}
          api-key=${tenant.apiKey}
          channel-id="abc"
        ></conversation-view>`,
      );
      expect(shown(el)).to.contain('channel-id "abc" is not a whole number');
      expect(errors.lines.some((line) => line.includes('<conversation-view>: channel-id "abc"'))).to.equal(
        true,
      );
      // Only a quiet stretch shows that no request goes out; one would go out at once and is seen as it
      // starts, in the page. A slow machine can hide such a request, never invent one.
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(fetches.urls.filter((url) => url.includes('NaN'))).to.deep.equal([]);
      const requests = await tenant.requests();
      expect(requests.filter((request) => request.path.includes('NaN'))).to.deep.equal([]);
    } finally {
      fetches.restore();
    }
  });

  for (const [what, token] of [
    ['undefined', undefined],
    ['a number', 42],
    ['an empty string', ''],
  ] as const) {
    it(`a getToken that resolves to ${what} is named, and no request goes out with it`, async () => {
      const authorization = recordAuthorization();
      try {
        const el = document.createElement('accounts-list');
        el.baseUrl = tenant.baseUrl;
        el.getToken = (() => Promise.resolve(token)) as unknown as () => Promise<string>;
        await fixture(html`${el}`);
        await waitUntil(() => shown(el).includes('getToken()'), 'the element names getToken', {
          timeout: 5000,
        });
        expect(shown(el)).to.contain('not set up correctly');
        expect(authorization.headers, 'no call was sent').to.deep.equal([]);
        expect(errors.lines.filter((line) => line.includes('getToken() resolved to'))).to.have.length(1);
        expect(uncaught.seen).to.deep.equal([]);
      } finally {
        authorization.restore();
      }
    });
  }
});
