import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { waitUntil } from '../helpers/async.js';
import '../../src/index.js';
import '../helpers/lit-warnings.js';
import type { ChannelConnect } from '../../src/elements/channel-connect/channel-connect.component.js';
import type { ConversationView } from '../../src/elements/conversation-view/conversation-view.component.js';
import { WIDE, rowsWith, statusOf, typeAndSend } from '../helpers/conversation-view.js';

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

describe('elements → inbox-elements-server → Chategy sandbox flavour', () => {
  it('<channel-connect> links WhatsApp: the server makes the instance, shows Chategy’s QR code, and links after the scan', async () => {
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

  it('<conversation-view> shows a message that came by webhook, live, and answers it through Chategy', async () => {
    const customer = newCustomer();
    const token = await customer.getToken();
    const started = await fetch(`${BASE_URL}/api/v1/channels/whatsapp/connect`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}` },
    });
    expect(started.status).to.equal(200);
    await waitUntil(
      async () => (await control('whatsapp/scan', { external_id: customer.id, phone: '966500000043' })).ok,
      'no QR code to scan',
      { timeout: 10000, interval: 200 },
    );
    await waitUntil(
      async () => {
        const listed = await fetch(`${BASE_URL}/api/v1/channels`, {
          headers: { Authorization: `Bearer ${token}` },
        });
        const body = (await listed.json()) as { data: { is_connected: boolean }[] };
        return body.data.some((channel) => channel.is_connected);
      },
      'WhatsApp was not linked',
      { timeout: 10000 },
    );
    await control('messages', {
      external_id: customer.id,
      text: 'Is my order on its way?',
      from: { phone: '966501230000', name: 'Huda Webhook' },
    });
    const el = await fixture<ConversationView>(
      html`<conversation-view
        base-url=${BASE_URL}
        socket-url=${`${BASE_URL.replace(/^http/, 'ws')}/socket`}
        style=${WIDE}
        .getToken=${customer.getToken}
      ></conversation-view>`,
    );
    const conversationItem = () =>
      [...el.shadowRoot!.querySelectorAll<HTMLButtonElement>('button')].find((button) =>
        button.textContent?.includes('Huda Webhook'),
      );
    await waitUntil(conversationItem, 'the conversation was not listed', { timeout: 10000 });
    conversationItem()!.click();
    await waitUntil(() => rowsWith(el, 'Is my order on its way?').length === 1, 'the message was not shown', {
      timeout: 10000,
    });
    await control('messages', {
      external_id: customer.id,
      text: 'Hello again, live',
      from: { phone: '966501230000' },
    });
    await waitUntil(() => rowsWith(el, 'Hello again, live').length === 1, 'the live message did not arrive', {
      timeout: 10000,
    });
    await typeAndSend(el, 'Yes, it ships today');
    await waitUntil(
      () => {
        const [row] = rowsWith(el, 'Yes, it ships today');
        return row && statusOf(row) === 'Read';
      },
      'the answer did not reach read',
      { timeout: 10000 },
    );
    expect(rowsWith(el, 'Yes, it ships today').length).to.equal(1);
    await expect(el).to.be.accessible();
  });
});
