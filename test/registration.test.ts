import { expect, fixture, html } from '@open-wc/testing';
import { waitUntil } from './helpers/async.js';
import sinon from 'sinon';
import { AccountsList, ChannelConnect, InstagramTwoFactor, QrScanner } from '../src/classes.js';
import { SandboxTenant } from './helpers/sandbox.js';
import './helpers/lit-warnings.js';

describe('registration', () => {
  afterEach(() => sinon.restore());

  it('registers under names a host page chooses when it already uses ours, nested elements included', async () => {
    customElements.define('qr-scanner', class extends HTMLElement {});
    customElements.define('instagram-2fa', class extends HTMLElement {});
    ChannelConnect.define('acme-channel-connect');
    expect(customElements.get('acme-channel-connect')).to.equal(ChannelConnect);
    expect(customElements.get('acme-channel-connect-qr-scanner')).to.equal(QrScanner);
    expect(customElements.get('acme-channel-connect-instagram-2fa')).to.equal(InstagramTwoFactor);

    const tenant = new SandboxTenant();
    const el = await fixture<ChannelConnect>(
      html`<acme-channel-connect
        base-url=${tenant.baseUrl}
        api-key=${tenant.apiKey}
        channel="whatsapp"
      ></acme-channel-connect>`,
    );
    const nested = el.shadowRoot!.querySelector('acme-channel-connect-qr-scanner');
    expect(nested).to.be.instanceOf(QrScanner);
    await waitUntil(
      async () => (await tenant.attempt('whatsapp'))?.qr_code,
      'the nested scanner did not start',
    );
  });

  it('does nothing when the same element is registered twice', () => {
    const warn = sinon.spy(console, 'warn');
    expect(() => ChannelConnect.define('acme-channel-connect')).not.to.throw();
    expect(warn.called).to.equal(false);
  });

  it('warns instead of throwing when another element owns the name', () => {
    const warn = sinon.spy(console, 'warn');
    expect(() => QrScanner.define('qr-scanner')).not.to.throw();
    expect(warn.calledOnce).to.equal(true);
    expect(String(warn.firstCall.args[0])).to.contain('qr-scanner');
  });

  it('nests channel-connect in accounts-list under the name it was registered with', async () => {
    AccountsList.define('acme-accounts-list');
    expect(customElements.get('acme-accounts-list')).to.equal(AccountsList);
    const tenant = new SandboxTenant();
    const el = await fixture<AccountsList>(
      html`<acme-accounts-list base-url=${tenant.baseUrl} api-key=${tenant.apiKey}></acme-accounts-list>`,
    );
    await waitUntil(() => el.shadowRoot!.querySelector('[part="empty"]'), 'the list did not load');
    el.shadowRoot!.querySelector<HTMLButtonElement>('[part="empty"] button')!.click();
    await waitUntil(() => el.shadowRoot!.querySelector('[part="connect"]'), 'the linking steps never loaded');
    expect(el.shadowRoot!.querySelector('[part="connect"]')!.localName).to.equal('acme-channel-connect');
  });

  it('registers a second name for an element that already has one', async () => {
    QrScanner.define('second-qr-scanner');
    const el = await fixture(html`<second-qr-scanner></second-qr-scanner>`);
    expect(el).to.be.instanceOf(QrScanner);
  });
});
