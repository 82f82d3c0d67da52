import { expect, fixture, fixtureCleanup, html } from '@open-wc/testing';
import { waitUntil } from '../helpers/async.js';
import { sendKeys } from '@web/test-runner-commands';
import '../../src/index.js';
import '../helpers/lit-warnings.js';
import type { ChannelConnect } from '../../src/elements/channel-connect/channel-connect.component.js';
import type { QrScanner } from '../../src/elements/qr-scanner/qr-scanner.component.js';
import { en } from '../../src/i18n/en.js';
import {
  CHATEGY_SERVER,
  buttonByText,
  chategyControl,
  chategyInstance,
  chategyRequests,
  chategyServerReady,
  newChategyCustomer,
  type ChategyCustomer,
} from '../helpers/chategy-server.js';

/** WhatsApp's linking in channel-connect with no socket: the page follows the login by status polls only. */
async function mount(customer: ChategyCustomer): Promise<ChannelConnect> {
  return fixture<ChannelConnect>(
    html`<channel-connect
      base-url=${CHATEGY_SERVER}
      .getToken=${customer.getToken}
      identity=${customer.id}
      channels="whatsapp"
    ></channel-connect>`,
  );
}

async function codeOnScreen(el: ChannelConnect): Promise<void> {
  await waitUntil(() => el.shadowRoot!.querySelector('qr-scanner'), 'no QR step');
  const scanner = el.shadowRoot!.querySelector('qr-scanner') as QrScanner;
  await waitUntil(() => scanner.phase === 'waiting', `no QR code on screen (at ${scanner.phase})`, {
    timeout: 10000,
  });
}

/** The upstream calls that interrupted this customer's WhatsApp login. */
async function interruptions(customer: ChategyCustomer): Promise<number> {
  const instance = await chategyInstance(customer);
  if (!instance) return 0;
  const path = `/developer/v1/instances/${instance.id}/delete_container_session`;
  return (await chategyRequests()).filter((request) => request.method === 'DELETE' && request.path === path)
    .length;
}

/**
 * The server's grace time for a login nobody watches is 5 s; a page with no socket never watched, so the
 * interrupt must come from its cancel call, well before that.
 */
async function interruptedUpstream(customer: ChategyCustomer): Promise<void> {
  await waitUntil(
    async () => (await interruptions(customer)) === 1,
    'the login was not interrupted upstream',
    {
      timeout: 4000,
      interval: 200,
    },
  );
  expect((await chategyInstance(customer))?.whatsapp_state).to.equal('failed');
  const scan = await chategyControl('whatsapp/scan', { external_id: customer.id });
  expect(scan.status, 'a cancelled code cannot be scanned').to.equal(409);
}

describe('WhatsApp cancel with status polls only: elements → inbox-elements-server → Chategy sandbox flavour', () => {
  before(async function () {
    this.timeout(60_000);
    await chategyServerReady();
  });

  it('Cancel interrupts the login upstream', async () => {
    const customer = newChategyCustomer();
    const el = await mount(customer);
    await codeOnScreen(el);
    expect((await chategyInstance(customer))?.whatsapp_state).to.equal('waiting');
    buttonByText(el.shadowRoot!, en.cancel).click();
    await interruptedUpstream(customer);
    await expect(el).to.be.accessible();
  });

  it('Escape interrupts the login upstream', async () => {
    const customer = newChategyCustomer();
    const el = await mount(customer);
    await codeOnScreen(el);
    el.shadowRoot!.querySelector<HTMLElement>('.step-heading')!.focus();
    await sendKeys({ press: 'Escape' });
    await interruptedUpstream(customer);
  });

  it('removing the element mid-attempt interrupts the login upstream', async () => {
    const customer = newChategyCustomer();
    const el = await mount(customer);
    await codeOnScreen(el);
    el.remove();
    fixtureCleanup();
    await interruptedUpstream(customer);
  });
});
