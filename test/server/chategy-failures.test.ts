import { expect, fixture, fixtureCleanup, html, oneEvent } from '@open-wc/testing';
import { waitUntil } from '../helpers/async.js';
import { nothing } from 'lit';
import '../../src/index.js';
import '../helpers/lit-warnings.js';
import type { ChannelConnect } from '../../src/elements/channel-connect/channel-connect.component.js';
import type { QrScanner } from '../../src/elements/qr-scanner/qr-scanner.component.js';
import { en } from '../../src/i18n/en.js';
import {
  CHATEGY_SERVER,
  CHATEGY_SOCKET,
  buttonByText,
  chategyControl,
  chategyInstance,
  chategyRequests,
  chategyServerReady,
  newChategyCustomer,
  text,
  type ChategyCustomer,
} from '../helpers/chategy-server.js';

/** WhatsApp's linking in channel-connect, with the server's socket (the auth room) or by status polls. */
async function mount(customer: ChategyCustomer, socket: boolean): Promise<ChannelConnect> {
  return fixture<ChannelConnect>(
    html`<channel-connect
      base-url=${CHATEGY_SERVER}
      socket-url=${socket ? CHATEGY_SOCKET : nothing}
      .getToken=${customer.getToken}
      identity=${customer.id}
      channels="whatsapp"
    ></channel-connect>`,
  );
}

/** The frames the page sends over its WebSockets from now on. */
function recordSentFrames(): { frames: string[]; restore: () => void } {
  const frames: string[] = [];
  const realSend = WebSocket.prototype.send;
  WebSocket.prototype.send = function (this: WebSocket, data) {
    // Phoenix sends its JSON frames as text.
    if (typeof data === 'string') frames.push(data);
    realSend.call(this, data);
  };
  return { frames, restore: () => (WebSocket.prototype.send = realSend) };
}

/** Waits until the QR code Chategy made is on screen. */
async function codeOnScreen(el: ChannelConnect): Promise<QrScanner> {
  await waitUntil(() => el.shadowRoot!.querySelector('qr-scanner'), 'no QR step');
  const scanner = el.shadowRoot!.querySelector('qr-scanner') as QrScanner;
  await waitUntil(() => scanner.phase === 'waiting', `no QR code on screen (at ${scanner.phase})`, {
    timeout: 10000,
  });
  await waitUntil(() => scanner.shadowRoot!.querySelector('[part~="qr"] svg'), 'the code was not drawn');
  return scanner;
}

/** Waits until the page has joined the login's auth room on the server's socket. */
async function roomJoined(frames: string[]): Promise<void> {
  await waitUntil(
    () => frames.some((frame) => frame.includes('"room:v1:whats_app:auth:') && frame.includes('"phx_join"')),
    'the page did not join the WhatsApp auth room',
    { timeout: 10000 },
  );
}

async function whatsappState(customer: ChategyCustomer): Promise<string | null | undefined> {
  return (await chategyInstance(customer))?.whatsapp_state;
}

/** The upstream calls that interrupted this customer's WhatsApp login. */
async function interruptions(customer: ChategyCustomer): Promise<number> {
  const instance = await chategyInstance(customer);
  if (!instance) return 0;
  const path = `/developer/v1/instances/${instance.id}/delete_container_session`;
  return (await chategyRequests()).filter((request) => request.method === 'DELETE' && request.path === path)
    .length;
}

describe('WhatsApp failures: elements → inbox-elements-server → Chategy sandbox flavour', () => {
  let recorder: ReturnType<typeof recordSentFrames>;

  before(async function () {
    this.timeout(60_000);
    await chategyServerReady();
  });

  beforeEach(() => {
    recorder = recordSentFrames();
  });

  afterEach(() => recorder.restore());

  it('Cancel interrupts the login upstream once the page has left its room: the code can no longer be scanned', async () => {
    const customer = newChategyCustomer();
    const el = await mount(customer, true);
    await codeOnScreen(el);
    await roomJoined(recorder.frames);
    expect(await whatsappState(customer)).to.equal('waiting');

    const cancelled = oneEvent(el, 'inbox-cancelled');
    buttonByText(el.shadowRoot!, en.cancel).click();
    await cancelled;
    await el.updateComplete;
    expect(text(el.shadowRoot!.querySelector('.step-heading'))).to.equal(en.connectCancelledHeading);
    expect(el.shadowRoot!.querySelector('qr-scanner')).to.equal(null);

    // Nobody watches the login any more: the server interrupts it after its grace time (5 s).
    await waitUntil(
      async () => (await interruptions(customer)) === 1,
      'the login was not interrupted upstream',
      { timeout: 15000, interval: 250 },
    );
    expect(await whatsappState(customer)).to.equal('failed');
    const scan = await chategyControl('whatsapp/scan', { external_id: customer.id });
    expect(scan.status, 'a cancelled code cannot be scanned').to.equal(409);
    await expect(el).to.be.accessible();
  });

  it('a page that leaves the QR code (no room watching) interrupts the login upstream after the grace time', async () => {
    const customer = newChategyCustomer();
    const el = await mount(customer, true);
    await codeOnScreen(el);
    await roomJoined(recorder.frames);
    el.remove();
    fixtureCleanup();
    await waitUntil(
      async () => (await interruptions(customer)) === 1,
      'the abandoned login was not interrupted',
      {
        timeout: 15000,
        interval: 250,
      },
    );
    expect(await whatsappState(customer)).to.equal('failed');
  });

  for (const socket of [true, false]) {
    it(`the codes running out says so in words and offers a new code that links (${socket ? 'auth room' : 'status polls'})`, async () => {
      const customer = newChategyCustomer();
      const el = await mount(customer, socket);
      const scanner = await codeOnScreen(el);

      const expired = oneEvent(scanner, 'inbox-connect-failed');
      expect((await chategyControl('whatsapp/expire', { external_id: customer.id })).status).to.equal(200);
      const { detail } = await expired;
      expect(detail).to.deep.include({ reason: 'qr-expired', message: en.qrExpired });
      await scanner.updateComplete;
      const status = text(scanner.shadowRoot!.querySelector('[part~="status"]'));
      expect(status).to.contain(en.qrExpired).and.contain(en.qrExpiredHint);
      expect(scanner.phase).to.equal('expired');
      await expect(el).to.be.accessible();

      buttonByText(scanner.shadowRoot!, en.qrNewCode).click();
      await waitUntil(() => scanner.phase === 'waiting', `no new code (at ${scanner.phase})`, {
        timeout: 10000,
      });
      const connected = oneEvent(el, 'inbox-connected');
      await waitUntil(
        async () =>
          (await chategyControl('whatsapp/scan', { external_id: customer.id, phone: '966500000077' })).ok,
        'the new code could not be scanned',
        { timeout: 10000, interval: 200 },
      );
      expect((await connected).detail.channel.username).to.equal('+966500000077');
    });
  }
});
