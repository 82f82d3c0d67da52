import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Conversation, Message, MessagePage } from '../src/contract.js';
import {
  webhookProvider,
  type TestWebhook,
  type WebhookProviderControl,
} from './fixtures/webhook-provider.js';
import { DRIVERS, customer } from './drivers.js';
import { dataOf, startServer, waitFor, type TestServer } from './harness.js';

for (const driver of DRIVERS) {
  describe(`a webhook-fed provider on ${driver.name}`, () => {
    let fixture: WebhookProviderControl;
    let server: TestServer;
    let webhookPath: string;
    const post = (body: unknown, path = webhookPath) =>
      fetch(`${server.url}${path}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: typeof body === 'string' ? body : JSON.stringify(body),
      });
    const conversationsOf = async (token: string) =>
      (await dataOf<{ items: Conversation[] }>(await server.api(token, 'GET', 'conversations'))).items;

    before(async () => {
      fixture = webhookProvider();
      server = await startServer({
        provider: fixture.provider,
        publicUrl: 'http://127.0.0.1',
        ...driver.options(),
      });
      webhookPath = new URL(server.server.webhookUrl!).pathname;
    });
    after(() => server.close());

    it('stores a webhook once however often it comes, and pushes it to the sockets', async () => {
      const erin = customer('erin');
      const token = await server.token(erin);
      const { events } = await server.socket(token);
      const hook: TestWebhook = {
        customer: erin,
        account: `wa-${erin}`,
        chat: '966500000001',
        message: { id: 'w1', text: 'hello' },
      };
      assert.equal((await post(hook)).status, 200);
      assert.deepEqual(await dataOf(await post(hook)), { duplicate: true });
      const [conversation] = await conversationsOf(token);
      assert.equal(conversation?.unread_count, 1);
      const page = await dataOf<MessagePage>(
        await server.api(token, 'GET', `conversations/${conversation.id}/messages`),
      );
      assert.deepEqual(
        page.items.map((message) => message.text),
        ['hello'],
      );
      await waitFor(() => events.find((event) => event.event === 'message:new'), 'message:new');
      // A redelivery that differs in bytes (another field order) is still the same message.
      await post(
        JSON.stringify({ message: hook.message, chat: hook.chat, account: hook.account, customer: erin }),
      );
      const again = await dataOf<MessagePage>(
        await server.api(token, 'GET', `conversations/${conversation.id}/messages`),
      );
      assert.equal(again.items.length, 1);
      assert.equal(events.filter((event) => event.event === 'message:new').length, 1);
    });

    it('answers bad webhooks with a 4xx and stores nothing', async () => {
      const fay = customer('fay');
      const token = await server.token(fay);
      assert.equal((await post('{"customer": "broken')).status, 400);
      assert.equal((await post({ customer: fay, pad: 'x'.repeat(1024 * 1024) })).status, 413);
      assert.equal((await post({ nothing: true })).status, 422);
      assert.equal((await post({ customer: fay }, '/webhooks/testhook/wrong-secret')).status, 404);
      const ignored = await post({
        customer: 'unknown',
        account: 'a',
        chat: 'c',
        message: { id: 'm', text: 't' },
      });
      assert.equal(ignored.status, 200);
      assert.deepEqual(await conversationsOf(token), []);
    });

    it('applies a status that came before its message, and never moves a status back', async () => {
      const gus = customer('gus');
      const token = await server.token(gus);
      await post({ customer: gus, status: { id: 'out-1', status: 'read' } });
      await post({
        customer: gus,
        account: `wa-${gus}`,
        chat: 'c1',
        message: { id: 'out-1', text: 'sent from the phone', direction: 'outgoing' },
      });
      await post({ customer: gus, status: { id: 'out-1', status: 'delivered' } });
      const [conversation] = await conversationsOf(token);
      const page = await dataOf<MessagePage>(
        await server.api(token, 'GET', `conversations/${conversation.id}/messages`),
      );
      assert.equal(page.items[0]?.status, 'read');
    });

    it('pages messages, marks them read, and keeps customers apart', async () => {
      const hal = customer('hal');
      const token = await server.token(hal);
      for (let index = 1; index <= 5; index += 1) {
        await post({
          customer: hal,
          account: `wa-${hal}`,
          chat: 'c1',
          message: { id: `p${index}`, text: `m${index}` },
        });
      }
      const [conversation] = await conversationsOf(token);
      const newest = await dataOf<MessagePage>(
        await server.api(token, 'GET', `conversations/${conversation.id}/messages?limit=2`),
      );
      assert.deepEqual(
        newest.items.map((message) => message.text),
        ['m4', 'm5'],
      );
      assert.equal(newest.has_more, true);
      const older = await dataOf<MessagePage>(
        await server.api(
          token,
          'GET',
          `conversations/${conversation.id}/messages?limit=2&before=${newest.items[0].id}`,
        ),
      );
      assert.deepEqual(
        older.items.map((message) => message.text),
        ['m2', 'm3'],
      );
      const newer = await dataOf<MessagePage>(
        await server.api(
          token,
          'GET',
          `conversations/${conversation.id}/messages?after=${older.items[0].id}`,
        ),
      );
      assert.deepEqual(
        newer.items.map((message) => message.text),
        ['m3', 'm4', 'm5'],
      );
      const read = await server.api(token, 'POST', `conversations/${conversation.id}/read`, {
        up_to_message_id: newest.items[1].id,
      });
      assert.equal(read.status, 204);
      assert.equal((await conversationsOf(token))[0]?.unread_count, 0);

      const intruder = await server.token(customer('ivy'));
      assert.equal(
        (await server.api(intruder, 'GET', `conversations/${conversation.id}/messages`)).status,
        404,
      );
      const send = await server.api(intruder, 'POST', `conversations/${conversation.id}/messages`, {
        text: 'x',
        external_id: 'ivy-1',
      });
      assert.equal(send.status, 404);
      assert.equal((await server.api(intruder, 'DELETE', `messages/${newest.items[1].id}`)).status, 422);
      assert.deepEqual(await conversationsOf(intruder), []);
    });

    it('records a send before delivering it, once per external id, and shows a refusal in words', async () => {
      const jo = customer('jo');
      const token = await server.token(jo);
      await post({ customer: jo, account: `wa-${jo}`, chat: 'c1', message: { id: 'in-1', text: 'hi' } });
      const [conversation] = await conversationsOf(token);
      fixture.mode = 'ok';
      const body = {
        text: 'hello back',
        external_id: `${jo}-1`,
        reply_to_message_id: conversation.last_message!.id,
      };
      const sent = await dataOf<Message>(
        await server.api(token, 'POST', `conversations/${conversation.id}/messages`, body),
      );
      assert.equal(sent.status, 'sent');
      assert.equal(sent.reply_to_message_id, conversation.last_message!.id);
      const repeat = await dataOf<Message>(
        await server.api(token, 'POST', `conversations/${conversation.id}/messages`, body),
      );
      assert.equal(repeat.id, sent.id);
      assert.equal(
        fixture.deliveries.filter((delivery) => delivery.externalId === body.external_id).length,
        1,
      );
      assert.equal(fixture.deliveries.at(-1)?.replyTo?.providerMessageId, 'in-1');

      fixture.mode = 'refuse';
      const refused = await server.api(token, 'POST', `conversations/${conversation.id}/messages`, {
        text: 'x',
        external_id: `${jo}-2`,
      });
      assert.equal(refused.status, 422);
      const page = await dataOf<MessagePage>(
        await server.api(token, 'GET', `conversations/${conversation.id}/messages`),
      );
      const failed = page.items.find((message) => message.external_id === `${jo}-2`);
      assert.equal(failed?.status, 'failed');
      assert.equal(failed?.error, 'The number is not on WhatsApp.');
      fixture.mode = 'ok';
    });
  });

  describe(`sends survive a restart on ${driver.name}`, () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'inbox-server-'));
    after(() => rmSync(dataDir, { recursive: true, force: true }));

    it('tries a send that never reached the upstream again after a restart, with the same external id', async () => {
      const kim = customer('kim');
      const down = webhookProvider();
      down.mode = 'throw';
      const first = await startServer({
        provider: down.provider,
        publicUrl: 'http://127.0.0.1',
        ...driver.options(dataDir),
      });
      const webhookPath = new URL(first.server.webhookUrl!).pathname;
      await fetch(`${first.url}${webhookPath}`, {
        method: 'POST',
        body: JSON.stringify({
          customer: kim,
          account: `wa-${kim}`,
          chat: 'c1',
          message: { id: 'in-1', text: 'hi' },
        }),
      });
      const token = await first.token(kim);
      const [conversation] = (
        await dataOf<{ items: Conversation[] }>(await first.api(token, 'GET', 'conversations'))
      ).items;
      const pending = await dataOf<Message>(
        await first.api(token, 'POST', `conversations/${conversation.id}/messages`, {
          text: 'while down',
          external_id: `${kim}-1`,
        }),
      );
      assert.equal(pending.status, 'pending');
      await first.close();

      const up = webhookProvider();
      const second = await startServer({
        provider: up.provider,
        publicUrl: 'http://127.0.0.1',
        ...driver.options(dataDir),
      });
      try {
        await waitFor(
          () => up.deliveries.find((delivery) => delivery.externalId === `${kim}-1`),
          'the resumed delivery',
        );
        const secondToken = await second.token(kim);
        const message = await waitFor(async () => {
          const page = await dataOf<MessagePage>(
            await second.api(secondToken, 'GET', `conversations/${conversation.id}/messages`),
          );
          const found = page.items.find((item) => item.external_id === `${kim}-1`);
          return found?.status === 'sent' && found;
        }, 'the sent status');
        assert.equal(message.id, pending.id);
        assert.equal(up.deliveries.filter((delivery) => delivery.externalId === `${kim}-1`).length, 1);
      } finally {
        await second.close();
      }
    });
  });
}
