import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Conversation, Message, MessagePage } from '../src/contract.js';
import { webhookProvider, type TestWebhook } from './fixtures/webhook-provider.js';
import { DRIVERS, customer } from './drivers.js';
import { dataOf, startServer, waitFor, type TestServer } from './harness.js';

const BURST = 40;

function webhookPoster(server: TestServer) {
  const path = new URL(server.server.webhookUrl!).pathname;
  return async (hook: TestWebhook) => {
    const response = await fetch(`${server.url}${path}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(hook),
    });
    assert.equal(response.status, 200, await response.text());
  };
}

function hookFor(who: string, index: number): TestWebhook {
  return { customer: who, account: `wa-${who}`, chat: 'c1', message: { id: `s${index}`, text: `m${index}` } };
}

async function allMessages(server: TestServer, token: string, conversationId: string): Promise<Message[]> {
  const page = await dataOf<MessagePage>(
    await server.api(token, 'GET', `conversations/${conversationId}/messages?limit=100`),
  );
  return page.items;
}

async function onlyConversation(server: TestServer, token: string): Promise<Conversation> {
  const page = await dataOf<{ items: Conversation[] }>(await server.api(token, 'GET', 'conversations'));
  assert.equal(page.items.length, 1);
  return page.items[0];
}

const seqsOf = (messages: readonly Message[]) => messages.map((message) => message.seq);
const oneTo = (count: number) => Array.from({ length: count }, (_, index) => index + 1);

for (const driver of DRIVERS) {
  describe(`seq: the server numbers each conversation's messages (${driver.name})`, () => {
    let server: TestServer;

    before(async () => {
      server = await startServer({
        provider: webhookProvider().provider,
        publicUrl: 'http://127.0.0.1',
        ...driver.options(),
      });
    });
    after(() => server.close());

    it('gives a burst of webhooks 1…n without a gap or a repeat, on the page and on the socket', async () => {
      const ida = customer('ida');
      const token = await server.token(ida);
      const post = webhookPoster(server);
      await post(hookFor(ida, 0));
      const { events } = await server.socket(token);
      await Promise.all(oneTo(BURST - 1).map((index) => post(hookFor(ida, index))));
      const conversation = await onlyConversation(server, token);
      const messages = await allMessages(server, token, conversation.id);
      assert.deepEqual(seqsOf(messages), oneTo(BURST));
      assert.equal(conversation.last_message?.seq, BURST);
      const pushed = await waitFor(() => {
        const news = events.filter((event) => event.event === 'message:new');
        return news.length === BURST - 1 && news;
      }, 'every message:new');
      const pushedSeqs = pushed.map((event) => (event.payload as { message: Message }).message.seq);
      assert.deepEqual(
        [...pushedSeqs].sort((a, b) => a! - b!),
        oneTo(BURST).slice(1),
      );
    });

    it('catches up after a message by seq, and a send takes the next one', async () => {
      const jon = customer('jon');
      const token = await server.token(jon);
      const post = webhookPoster(server);
      for (const index of oneTo(6)) await post(hookFor(jon, index));
      const conversation = await onlyConversation(server, token);
      const messages = await allMessages(server, token, conversation.id);
      const newer = await dataOf<MessagePage>(
        await server.api(
          token,
          'GET',
          `conversations/${conversation.id}/messages?after=${messages[1].id}&limit=3`,
        ),
      );
      assert.deepEqual(seqsOf(newer.items), [3, 4, 5]);
      assert.equal(newer.has_more, true);
      const older = await dataOf<MessagePage>(
        await server.api(token, 'GET', `conversations/${conversation.id}/messages?before=${messages[3].id}`),
      );
      assert.deepEqual(seqsOf(older.items), [1, 2, 3]);
      const sent = await dataOf<Message>(
        await server.api(token, 'POST', `conversations/${conversation.id}/messages`, {
          text: 'a reply from the server',
          external_id: `seq-send-${jon}`,
        }),
      );
      assert.equal(sent.seq, 7);
      const again = await dataOf<Message>(
        await server.api(token, 'POST', `conversations/${conversation.id}/messages`, {
          text: 'a reply from the server',
          external_id: `seq-send-${jon}`,
        }),
      );
      assert.equal(again.seq, 7, 'a repeated send keeps its place');
      await post(hookFor(jon, 6));
      assert.deepEqual(seqsOf(await allMessages(server, token, conversation.id)), oneTo(7));
    });
  });
}

const databaseUrl = process.env['TEST_DATABASE_URL'];
if (databaseUrl) {
  describe('seq: two server processes storing into one conversation on PostgreSQL', () => {
    let first: TestServer;
    let second: TestServer;

    before(async () => {
      const options = { publicUrl: 'http://127.0.0.1', databaseUrl, webhookSecret: 'shared-webhook-secret' };
      first = await startServer({ provider: webhookProvider().provider, ...options });
      second = await startServer({ provider: webhookProvider().provider, ...options });
    });
    after(async () => {
      await first.close();
      await second.close();
    });

    it('numbers the messages of both 1…n once each', async () => {
      const kim = customer('kim');
      const post = [webhookPoster(first), webhookPoster(second)];
      await post[0](hookFor(kim, 0));
      await Promise.all(oneTo(BURST - 1).map((index) => post[index % 2](hookFor(kim, index))));
      const token = await second.token(kim);
      const conversation = await onlyConversation(second, token);
      assert.deepEqual(seqsOf(await allMessages(second, token, conversation.id)), oneTo(BURST));
    });
  });
}
