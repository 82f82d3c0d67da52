import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Conversation, ConversationPage, MessageSearchPage } from '../src/contract.js';
import { customer } from './drivers.js';
import { dataOf, startSandboxHarness, waitFor, type SandboxHarness } from './harness.js';

describe('search, typing and presence through an upstream that speaks the contract (sandbox provider)', () => {
  let harness: SandboxHarness;

  before(async () => {
    harness = await startSandboxHarness();
  });
  after(() => harness.close());

  async function conversationOf(
    customerId: string,
    name: string,
    channel = 'whatsapp',
  ): Promise<Conversation> {
    return dataOf<Conversation>(
      await harness.control(customerId, 'POST', 'conversations', { channel, contact: { name }, messages: 2 }),
    );
  }

  it("passes the filters and the message search on, within the session's channels", async () => {
    const pia = customer('pia');
    const whatsapp = await conversationOf(pia, 'Walid');
    const telegram = await conversationOf(pia, 'Tamer', 'telegram');
    await harness.control(pia, 'POST', 'incoming', { conversation_id: whatsapp.id, text: 'the blue kettle' });
    await harness.control(pia, 'POST', 'incoming', { conversation_id: telegram.id, text: 'a blue teapot' });
    const full = await harness.token(pia);
    const byText = await dataOf<ConversationPage>(await harness.api(full, 'GET', 'conversations?q=kettle'));
    assert.deepEqual(
      byText.items.map((item) => item.id),
      [whatsapp.id],
    );
    assert.equal(byText.unread_total, 2);
    const unread = await dataOf<ConversationPage>(
      await harness.api(full, 'GET', 'conversations?unread=true&channel=telegram'),
    );
    assert.deepEqual(
      unread.items.map((item) => item.id),
      [telegram.id],
    );
    const hits = await dataOf<MessageSearchPage>(await harness.api(full, 'GET', 'messages/search?q=BLUE'));
    assert.deepEqual(
      hits.items.map((hit) => hit.message.text),
      ['a blue teapot', 'the blue kettle'],
    );

    const limited = await harness.token(pia, [whatsapp.channel_id]);
    const limitedHits = await dataOf<MessageSearchPage>(
      await harness.api(limited, 'GET', 'messages/search?q=blue'),
    );
    assert.deepEqual(
      limitedHits.items.map((hit) => hit.conversation.id),
      [whatsapp.id],
    );
    // The upstream counts every channel: a limited session does not get its total.
    const limitedPage = await dataOf<ConversationPage>(await harness.api(limited, 'GET', 'conversations'));
    assert.equal(limitedPage.unread_total, undefined);
  });

  it('relays typing and presence from the upstream socket', async () => {
    const quin = customer('quin');
    const conversation = await conversationOf(quin, 'Yara');
    const { events } = await harness.socket(await harness.token(quin));
    await harness.control(quin, 'POST', 'typing', { conversation_id: conversation.id, for_ms: 3000 });
    await harness.control(quin, 'POST', 'presence', { conversation_id: conversation.id, online: true });
    const typing = await waitFor(() => events.find((event) => event.event === 'typing'), 'typing relayed');
    assert.equal((typing.payload as { conversation_id: string }).conversation_id, conversation.id);
    const presence = await waitFor(
      () => events.find((event) => event.event === 'presence'),
      'presence relayed',
    );
    assert.equal((presence.payload as { online: boolean }).online, true);
  });
});
