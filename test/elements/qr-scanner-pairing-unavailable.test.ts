import { expect, fixture, html } from '@open-wc/testing';
import { executeServerCommand, sendKeys } from '@web/test-runner-commands';
import '../../src/elements/qr-scanner/qr-scanner.js';
import type { QrScanner } from '../../src/elements/qr-scanner/qr-scanner.component.js';
import { pairingCodeStrings } from '../../src/i18n/en/pairing-code.js';
import { waitUntil } from '../helpers/async.js';
import '../helpers/lit-warnings.js';
import { fastTimings, SandboxTenant } from '../helpers/sandbox.js';

/**
 * The phone-number library cannot be fetched. A file of its own: Chromium keeps a failed module fetch
 * for the page's lifetime.
 */
describe('<qr-scanner> phone-number method whose number check cannot be loaded', () => {
  afterEach(() => executeServerCommand('make-unavailable', { paths: [] }));

  it('says so at the field, asks the backend nothing, and the QR code is still one switch away', async () => {
    const tenant = new SandboxTenant();
    await tenant.scenario({ timings: fastTimings });
    await executeServerCommand('make-unavailable', {
      paths: ['/node_modules/libphonenumber-js/min/index.js'],
    });
    const el = await fixture<QrScanner>(
      html`<qr-scanner
        base-url=${tenant.baseUrl}
        api-key=${tenant.apiKey}
        channel="whatsapp"
        link-method="phone"
      ></qr-scanner>`,
    );
    const fieldError = () => el.shadowRoot!.querySelector('.field-error')?.textContent?.trim();
    await waitUntil(
      () => fieldError() === pairingCodeStrings.pairingCheckUnavailable,
      'no word of the failure',
    );

    el.shadowRoot!.querySelector<HTMLInputElement>('#pairing-phone')!.focus();
    await sendKeys({ type: '+966501234567' });
    await sendKeys({ press: 'Enter' });
    await waitUntil(
      () => fieldError() === pairingCodeStrings.pairingCheckUnavailable,
      'no word after a submit',
    );
    const pairingCalls = (await tenant.requests()).filter((request) => request.path.includes('pairing-code'));
    expect(pairingCalls).to.deep.equal([]);
    await expect(el).to.be.accessible();

    const toQr = [...el.shadowRoot!.querySelectorAll('button')].find(
      (button) => button.textContent?.trim() === pairingCodeStrings.pairingUseQr,
    );
    expect(toQr, 'no switch to the QR code').to.not.equal(undefined);
    toQr!.click();
    await waitUntil(() => el.qrCode, 'no QR code after the switch');
  });
});
