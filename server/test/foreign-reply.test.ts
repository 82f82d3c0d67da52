import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Conversation, Message, MessagePage } from '../src/contract.js';
import { webhookProvider, type WebhookProviderControl } from './fixtures/webhook-provider.js';
import { customer } from './drivers.js';
import { incomingMessage, uploadFile } from './fixtures/inbox-calls.js';
import { dataOf, startServer, type TestServer } from './harness.js';

async function assertForeignReplyRefused(response: Response): Promise<void> {
  assert.equal(response.status, 422);
  const body = (await response.json()) as { success: boolean; errors?: Record<string, string[]> };
  assert.equal(body.success, false);
  assert.deepEqual(body.errors, {
    reply_to_message_id: ['The message replied to is not in this conversation.'],
  });
}

describe('a reply to a message outside the conversation (webhook-fed provider, as Chategy is)', () => {
  let fixture: WebhookProviderControl;
  let server: TestServer;

  before(async () => {
    fixture = webhookProvider();
    server = await startServer({ provider: fixture.provider, publicUrl: 'http://127.0.0.1' });
  });
  after(() => server.close());

  it('answers 422 on reply_to_message_id for a text or a file, and stores and sends nothing', async () => {
    const rosa = customer('rosa');
    const stranger = customer('stranger');
    await incomingMessage(server, rosa, 'c1', 'here', 'Are you open today?');
    await incomingMessage(server, rosa, 'c2', 'there', 'A message of another chat');
    await incomingMessage(server, stranger, 'c1', 'theirs', "Another customer's message");
    const token = await server.token(rosa);
    const conversations = (
      await dataOf<{ items: Conversation[] }>(await server.api(token, 'GET', 'conversations'))
    ).items;
    const here = conversations.find((item) => item.last_message?.text === 'Are you open today?')!;
    const there = conversations.find((item) => item.last_message?.text === 'A message of another chat')!;
    const strangerToken = await server.token(stranger);
    const [theirs] = (
      await dataOf<{ items: Conversation[] }>(await server.api(strangerToken, 'GET', 'conversations'))
    ).items;

    for (const foreign of [there.last_message!.id, theirs.last_message!.id, 'msg_unknown']) {
      const text = await server.api(token, 'POST', `conversations/${here.id}/messages`, {
        text: 'Yes, until six.',
        external_id: `text-${foreign}`,
        reply_to_message_id: foreign,
      });
      await assertForeignReplyRefused(text);
      await assertForeignReplyRefused(
        await uploadFile(server, token, here.id, { externalId: `file-${foreign}`, replyTo: foreign }),
      );
    }
    const stored = await dataOf<MessagePage>(
      await server.api(token, 'GET', `conversations/${here.id}/messages`),
    );
    assert.deepEqual(
      stored.items.map((item: Message) => item.text),
      ['Are you open today?'],
    );
    assert.equal(fixture.deliveries.length, 0);

    const answered = await server.api(token, 'POST', `conversations/${here.id}/messages`, {
      text: 'Yes, until six.',
      external_id: 'text-answer',
      reply_to_message_id: here.last_message!.id,
    });
    assert.equal(answered.status, 200);
    assert.equal((await dataOf<Message>(answered)).reply_to_message_id, here.last_message!.id);
  });
});
