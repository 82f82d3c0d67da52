import { expect, fixture, html } from '@open-wc/testing';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import '../../src/index.js';
import { createContractBackend } from '../../src/api/contract-backend.js';
import type { AccountsList } from '../../src/elements/accounts-list/accounts-list.component.js';
import { CallScope } from '../../src/internal/call-scope.js';
import { rejectionOf, waitUntil } from '../helpers/async.js';
import { text } from '../helpers/elements.js';
import '../helpers/lit-warnings.js';
import { SandboxTenant } from '../helpers/sandbox.js';

const IN_FLIGHT = 20;

/** A controller host that is only an event target, standing for an element. */
class FakeHost extends EventTarget implements ReactiveControllerHost {
  readonly updateComplete = Promise.resolve(true);
  addController(_controller: ReactiveController): void {}
  removeController(_controller: ReactiveController): void {}
  requestUpdate(): void {}
}

/** The bearer token of every API call the page sends while a test runs. */
function recordBearers(): { tokens: string[]; restore(): void } {
  const realFetch = window.fetch;
  const tokens: string[] = [];
  window.fetch = (input: RequestInfo | URL, init?: RequestInit) => {
    const request = new Request(input, init);
    if (new URL(request.url).pathname.startsWith('/api/v1/')) {
      tokens.push(request.headers.get('Authorization')?.replace(/^Bearer /, '') ?? '');
    }
    return realFetch(input, init);
  };
  return { tokens, restore: () => (window.fetch = realFetch) };
}

describe('a token that expires with 20 requests in flight', () => {
  const tenant = new SandboxTenant();
  let bearers: ReturnType<typeof recordBearers>;

  /** A token of the tenant that the sandbox already refuses. */
  async function expiredToken(): Promise<string> {
    const token = await tenant.mintToken(1);
    await waitUntil(
      async () =>
        (await fetch('/api/v1/channels', { headers: { Authorization: `Bearer ${token}` } })).status === 401,
      'the token expired',
      { timeout: 5000, interval: 100 },
    );
    return token;
  }

  beforeEach(async () => {
    await tenant.reset();
    bearers = recordBearers();
  });

  afterEach(() => bearers.restore());

  it('calls getToken once more and repeats each request once, with the new token', async () => {
    const expired = await expiredToken();
    const fresh = await tenant.mintToken(60);
    bearers.tokens.splice(0);
    const answers = [expired, fresh];
    let calls = 0;
    const backend = createContractBackend({
      baseUrl: tenant.baseUrl,
      getToken: () => Promise.resolve(answers[Math.min(calls++, answers.length - 1)]),
    });
    const host = new FakeHost();
    const scope = new CallScope(host);
    let signedOut = 0;
    host.addEventListener('inbox-signed-out', () => (signedOut += 1));

    const lists = await Promise.all(
      Array.from({ length: IN_FLIGHT }, () => backend.listChannels({ signal: scope.signal })),
    );
    expect(lists).to.have.length(IN_FLIGHT);
    expect(calls, 'getToken: the first token, then one renewal').to.equal(2);
    expect(bearers.tokens.filter((token) => token === expired)).to.have.length(IN_FLIGHT);
    expect(bearers.tokens.filter((token) => token === fresh)).to.have.length(IN_FLIGHT);
    expect(signedOut).to.equal(0);
  });

  it('a second 401 ends the session: every call fails as unauthorized, the host hears it once, nothing loops', async () => {
    const first = await expiredToken();
    const second = await expiredToken();
    bearers.tokens.splice(0);
    const answers = [first, second];
    let calls = 0;
    const backend = createContractBackend({
      baseUrl: tenant.baseUrl,
      getToken: () => Promise.resolve(answers[Math.min(calls++, answers.length - 1)]),
    });
    const host = new FakeHost();
    const scope = new CallScope(host);
    let signedOut = 0;
    host.addEventListener('inbox-signed-out', () => (signedOut += 1));

    const errors = await Promise.all(
      Array.from({ length: IN_FLIGHT }, () => rejectionOf(backend.listChannels({ signal: scope.signal }))),
    );
    expect(errors.map((error) => error.kind)).to.deep.equal(Array(IN_FLIGHT).fill('unauthorized'));
    expect(calls).to.equal(2);
    expect(bearers.tokens, 'each request sent twice, no more').to.have.length(2 * IN_FLIGHT);
    expect(signedOut).to.equal(1);
  });

  it('<accounts-list> says the session expired and tells the host with inbox-signed-out', async () => {
    const dead = await expiredToken();
    bearers.tokens.splice(0);
    let calls = 0;
    const el: AccountsList = document.createElement('accounts-list');
    el.baseUrl = tenant.baseUrl;
    el.pollInterval = 60_000;
    el.getToken = () => {
      calls += 1;
      return Promise.resolve(dead);
    };
    let signedOut = 0;
    document.addEventListener('inbox-signed-out', () => (signedOut += 1), { once: true });
    await fixture(html`${el}`);
    await waitUntil(() => signedOut === 1, 'the host heard of it', { timeout: 8000 });
    await waitUntil(
      () => text(el.shadowRoot!.querySelector('[part~="base"]')).includes('session has expired'),
      'the element says so',
    );
    expect(calls).to.equal(2);
    expect(bearers.tokens).to.have.length(2);
  });
});
