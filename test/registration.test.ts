import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import sinon from 'sinon';
import { ChannelConnect, InstagramTwoFactor, QrScanner } from '../src/classes.js';
import { SandboxTenant } from './helpers/sandbox.js';

describe('registration', () => {
  afterEach(() => sinon.restore());

  it('registers the elements under names a host page chooses, nested ones included', async () => {
    QrScanner.define('acme-qr-scanner');
    InstagramTwoFactor.define('acme-instagram-2fa');
    ChannelConnect.define('acme-channel-connect');
    expect(customElements.get('qr-scanner')).to.equal(undefined);
    expect(customElements.get('acme-channel-connect')).to.equal(ChannelConnect);

    const tenant = new SandboxTenant();
    const el = await fixture<ChannelConnect>(
      html`<acme-channel-connect base-url=${tenant.baseUrl} api-key=${tenant.apiKey} channel="whatsapp"></acme-channel-connect>`,
    );
    const nested = el.shadowRoot!.querySelector('acme-qr-scanner');
    expect(nested).to.be.instanceOf(QrScanner);
    await waitUntil(async () => (await tenant.attempt('whatsapp'))?.qr_code, 'the nested scanner did not start');
  });

  it('does nothing when the same element is registered twice', () => {
    const warn = sinon.spy(console, 'warn');
    expect(() => QrScanner.define('acme-qr-scanner')).not.to.throw();
    expect(warn.called).to.equal(false);
  });

  it('warns instead of throwing when another element owns the name', () => {
    customElements.define('taken-name', class extends HTMLElement {});
    const warn = sinon.spy(console, 'warn');
    expect(() => QrScanner.define('taken-name')).not.to.throw();
    expect(warn.calledOnce).to.equal(true);
    expect(String(warn.firstCall.args[0])).to.contain('taken-name');
  });

  it('registers a second name for an element that already has one', async () => {
    QrScanner.define('second-qr-scanner');
    const el = await fixture(html`<second-qr-scanner></second-qr-scanner>`);
    expect(el).to.be.instanceOf(QrScanner);
  });
});
