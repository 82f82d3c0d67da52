import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { waitUntil } from '../helpers/async.js';
import '../../src/index.js';
import '../helpers/lit-warnings.js';
import type { ChannelConnect } from '../../src/elements/channel-connect/channel-connect.component.js';
import type { PhoneLogin } from '../../src/elements/phone-login/phone-login.component.js';
import type { ConnectFailedDetail } from '../../src/events/connect-failed.js';
import { en } from '../../src/i18n/en.js';
import {
  CHATEGY_SERVER,
  CHATEGY_SOCKET,
  chategyServerReady,
  newChategyCustomer,
  text,
} from '../helpers/chategy-server.js';

/**
 * Chategy links Telegram by phone number only: the server answers Telegram's QR connect with a 422
 * (docs/openapi.yaml), and channel-connect switches to the phone method by itself.
 */
describe('Telegram QR refused: elements → inbox-elements-server → Chategy sandbox flavour', () => {
  before(async function () {
    this.timeout(60_000);
    await chategyServerReady();
  });

  it('switches to the phone number with a notice, and the phone field takes the focus', async () => {
    const customer = newChategyCustomer();
    const el = await fixture<ChannelConnect>(
      html`<channel-connect
        base-url=${CHATEGY_SERVER}
        socket-url=${CHATEGY_SOCKET}
        .getToken=${customer.getToken}
        identity=${customer.id}
        channels="telegram"
      ></channel-connect>`,
    );
    const { detail } = await oneEvent<CustomEvent<ConnectFailedDetail>>(el, 'inbox-connect-failed');
    expect(detail.reason).to.equal('validation');

    await waitUntil(
      () => el.shadowRoot!.querySelector('[part="phone-login"]'),
      'no switch to the phone step',
    );
    expect(el.shadowRoot!.querySelector('qr-scanner')).to.equal(null);
    const phoneRadio = el.shadowRoot!.querySelector<HTMLInputElement>('input[name="method"][value="phone"]')!;
    expect(phoneRadio.checked).to.equal(true);
    expect(text(el.shadowRoot!.querySelector('p[role="status"]'))).to.equal(
      en.connectQrNotOffered('Telegram'),
    );

    const step = el.shadowRoot!.querySelector('[part="phone-login"]') as PhoneLogin;
    await waitUntil(() => step.phase === 'phone', `the room never asked for the phone (at ${step.phase})`, {
      timeout: 10000,
    });
    const input = step.shadowRoot!.querySelector<HTMLInputElement>('[part~="input"]')!;
    await waitUntil(() => step.shadowRoot!.activeElement === input, 'the phone field did not take the focus');
    await expect(el).to.be.accessible();
  });
});
