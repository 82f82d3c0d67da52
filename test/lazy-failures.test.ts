import { expect, fixture, html } from '@open-wc/testing';
import { waitUntil } from './helpers/async.js';
import { executeServerCommand } from '@web/test-runner-commands';
import '../src/elements/qr-scanner/qr-scanner.js';
import '../src/elements/accounts-list/accounts-list.js';
import './helpers/lit-warnings.js';
import { en } from '../src/i18n/en.js';
import { fastTimings, SandboxTenant } from './helpers/sandbox.js';

/**
 * Parts fetched on demand that cannot be loaded. Each is fetched for the first time in this file, so the
 * browser has not loaded it already; Chromium keeps such a failure for the page's lifetime, so the way
 * forward the elements offer is reloading the page.
 */
async function makeUnavailable(paths: string[]): Promise<void> {
  await executeServerCommand('make-unavailable', { paths });
}

function text(node: Node | null | undefined): string {
  return (node?.textContent ?? '').replace(/\s+/g, ' ').trim();
}

describe('a part fetched on demand that cannot be loaded', () => {
  let tenant: SandboxTenant;

  beforeEach(async () => {
    tenant = new SandboxTenant();
    await tenant.scenario({ timings: fastTimings });
  });

  afterEach(() => makeUnavailable([]));

  it('<qr-scanner> says the code could not be drawn and offers to reload the page; the steps stay', async () => {
    await makeUnavailable(['/__vendor/qrcode.js']);
    const el = await fixture<HTMLElement>(
      html`<qr-scanner base-url=${tenant.baseUrl} api-key=${tenant.apiKey} channel="whatsapp"></qr-scanner>`,
    );
    const root = el.shadowRoot!;
    await waitUntil(
      () => root.querySelector('.encoder-failed'),
      'no message that the code could not be drawn',
      {
        timeout: 8000,
      },
    );
    const failure = root.querySelector('.encoder-failed')!;
    expect(failure.getAttribute('role')).to.equal('alert');
    expect(text(failure)).to.contain(en.qrImageFailed);
    expect(text(failure.querySelector('button.reload'))).to.equal(en.reloadPage);
    expect(root.querySelector('[part~="qr"] svg')).to.equal(null);
    expect(text(root.querySelector('[part~="steps"]'))).to.contain(en.qrStepsWhatsapp[0]);
    await expect(el).to.be.accessible();
  });

  it('<accounts-list> says the linking steps could not be loaded and offers to reload the page', async () => {
    await makeUnavailable(['/src/elements/channel-connect/channel-connect.component.ts']);
    const el = await fixture<HTMLElement>(
      html`<accounts-list base-url=${tenant.baseUrl} api-key=${tenant.apiKey}></accounts-list>`,
    );
    const root = el.shadowRoot!;
    await waitUntil(() => root.querySelector('[part="empty"] button'), 'the list did not load');
    root.querySelector<HTMLButtonElement>('[part="empty"] button')!.click();
    await waitUntil(
      () => root.querySelector('[part="panel"] [role="alert"]'),
      'no message that the steps could not be loaded',
    );
    const alert = root.querySelector('[part="panel"] [role="alert"]')!;
    expect(text(alert)).to.contain(en.accountsPanelFailed);
    expect(text(alert.querySelector('button.reload'))).to.equal(en.reloadPage);
    expect(root.querySelector('[part="connect"]')).to.equal(null);
    await expect(el).to.be.accessible();
  });
});
