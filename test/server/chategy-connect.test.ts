import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import '../../src/index.js';
import '../helpers/lit-warnings.js';
import type { ChannelConnect } from '../../src/elements/channel-connect/channel-connect.component.js';

/** Mirrors server/test/wtr-chategy-plugin.ts, which serves the server and the Chategy flavour's controls. */
const BASE_URL = `${location.origin}/inbox-chategy`;
const API_KEY = 'browser-tests-chategy';

let customerNumber = 0;

function newCustomer(): { id: string; getToken: () => Promise<string> } {
  const id = `browser-${Date.now()}-${++customerNumber}`;
  const getToken = async () => {
    const response = await fetch(`${BASE_URL}/inbox/session`, {
      method: 'POST',
      headers: { 'X-Inbox-Customer': id },
    });
    const body = (await response.json()) as { data: { token: string } };
    return body.data.token;
  };
  return { id, getToken };
}

async function control(path: string, body: unknown): Promise<Response> {
  return fetch(`/__chategy/${path}`, {
    method: 'POST',
    headers: { Authorization: API_KEY, 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
}

function buttonByText(root: ParentNode, text: string): HTMLButtonElement {
  const found = [...root.querySelectorAll<HTMLButtonElement>('button')].find((button) =>
    button.textContent?.includes(text),
  );
  if (!found) throw new Error(`no button "${text}"`);
  return found;
}

describe('<channel-connect> through inbox-elements-server to Chategy', () => {
  it('links WhatsApp: the server makes the instance, shows Chategy’s QR code, and links after the scan', async () => {
    const customer = newCustomer();
    const el = await fixture<ChannelConnect>(
      html`<channel-connect
        base-url=${BASE_URL}
        .getToken=${customer.getToken}
        channels="whatsapp telegram"
      ></channel-connect>`,
    );
    buttonByText(el.shadowRoot!, 'WhatsApp').click();
    await el.updateComplete;
    const scanner = el.shadowRoot!.querySelector('qr-scanner');
    expect(scanner).to.exist;
    // The scan succeeds only once Chategy's room shows a code, which the server waits for.
    const connected = oneEvent(el, 'inbox-connected');
    let lastAnswer = '';
    await waitUntil(
      async () => {
        const answer = await control('whatsapp/scan', { external_id: customer.id, phone: '966500000042' });
        lastAnswer = `${answer.status} ${await answer.text()} | ${el.shadowRoot!.textContent ?? ''}`;
        return answer.ok;
      },
      'no QR code to scan',
      { timeout: 10000, interval: 200 },
    ).catch((error: Error) => {
      throw new Error(`${error.message}: ${lastAnswer}`);
    });
    const { detail } = await connected;
    expect(detail.channel.type).to.equal('whatsapp');
    expect(detail.channel.username).to.equal('+966500000042');
    await el.updateComplete;
    expect(el.shadowRoot!.textContent).to.contain('+966500000042');
    await expect(el).to.be.accessible();
  });
});
