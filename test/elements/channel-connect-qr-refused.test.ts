import { expect, fixture, html } from '@open-wc/testing';
import { waitUntil } from '../helpers/async.js';
import { nothing } from 'lit';
import '../../src/index.js';
import '../helpers/lit-warnings.js';
import type { ChannelConnect } from '../../src/elements/channel-connect/channel-connect.component.js';
import type { PhoneLogin } from '../../src/elements/phone-login/phone-login.component.js';
import { en } from '../../src/i18n/en.js';
import { fastTimings, SandboxTenant } from '../helpers/sandbox.js';

/** A backend that does not link Telegram by QR code answers its connect with a 422 (docs/openapi.yaml). */
describe('<channel-connect> when the backend refuses Telegram by QR code', () => {
  let tenant: SandboxTenant;

  beforeEach(async () => {
    tenant = new SandboxTenant();
    await tenant.scenario({
      timings: fastTimings,
      failures: [
        {
          method: 'POST',
          path: '/api/v1/channels/telegram/connect',
          status: 422,
          times: -1,
          body: { success: false, message: 'Telegram is linked by phone number here.' },
        },
      ],
    });
  });

  function mount(socket: boolean): Promise<ChannelConnect> {
    return fixture<ChannelConnect>(
      html`<channel-connect
        base-url=${tenant.baseUrl}
        api-key=${tenant.apiKey}
        socket-url=${socket ? tenant.socketUrl : nothing}
        channels="telegram"
      ></channel-connect>`,
    );
  }

  it('switches to the phone number with a notice, and focuses the phone field', async () => {
    const el = await mount(true);
    await waitUntil(
      () => el.shadowRoot!.querySelector('[part="phone-login"]'),
      'no switch to the phone step',
    );
    const notice = el.shadowRoot!.querySelector('p[role="status"]');
    expect(notice?.textContent?.trim()).to.equal(en.connectQrNotOffered('Telegram'));
    const step = el.shadowRoot!.querySelector('[part="phone-login"]') as PhoneLogin;
    await waitUntil(() => step.phase === 'phone', `no phone step (at ${step.phase})`, { timeout: 10000 });
    const input = step.shadowRoot!.querySelector<HTMLInputElement>('[part~="input"]')!;
    await waitUntil(() => step.shadowRoot!.activeElement === input, 'the phone field did not take the focus');
    await expect(el).to.be.accessible();
  });

  it('stays on the QR step with the refusal in words when the page has no socket for the phone method', async () => {
    const el = await mount(false);
    await waitUntil(
      () =>
        el
          .shadowRoot!.querySelector('qr-scanner')
          ?.shadowRoot?.textContent?.includes('Telegram is linked by phone number here.'),
      'the refusal was not shown',
    );
    expect(el.shadowRoot!.querySelector('[part="phone-login"]')).to.equal(null);
  });
});
