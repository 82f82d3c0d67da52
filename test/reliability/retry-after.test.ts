import { expect, fixture, html } from '@open-wc/testing';
import '../../src/index.js';
import { createContractBackend } from '../../src/api/contract-backend.js';
import { MAX_RETRY_AFTER_SECONDS, parseRetryAfter } from '../../src/api/http.js';
import type { AccountsList } from '../../src/elements/accounts-list/accounts-list.component.js';
import { rejectionOf, waitUntil } from '../helpers/async.js';
import { text } from '../helpers/elements.js';
import '../helpers/lit-warnings.js';
import { SandboxTenant } from '../helpers/sandbox.js';

describe('Retry-After longer than a read waits by itself', () => {
  const tenant = new SandboxTenant();

  beforeEach(() => tenant.reset());

  const channelRequests = async () =>
    (await tenant.requests()).filter((request) => request.path === '/api/v1/channels');

  it('is not cut to 10 s: the read fails at once with the whole wait, and is not repeated early', async () => {
    await tenant.scenario({
      failures: [{ method: 'GET', path: '/api/v1/channels', status: 429, retry_after: 60 }],
    });
    const backend = createContractBackend({ baseUrl: tenant.baseUrl, apiKey: tenant.apiKey });
    const started = performance.now();
    const error = await rejectionOf(backend.listChannels());
    expect(error).to.include({ kind: 'rate-limited', status: 429, retryAfterSeconds: 60 });
    expect(performance.now() - started, 'no automatic wait').to.be.below(5000);
    expect(await channelRequests()).to.have.length(1);
  });

  it('is held to the documented ceiling of an hour', () => {
    expect(MAX_RETRY_AFTER_SECONDS).to.equal(3600);
    expect(parseRetryAfter('86400')).to.equal(3600);
    expect(parseRetryAfter(new Date(Date.now() + 7 * 86400_000).toUTCString())).to.equal(3600);
  });

  it('is shown to the user by <accounts-list>, with Try again', async () => {
    await tenant.scenario({
      failures: [{ method: 'GET', path: '/api/v1/channels', status: 429, retry_after: 60 }],
    });
    const el = await fixture<AccountsList>(
      html`<accounts-list base-url=${tenant.baseUrl} api-key=${tenant.apiKey}></accounts-list>`,
    );
    await waitUntil(
      () => text(el.shadowRoot!.querySelector('[part~="base"]')).includes('60 seconds'),
      'the wait is shown',
      {
        timeout: 5000,
      },
    );
    expect(await channelRequests()).to.have.length(1);
  });
});
