import { expect } from '@open-wc/testing';
import { waitUntil } from '../helpers/async.js';
import '../../src/elements/conversation-view/conversation-view.js';
import '../helpers/lit-warnings.js';
import type { Message, MessagePage } from '../../src/api/types.js';
import { en } from '../../src/i18n/en.js';
import { fastTimings, SandboxTenant } from '../helpers/sandbox.js';
import {
  messageRows,
  mount,
  open,
  rowsWith,
  rowWith,
  statusOf,
  text,
  typeAndSend,
} from '../helpers/conversation-view.js';

/** The conversation's messages as the server holds them, oldest first. */
async function serverMessages(tenant: SandboxTenant, conversationId: string): Promise<Message[]> {
  const response = await fetch(`/api/v1/conversations/${conversationId}/messages?limit=100`, {
    headers: { 'X-Api-Key': tenant.apiKey },
  });
  return ((await response.json()) as { data: MessagePage }).data.items;
}

describe('<conversation-view> delivery: nothing lost, reports that overtake their message', () => {
  let tenant: SandboxTenant;

  beforeEach(async () => {
    tenant = new SandboxTenant();
    await tenant.scenario({ timings: fastTimings });
  });

  it('fetches a message whose frame was lost although our newer message arrived, and shows it before ours', async () => {
    const conversation = await tenant.createConversation({ messages: 0 });
    const el = await mount(tenant, { socket: true });
    await open(el, conversation.id);
    await tenant.incoming(conversation.id, { text: 'Lost on the way', broadcast: false });
    await typeAndSend(el, 'My answer');
    // The read receipt comes over the socket: it is joined, and no receipt is awaited any more.
    await waitUntil(
      () =>
        rowsWith(el, 'My answer').length === 1 &&
        statusOf(rowWith(el, 'My answer')) === en.messageStatus('read'),
      'the answer was not read',
    );
    expect((await tenant.dropSockets()).dropped).to.be.greaterThan(0);
    await waitUntil(() => rowsWith(el, 'Lost on the way').length === 1, 'the lost message never showed', {
      timeout: 8000,
    });
    const order = messageRows(el)
      .map((row) => text(row.querySelector('.text')))
      .filter((line) => line === 'Lost on the way' || line === 'My answer');
    expect(order).to.deep.equal(['Lost on the way', 'My answer']);
  });

  it('applies receipts that came before the message they are about', async () => {
    const conversation = await tenant.createConversation({ messages: 2 });
    // The echo comes after the receipts, carrying the message as it was made; the answer much later.
    await tenant.scenario({ echo_delay_ms: 1500, send_answer_delay_ms: 15_000 });
    const el = await mount(tenant, { socket: true });
    await open(el, conversation.id);
    await typeAndSend(el, 'Receipts first');
    await waitUntil(
      async () => (await serverMessages(tenant, conversation.id)).some((m) => m.status === 'read'),
      'the message was not read on the server',
      { timeout: 5000 },
    );
    await waitUntil(
      () =>
        rowsWith(el, 'Receipts first').length === 1 &&
        statusOf(rowWith(el, 'Receipts first')) === en.messageStatus('read'),
      'the receipts that came first were dropped',
      { timeout: 6000 },
    );
  });

  it('applies a deletion that came before the message it is about', async () => {
    const conversation = await tenant.createConversation({ messages: 2 });
    await tenant.scenario({ echo_delay_ms: 1500, send_answer_delay_ms: 15_000 });
    const el = await mount(tenant, { socket: true });
    await open(el, conversation.id);
    await typeAndSend(el, 'Deleted first');
    let sent: Message | undefined;
    await waitUntil(
      async () => {
        sent = (await serverMessages(tenant, conversation.id)).find((m) => m.text === 'Deleted first');
        return sent?.status === 'delivered' || sent?.status === 'read';
      },
      'the message was not delivered',
      { timeout: 5000 },
    );
    const deletion = await fetch(`/api/v1/messages/${sent!.id}`, {
      method: 'DELETE',
      headers: { 'X-Api-Key': tenant.apiKey },
    });
    expect(deletion.status).to.equal(204);
    await waitUntil(
      () => rowsWith(el, 'Deleted first').length === 0 && rowsWith(el, en.messageDeleted).length > 0,
      'the deletion that came first was dropped',
      { timeout: 6000 },
    );
  });
});
