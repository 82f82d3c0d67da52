import { expect, fixture, html } from '@open-wc/testing';
import { waitUntil } from './helpers/async.js';
import { executeServerCommand } from '@web/test-runner-commands';
import '../src/elements/accounts-list/accounts-list.js';
import './helpers/lit-warnings.js';
import { en } from '../src/i18n/en.js';
import { fastTimings, SandboxTenant } from './helpers/sandbox.js';

/**
 * The HTTP client, fetched on demand, cannot be loaded: alone in its file, because Chromium keeps the
 * failure for the page's lifetime and every element needs the client.
 */
async function makeUnavailable(paths: string[]): Promise<void> {
  await executeServerCommand('make-unavailable', { paths });
}

function text(node: Node | null | undefined): string {
  return (node?.textContent ?? '').replace(/\s+/g, ' ').trim();
}

describe('an HTTP client that cannot be loaded', () => {
  it('<accounts-list> says part of the widget did not load, and calls nothing', async () => {
    const tenant = new SandboxTenant();
    await tenant.scenario({ timings: fastTimings });
    await makeUnavailable(['/src/api/http.ts']);
    try {
      const el = await fixture<HTMLElement>(
        html`<accounts-list base-url=${tenant.baseUrl} api-key=${tenant.apiKey}></accounts-list>`,
      );
      await waitUntil(() => el.shadowRoot!.querySelector('[role="alert"]'), 'no error shown', {
        timeout: 8000,
      });
      expect(text(el.shadowRoot!.querySelector('[role="alert"]'))).to.contain(en.errorLoadFailed);
      const calls = (await tenant.requests()).filter((request) => request.path.startsWith('/api/v1/'));
      expect(calls).to.deep.equal([]);
    } finally {
      await makeUnavailable([]);
    }
  });
});
