import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { ConversationPage, MessageSearchPage } from '../src/contract.js';
import { webhookProvider, type TestWebhook } from './fixtures/webhook-provider.js';
import { DRIVERS, customer } from './drivers.js';
import { dataOf, startServer, type TestServer } from './harness.js';

for (const driver of DRIVERS) {
  describe(`searching a webhook-fed provider's stored conversations on ${driver.name}`, () => {
    let server: TestServer;
    let webhookPath: string;
    const receive = async (hook: TestWebhook) => {
      const response = await fetch(`${server.url}${webhookPath}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(hook),
      });
      assert.equal(response.status, 200);
    };
    const get = async <T>(token: string, path: string) => dataOf<T>(await server.api(token, 'GET', path));

    before(async () => {
      server = await startServer({
        provider: webhookProvider().provider,
        publicUrl: 'http://127.0.0.1',
        ...driver.options(),
      });
      webhookPath = new URL(server.server.webhookUrl!).pathname;
    });
    after(() => server.close());

    /** Two chats of one customer: one mentions an invoice twice, the other asks about 100% cotton. */
    async function twoChats(name: string): Promise<string> {
      const id = customer(name);
      const chat = (chatId: string, messageId: string, text: string, at: string): TestWebhook => ({
        customer: id,
        account: `wa-${id}`,
        chat: chatId,
        message: { id: messageId, text, at },
      });
      await receive(chat('966500000001', 'a1', 'Where is my INVOICE?', '2026-03-11T09:00:00Z'));
      await receive(chat('966500000001', 'a2', 'The invoice number is 42', '2026-03-11T09:01:00Z'));
      await receive(chat('966500000002', 'b1', 'Is it 100% cotton_blend?', '2026-03-11T09:02:00Z'));
      return id;
    }

    it('finds messages by their text, ignoring case, newest first, each with its conversation', async () => {
      const token = await server.token(await twoChats('sara'));
      const page = await get<MessageSearchPage>(token, 'messages/search?q=invoice');
      assert.deepEqual(
        page.items.map((hit) => hit.message.text),
        ['The invoice number is 42', 'Where is my INVOICE?'],
      );
      assert.equal(page.next_cursor, null);
      for (const hit of page.items) {
        assert.equal(hit.conversation.id, hit.message.conversation_id);
        assert.equal(hit.conversation.contact.phone, '966500000001');
      }
    });

    it('pages message hits with a cursor that goes on where the page ended', async () => {
      const token = await server.token(await twoChats('tala'));
      const first = await get<MessageSearchPage>(token, 'messages/search?q=invoice&limit=1');
      assert.equal(first.items[0]?.message.text, 'The invoice number is 42');
      assert.ok(first.next_cursor);
      const second = await get<MessageSearchPage>(
        token,
        `messages/search?q=invoice&limit=1&cursor=${encodeURIComponent(first.next_cursor)}`,
      );
      assert.deepEqual(
        second.items.map((hit) => hit.message.text),
        ['Where is my INVOICE?'],
      );
      assert.equal(second.next_cursor, null);
    });

    it('takes % and _ in the query literally', async () => {
      const token = await server.token(await twoChats('umm'));
      const percent = await get<MessageSearchPage>(token, 'messages/search?q=100%25');
      assert.deepEqual(
        percent.items.map((hit) => hit.message.text),
        ['Is it 100% cotton_blend?'],
      );
      assert.equal((await get<MessageSearchPage>(token, 'messages/search?q=%25%25')).items.length, 0);
      assert.equal((await get<MessageSearchPage>(token, 'messages/search?q=n_b')).items.length, 1);
      assert.equal((await get<MessageSearchPage>(token, 'messages/search?q=o_b')).items.length, 0);
    });

    it('filters conversations by contact and by message text with q', async () => {
      const token = await server.token(await twoChats('vera'));
      const byText = await get<ConversationPage>(token, 'conversations?q=cotton');
      assert.deepEqual(
        byText.items.map((conversation) => conversation.contact.phone),
        ['966500000002'],
      );
      const byContact = await get<ConversationPage>(token, 'conversations?q=0000001');
      assert.deepEqual(
        byContact.items.map((conversation) => conversation.contact.phone),
        ['966500000001'],
      );
      const none = await get<ConversationPage>(token, 'conversations?q=nothing%20like%20this');
      assert.deepEqual(none, { items: [], next_cursor: null, unread_total: 3 });
    });

    it('filters unread conversations and by channel type, and counts every unread message', async () => {
      const token = await server.token(await twoChats('wafa'));
      const all = await get<ConversationPage>(token, 'conversations');
      assert.equal(all.unread_total, 3);
      const read = all.items.find((conversation) => conversation.contact.phone === '966500000002')!;
      const upTo = read.last_message!.id;
      assert.equal(
        (await server.api(token, 'POST', `conversations/${read.id}/read`, { up_to_message_id: upTo })).status,
        204,
      );
      const unread = await get<ConversationPage>(token, 'conversations?unread=true');
      assert.deepEqual(
        unread.items.map((conversation) => conversation.contact.phone),
        ['966500000001'],
      );
      assert.equal(unread.unread_total, 2);
      assert.equal((await get<ConversationPage>(token, 'conversations?channel=whatsapp')).items.length, 2);
      assert.equal((await get<ConversationPage>(token, 'conversations?channel=telegram')).items.length, 0);
    });

    it("never finds another customer's messages or conversations", async () => {
      await twoChats('xena');
      const token = await server.token(customer('yara'));
      assert.deepEqual(await get<MessageSearchPage>(token, 'messages/search?q=invoice'), {
        items: [],
        next_cursor: null,
      });
      assert.deepEqual(await get<ConversationPage>(token, 'conversations?q=invoice'), {
        items: [],
        next_cursor: null,
        unread_total: 0,
      });
    });

    it('keeps a session limited to some channels to those channels', async () => {
      const id = await twoChats('zina');
      const limited = await server.token(id, [999_999]);
      assert.equal((await get<MessageSearchPage>(limited, 'messages/search?q=invoice')).items.length, 0);
      assert.equal((await get<ConversationPage>(limited, 'conversations')).unread_total, 0);
      const foreign = await server.api(limited, 'GET', 'messages/search?q=invoice&channel_id=1');
      assert.equal(foreign.status, 403);
    });

    it('answers 422 for a missing or too long q, a bad cursor, channel or unread', async () => {
      const token = await server.token(customer('amal'));
      for (const path of [
        'messages/search',
        `messages/search?q=${'x'.repeat(201)}`,
        'messages/search?q=a&cursor=nonsense',
        'messages/search?q=a&limit=0',
        'conversations?unread=yes',
        'conversations?channel=Whats%20App',
        `conversations?q=${'x'.repeat(201)}`,
      ]) {
        assert.equal((await server.api(token, 'GET', path)).status, 422, path);
      }
    });
  });
}
